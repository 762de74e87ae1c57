"""Reading one site's open data from a local path or an address, never crashing on it.

A SITE is a built site's folder (its `api/exemplars.json` is read), the JSON file itself, a
site's home address (`https://…/`, then `…/api/exemplars.json` is fetched) or the file's
address. Addresses follow `sites.checked_url` (https, or http on loopback), redirects too.
Whatever goes wrong (no such file, a site that does not answer, a file too large, not JSON,
another schema version) becomes one Vietnamese sentence in `Harvest.error`; a bad record is
dropped with a warning in `Harvest.warnings`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..hygiene import shown
from .records import DataError, Record, SiteInfo, check_record, read_document
from .sites import SiteError, checked_url, is_loopback

API = "api/exemplars.json"  # showcase/urls.py API_JSON
MAX_BYTES = 400 * 1024 * 1024  # about 250,000 profiles
TIMEOUT = 30  # seconds without an answer before a site counts as unreachable
USER_AGENT = "showcase-aggregate/1 (+scripts/aggregate.py)"


class SourceError(Exception):
    """The file cannot be read; the message is Vietnamese."""


@dataclass
class Harvest:
    source: str  # as given on the command line
    site: SiteInfo | None = None
    records: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # the file could not be used at all


def harvest(source: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Harvest:
    result = Harvest(source)
    try:
        data = read_source(source, timeout, max_bytes)
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise SourceError("tệp không phải chữ UTF-8.") from None
        except RecursionError:
            raise SourceError("tệp JSON lồng nhau quá sâu.") from None
        except ValueError as exc:  # json.JSONDecodeError, and numbers too long to read
            where = f" (dòng {exc.lineno}, cột {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
            raise SourceError(f"tệp không phải JSON hợp lệ{where}.") from None
        result.site, raw_records = read_document(document)
    except (SourceError, DataError) as exc:
        result.error = str(exc)
        return result
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_records, 1):
        checked = check_record(raw, result.site)
        label = _label(number, raw)
        if isinstance(checked, str):
            result.warnings.append(f"{label}: {checked}; bỏ qua hồ sơ này.")
        elif checked.url in seen:
            result.warnings.append(f"{label}: trùng địa chỉ với hồ sơ thứ {seen[checked.url]}; bỏ qua hồ sơ này.")
        else:
            seen[checked.url] = number
            result.records.append(checked)
    return result


def read_source(source: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a SITE's open-data file; `SourceError` when they cannot be read."""
    if "://" in source:
        return _fetch(source, timeout, max_bytes)
    path = Path(source)
    if path.is_dir():
        path = path / API
    try:
        if not path.is_file():  # a device or a pipe would never end
            raise SourceError(f"không thấy tệp {shown(path)}: cần thư mục một trang đã dựng (có {API}) "
                              "hoặc chính tệp JSON đó.")
        if path.stat().st_size > max_bytes:
            raise SourceError(f"tệp {shown(path)} lớn hơn {max_bytes // 1024 // 1024} MB.")
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"không đọc được {shown(path)} ({exc.strerror or 'lỗi hệ thống'}).") from None


def _fetch(source: str, timeout: float, max_bytes: int) -> bytes:
    try:
        url = checked_url(source, "địa chỉ")
    except SiteError as exc:
        raise SourceError(str(exc)) from None
    if not url.endswith(".json"):
        url = (url if url.endswith("/") else url + "/") + API
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        opener = _LOCAL if is_loopback(urlsplit(url).hostname or "") else _OPENER
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except SourceError:
        raise
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url} trả lời mã lỗi HTTP {exc.code}: trang đó chưa có dữ liệu mở ở địa chỉ này "
                          "hoặc đang gặp sự cố.") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:  # refused, timed out, name unknown, bad reply
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"không kết nối được tới {url} ({shown(str(reason))[:120]}); trang đó có thể đang "
                          "tạm ngừng: chạy lại lệnh sau.") from None
    if len(data) > max_bytes:
        raise SourceError(f"{url} trả về hơn {max_bytes // 1024 // 1024} MB.")
    return data


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect goes only where an address given on the command line could go."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            checked_url(newurl, "địa chỉ chuyển hướng")
        except SiteError as exc:
            raise SourceError(f"{req.full_url} chuyển hướng tới một địa chỉ không được phép: {exc}") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# The environment's proxy (an office network may need one), but never for this computer itself.
_OPENER = urllib.request.build_opener(_CheckedRedirects)
_LOCAL = urllib.request.build_opener(_CheckedRedirects, urllib.request.ProxyHandler({}))


def _label(number: int, raw) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"hồ sơ thứ {number}" + (f" ({shown(slug)[:100]})" if isinstance(slug, str) else "")
