"""`scripts/validate.py --fix`: undo, in place, what pasting from Word does to a profile's syntax.

Only changes that cannot alter what the profile says: characters YAML needs in their plain
form (a no-break or full-width space where a space separates, curly quotes around a whole
value, a full-width colon or a missing space after a field name, bullets and dashes where a
list item starts, tabs in the indentation), invisible characters (zero-width spaces, soft
hyphens, a byte-order mark inside the text), and a date written day/month/year rewritten as
YEAR-MONTH-DAY when the day exists. Words, numbers and the story are never changed.
"""

from __future__ import annotations

import datetime as dt
import re

from .fields import DATE, EXEMPLAR_FIELDS, MOVEMENT_FIELDS
from .yaml_errors import ODD_SPACES

_KEYS = {f.key for f in EXEMPLAR_FIELDS + MOVEMENT_FIELDS} | {s.key for f in EXEMPLAR_FIELDS for s in f.subfields}
_DATE_KEYS = {f.key for f in EXEMPLAR_FIELDS if f.type == DATE} | {
    s.key for f in EXEMPLAR_FIELDS for s in f.subfields if s.type == DATE}
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_KEY = r"(?:[A-Za-z_][\w-]*)"
_LEAD = re.compile(rf"^[ \t{ODD_SPACES}]+")
_AFTER_KEY = re.compile(rf"^(\s*(?:- +)?{_KEY})[ \t]*[:：][ \t{ODD_SPACES}]*(?=\S)")
_BULLET = re.compile(r"^([ \t]*)[–—•·●▪◦‣][ \t\u00a0]*(?=\S)")
_CURLY = re.compile(r"^(\s*(?:- +)?(?:" + _KEY + r": +)?)([“”„])([^\"\\“”„\n]*)[“”]\s*$|"
                    r"^(\s*(?:- +)?(?:" + _KEY + r": +)?)([‘’])([^'‘’\n]*)[‘’]\s*$")
_DMY = re.compile(r"^(\s*(?:- +)?(" + _KEY + r"): +)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_YMD = re.compile(r"^(\s*(?:- +)?(" + _KEY + r"): +)(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def fix_text(text: str) -> tuple[str, list[str]]:
    """(the text fixed, what changed, one Vietnamese line each with its line number)."""
    changes: list[str] = []
    bom = text.startswith("\ufeff")
    body_text = text[1:] if bom else text
    if INVISIBLE.search(body_text):
        lines = body_text.split("\n")
        for number, line in enumerate(lines, 1):
            if INVISIBLE.search(line):
                changes.append(f"dòng {number}: đã xoá ký tự vô hình (khoảng trắng độ rộng 0, gạch nối ẩn)")
                lines[number - 1] = INVISIBLE.sub("", line)
        body_text = "\n".join(lines)
    lines = body_text.split("\n")
    if not lines or lines[0].strip() != "---":
        return ("\ufeff" if bom else "") + body_text, changes
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), len(lines))
    for index in range(1, end):
        line, number = lines[index], index + 1
        if line.lstrip().startswith("#") or not line.strip():
            continue
        fixed = line
        lead = _LEAD.match(fixed)
        if lead and (set(lead.group()) - {" "}):
            fixed = lead.group().replace("\t", "  ").translate({ord(c): " " for c in ODD_SPACES}) + fixed[lead.end():]
            changes.append(f"dòng {number}: thụt lề bằng dấu cách thường (thay Tab hoặc dấu cách đặc biệt)")
        if bullet := _BULLET.match(fixed):
            fixed = f"{bullet.group(1)}- " + fixed[bullet.end():]
            changes.append(f"dòng {number}: đổi dấu đầu dòng của Word thành `- `")
        key = _AFTER_KEY.match(fixed)
        if key and key.group(1).strip().lstrip("- ").strip() in _KEYS and key.group() != key.group(1) + ": ":
            fixed = key.group(1) + ": " + fixed[key.end():]
            changes.append(f"dòng {number}: viết lại dấu `:` và một dấu cách thường sau tên trường")
        curly = _CURLY.match(fixed)
        inner = curly and (curly.group(3) if curly.group(2) else curly.group(6)) or ""
        if curly and (": " in inner or " #" in inner or inner.endswith(":")):  # else the quotes are the value's own
            if curly.group(2):
                fixed = f'{curly.group(1)}"{curly.group(3)}"'
            else:
                fixed = f"{curly.group(4)}'{curly.group(6)}'"
            changes.append(f"dòng {number}: đổi ngoặc kép cong “ ” thành ngoặc kép thẳng \" \"")
        for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd")):
            date = pattern.match(fixed)
            if date and date.group(2) in _DATE_KEYS:
                a, b, c = (int(x) for x in date.groups()[2:])
                day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
                try:
                    iso = dt.date(year, month, day).isoformat()
                except ValueError:
                    continue
                if fixed != date.group(1) + iso:
                    fixed = date.group(1) + iso
                    changes.append(f"dòng {number}: viết ngày theo dạng NĂM-THÁNG-NGÀY: {iso}")
        lines[index] = fixed
    return ("\ufeff" if bom else "") + "\n".join(lines), changes
