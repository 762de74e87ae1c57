"""DH303, DH304, DH308, DH309: consent to publish, and its withdrawal.

Consent is recorded by the editor once the nominating unit holds a signed consent: no tool
fills it in (the template leaves `given`, `date` and `by` empty, so that a new profile fails
here until it is recorded). A withdrawn profile is a tombstone (see showcase/withdrawal.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..load import Document
from ..problems import Problem
from ..withdrawal import TOMBSTONE_KEYS, WITHDRAWN, is_tombstone
from .context import Context, problem
from .fields import PERSON_KINDS

_RECORD = ("Khi đơn vị đề xuất đã nhận văn bản đồng ý có chữ ký, ghi dưới `consent:`: `given: true`, "
           "`date:` ngày ký văn bản (NĂM-THÁNG-NGÀY, không sau ngày đăng `published`), "
           "`by:` người ký (`self` bản thân, `family` gia đình, `representative` người đại diện hợp pháp). "
           "Chưa có văn bản thì chưa đăng hồ sơ.")


def check_consent(doc: Document, ctx: Context) -> Iterator[Problem]:
    meta = doc.meta
    if is_tombstone(meta):
        return
    consent = meta.get("consent")
    if isinstance(consent, dict):  # a collective may record one too: its date is checked alike
        date, published = consent.get("date"), meta.get("published")
        if _is_date(date) and _is_date(published) and date > published:
            yield problem("DH308", doc, doc.line("consent", "date"),
                          f"Ngày đồng ý `consent.date: {date.isoformat()}` sau ngày công bố "
                          f"`published: {published.isoformat()}`: hồ sơ không được đăng trước khi có sự đồng ý.",
                          "Ghi đúng ngày ký trên văn bản đồng ý. Hồ sơ chưa đăng: `published` là ngày đăng "
                          "(không trước ngày ký); hồ sơ đã đăng khi chưa có văn bản: báo người phụ trách.")
    if meta.get("kind") not in PERSON_KINDS:
        return
    if consent is None or consent == "":
        yield problem("DH303", doc, doc.line("consent") if "consent" in meta else doc.line("kind"),
                      "Hồ sơ cá nhân, hộ gia đình chưa ghi nhận sự đồng ý công khai thông tin.", _RECORD)
        return
    if not isinstance(consent, dict):
        return  # DH103 (showcase/rules/fields.py)
    given = consent.get("given")
    if given is not True:
        if given is None or given == "":
            message = "Chưa ghi nhận sự đồng ý: `consent.given` đang để trống."
        else:
            message = f"Sự đồng ý chưa được xác nhận: `consent.given: {str(given)[:40]}`, phải là `true`."
        yield problem("DH304", doc, doc.line("consent", "given"), message, _RECORD)


def check_tombstone(doc: Document, ctx: Context) -> Iterator[Problem]:
    """A withdrawn profile holds `status`, `withdrawn` (a date) and nothing else."""
    meta = doc.meta
    if not is_tombstone(meta):
        return
    how = f"Chạy `.venv/bin/python scripts/withdraw.py {doc.slug}`: tệp chỉ còn `status` và `withdrawn`, ảnh bị xoá."
    extra = [key for key in meta if key not in TOMBSTONE_KEYS]
    story = bool(doc.body.strip())
    if extra or story:
        listed = ", ".join(f"`{key}`" for key in extra[:8]) + (", …" if len(extra) > 8 else "")
        what = " và ".join(part for part in (listed, "câu chuyện" if story else "") if part)
        story_line = doc.body_line + doc.body[:len(doc.body) - len(doc.body.lstrip())].count("\n")
        yield problem("DH309", doc, doc.line(extra[0]) if extra else story_line,
                      f"Hồ sơ đã rút (`status: withdrawn`) vẫn còn dữ liệu cá nhân: {what}. "
                      "Hồ sơ đã rút chỉ giữ `status` và `withdrawn` (ngày rút).", how)
        return  # the script writes the date too
    date = meta.get(WITHDRAWN)
    if date is None or date == "":
        yield problem("DH101", doc, doc.line("status"), "Thiếu trường bắt buộc `withdrawn` (ngày rút hồ sơ).",
                      f"Thêm dòng `withdrawn: NĂM-THÁNG-NGÀY` (ngày nhận đề nghị rút), hoặc: {how}")
    elif not _is_date(date):
        yield problem("DH103", doc, doc.line(WITHDRAWN), "`withdrawn` phải là một ngày dạng NĂM-THÁNG-NGÀY, "
                      "ví dụ 2025-04-12.", f"Giá trị hiện tại `{date}` không phải một ngày: viết `withdrawn: 2025-04-12` (ngày 12 tháng 4 năm 2025).")


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
