"""Another site's `api/exemplars.json`, checked: its schema version, its site and each record.

Everything in it is untrusted: a record is kept only when every field the portal uses has
the type and shape schema/exemplars-api.schema.json gives it, its texts are clean (no hidden
characters, bounded lengths) and its address is on its own site (a portal links only back to
a profile's home site). A bad record is dropped with a Vietnamese warning that says which one
and why; a wrong schema version or a missing `site` refuses the whole file. Fields the portal
does not use are not read, so a newer minor version of the schema is read as well.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..hygiene import MAX_ID, SLUG, hidden_character, shown
from ..opendata import SCHEMA_VERSION
from ..text import nfc
from .sites import SiteError, checked_url, home_url

MAJOR = int(SCHEMA_VERSION.split(".")[0])  # the version this reader understands
MAX_RECORDS = 200_000
MAX_TEXT = {"name": 200, "kind_label": 100, "category_label": 100, "field_label": 150, "province_name": 100,
            "place": 300, "nominated_by_name": 300, "summary": 1000}
MAX_ITEMS = 50  # achievements, movement names
MAX_ITEM = 1000
_VERSION = re.compile(r"^(\d{1,4})\.(\d{1,4})$")


class DataError(ValueError):
    """The whole file cannot be used; the message is Vietnamese."""


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str  # its home page


@dataclass(frozen=True)
class Record:
    site: SiteInfo
    slug: str
    url: str
    name: str
    kind: str
    kind_label: str
    category: str
    category_label: str
    field: str
    field_label: str
    year: int
    province: str
    province_name: str
    place: str
    nominated_by_name: str
    summary: str
    published: dt.date
    achievements: tuple[str, ...]
    movement_names: tuple[str, ...]


def read_document(data) -> tuple[SiteInfo, list]:
    """The site and the raw records of a parsed file; `DataError` when it cannot be used."""
    if not isinstance(data, dict):
        raise DataError("tệp không phải dữ liệu mở dạng {\"schema_version\": …, \"exemplars\": […]}.")
    version = data.get("schema_version")
    if version is None:
        raise DataError("tệp không ghi phiên bản cấu trúc (`schema_version`): có thể trang đó dựng bằng bản cũ; "
                        "đề nghị cơ quan đó cập nhật mã nguồn và dựng lại trang.")
    match = _VERSION.match(version) if isinstance(version, str) else None
    if not match:
        raise DataError(f"phiên bản cấu trúc `{shown(str(version)[:20])}` không đúng dạng \"số.số\" "
                        f"(ví dụ \"{SCHEMA_VERSION}\").")
    if int(match.group(1)) != MAJOR:
        raise DataError(f"phiên bản cấu trúc {version} khác phiên bản {MAJOR}.x mà lệnh này đọc được; "
                        f"cập nhật mã nguồn của cổng tổng hợp (hoặc của trang đó) cho cùng phiên bản.")
    site = data.get("site")
    if not isinstance(site, dict):
        raise DataError("thiếu mục `site` (tên và địa chỉ trang).")
    name = site.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_TEXT["name"] or hidden_character(name):
        raise DataError("tên trang (`site.name`) thiếu, quá dài hoặc chứa ký tự ẩn.")
    try:
        url = home_url(site.get("url"), "địa chỉ trang (`site.url`)")
    except SiteError as exc:
        raise DataError(str(exc)) from None
    records = data.get("exemplars")
    if not isinstance(records, list):
        raise DataError("thiếu danh sách hồ sơ (`exemplars`).")
    if len(records) > MAX_RECORDS:
        raise DataError(f"tệp có {len(records)} hồ sơ, nhiều hơn {MAX_RECORDS} mà lệnh này nhận.")
    return SiteInfo(nfc(" ".join(name.split())), url), records


def check_record(raw, site: SiteInfo) -> Record | str:
    """A `Record`, or why the raw record cannot be used (Vietnamese, without the record's identity)."""
    if not isinstance(raw, dict):
        return "không phải một hồ sơ (cần các mục slug, url, name…)"
    slug = raw.get("slug")
    if not isinstance(slug, str) or len(slug) > MAX_ID or not SLUG.match(slug):
        return "mã hồ sơ (`slug`) không phải dạng chữ thường không dấu nối bằng gạch ngang"
    texts = {}
    for key, limit in MAX_TEXT.items():
        value = raw.get(key)
        if key == "place" and value is None:
            value = ""
        if not isinstance(value, str) or (not value.strip() and key != "place"):
            return f"thiếu mục `{key}` hoặc mục đó không phải chữ"
        if problem := _text_problem(value, limit):
            return f"mục `{key}` {problem}"
        texts[key] = nfc(" ".join(value.split()))
    for key in ("kind", "category", "field", "province"):
        value = raw.get(key)
        if not isinstance(value, str) or len(value) > MAX_ID or not SLUG.match(value):
            return f"mục `{key}` không phải một mã (chữ thường không dấu, gạch ngang)"
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
        return "năm (`year`) không phải một năm"
    try:
        published = dt.date.fromisoformat(raw.get("published"))
    except (TypeError, ValueError):
        return "ngày công bố (`published`) không phải ngày dạng 2025-01-31"
    url = raw.get("url")
    try:
        url = checked_url(url, "địa chỉ hồ sơ")
    except SiteError:
        return "địa chỉ hồ sơ (`url`) không hợp lệ"
    if not url.startswith(site.url) or url == site.url:
        return f"địa chỉ hồ sơ {shown(url)} không nằm trên trang {site.url}"
    lists = {}
    for key in ("achievements", "movement_names"):
        value = raw.get(key, [])
        if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(isinstance(v, str) for v in value):
            return f"mục `{key}` không phải danh sách chữ (tối đa {MAX_ITEMS} dòng)"
        for item in value:
            if problem := _text_problem(item, MAX_ITEM):
                return f"một dòng của `{key}` {problem}"
        lists[key] = tuple(nfc(" ".join(v.split())) for v in value)
    return Record(site, slug, url, texts["name"], raw["kind"], texts["kind_label"], raw["category"],
                  texts["category_label"], raw["field"], texts["field_label"], year, raw["province"],
                  texts["province_name"], texts["place"], texts["nominated_by_name"], texts["summary"], published,
                  lists["achievements"], lists["movement_names"])


def _text_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"dài {len(value)} ký tự, quá {limit}"
    if hidden := hidden_character(value):
        return f"chứa {hidden}"
    return None
