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
HOME_ADDRESS = re.compile(r"\b(?:số nhà|nhà số|ngõ|ngách|hẻm|kiệt)\s+\d+", re.IGNORECASE)


def check_personal_data(doc: Document, ctx: Context) -> Iterator[Problem]:
    text = doc.text
    for match in CITIZEN_ID.finditer(text):
        yield problem("DH301", doc, _line(text, match.start()),
                      "Có dãy 12 chữ số giống số định danh cá nhân/căn cước.",
                      "Xoá số này: không công bố số định danh, căn cước trên trang công khai.")
    for match in PHONE.finditer(text):
        if CITIZEN_ID.fullmatch(re.sub(r"\D", "", match.group())):
            continue
        yield problem("DH302", doc, _line(text, match.start()), "Có số điện thoại.",
                      "Xoá số điện thoại: chỉ công bố thông tin liên hệ của cơ quan trên trang giới thiệu.")
    for match in HOME_ADDRESS.finditer(text):
        yield problem("DH305", doc, _line(text, match.start()),
                      f"Có thể là địa chỉ nhà riêng (“{match.group()}”).",
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


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
