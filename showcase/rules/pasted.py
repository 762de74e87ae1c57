"""DH112-DH113: text that reads fine to YAML but not as the editor meant it.

DH112: text typed with the legacy Vietnamese encodings TCVN3 (ABC) or VNI and pasted as if it
were Unicode ("Th«n §«ng" for "Thôn Đông"): each accented letter became a Latin-1 symbol or a
letter followed by one that Vietnamese never writes.
DH113: in a plain YAML value, ` #` starts a comment: "Xếp hạng #1 của tỉnh" keeps only
"Xếp hạng". Reported for free-text fields only (a code followed by a comment loses nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fields import BOOL, DATE, EXEMPLAR_FIELDS, INT, MOVEMENT_FIELDS, SLUG_LIST
from ..load import Document
from ..problems import Problem
from .context import Context, problem

# Latin-1 characters that no Unicode Vietnamese text uses next to a letter; TCVN3 and VNI put them
# in place of accented letters ("«" for ô, "§" for Đ, "ñ" for đ...). Not the degree sign, the
# soft hyphen (DH110), superscript digits (m², m³), nor the Vietnamese letters of Latin-1 (à á â ã è é ê ì í ò ó ô õ ù ú ý).
_FOREIGN = "¡¢£¤¥¦§¨©ª«¬®¯±´µ¶·¸º»¼½¾¿ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ"
_LEGACY = re.compile(rf"(?<=[A-Za-z])[{_FOREIGN}]|[{_FOREIGN}](?=[A-Za-z])|[aeoAEO][âÂ]|[aAeE][êÊ]")
_FOREIGN_CHAR = re.compile(f"[{_FOREIGN}]")
SAMPLE = 3000  # characters of the story read for DH112
LEGACY_HINT = ("Chuyển văn bản sang Unicode rồi dán lại: trong Unikey chọn “Công cụ…” (Ctrl+Shift+F6), bảng mã nguồn "
               "TCVN3 (ABC) hoặc VNI Windows, bảng mã đích Unicode; hoặc gõ lại đoạn này bằng bảng mã Unicode.")

_NOT_CUT = {INT, DATE, BOOL, SLUG_LIST}
_SPECS = {f.key: f for f in EXEMPLAR_FIELDS + MOVEMENT_FIELDS}
_SUBSPECS = {(f.key, s.key): s for f in EXEMPLAR_FIELDS for s in f.subfields}
# `key: value # rest` or `- value # rest` (not a comment line, not a quoted or block value).
_COMMENTED = re.compile(r"^[ \t]*(?:- +)?(?:[A-Za-z_][\w-]*:[ \t]+)?(?![\"'|>\[{#])(\S.*?)?[ \t]#(.*)$")
_WHOLE = re.compile(r"^[ \t]*(?:- +|[A-Za-z_][\w-]*:[ \t]+)#(.*)$")


def check_pasted(doc: Document, ctx: Context) -> Iterator[Problem]:
    text = doc.text
    if not text:
        return
    front = text[:len(text) - len(doc.body)]
    # Pasted legacy text fills whole paragraphs: the fields and the story's start are enough to
    # see it, and one quick scan rules out nearly every file before the slower pattern runs.
    sample = text[:len(front) + SAMPLE]
    found = None
    if _FOREIGN_CHAR.search(sample):  # VNI text has some too: ñ for đ, ö for ư, ø for the grave accent
        found = _LEGACY.search(sample)
    if found and sum(1 for _ in zip(range(2), _LEGACY.finditer(sample, found.start()))) >= 2:
        line = text.count("\n", 0, found.start()) + 1
        yield problem("DH112", doc, line,
                      "Chữ ở dòng này gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI, không phải Unicode, nên hiện thành "
                      f"ký hiệu lạ (như “{_around(text, found.start())}”).", LEGACY_HINT)
    if "#" in front:
        yield from _cut_by_hash(doc, front)


def _cut_by_hash(doc: Document, front: str) -> Iterator[Problem]:
    by_line = None
    for number, line in enumerate(front.split("\n"), 1):
        if "#" not in line or line.lstrip().startswith("#"):
            continue
        whole = _WHOLE.match(line)
        cut = whole or _COMMENTED.match(line)
        if not cut:
            continue
        if by_line is None:
            by_line = {}
            for path, at in doc.lines.items():
                if len(path) >= len(by_line.get(at, ())):
                    by_line[at] = path
        path = by_line.get(number)
        if path is None or not _free_text(path):
            continue
        value = _value(doc.meta, path)
        lost = cut.group(1 if whole else 2).strip()
        if isinstance(value, str) and lost and lost in value:
            continue  # inside a block value: kept
        quoted = line.split(":", 1)[1].strip() if not whole and ":" in line.lstrip("- ") else line.strip()
        yield problem("DH113", doc, number,
                      f"Dấu `#` sau dấu cách bắt đầu một ghi chú, nên phần “#{lost[:40]}” bị bỏ mất khỏi giá trị.",
                      "Đặt cả giá trị trong ngoặc kép thẳng để giữ dấu `#`, ví dụ "
                      f"`\"{quoted.lstrip('- ')[:60]}\"`; hoặc bỏ dấu `#` (viết “số 1” thay cho “#1”).")


def _free_text(path: tuple) -> bool:
    spec = _SPECS.get(path[0]) if path and isinstance(path[0], str) else None
    if spec and len(path) >= 3 and isinstance(path[-1], str):
        spec = _SUBSPECS.get((path[0], path[-1]))
    return spec is not None and spec.vocabulary is None and spec.type not in _NOT_CUT


def _value(meta, path: tuple):
    value = meta
    for key in path:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and key < len(value):
            value = value[key]
        else:
            return None
    return value


def _around(text: str, at: int) -> str:
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    end = min(x for x in (text.find(" ", at), text.find("\n", at), len(text)) if x >= 0)
    return text[start:end][:30]
