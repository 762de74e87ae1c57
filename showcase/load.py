"""Read Markdown front-matter and YAML files safely, keeping the line of every key.

PyYAML's safe loader is used for parsing only; the node tree is walked here so that
duplicate keys are caught (PyYAML keeps the last silently), aliases are refused (no
"billion laughs"), and every key and list item keeps its line number. Whatever the input,
the result is a value or a located `ProblemError`, never a traceback.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, ProblemError

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(SafeLoader):
    """PyYAML's safe loader (libyaml's when installed) with a quicker way to the same tags.

    The loader asks `resolve` for the tag of every node, and PyYAML's own looks through its
    tables step by step each time: a fifth of the time of parsing a profile. Here the tables
    are merged once by first character; the answers are the same."""

    _by_first = {first: tuple(found) + tuple(SafeLoader.yaml_implicit_resolvers.get(None, ()))
                 for first, found in SafeLoader.yaml_implicit_resolvers.items() if first is not None}
    _anywhere = tuple(SafeLoader.yaml_implicit_resolvers.get(None, ()))
    _fast = not SafeLoader.yaml_path_resolvers  # PyYAML's safe loader has none; if one is added, use PyYAML's

    def resolve(self, kind, value, implicit):
        if not self._fast:
            return super().resolve(kind, value, implicit)
        if kind is yaml.ScalarNode:
            if implicit[0]:  # a plain scalar: maybe a number, a date, a boolean, null
                for tag, pattern in self._by_first.get(value[:1], self._anywhere):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG
MAX_FLOW_DEPTH = 64  # libyaml's composer recurses in C: deep [[[[...]]]] would crash it
MAX_DEPTH = 64  # the same for block collections (`- - - …`, ever deeper indents), and _Walker recurses in Python
# A block collection nested in another starts on a new, further indented line, or after `- `
# or `? ` at the start of its line, and at most one mapping follows those; so a text in which no
# line starts with BLOCK_RUN such characters nests at most 2 * BLOCK_RUN + 3 block levels,
# and only other texts (rare: deep indents in a block scalar) are parsed once more to count.
BLOCK_RUN = 24
_LONG_RUN = re.compile(r"^[ \t?-]{%d}" % BLOCK_RUN, re.MULTILINE)
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
FENCE = "---"
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode

KeyPath = tuple
# A line that is only `---` or `...` (then any whitespace that `str.rstrip` would drop).
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*$", re.MULTILINE)


@dataclass
class Document:
    """One Markdown profile: front-matter values with their lines, and the body."""

    path: Path
    rel: str
    meta: dict
    body: str
    body_line: int
    lines: dict[KeyPath, int] = field(default_factory=dict)
    text: str = ""  # the whole file, NFC, for scans that are not about one key
    unreadable: dict = field(default_factory=dict)  # key path -> DH003 of a value kept as text (parse_yaml's `problems`)

    @property
    def slug(self) -> str:
        return stem(self.rel)

    def line(self, *keys: Any) -> int | None:
        """The line of a key (or list item); falls back to its parent, then line 1."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return 1


def stem(rel: str) -> str:
    """`Path(rel).stem` without building a Path (called for every profile, several times)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def read_bytes(path: Path, rel: str, max_bytes: int) -> bytes:
    """The file's bytes; a located problem when it is too large or unreadable."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise ProblemError(Problem(
                "DH006", rel, None,
                f"Tệp quá lớn ({_thousands(size)} byte, tối đa {_thousands(max_bytes)} byte).",
                "Rút gọn nội dung; ảnh đặt thành tệp riêng, không nhúng vào văn bản."))
        with open(path, "rb") as file:
            return file.read()
    except OSError as exc:
        raise ProblemError(Problem("DH001", rel, None, f"Không đọc được tệp: {exc.strerror}.",
                                   "Kiểm tra tệp có tồn tại và có quyền đọc.")) from None


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Vietnamese groups digits with dots


def decode(raw: bytes, rel: str) -> str:
    """Bytes as NFC text with LF line ends; a BOM is accepted."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProblemError(Problem(
            "DH001", rel, 1, "Tệp được lưu bằng bảng mã UTF-16 (Notepad gọi là “Unicode”), không phải UTF-8.",
            "Mở tệp, chọn Lưu thành… (Save As), ở ô Mã hoá (Encoding) chọn UTF-8 rồi lưu lại.")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemError(Problem(
            "DH001", rel, line, "Tệp không được mã hoá UTF-8.",
            "Lưu lại tệp với bảng mã UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8).")) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: Path, rel: str, max_bytes: int) -> str:
    """File text as NFC with LF line ends; a BOM is accepted."""
    return decode(read_bytes(path, rel, max_bytes), rel)


def split_front_matter(text: str, rel: str) -> tuple[str, str, int]:
    """(front-matter YAML, body, line where the body starts)."""
    first = text.partition("\n")[0]
    if first.rstrip() != FENCE:
        raise ProblemError(_no_front_matter(text, first, rel))
    start = len(first) + 1
    close = _CLOSING_FENCE.search(text, start)  # the body, most of the file, is never split into lines
    if close:
        yaml_text = text[start:close.start() - 1] if close.start() > start else ""
        return yaml_text, text[close.end() + 1:], text.count("\n", 0, close.start()) + 2
    raise ProblemError(Problem(
        "DH003", rel, 1, "Phần khai báo (các dòng `tên_trường: giá trị` ở đầu tệp) mở bằng `---` nhưng không có dòng "
        "`---` đóng lại.",
        "Thêm một dòng chỉ có ba dấu gạch ngang `---` sau trường cuối cùng, trước phần câu chuyện (nếu Word đã đổi "
        "`---` thành một gạch dài `—`, gõ lại ba dấu `-`)."))


_DASHES = re.compile(r"^[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+$")
_FIELD_LINE = re.compile(r"^[a-z_]+:(?:\s|$)", re.MULTILINE)


def _no_front_matter(text: str, first: str, rel: str) -> Problem:
    """DH002, saying why the first line is not `---`."""
    what = "Tệp không có phần khai báo (front-matter: các dòng `tên_trường: giá trị` giữa hai dòng `---` ở đầu tệp)"
    if _DASHES.match(first) and first.strip():
        return Problem("DH002", rel, 1, f"{what}: dòng đầu là `{first.strip()[:10]}`, không phải đúng ba dấu gạch "
                       "ngang `---` (Word thường tự đổi `---` thành một gạch dài —).",
                       "Sửa dòng đầu (và dòng đóng phần khai báo) thành đúng ba dấu gạch ngang `---`, không có gì "
                       "khác trên dòng.", "error")
    fence = text.find("\n---\n")
    if 0 <= fence < 2000 and _FIELD_LINE.search(text, fence):
        line = text.count("\n", 0, fence) + 2
        return Problem("DH002", rel, 1, f"{what}: có chữ ở trước dòng `---` (dòng {line}), nên các trường bên dưới "
                       "không được đọc.", "Chuyển phần chữ đó xuống dưới dòng `---` thứ hai (phần câu chuyện), để dòng "
                       "đầu tiên của tệp là `---`.", "error")
    return Problem("DH002", rel, 1, f"{what} nên sẽ bị bỏ qua.",
                   "Dòng đầu tiên của tệp phải là `---`, tiếp theo là các trường, rồi một dòng `---`; xem tệp mẫu "
                   "templates/exemplar.md.", "error")


def parse_yaml(text: str, rel: str, first_line: int = 1,
               problems: dict[KeyPath, Problem] | None = None) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML text; `first_line` is the file line of the text's first line. With a dict
    `problems`, a value that cannot be read (an impossible date) is recorded there and kept as
    its text, so that the file's other problems are found in the same run."""
    _check_flow_depth(text, rel, first_line)
    _check_block_depth(text, rel, first_line)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        from .yaml_errors import syntax_problem  # only for a file that does not parse

        raise ProblemError(syntax_problem(exc, text, rel, first_line)) from None
    except yaml.reader.ReaderError as exc:  # a control character: the reader refuses the whole text
        raise ProblemError(_unreadable_character(exc, text, rel, first_line)) from None
    except yaml.YAMLError:
        raise ProblemError(Problem("DH003", rel, first_line, "Phần khai báo không đọc được.",
                                   "Kiểm tra lại cú pháp phần khai báo.")) from None
    finally:
        loader.dispose()
    if node is None:
        return None, {}
    return _Walker(rel, first_line, problems).value(node, ())


def _unreadable_character(exc: yaml.reader.ReaderError, text: str, rel: str, first_line: int) -> Problem:
    """DH110 where the character stands, in words (libyaml says "unacceptable character #x0007")."""
    from .hygiene import HIDDEN_HINT, describe

    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character or "\0")[:1]
    position = max(text.find(char), 0)  # libyaml counts bytes, the pure-Python reader characters: look it up
    line_start = text.rfind("\n", 0, position) + 1
    return Problem("DH110", rel, first_line + text.count("\n", 0, position),
                   f"Có {describe(char)} ở cột {position - line_start + 1}.", HIDDEN_HINT, "error")


def load_markdown(path: Path, rel: str, max_bytes: int) -> Document:
    return parse_markdown(read_text(path, rel, max_bytes), path, rel)


def parse_markdown(text: str, path: Path, rel: str) -> Document:
    """A profile from its text (see `decode`)."""
    yaml_text, body, body_line = split_front_matter(text, rel)
    unreadable: dict[KeyPath, Problem] = {}
    meta, lines = parse_yaml(yaml_text, rel, first_line=2, problems=unreadable)
    if meta is None:
        meta = {}
        if _FIELD_LINE.match(body.lstrip("\n")):  # `---` twice at the top: the fields fell into the story
            raise ProblemError(Problem(
                "DH002", rel, body_line - 1, "Phần khai báo trống vì có hai dòng `---` liền nhau, nên các trường "
                "bên dưới bị coi là câu chuyện.", "Xoá một trong hai dòng `---` ở đầu tệp.", "error"))
    if not isinstance(meta, dict):
        raise ProblemError(Problem(
            "DH007", rel, 2, "Phần khai báo phải là danh sách các cặp `trường: giá trị`.",
            "Mỗi dòng có dạng `ten_truong: giá trị`, ví dụ `name: Nguyễn Văn A`."))
    return Document(path, rel, meta, body, body_line, lines, text, unreadable)


def load_yaml_file(path: Path, rel: str, max_bytes: int = 2_000_000) -> tuple[Any, dict[KeyPath, int]]:
    return parse_yaml(read_text(path, rel, max_bytes), rel)


def _check_flow_depth(text: str, rel: str, first_line: int) -> None:
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return  # cannot nest deeper than it opens; skips the per-character loop for nearly every file
    depth = 0
    for index, char in enumerate(text):
        if char in "[{":
            depth += 1
            if depth > MAX_FLOW_DEPTH:
                line = first_line + text.count("\n", 0, index)
                raise ProblemError(Problem("DH003", rel, line, "Dấu ngoặc `[` hoặc `{` lồng nhau quá sâu.",
                                           "Viết danh sách theo dạng từng dòng bắt đầu bằng `- `."))
        elif char in "]}" and depth:
            depth -= 1


def _check_block_depth(text: str, rel: str, first_line: int) -> None:
    """DH003 for collections nested deeper than MAX_DEPTH, before libyaml's composer (recursive,
    in C: 60,000 levels of `- ` overflow its stack) or _Walker (a RecursionError) meet them.
    libyaml's parser, which makes the events counted here, keeps its own stack on the heap."""
    if not _LONG_RUN.search(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ProblemError(Problem(
                        "DH003", rel, first_line + event.start_mark.line,
                        f"Các mục lồng nhau quá sâu (quá {MAX_DEPTH} cấp).",
                        "Mỗi trường chỉ lồng một, hai cấp như trong tệp mẫu templates/exemplar.md; "
                        "bỏ các dấu `- ` hoặc phần thụt lề thừa."))
            elif isinstance(event, _CLOSES):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error before any deep level: parse_yaml reports it where it stands


class _Walker:
    """Turns a composed node tree into Python values, recording the line of each key."""

    def __init__(self, rel: str, first_line: int, problems: dict[KeyPath, Problem] | None = None):
        self.rel = rel
        self.problems = problems
        self.first_line = first_line
        self.lines: dict[KeyPath, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()

    def value(self, node: yaml.Node, path: KeyPath) -> tuple[Any, dict[KeyPath, int]]:
        return self.build(node, path), self.lines

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if node.__class__ is _SCALAR:
            return self.scalar(node, path)
        if id(node) in self.seen:
            raise ProblemError(Problem(
                "DH005", self.rel, self.lines.get(path) or self.line_of(node),
                "Không được dùng neo/bí danh YAML (`&tên` đánh dấu một giá trị, `*tên` dùng lại nó ở chỗ khác).",
                "Viết đầy đủ giá trị tại từng chỗ thay vì tham chiếu bằng `*`; nếu chữ bắt đầu bằng `*` hoặc `&`, "
                "đặt cả giá trị trong ngoặc kép."))
        self.seen.add(id(node))
        lines, first_line = self.lines, self.first_line
        if node.__class__ is _SEQUENCE:
            items = []
            for index, item in enumerate(node.value):
                lines[path + (index,)] = first_line + item.start_mark.line
                items.append(self.build(item, path + (index,)))
            return items
        mapping: dict = {}
        for key_node, value_node in node.value:
            # Most keys and values are plain text: handled here, without a call per node.
            if key_node.__class__ is _SCALAR and key_node.tag == _STR_TAG:
                key = unicodedata.normalize("NFC", key_node.value)
            else:
                key = self.build(key_node, path)
            line = first_line + key_node.start_mark.line
            try:
                hash(key)
            except TypeError:
                raise ProblemError(Problem("DH003", self.rel, line, "Tên trường không hợp lệ.",
                                           "Tên trường là một từ, ví dụ `name:`.")) from None
            if key in mapping:
                raise ProblemError(Problem(
                    "DH004", self.rel, line,
                    f"Trường `{key}` bị khai báo hai lần (lần đầu ở dòng {lines[path + (key,)]}).",
                    "Gộp hai giá trị vào một trường rồi xoá dòng thừa; nếu không, giá trị đầu sẽ bị mất."))
            child = path + (key,)
            lines[child] = line
            if value_node.__class__ is _SCALAR and value_node.tag == _STR_TAG:
                mapping[key] = unicodedata.normalize("NFC", value_node.value)
            else:
                mapping[key] = self.build(value_node, child)
        return mapping

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag == _STR_TAG:  # most values: what SafeConstructor would return, without its bookkeeping
            return unicodedata.normalize("NFC", node.value)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except Exception as exc:  # a bad date or an unknown !tag: report it where it stands
            is_date = "timestamp" in node.tag or isinstance(exc, ValueError)
            message = (f"Ngày `{node.value}` không có thật." if is_date
                       else f"Giá trị `{node.value}` có thẻ YAML (ký hiệu kiểu dữ liệu bắt đầu bằng `!`) không được "
                       f"phép ({node.tag}).")
            found = Problem("DH003", self.rel, self.line_of(node), message,
                            "Kiểm tra lại ngày, tháng (tháng 2 có 28 hoặc 29 ngày; tháng 4, 6, 9, 11 có 30 ngày); "
                            "ngày viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-12." if is_date
                            else "Bỏ thẻ bắt đầu bằng `!` (thẻ YAML: ký hiệu kiểu dữ liệu đặc biệt, không dùng "
                            "trong hồ sơ).", "error")
            if self.problems is None or not is_date:
                raise ProblemError(found) from None
            self.problems[path] = found
            return unicodedata.normalize("NFC", node.value)  # checked no further: DH003 says what is wrong
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value
