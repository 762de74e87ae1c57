"""Characters no editor means to type: controls, invisible and bidi-override characters (DH110).

They come in with copy and paste (web pages, Word, chat apps) or on purpose: U+202E shows a
name backwards, a zero-width space makes "Nguyễn Văn A" a different name from itself, a
control character makes feed.xml unreadable. One regex finds them all, at C speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # ids used in URLs and file names (`$` would let "a\n" in)
MAX_ID = 100  # an id is a folder of the site: file systems refuse names over 255 bytes

# (first, last, Vietnamese description); \t and \n are ordinary, \r is gone after decoding.
_RANGES = (
    (0x00, 0x08, "ký tự điều khiển"), (0x0B, 0x1F, "ký tự điều khiển"), (0x7F, 0x9F, "ký tự điều khiển"),
    (0xAD, 0xAD, "dấu gạch nối ẩn (soft hyphen)"),
    (0x061C, 0x061C, "ký tự đảo chiều văn bản"),
    (0x115F, 0x1160, "ký tự trống vô hình"),
    (0x180E, 0x180E, "ký tự khoảng trắng độ rộng 0"),
    (0x200B, 0x200B, "ký tự khoảng trắng độ rộng 0"),
    (0x200C, 0x200D, "ký tự nối hoặc ngắt độ rộng 0"),
    (0x200E, 0x200F, "ký tự đảo chiều văn bản"),
    (0x2028, 0x2029, "ký tự ngắt dòng đặc biệt"),
    (0x202A, 0x202E, "ký tự đảo chiều văn bản"),
    (0x2060, 0x2064, "ký tự ẩn độ rộng 0"),
    (0x2066, 0x2069, "ký tự đảo chiều văn bản"),
    (0x206A, 0x206F, "ký tự định dạng ẩn"),
    (0x3164, 0x3164, "ký tự trống vô hình"),
    (0xFEFF, 0xFEFF, "ký tự khoảng trắng độ rộng 0 (BOM)"),
    (0xFFA0, 0xFFA0, "ký tự trống vô hình"),
    (0xFFF9, 0xFFFB, "ký tự định dạng ẩn"),
    (0xFFFE, 0xFFFF, "ký tự không hợp lệ"),
    (0xE0000, 0xE007F, "ký tự thẻ ẩn"),
)
HIDDEN = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, _ in _RANGES) + "]")
HIDDEN_HINT = ("Xoá đoạn chữ quanh vị trí đó rồi gõ lại bằng bàn phím: ký tự này không nhìn thấy được, "
               "thường lọt vào khi sao chép từ trang web, Word hoặc tin nhắn.")
# Not allowed anywhere in an XML 1.0 document (feed.xml, sitemap.xml).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def describe(char: str) -> str:
    """'U+200B (ký tự khoảng trắng độ rộng 0)'."""
    code = ord(char)
    name = next((label for first, last, label in _RANGES if first <= code <= last), "ký tự ẩn")
    return f"U+{code:04X} ({name})"


def hidden_character(text: str) -> str | None:
    """The first hidden character of `text`, described; None for ordinary text."""
    found = HIDDEN.search(text)
    return describe(found.group()) if found else None


def hidden_in_text(text: str, first_line: int = 1, limit: int = 5) -> Iterator[tuple[int, int, str]]:
    """(line, column, description) of the hidden characters of a file's text, one per line, at most `limit`."""
    last_line = None
    found = 0
    for match in HIDDEN.finditer(text):
        start = match.start()
        line = first_line + text.count("\n", 0, start)
        if line == last_line:
            continue
        last_line = line
        column = start - text.rfind("\n", 0, start)
        yield line, column, describe(match.group())
        found += 1
        if found >= limit:
            return


def hidden_in_data(data, path: tuple = ()) -> tuple[tuple, str] | None:
    """(key path, description) of the first key or string value of parsed YAML holding a hidden
    character (YAML escapes such as "\\u202e" make them without typing them); None if none."""
    return next(hidden_values(data, path), None)


def hidden_values(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, description) of every key or string value of parsed YAML holding a hidden character."""
    pending = [(path, data)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, str):
            if described := hidden_character(value):
                yield where, described
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (described := hidden_character(key)):
                    yield where + (key,), described
                pending.append((where + (key,), item))
        elif isinstance(value, list):
            pending.extend((where + (index,), item) for index, item in enumerate(value))


def shown(value) -> str:
    """`value` as a message may quote it: hidden characters as `<U+200B>`, never raw (an escape
    sequence could rewrite the terminal or the CI log that shows the message)."""
    text = _UNSHOWN.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(value))
    return _UNDECODED.sub("\ufffd", text) if _UNDECODED.search(text) else text


def without_hidden(text: str) -> str:
    return _UNDECODED.sub("", _UNSHOWN.sub("", text))


def is_clean_name(name: str) -> bool:
    """A file name that can be shown as it is: UTF-8, no line break, tab or hidden character."""
    return not (_UNSHOWN.search(name) or _UNDECODED.search(name))


_UNSHOWN = re.compile("[\t\n" + HIDDEN.pattern[1:])  # in a name or an id, a tab or a line break hides too
_UNDECODED = re.compile("[\ud800-\udfff]")  # bytes of a file name that are not UTF-8 (os.fsdecode)


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (a feed reader refuses the whole file)."""
    return XML_ILLEGAL.sub("", text) if XML_ILLEGAL.search(text) else text


# Spreadsheets run a cell that starts with = + - @ (or a tab, a carriage return) as a formula:
# `=HYPERLINK(...)` in a name would send a reader's data anywhere. Guarding the first character
# is not enough: a program set up for another separator (Excel with Vietnamese regional
# settings splits on `;`, others on `,`, tab or `|`) cuts `Thôn Đoài;=1+1;` into cells of its
# own, the second a formula. So every part of a cell that follows such a separator (spaces
# and a stray quote skipped) is guarded too, by an apostrophe before it, as OWASP advises:
# the text stays readable ("Thôn Đoài; xã Gia Viễn" is unchanged: its part starts with a
# letter), and a negative number that ends the cell, such as `-1` or `-1,5`, is left alone: split
# on any separator, what starts with its minus sign is a number, no formula.
_CELL_SEPARATORS = ",;\t\r\n|"
_FORMULA_PART = re.compile(r"(^|[%s])([ \"]*)(?=[=+\-@\t\r])(?!-\d+(?:[.,]\d+)?\Z)" % re.escape(_CELL_SEPARATORS))


def spreadsheet_safe(text: str) -> str:
    """`text` as a CSV cell no spreadsheet program runs as a formula, whatever its separator."""
    return _FORMULA_PART.sub(r"\1\2'", text)
