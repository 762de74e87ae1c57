"""DH301-DH305: personal data that must never be public, and consent."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..load import Document
from ..problems import Problem
from .context import Context, problem
from .fields import PERSON_KINDS

CITIZEN_ID = re.compile(r"(?<![\d.,])\d{12}(?![\d.,]?\d)")
# Mobile and landline numbers: 0 or +84 then 9-10 digits, with optional spaces, dots or dashes.
PHONE = re.compile(r"(?<![\w.,/])(?:\+84|0)(?:[ .-]?\d){9,10}(?![\d/])")
ADDRESS_WORDS = ("số nhà", "nhà số", "ngõ", "ngách", "hẻm", "kiệt")  # followed by a number
HOME_ADDRESS = re.compile(r"(?:" + "|".join(ADDRESS_WORDS) + r")\s+\d+")
# Runs of digits with separators, found fast; the patterns above run only around runs long
# enough to be an ID or a phone number (the scan of a whole profile was most of the cost).
_DIGIT_RUN = re.compile(r"\d[\d .-]{7,}\d")
_MIN_DIGITS = 9


def check_personal_data(doc: Document, ctx: Context) -> Iterator[Problem]:
    text = doc.text
    runs = _digit_runs(text)
    for match in _in_digit_runs(CITIZEN_ID, text, runs):
        yield problem("DH301", doc, _line(text, match.start()),
                      "Có dãy 12 chữ số giống số định danh cá nhân/căn cước.",
                      "Xoá số này: không công bố số định danh, căn cước trên trang công khai.")
    for match in _in_digit_runs(PHONE, text, runs):
        if CITIZEN_ID.fullmatch(re.sub(r"\D", "", match.group())):
            continue
        yield problem("DH302", doc, _line(text, match.start()), "Có số điện thoại.",
                      "Xoá số điện thoại: chỉ công bố thông tin liên hệ của cơ quan trên trang giới thiệu.")
    for match in _home_addresses(text):
        yield problem("DH305", doc, _line(text, match.start()),
                      f"Có thể là địa chỉ nhà riêng (“{text[match.start():match.end()]}”).",
                      "Chỉ ghi đến thôn, xã, phường; không ghi số nhà, ngõ, hẻm của cá nhân.")


def check_consent(doc: Document, ctx: Context) -> Iterator[Problem]:
    meta = doc.meta
    if meta.get("kind") not in PERSON_KINDS:
        return
    consent = meta.get("consent")
    if consent is None:
        yield problem("DH303", doc, doc.line("kind"),
                      "Hồ sơ cá nhân, hộ gia đình phải ghi nhận sự đồng ý công khai thông tin.",
                      "Thêm `consent:` với `given: true`, `date:` (ngày ký) và `by: self|family|representative`.")
    elif isinstance(consent, dict) and consent.get("given") is not True and meta.get("status") != "withdrawn":
        yield problem("DH304", doc, doc.line("consent", "given"),
                      "Sự đồng ý chưa được xác nhận: `consent.given` phải là `true`.",
                      "Chỉ đăng khi đã có văn bản đồng ý; nếu người được nêu gương rút lại, đặt `status: withdrawn`.")


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of nine digits or more, found once for both patterns."""
    # A run is digits and separators only: its digits are its length less its separators.
    return [run.span() for run in _DIGIT_RUN.finditer(text)
            if len(s := run.group()) - s.count(" ") - s.count(".") - s.count("-") >= _MIN_DIGITS]


def _in_digit_runs(pattern: re.Pattern, text: str, runs: list[tuple[int, int]]) -> Iterator[re.Match]:
    """`pattern.finditer(text)`, looking only near the runs of nine digits or more."""
    seen = 0
    for start, end in runs:
        # From before a "+84" and the character before it, for the patterns' look-behinds.
        for match in pattern.finditer(text, max(start - 4, seen), end + 1):
            seen = match.end()
            yield match


def _home_addresses(text: str) -> Iterator[re.Match]:
    """HOME_ADDRESS in any case, looked for only where one of its words stands (str.find is fast)."""
    lower = text.lower()  # same length: Vietnamese letters keep their length when lowered
    for word in ADDRESS_WORDS:
        start = lower.find(word)
        while start >= 0:
            match = HOME_ADDRESS.match(lower, start)
            if match and (start == 0 or not lower[start - 1].isalnum()):
                yield match
            start = lower.find(word, start + 1)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
