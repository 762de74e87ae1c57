"""DH111: example text of the editor's template (biểu mẫu) left in a profile.

The examples are read from `showcase.template.EXAMPLES`, which writes them into
templates/exemplar.md and every new profile, so that the rule and the template cannot drift
apart. A value is rejected when it is an example, contains a long enough piece of one
(compared without tone marks, case or punctuation), or, in the short fields where the
template leaves blanks, still holds a blank "…".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..load import Document
from ..problems import Problem
from ..template import EXAMPLES
from ..withdrawal import is_tombstone
from .context import Context, problem
from .fields import _dotted

_MIN_PIECE_WORDS = 6  # shorter pieces ("tối đa 300 ký tự") could be a real person's words
_NON_WORD = re.compile(r"[\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]+")  # Vietnamese tone and vowel marks, once decomposed
_D = str.maketrans("đĐ", "dD")


def _norm(text: str) -> str:
    """Words without case or punctuation, space-padded (profiles are NFC already)."""
    return " " + _NON_WORD.sub(" ", text.lower()).strip() + " "


def _fold(text: str) -> str:
    """`_norm` without tone marks, for a value typed without them."""
    return _norm(_MARKS.sub("", unicodedata.normalize("NFD", text.translate(_D))))


def _parts(example: str) -> list[str]:
    """The example and its parts outside and inside brackets."""
    return [example, *re.split(r"[()]", example)]


def _long(part: str) -> bool:
    return len(part.split()) >= _MIN_PIECE_WORDS


# Examples with blanks ("Thôn …, xã …") are found by their blanks: without them they are
# ordinary words ("Thôn Xá" folds to what "Thôn …, xã …" does).
_FILLED = [unicodedata.normalize("NFC", v) for v in EXAMPLES.values() if "…" not in v]
# A value equal to an example, in any field, or holding a long enough piece of one; with its
# tone marks (most values: no folding, which would cost more than the rest of the rule) or,
# for a value typed in ASCII, without.
_WHOLE = {_norm(v) for v in _FILLED}
_PIECES = tuple(sorted({_norm(p) for v in _FILLED for p in _parts(v) if _long(p)}, key=len, reverse=True))
_WHOLE_ASCII = {_fold(v) for v in _FILLED}
_PIECES_ASCII = tuple(sorted({_fold(p) for v in _FILLED for p in _parts(v) if _long(p)}, key=len, reverse=True))
# The same pieces as typed, looked for in the story.
_STORY_PIECES = tuple(dict.fromkeys(p.strip(" .") for v in _FILLED for p in _parts(v) if _long(p)))
# A blank of the template: "…" (or "...") standing alone, as in "Thôn …, xã …", "số …/QĐ".
_BLANK = re.compile(r"(?:^|[\s,;:(/])(?:…|\.{3})(?=$|[\s,;:)/.])")
_BLANK_KEYS = {"name", "place", "photo_alt", "sources", "commendations"}
_KEYS = ("name", "summary", "nominated_by", "place", "movements", "achievements", "commendations",
         "photo", "photo_alt", "sources")


def check_placeholders(doc: Document, ctx: Context) -> Iterator[Problem]:
    meta = doc.meta
    if is_tombstone(meta):
        return
    for key in _KEYS:
        for path, value in _texts(meta.get(key), (key,)):
            found = _example_in(value, key in _BLANK_KEYS)
            if found:
                yield problem("DH111", doc, doc.line(*path), f"`{_dotted(path)}` còn {found} của biểu mẫu: “{value}”.",
                              "Thay bằng thông tin thật của hồ sơ này (xem hướng dẫn ở dòng ghi chú # phía trên "
                              "trong biểu mẫu); trường không bắt buộc thì có thể xoá cả dòng.")
    body = doc.body
    for piece in _STORY_PIECES:
        at = body.find(piece)
        if at >= 0:
            yield problem("DH111", doc, doc.body_line + body.count("\n", 0, at),
                          f"Câu chuyện còn nội dung mẫu của biểu mẫu: “{piece}”.",
                          "Xoá câu mẫu này; viết câu chuyện thật: hoàn cảnh, cách làm, kết quả cụ thể, sức lan tỏa.")
            break


def _example_in(value: str, blanks: bool) -> str | None:
    norm = _norm(value)
    whole, pieces = (_WHOLE_ASCII, _PIECES_ASCII) if value.isascii() else (_WHOLE, _PIECES)
    if norm in whole or any(piece in norm for piece in pieces):
        return "nội dung mẫu"
    if blanks and ("…" in value or "..." in value) and _BLANK.search(value):
        return "chỗ trống “…”"
    return None


def _texts(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every string in a value, with its key path (lists and records of the front-matter)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "date":
                yield from _texts(item, path + (key,))
