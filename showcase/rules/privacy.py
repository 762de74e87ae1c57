"""DH301, DH302, DH305, DH306, DH307: personal data that must never be public.

Consent is elsewhere (showcase/rules/consent.py). `find_personal_data` scans any text: a
whole profile or movement file, its file name (the slug is in the page's address), and each
string of the data files (`units.yml`, `calendar.yml`, `criteria.yml`: `check_data`).

What hides a number is looked through: any Unicode space (U+00A0, U+202F, U+2009…), dots,
dashes (hyphen, en and em dash, minus), brackets, commas, underscores, Markdown emphasis
and escapes, zero-width characters, letters glued before (`ĐT0912345678`), links
(`zalo.me/…`, `tel:`), full-width and "fancy text" digits, HTML character references,
percent-encoding and HTML tags inside a number. Slashes are not separators: `1234/QĐ-UBND`
and dates are not personal numbers.

Choices, to keep near misses passing (the more dangerous mistake decides each one):
- A phone number has a Vietnamese mobile prefix (03x, 05x, 07x, 08x, 09x, and the 01x of
  before 2018), or is a landline (02x, 11 digits), with 0, 84, +84 or 0084 in front.
  Hotlines (1900, 1800) do not start with 0. A number right after "mã số thuế", "MST" or
  "mã số doanh nghiệp" is a business's public tax code (10 digits, often 03…), not a phone.
- 12 digits (CCCD) starting with 0: every CCCD starts with its province code (001-096). In
  groups, each of three digits or more, or digit by digit (a list such as `01, 02, 03` or
  `2019 2020 2021` is no number). After "CMND", "CCCD", "căn cước", "chứng minh", "định
  danh", any 9 or 12 digits are reported.
- 9 digits (CMND): starts with its province code (01-38), in one piece or in groups of
  three or more, and is not an amount (a currency or unit after it, or ending in 000:
  `250.000.000 đồng`). A bare 9-digit "decision number" is reported: a published CMND costs
  more than rewording a number, and document numbers carry their symbol (`123/QĐ-UBND`: a
  number followed by `/` passes). A 9- or 12-digit number glued to letters or inside a web
  address is an article number (`…-post123456789.html`); a phone number there is reported.
- Passport: one capital letter and 7 digits (`C1234567`); a lower-case letter after "hộ chiếu".
- Home address: a house number after "số nhà", "nhà số", "căn hộ", "ngõ", "ngách", "hẻm",
  "kiệt", "địa chỉ", "thường trú", "tạm trú", or before "đường"/"phố" when "số" precedes
  it, it has a slash or the street's name follows ("Số 12 đường Lê Lợi", "12/3 đường…",
  "12 phố Hàng Bạc"; not "làm 3 đường giao thông"). With none of these words, a house number
  before a street's name of two capitalised words is an address after words saying someone
  lives there ("sống tại 15 Lê Lợi", "nhà ở…", "ngụ tại…"), before a commune or ward ("15 Lê
  Lợi, phường Bến Nghé": a business's address too, which the profile does not need), or
  after "ở"/"tại" when the name ends the sentence; not after "năm", "khoá"…, nor before what
  a number counts ("3 Năm Liền", "tại 2 Trường Tiểu học…"). "thôn 5", "tổ 3", "khu phố 2"
  name public places and pass.
- E-mail: an address around "@", "＠", "(at)", "[at]", "(a còng)"; a `mailto:` link holds one.
  Spelt out, "nguyenvana at gmail dot com" (or "a còng", "chấm"), when both sides are ASCII
  and the address ends in a dot and 2-6 letters: Vietnamese prose has no "at" between such words.
- Slashes join digits only into a whole phone number whose first group holds the prefix
  (`0912/345/678`, `024/3825/1234`): a date's or a document number's first group is shorter,
  or the digits make no phone number (`0345/2024/QĐ`).
- Not scanned: docs/ (the site's own pages, where the agency's contact belongs), YAML
  comments (never published).

Speed: one regex pass finds every place a digit starts a number (plus the few characters an
e-mail address needs); Python looks only at those. Three narrower passes follow: phone numbers
cut by slashes from each "/" (`str.find`), spelt-out e-mail addresses only when a text holds
" at ", "còng" or "móc", and house numbers before a street's name from the first digit of
each number (`_HOUSE`): about 0.08 ms for a profile in all.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import unquote

from ..load import Document
from ..problems import Problem
from .context import Context, problem

_D = "0-9\uff10-\uff19\U0001d7ce-\U0001d7ff"  # ASCII, full-width and mathematical ("fancy text") digits
# What may stand between the digits of one number (see the module's docstring).
_SEP = ("\\s.,_+*~`\\\\()\\[\\]{}\u00b7\u2022\u2024\u2027\u2219\u22c5\u3002\u30fb\uff0e\uff0c\uff08\uff09"
        "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
        "\u00ad\u180e\u200b-\u200d\u2060\ufeff")
# Where an address keyword may end just before a number: the last two letters of "ngõ",
# "ngách", "hẻm", "kiệt", "nhà", "số", "hộ", "chỉ", "trú", "tại", then nothing, or one or
# two of space, ":", "." (the words themselves are checked in Python: `_ADDRESS_BEFORE`).
_KW_TAIL = "(?:[gG][õÕ]|[cC][hH]|[ẻẺ][mM]|[ệỆ][tT]|[hH][àÀ]|[sS][ốỐ]|[hH][ộỘ]|[hH][ỉỈ]|[rR][úÚ]|[ạẠ][iI])"
_STREET = "(?:đường|Đường|ĐƯỜNG|phố|Phố|PHỐ)"
# One character class first, so that the regex engine skips at C speed to the next digit, "@"
# or bracket; what follows tells which it is.
_SCAN = re.compile(
    rf"[{_D}@\uff20\[({{\uff08](?:"
    rf"(?<=[{_D}])(?<![{_D}][{_D}])(?:"  # the first digit of a number, then:
    rf"(?P<run>[{_D}{_SEP}]{{5,}}[{_D}])"  # 7 characters or more of digits and separators
    rf"|(?P<street>[{_D}]{{0,5}}[A-Za-z]?(?:/[{_D}]{{1,5}}[A-Za-z]?){{0,3}}"  # bounded: no backtracking blow-up
    rf"[ \t\u00a0]*(?:,[ \t\u00a0]*)?{_STREET}(?!\w))"
    rf"|(?P<kw>(?<={_KW_TAIL}[{_D}])|(?<={_KW_TAIL}[\s:.][{_D}])|(?<={_KW_TAIL}[\s:.][\s:.][{_D}])))"
    rf"|(?P<at>(?<=[@\uff20])|(?<=[\[({{\uff08])\s*(?:at|AT|At|a còng|a móc|@)\s*[\])}}\uff09]))"
)
_GROUP = re.compile(rf"[{_D}]+")
_KW_NEAR = re.compile(rf"{_KW_TAIL}[\s:.]{{0,2}}$")
# The two digits after 0 (or 84) of Vietnamese mobile numbers: 032-039, 052, 055, 056, 058, 059, 070, 076-079,
# 081-089, 090-099.
_MOBILE = frozenset(first + second for first, seconds in
                    (("3", "23456789"), ("5", "25689"), ("7", "06789"), ("8", "123456789"), ("9", "0123456789"))
                    for second in seconds)
_CMND_PROVINCES = frozenset(f"{n:02d}" for n in range(1, 39))
_ID_WORDS = re.compile(r"cmnd|cmt|cccd|căn cước|chứng minh|định danh")
_TAX_WORDS = re.compile(r"mã số thuế|\bmst\b|mã số doanh nghiệp|msdn|mã số hợp tác xã|mã số đơn vị")
_PASSPORT_WORDS = re.compile(r"hộ chiếu|passport")
# After an amount: a currency or a unit (a CMND is never followed by one).
_AMOUNT = re.compile(r"[\s\u00a0]*(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|%|người|lượt|hộ|ha\b|m2|m²|m3|km|kg|tấn"
                     r"|lít|con\b|cây\b|sản phẩm|tin\b|bài\b|lần\b)", re.IGNORECASE)
_ADDRESS_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:số\s*nhà|nhà\s*số|căn\s*hộ(?:\s*số)?|(?:ngõ|ngách|hẻm|kiệt)(?:\s*số)?"
    r"|(?:địa\s*chỉ(?:\s*nhà)?|(?:thường|tạm)\s*trú(?:\s*tại)?)(?:\s*[:.]?\s*số)?)\s*[:.]?\s*$")
_NUMBER_WORD_BEFORE = re.compile(r"(?<![^\W\d_])số\s*[:.]?\s*$")
_EMAIL_LOCAL = re.compile(r"[\w.+%-]{1,64}$")
_EMAIL_AT = re.compile(r"[ \t]*(?:[@\uff20]|[\[({\uff08]\s*(?:at|a còng|a móc|@)\s*[\])}\uff09])[ \t]*", re.IGNORECASE)
_EMAIL_DOMAIN = re.compile(r"[\w-]+(?:(?:\.|\s*[\[({]\s*(?:dot|chấm)\s*[\])}]\s*|[ \t]+(?:dot|chấm)[ \t]+(?=[a-z0-9]))[\w-]+"
                           r"|[ \t]*\.[ \t]*[a-z]{2,6}(?!\w))+", re.IGNORECASE)
# An address spelt out in words: "nguyenvana at gmail dot com" (see the module's docstring).
_SPELT_AT = re.compile(r"(?<=[A-Za-z0-9])[ \t]+(?:at|a còng|a móc)[ \t]+(?=[A-Za-z0-9])", re.IGNORECASE)
_SPELT_WORDS = (" at ", " AT ", " At ", "\tat", "at\t", "còng", "móc", "CÒNG", "MÓC")
_SPELT_LOCAL = re.compile(r"[A-Za-z0-9._+-]{2,64}$")
_SPELT_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:(?:[ \t]*\.[ \t]*|[ \t]+(?:dot|chấm)[ \t]+|[ \t]*[\[(](?:dot|chấm)[\])][ \t]*)"
                           r"[A-Za-z0-9-]+)*(?:[ \t]*\.[ \t]*|[ \t]+(?:dot|chấm)[ \t]+|[ \t]*[\[(](?:dot|chấm)[\])][ \t]*)"
                           r"[A-Za-z]{2,6}(?![\w.])", re.IGNORECASE)
# A phone number cut by slashes: its first group holds the prefix (3-4 digits after 0, 84, +84).
_SLASHED_PHONE = re.compile(rf"(?<![{_D}/])(?:\+?84|0)[{_D}]{{2,3}}(?:[ \t]?/[ \t]?[{_D}]{{2,4}}){{1,3}}(?![{_D}/])")
# A house number and a street's name of two capitalised words or more ("15 Lê Lợi", "27B Trần
# Hưng Đạo", "12/3 Nguyễn Huệ"), written with no "số nhà" or "đường" (`_house_numbers`).
_CAPITAL = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper() and c.isalpha())
_CAPITALISED = rf"[{_CAPITAL}][^\W\d_]*"
_HOUSE = re.compile(rf"[{_D}](?<![\w/.,:-][{_D}])[{_D}]{{0,3}}[A-Za-z]?(?:/[{_D}]{{1,4}}[A-Za-z]?){{0,3}}[ \t\u00a0]+"
                    rf"(?:{_CAPITALISED}[ \t\u00a0]+){{1,5}}{_CAPITALISED}")
# Where someone lives, just before the number: "sống tại", "nhà ở", "ngụ tại", "cư trú ở"...
_HOME_BEFORE = re.compile(r"(?<![^\W\d_])(?:sinh\s+sống|sống|ngụ|cư\s+trú|trú|nhà(?:\s+riêng)?|gia\s+đình)"
                          r"(?:\s+(?:ở|tại))?\s*[:,]?\s*$")
_AT_BEFORE = re.compile(r"(?<![^\W\d_])(?:ở|tại)\s*[:,]?\s*$")  # with the street's end right after
# A commune, ward... after the street: "15 Lê Lợi, phường Bến Nghé".
_PLACE_AFTER = re.compile(r"[ \t\u00a0]*,[ \t\u00a0]*(?:phường|xã|thị\s+trấn|thị\s+xã|đặc\s+khu|quận|huyện"
                          r"|thành\s+phố|tp\b|tỉnh|khu\s+phố|tổ\s+dân\s+phố|tổ\b|ấp\b|thôn\b|bản\b|khóm\b|xóm\b)",
                          re.IGNORECASE)
# What a number counts, capitalised in a heading ("3 Năm Liền", "5 Hộ Nghèo"): no street.
_COUNTED = re.compile(rf"[{_D}]+[ \t\u00a0]+(?:năm|tháng|ngày|lần|người|hộ|xã|phường|tỉnh|thôn|tổ|ấp|đơn\s+vị"
                      r"|huy\s+chương|giải|danh\s+hiệu|bằng\s+khen|giấy\s+khen|cá\s+nhân|tập\s+thể)(?!\w)",
                      re.IGNORECASE)
_END_AFTER = re.compile(r"[ \t\u00a0]*(?:[.;)\n]|$)")
# A number that is a year, a date, a rank...: "năm 2015 Lê Lợi…", "khoá 12 Hội đồng…".
_NOT_HOUSE_BEFORE = re.compile(r"(?<![^\W\d_])(?:năm|ngày|tháng|quý|khoá|khóa|lớp|đợt|kỳ|kì|giai\s+đoạn|từ|đến"
                               r"|thứ|hạng|top|lần|tuổi)\s*[:,]?\s*$")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


class Finding(NamedTuple):
    kind: str  # cccd, cmnd, phone, passport, email, address
    offset: int  # in the text scanned (decoded, when it held entities, %xx or tags)
    text: str  # what was found, as written
    line: int  # 1-based, in the text given


KINDS = {  # kind: (rule code, what it is, how to fix it)
    "cccd": ("DH301", "số căn cước/định danh cá nhân (12 chữ số)",
             "Xoá số này: không công bố số căn cước, chứng minh nhân dân của ai trên trang công khai, dù viết liền "
             "hay tách bằng dấu cách, dấu chấm, gạch ngang. Nếu đây là số hiệu văn bản, ghi đủ số và ký hiệu của "
             "văn bản, ví dụ `123/QĐ-UBND`."),
    "cmnd": ("DH301", "số chứng minh nhân dân (9 chữ số)",
             "Xoá số này: không công bố số chứng minh nhân dân, căn cước của ai trên trang công khai, dù viết liền "
             "hay tách bằng dấu cách, dấu chấm, gạch ngang. Nếu đây là số hiệu văn bản, ghi đủ số và ký hiệu của "
             "văn bản, ví dụ `123/QĐ-UBND`; nếu là số tiền, ghi kèm đơn vị (`đồng`)."),
    "phone": ("DH302", "số điện thoại",
              "Xoá số điện thoại, kể cả trong liên kết (`tel:`, `zalo.me/…`): hồ sơ không công bố số điện thoại "
              "cá nhân; liên hệ của cơ quan ghi ở trang giới thiệu. Nếu đây là mã số thuế của một tổ chức, "
              "ghi `mã số thuế` ngay trước số."),
    "address": ("DH305", "địa chỉ nhà riêng",
                "Chỉ ghi nơi ở đến thôn, tổ dân phố, xã, phường; bỏ số nhà, tên đường, ngõ, ngách, hẻm, kiệt."),
    "email": ("DH306", "địa chỉ thư điện tử",
              "Xoá địa chỉ thư điện tử và liên kết `mailto:`: hồ sơ không công bố thư điện tử cá nhân; liên hệ "
              "của cơ quan ghi ở trang giới thiệu."),
    "passport": ("DH307", "số hộ chiếu",
                 "Xoá số hộ chiếu: không công bố số giấy tờ tuỳ thân của ai trên trang công khai."),
}


def find_personal_data(text: str) -> list[Finding]:
    """Every ID number, phone number, passport number, e-mail address and home address in `text`."""
    found = _scan(text)
    decoded = _decoded(text)
    if decoded is not None:  # what a browser shows differs from what is written: scan that too
        seen = {(f.kind, f.line, _digits(f.text)) for f in found}
        found += [f for f in _scan(decoded) if (f.kind, f.line, _digits(f.text)) not in seen]
    return found


def check_personal_data(doc: Document, ctx: Context | None) -> Iterator[Problem]:
    """A profile or a movement: the whole file as written, its file name, and its front-matter
    values as YAML reads them when escapes (`\\u0030`) could hide a number."""
    text = doc.text
    for finding in find_personal_data(doc.slug):  # the slug is the page's address
        code, what, _ = KINDS[finding.kind]
        yield problem(code, doc, None, f"Tên tệp có {what}: “{mask(finding)}”.",
                      "Đổi tên tệp: bỏ phần số hoặc địa chỉ đó, chỉ giữ tên người, tập thể viết không dấu, "
                      "nối bằng gạch ngang.")
    found = [(f, f.line) for f in find_personal_data(text)]
    fm_end = len(text) - len(doc.body)
    if "\\" in text[:fm_end]:
        seen = {(f.kind, line) for f, line in found}
        for keys, value in _strings(doc.meta, ()):
            line = doc.line(*keys)
            found += [(f, line) for f in find_personal_data(value) if (f.kind, line) not in seen]
    for finding, line in found:
        yield _problem(finding, doc, line)


def check_data(data: Any, lines: dict, rel: str) -> list[Problem]:
    """Each key and string value of a parsed YAML data file, reported at its line."""
    problems = []
    for keys, value in _strings(data, ()):
        line = _line_of(lines, keys)
        problems += [_problem(f, rel, line) for f in find_personal_data(value)]
    return problems


def _problem(finding: Finding, where: Document | str, line: int | None) -> Problem:
    code, what, hint = KINDS[finding.kind]
    return problem(code, where, line, f"Có {what}: “{mask(finding)}”.", hint)


def mask(finding: Finding) -> str:
    """Enough of what was found to locate it on its line, not enough to copy it from a CI log."""
    text = finding.text
    if finding.kind == "email":
        at = _EMAIL_AT.search(text)
        return f"{text[:min(2, at.start())]}•••@{text[at.end():]}" if at else "•••"
    if finding.kind == "address":
        return re.sub(rf"[{_D}]", "•", text)
    digits = _digits(text)
    if finding.kind == "passport":
        return f"{text.strip()[0]}•••{digits[-2:]}"
    return f"{digits[:3]}•••{digits[-2:]}"


def _scan(text: str) -> list[Finding]:
    # The loader gives NFC text; what is decoded from entities (or given by another caller)
    # may hold decomposed letters, which no keyword or street name below would match.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    found: list[Finding] = []
    for match in _SCAN.finditer(text):
        start, kind = match.start(), match.lastgroup
        if kind == "at":
            if email := _email(text, start, match.end()):
                found.append(email)
            continue
        if kind == "run":
            found += _numbers(text, start, match.end())
        if _KW_NEAR.search(text, max(0, start - 4), start):
            window = text[max(0, start - 24):start].lower()
            if keyword := _ADDRESS_BEFORE.search(window):
                found.append(_finding("address", text, start - len(window) + keyword.start(),
                                      _GROUP.match(text, start).end()))
                continue
        if kind == "street" and _is_street_address(text, start, match):
            found.append(_finding("address", text, _word_start(text, start), match.end()))
    found += _slashed_phones(text)
    addresses = [(f.offset, f.offset + len(f.text)) for f in found if f.kind == "address"]
    found += [f for f in _house_numbers(text) if not any(start <= f.offset <= end for start, end in addresses)]
    if any(word in text for word in _SPELT_WORDS):  # str.find runs at C speed; the regex would not
        found += filter(None, (_email(text, m.start(), m.end(), _SPELT_LOCAL, _SPELT_DOMAIN)
                               for m in _SPELT_AT.finditer(text)))
    return found


def _slashed_phones(text: str) -> list[Finding]:
    """Phone numbers cut by slashes, looked for from each slash (a regex over the whole text
    would try every digit)."""
    found, done, slash = [], 0, text.find("/")
    while slash >= 0:
        start = slash
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        if start > 0 and text[start - 1] == "+":
            start -= 1
        if start >= done and (match := _SLASHED_PHONE.match(text, start)) and _is_phone(_digits(match.group())):
            found.append(_finding("phone", text, start, match.end()))
            done = match.end()
        slash = text.find("/", max(slash + 1, done))
    return found


def _house_numbers(text: str) -> list[Finding]:
    """A house number before a street's name with no "số nhà" or "đường": after words saying
    someone lives there ("sống tại 15 Lê Lợi"), before a commune or ward ("15 Lê Lợi, phường
    Bến Nghé"), or after "ở"/"tại" when the street's name ends the sentence. "tại 2 Trường Tiểu
    học…", "năm 2015 Lê Lợi…" pass."""
    found = []
    for match in _HOUSE.finditer(text):
        before = text[max(0, match.start() - 24):match.start()].lower()
        if _NOT_HOUSE_BEFORE.search(before) or _COUNTED.match(text, match.start()):
            continue
        if (_PLACE_AFTER.match(text, match.end()) or _HOME_BEFORE.search(before)
                or (_AT_BEFORE.search(before) and _END_AFTER.match(text, match.end()))):
            found.append(_finding("address", text, match.start(), match.end()))
    return found


def _numbers(text: str, start: int, end: int) -> list[Finding]:
    """The ID, phone and passport numbers in a run of digits and separators."""
    groups = [(m.start(), m.end(), _ascii(m.group())) for m in _GROUP.finditer(text, start, end)]
    found = []
    if len(groups[0][2]) == 7 and (passport := _passport(text, groups[0])):
        found.append(passport)
    if sum(len(g[2]) for g in groups) < 9:
        return found
    joined = [not _breaks(text[a[1]:b[0]]) for a, b in zip(groups, groups[1:])]
    words = _WordsBefore(text, start)
    i = 0
    while i < len(groups):
        best = None
        digits = ""
        for j in range(i, len(groups)):  # the longest number starting with group i
            if j > i and not joined[j - 1]:
                break
            digits += groups[j][2]
            if len(digits) > 14:
                break
            if len(digits) >= 9 and (kind := _classify(digits, groups[i:j + 1], text, words)):
                best = (kind, j)
        if best:
            kind, j = best
            first = groups[i][0]
            while kind == "phone" and first > 0 and text[first - 1] in "+(":  # (+84), +84, (024)
                first -= 1
            found.append(_finding(kind, text, first, groups[j][1]))
            i = j + 1
        else:
            i += 1
    return found


def _breaks(separator: str) -> bool:
    """Two groups of digits are two numbers, not one: a list (`, `), or too much between them."""
    return len(" ".join(separator.split())) > 3 or ("," in separator and re.search(r",\s", separator) is not None)


class _WordsBefore:
    """Whether a word ("CMND", "mã số thuế") stands within 40 characters before a number of a run:
    only digits and separators stand between the run's start and its numbers, so the words
    are looked for once per run, before its start."""

    SPAN = 40

    def __init__(self, text: str, start: int):
        self.text, self.start = text, start
        self.found: dict[re.Pattern, int] = {}

    def near(self, first: int, words: re.Pattern) -> bool:
        if words not in self.found:  # where the last of these words begins, or far away
            window = self.text[max(0, self.start - self.SPAN):self.start].lower()
            last = None
            for last in words.finditer(window):
                pass
            self.found[words] = self.start - len(window) + last.start() if last else -10 * self.SPAN
        return self.found[words] >= first - self.SPAN


def _classify(digits: str, groups: list[tuple[int, int, str]], text: str, words: _WordsBefore) -> str | None:
    size = len(digits)
    first, end = groups[0][0], groups[-1][1]
    if size >= 10 and _is_phone(digits):
        return None if words.near(first, _TAX_WORDS) else "phone"
    if size not in (9, 12) or (end < len(text) and text[end] == "/"):  # a document number: 123456789/QĐ-UBND
        return None
    if _AMOUNT.match(text, end):  # 250.000.000 đồng
        return None
    if words.near(first, _ID_WORDS):
        return "cccd" if size == 12 else "cmnd"
    sizes = {len(g[2]) for g in groups}
    if min(sizes) < 3 and sizes != {1}:  # groups of 3 or more, or digit by digit: not a list such as 01, 02, 03
        return None
    if size == 12 and digits[0] != "0":
        return None  # every CCCD starts with its province code, 001-096
    if size == 9 and (sizes == {1} or digits[:2] not in _CMND_PROVINCES or digits.endswith("000")):
        return None  # a CMND starts with its province code, 01-38; an amount ends in 000
    if (first > 0 and text[first - 1].isalpha()) or _in_link(text, first):
        return None  # an article number in a link (…-post123456789.html); a phone there is still found
    return "cccd" if size == 12 else "cmnd"


def _in_link(text: str, start: int) -> bool:
    """Whether text[start] is inside a web address (the word it is part of holds "://" or "www.")."""
    window = text[max(0, start - 200):start]
    if not window or window[-1].isspace():
        return False
    word = window.split()[-1]
    return "://" in word or "www." in word


def _is_phone(d: str) -> bool:
    for prefix in ("0084", "84", "0"):
        if d.startswith(prefix):
            rest = d[len(prefix):]
            if (len(rest) == 9 and rest[:2] in _MOBILE) or (len(rest) == 10 and rest[0] == "2"):
                return True
    return len(d) == 11 and d[:2] == "01" and d[2] in "2689"  # the 11-digit mobiles renumbered in 2018


def _passport(text: str, group: tuple[int, int, str]) -> Finding | None:
    start, end, _ = group
    letter = start - 1
    if letter > 0 and text[letter] in " .-\u00a0" and text[letter - 1].isalpha():
        letter -= 1  # C 1234567
    if letter < 0 or not text[letter].isascii() or not text[letter].isalpha():
        return None
    if letter > 0 and (text[letter - 1].isalnum() or text[letter - 1] == "_"):
        return None  # part of a word or a code
    if not text[letter].isupper() and not _before(text, letter, 40, _PASSPORT_WORDS):
        return None
    return _finding("passport", text, letter, end)


def _is_street_address(text: str, start: int, match: re.Match) -> bool:
    number = text[start:match.end()]
    if "/" in number or _NUMBER_WORD_BEFORE.search(text[max(0, start - 8):start].lower()):
        return True  # Số 12 đường…, 12/3 đường…
    after = match.end()
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    return after < len(text) and after > match.end() and text[after].isupper()  # 12 đường Lê Lợi


def _email(text: str, start: int, end: int, local_part: re.Pattern = _EMAIL_LOCAL,
           domain_part: re.Pattern = _EMAIL_DOMAIN) -> Finding | None:
    """The address around an "@" (or "(at)", "[a còng]"…, or a spelt-out " at " with the
    `_SPELT_` parts) at text[start:end], if there is one."""
    before = _skip_back(text, start)
    local = local_part.search(text, max(0, before - 64), before)
    domain = domain_part.match(text, _skip_spaces(text, end))
    if not domain or not local:
        return None
    return _finding("email", text, local.start(), domain.end())


def _skip_back(text: str, start: int) -> int:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start


def _skip_spaces(text: str, end: int) -> int:
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def _decoded(text: str) -> str | None:
    """`text` as a browser shows it, when that differs: character references decoded, %xx
    decoded, HTML tags taken out (a zero-width space keeps apart what they kept apart)."""
    decoded = text
    if "&" in decoded:
        decoded = html.unescape(decoded)
    if "%" in decoded and _PERCENT.search(decoded):
        decoded = unquote(decoded)
    if "<" in decoded:
        decoded = _TAG.sub("\u200b", decoded)
    return decoded if decoded != text else None


def _finding(kind: str, text: str, start: int, end: int) -> Finding:
    return Finding(kind, start, text[start:end], text.count("\n", 0, start) + 1)


def _word_start(text: str, start: int) -> int:
    """Back to "số" when the house number follows it (the message shows "Số 12 đường")."""
    before = _NUMBER_WORD_BEFORE.search(text[max(0, start - 8):start].lower())
    return start - (min(8, start) - before.start()) if before else start


def _before(text: str, start: int, size: int, words: re.Pattern) -> bool:
    return words.search(text[max(0, start - size):start].lower()) is not None


def _ascii(digits: str) -> str:
    return digits if digits.isascii() else "".join(str(unicodedata.digit(c)) for c in digits)


def _digits(text: str) -> str:
    return "".join(_ascii(g) for g in _GROUP.findall(text))


def _strings(value: Any, keys: tuple) -> Iterator[tuple[tuple, str]]:
    """(key path, text) of every string key and value of parsed YAML, numbers written as text
    (`name: 84912345678` is read as a number, and shown as one)."""
    pending = [(keys, value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            yield where, str(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str):
                    yield where + (key,), key
                pending.append((where + (key,), child))
        elif isinstance(item, list):
            pending.extend((where + (index,), child) for index, child in enumerate(item))


def _line_of(lines: dict, keys: tuple) -> int | None:
    while keys:
        if keys in lines:
            return lines[keys]
        keys = keys[:-1]
    return None
