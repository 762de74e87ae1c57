"""A YAML syntax error as an editor can act on it: Vietnamese words, the line that is wrong.

libyaml words its problems in English and often marks the line *after* the mistake (a key
without `:` is only found wrong when the next line starts). Here the text up to the mark is
read again for what Word and other editors paste (a no-break space after a colon, curly
quotes, a full-width colon, a tab), and libyaml's own marks are used where they point at the
cause (an unclosed quote: where it opens). Every libyaml problem has a Vietnamese wording; an
unknown one gets a general but true sentence, never the English.
"""

from __future__ import annotations

import re

import yaml

from .problems import Problem

# Characters Word and web pages put where a plain space belongs.
ODD_SPACES = "\u00a0\u202f\u2007\u3000"
_ODD_SPACE_AT_START = re.compile(f"^[ \\t]*[{ODD_SPACES}]")
_ODD_SPACE_AFTER_KEY = re.compile(f"^[ \\t]*(?:- +)?[^\\s:#\"'][^:]*:[{ODD_SPACES}]")
_FULLWIDTH_COLON = re.compile(r"^[ \t]*(?:- +)?[^\s:#\"'：][^:：]*：")
_CURLY_VALUE = re.compile(r"^[ \t]*(?:- +)?(?:[^\s:#\"'][^:]*:[ \t]+)?[“”„‘’«]")
_DASH_NO_SPACE = re.compile(r"^[ \t]*-[A-Za-z_][\w-]*:[ \t]")
_STAR_BULLET = re.compile(r"^[ \t]*\*[ \t]+\S")
_KEY_LINE = re.compile(r"^([ \t]*)(?:- +)?([A-Za-z_][\w-]*)")

FIX = "Chạy `.venv/bin/python scripts/validate.py --fix TÊN-TỆP` để sửa tự động, hoặc gõ lại dấu cách đó bằng bàn phím."
QUOTE_HINT = ("Nếu giá trị có dấu `:`, `#` hoặc bắt đầu bằng ký tự đặc biệt, đặt cả giá trị trong ngoặc kép thẳng "
              "`\"…\"`; thụt lề bằng dấu cách, không dùng Tab.")

# libyaml's problem (and PyYAML's, which words a few the same) -> what it means for an editor.
# Matched as a prefix; the order matters only where one prefix contains another.
_REASONS = (
    ("mapping values are not allowed", "có dấu `:` ở giữa giá trị (YAML hiểu đó là tên trường mới)",
     "Đặt cả giá trị trong ngoặc kép thẳng, ví dụ `summary: \"Nông dân: sản xuất giỏi\"`; nếu đây là trường con, "
     "thụt lề cho đều với các trường cùng nhóm."),
    ("could not find expected ':'", "dòng không có dạng `tên_trường: giá trị`", None),
    ("found character '\\t' that cannot start any token", "có ký tự Tab ở đầu dòng",
     "Thụt lề bằng dấu cách (2 dấu cách mỗi cấp), không dùng phím Tab."),
    ("found a tab character", "có ký tự Tab ở đầu dòng",
     "Thụt lề bằng dấu cách (2 dấu cách mỗi cấp), không dùng phím Tab."),
    ("found character that cannot start any token", None, None),  # worded from the character: _start_char
    ("did not find expected key", "thụt lề không khớp với các dòng phía trên",
     "Các trường cùng một nhóm phải thụt vào đúng bằng nhau (cùng số dấu cách), như trong tệp mẫu."),
    ("did not find expected '-' indicator", "thụt lề của danh sách không đều",
     "Mỗi mục của danh sách bắt đầu bằng `- ` và thụt vào bằng nhau."),
    ("block sequence entries are not allowed", "danh sách bắt đầu ngay sau dấu `:` trên cùng một dòng",
     "Xuống dòng sau `tên_trường:`, rồi viết mỗi mục một dòng, thụt 2 dấu cách: `  - mục`."),
    ("mapping keys are not allowed", "có dấu `?` ở chỗ không được phép", None),
    ("found undefined alias", "giá trị bắt đầu bằng dấu `*` (có thể do chữ đậm, chữ nghiêng chép từ Word)", None),
    ("did not find expected alphabetic or numeric character",
     "giá trị bắt đầu bằng dấu `*` hoặc `&` (có thể do chữ đậm, chữ nghiêng chép từ Word)", None),
    ("found duplicate anchor", "dùng dấu `&` ở đầu giá trị", None),
    ("found unexpected end of stream", "dấu ngoặc kép hoặc ngoặc đơn mở ở đây nhưng không đóng",
     "Thêm dấu đóng ngoặc cùng loại ở cuối giá trị (cùng dòng), hoặc bỏ dấu mở ngoặc."),
    ("found unexpected document indicator", "dấu ngoặc mở ở đây nhưng không đóng trước dòng `---`",
     "Thêm dấu đóng ngoặc cùng loại ở cuối giá trị (cùng dòng), hoặc bỏ dấu mở ngoặc."),
    ("found unknown escape character", "trong ngoặc kép, dấu `\\` mở đầu một mã đặc biệt",
     "Đường dẫn ảnh viết bằng dấu `/`, ví dụ `images/ten-anh.jpg`; chữ có dấu `\\` thì đặt trong ngoặc đơn `'…'`."),
    ("did not find expected hexdecimal number", "trong ngoặc kép, dấu `\\` mở đầu một mã đặc biệt",
     "Đường dẫn ảnh viết bằng dấu `/`, ví dụ `images/ten-anh.jpg`; chữ có dấu `\\` thì đặt trong ngoặc đơn `'…'`."),
    ("found invalid Unicode character escape code", "trong ngoặc kép, dấu `\\` mở đầu một mã đặc biệt",
     "Xoá dấu `\\`, hoặc đặt giá trị trong ngoặc đơn `'…'`."),
    ("did not find expected ',' or ']'", "danh sách trong ngoặc vuông `[ ]` chưa đóng",
     "Viết danh sách theo từng dòng `  - mục`, hoặc thêm `]` ở cuối."),
    ("did not find expected ',' or '}'", "nhóm trong ngoặc nhọn `{ }` chưa đóng", "Thêm `}` ở cuối, hoặc bỏ `{`."),
    ("did not find expected ','", "danh sách trong ngoặc `[ ]` hoặc `{ }` chưa đóng", None),
    ("did not find expected node content", "thiếu giá trị sau dấu `-` hoặc dấu `,`", None),
    ("did not find expected comment or line break", "có chữ thừa sau dấu `|` hoặc `>`, hoặc sau dấu đóng ngoặc",
     "Giá trị nhiều dòng: chỉ để `|` ở cuối dòng tên trường; giá trị trong ngoặc kép: không viết gì sau dấu đóng."),
    ("did not find expected whitespace or line break", "giá trị bắt đầu bằng `!` (thẻ YAML: ký hiệu kiểu dữ liệu "
     "đặc biệt, không dùng trong hồ sơ)", None),
    ("did not find expected tag URI", "giá trị bắt đầu bằng `!` (thẻ YAML, không dùng trong hồ sơ)", None),
    ("did not find expected '!'", "giá trị bắt đầu bằng `!` (thẻ YAML, không dùng trong hồ sơ)", None),
    ("found undefined tag handle", "giá trị bắt đầu bằng `!` (thẻ YAML, không dùng trong hồ sơ)", None),
    ("did not find URI escaped octet", "giá trị bắt đầu bằng `!` (thẻ YAML, không dùng trong hồ sơ)", None),
    ("found an incorrect", "giá trị bắt đầu bằng `!` (thẻ YAML, không dùng trong hồ sơ)", None),
    ("did not find expected <document start>", "có nội dung thừa sau phần khai báo", None),
    ("expected a single document", "có hai phần khai báo (một dòng `---` ở giữa các trường)",
     "Xoá dòng `---` thừa: phần khai báo mở bằng một dòng `---` và đóng bằng một dòng `---`."),
    ("but found another document", "có hai phần khai báo (một dòng `---` ở giữa các trường)",
     "Xoá dòng `---` thừa: phần khai báo mở bằng một dòng `---` và đóng bằng một dòng `---`."),
    ("found incompatible YAML document", "dòng bắt đầu bằng `%`", None),
    ("could not find expected directive name", "dòng bắt đầu bằng `%`", None),
    ("found unexpected non-alphabetical character", "dòng bắt đầu bằng `%`", None),
    ("found unknown directive name", "dòng bắt đầu bằng `%`", None),
    ("found duplicate %", "dòng bắt đầu bằng `%`", None),
    ("found an indentation indicator equal to 0", "sau dấu `|` hoặc `>` có số 0", None),
    ("found a comment without", "dấu `#` dính liền chữ phía trước", None),
    ("expected <block end>", "thụt lề không khớp với các dòng phía trên", None),
    ("expected <document start>", "có nội dung thừa sau phần khai báo", None),
)
_GENERAL = "không đọc được dòng này (thường do thụt lề không đều, thiếu dấu `:` hoặc dấu ngoặc chưa đóng)"

_START_CHARS = {
    "@": "giá trị bắt đầu bằng `@`",
    "`": "giá trị bắt đầu bằng dấu huyền `` ` ``",
    "%": "giá trị bắt đầu bằng `%`",
    "\t": "có ký tự Tab ở đầu dòng",
}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, rel: str, first_line: int) -> Problem:
    """DH003 for a YAML syntax error: what is wrong, on the line that is wrong, how to fix it."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    at = mark.line if mark else 0
    lines = text.split("\n")
    if pasted := _pasted(lines, at):
        index, message, hint = pasted
        return _dh003(rel, first_line + index, message, hint)
    if exc.context_mark is not None and (context.startswith(("while scanning a simple key",
                                                             "while scanning a quoted scalar"))):
        at = exc.context_mark.line  # where the key or the quote starts, not where libyaml gave up
    line_text = lines[at] if 0 <= at < len(lines) else ""
    reason, hint = _GENERAL, None
    for english, vietnamese, fix in _REASONS:
        if problem.startswith(english) or (not problem and context.startswith(english)):
            reason, hint = vietnamese, fix
            break
    if problem.startswith("found character that cannot start any token") and mark is not None:
        char = line_text[mark.column:mark.column + 1] if mark.line == at else ""
        reason = _START_CHARS.get(char, "có một ký tự không được đứng đầu giá trị")
        written = re.match(r"^[ \t]*(?:- +)?([A-Za-z_][\w-]*):[ \t]+(.+?)\s*$", line_text)
        example = (f", ví dụ `{written.group(1)}: \"{written.group(2)[:60]}\"`" if written and '"' not in written.group(2)
                   else "")
        hint = ("Thụt lề bằng dấu cách, không dùng phím Tab." if char == "\t" else
                f"Đặt cả giá trị trong ngoặc kép thẳng{example}, hoặc bỏ ký tự đó.")
    if problem.startswith("could not find expected ':'"):
        reason, hint = _no_colon(line_text, at, lines)
    if problem.startswith(("found undefined alias", "did not find expected alphabetic", "found duplicate anchor")):
        hint = "Đặt cả giá trị trong ngoặc kép thẳng `\"…\"`, hoặc bỏ dấu `*`, `&` ở đầu."
    return _dh003(rel, first_line + at, f"Lỗi cú pháp: {reason}.", hint or QUOTE_HINT)


def _dh003(rel: str, line: int, message: str, hint: str) -> Problem:
    return Problem("DH003", rel, line, message, hint, "error")


def _pasted(lines: list[str], upto: int) -> tuple[int, str, str] | None:
    """(index, message, hint) of the first line up to `upto` (and the next) that holds a character
    pasted from Word where YAML needs a plain one."""
    for index, line in enumerate(lines[:upto + 2]):
        if line.lstrip().startswith("#"):
            continue
        if _ODD_SPACE_AT_START.match(line) or _ODD_SPACE_AFTER_KEY.match(line):
            return (index, "Lỗi cú pháp: có dấu cách đặc biệt (no-break space, thường do chép từ Word) ở đầu dòng "
                    "hoặc sau dấu `:`, nên dòng này không được hiểu là `tên_trường: giá trị`.", FIX)
        if _STAR_BULLET.match(line) and index >= upto - 1:
            return (index, "Lỗi cú pháp: mục danh sách bắt đầu bằng dấu `*` (dấu đầu dòng của Word hoặc Markdown), mà "
                    "trong phần khai báo mỗi mục phải bắt đầu bằng `- `.",
                    "Đổi `*` ở đầu mỗi mục thành `-` (gạch ngang và một dấu cách), thụt vào 2 dấu cách.")
        if _DASH_NO_SPACE.match(line) and index >= upto - 1:
            return (index, "Lỗi cú pháp: thiếu dấu cách sau dấu `-` ở đầu mục danh sách.",
                    "Viết `- ` (gạch ngang rồi một dấu cách) trước nội dung của mục, ví dụ `  - title: …`.")
        if _FULLWIDTH_COLON.match(line):
            return (index, "Lỗi cú pháp: dấu hai chấm `：` là dấu của bộ gõ tiếng Trung/Nhật (toàn độ rộng), "
                    "không phải dấu `:` thường.", "Xoá dấu `：` và gõ lại dấu `:` bằng bàn phím (kèm một dấu cách).")
        if _CURLY_VALUE.match(line) and ": " in line.split(":", 1)[-1] and index >= upto - 1:
            return (index, "Lỗi cú pháp: giá trị có dấu `:` nằm trong ngoặc kép cong “…” (do Word tự đổi), mà chỉ "
                    "ngoặc kép thẳng `\"…\"` mới giữ được dấu `:`.",
                    "Đổi “ ” thành \" \" (gõ lại bằng bàn phím), hoặc chạy `.venv/bin/python scripts/validate.py "
                    "--fix TÊN-TỆP` để sửa tự động.")
    return None


def _known_keys() -> set[str]:
    from .fields import EXEMPLAR_FIELDS, MOVEMENT_FIELDS

    return {f.key for f in EXEMPLAR_FIELDS + MOVEMENT_FIELDS} | {
        s.key for f in EXEMPLAR_FIELDS for s in f.subfields}


def _no_colon(line: str, index: int, lines: list[str]) -> tuple[str, str]:
    """Why a line is not `key: value`, from what it looks like."""
    stripped = line.strip()
    key = _KEY_LINE.match(line)
    if not stripped:
        return _GENERAL, QUOTE_HINT
    if re.match(r"^[ \t]*(?:- +)?[A-Za-z_][\w-]*:\S", line):
        name = line.split(":", 1)[0].strip().lstrip("- ")
        return (f"thiếu dấu cách sau dấu `:` của `{name}`",
                f"Viết `{name}: giá trị` (một dấu cách sau dấu hai chấm).")
    if key and re.match(r"^[ \t]*(?:- +)?[A-Za-z_][\w-]*[ \t]*=", line):
        return ("dùng dấu `=` thay cho dấu `:`", f"Viết `{key.group(2)}: giá trị`.")
    word = re.match(r"^[ \t]*(?:- +)?([A-Za-z_][A-Za-z0-9_-]*)(?:[ \t]|$)", line)
    if word and " " not in stripped:
        return (f"thiếu dấu `:` sau tên trường `{word.group(1)}`", f"Viết `{word.group(1)}: giá trị`.")
    previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    continued = bool(re.match(r"^[ \t]*(?:- +)?[^\s:#][^:]*:[ \t]+\S", previous)) or previous.lstrip().startswith("- ")
    if word and (not continued or word.group(1) in _known_keys()):
        return (f"thiếu dấu `:` sau tên trường `{word.group(1)}`", f"Viết `{word.group(1)}: giá trị`.")
    return ("dòng này không có dạng `tên_trường: giá trị`; nếu nó là phần tiếp theo của giá trị ở dòng trên thì "
            "phải thụt vào",
            "Nối dòng này vào cuối dòng trên, hoặc thụt nó vào 2 dấu cách so với tên trường; nếu đây là một "
            "trường, thêm dấu `:` sau tên trường.")
