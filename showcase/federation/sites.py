"""Other sites' addresses: which ones are accepted, and the list a site searches with its own.

An address reaches a Content-Security-Policy, a `fetch` in the reader's browser and the links
a reader follows, so only plain ones pass: https (http only on this computer's loopback, for
tests and local previews), a host name of letters, digits, dots and hyphens (an international
name in its xn-- form), no user name or password, no query or fragment. Every message is
Vietnamese and says what to change.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..hygiene import hidden_character, shown

KEY = "tra_cuu_chung"  # mkdocs.yml `extra:` key listing the sites searched together with this one
WHERE = f"mkdocs.yml, mục extra → {KEY}"
MAX_SITES = 20  # each one costs a reader's first search a few requests
MAX_NAME = 100
MAX_URL = 300
HINT = (f"Mỗi trang trong {KEY} có hai dòng: `name:` (tên trang, ví dụ \"Điển hình tiên tiến tỉnh Đắk Lắk\") và "
        "`url:` (địa chỉ trang chủ, ví dụ https://dienhinh.daklak.gov.vn/); xem chú thích trong mkdocs.yml.")
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_PATH = re.compile(r"^[A-Za-z0-9._~/%-]*$")


class SiteError(ValueError):
    """A wrong address or site list; the message is Vietnamese, for the person who wrote it."""


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # the home page, ending with "/"

    @property
    def origin(self) -> str:
        """'https://host[:port]', as a Content-Security-Policy names a source."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def bundle(self) -> str:
        """Its Pagefind bundle (showcase/search.py BUNDLE)."""
        return self.url + "pagefind/"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_url(value, what: str) -> str:
    """`value` as a clean absolute address, with a trailing "/" when it names a folder;
    `SiteError` saying what is wrong with it otherwise (`what` names it in the message)."""
    if not isinstance(value, str) or not value.strip():
        raise SiteError(f"{what}: thiếu địa chỉ (một dòng chữ bắt đầu bằng https://).")
    text = value.strip()
    if hidden := hidden_character(text):
        raise SiteError(f"{what}: địa chỉ chứa {hidden}; gõ lại địa chỉ bằng bàn phím.")
    if len(text) > MAX_URL or any(c.isspace() for c in text):
        raise SiteError(f"{what}: địa chỉ `{shown(text[:80])}` quá dài hoặc có dấu cách.")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    try:
        host, port = (parts.hostname or ""), parts.port
    except ValueError:
        raise SiteError(f"{what}: cổng (số sau dấu hai chấm) trong `{shown(text)}` không hợp lệ.") from None
    if scheme not in ("https", "http") or not host:
        raise SiteError(f"{what}: `{shown(text)}` không phải địa chỉ trang web; địa chỉ phải bắt đầu bằng https://.")
    if scheme == "http" and not is_loopback(host):
        raise SiteError(f"{what}: `{shown(text)}` dùng http://, không mã hoá; dùng địa chỉ https:// của trang đó "
                        "(http:// chỉ dùng được với máy này: 127.0.0.1, localhost).")
    if parts.username is not None or parts.password is not None:
        raise SiteError(f"{what}: địa chỉ không được chứa tên đăng nhập hay mật khẩu (phần trước dấu @).")
    if parts.query or parts.fragment or "?" in text or "#" in text:
        raise SiteError(f"{what}: bỏ phần sau dấu ? hoặc # trong `{shown(text)}`.")
    if not (_HOST.match(host) or (host == "::1" and parts.netloc.startswith("[::1]"))) and not _is_ipv4(host):
        raise SiteError(f"{what}: tên máy `{shown(host)}` không hợp lệ (tên miền có dấu thì ghi ở dạng xn--…).")
    if not _PATH.match(parts.path) or "/../" in f"{parts.path}/" or "/./" in f"{parts.path}/":
        raise SiteError(f"{what}: đường dẫn `{shown(parts.path)}` có ký tự không dùng được trong địa chỉ.")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", "", ""))


def home_url(value, what: str) -> str:
    """`checked_url` of a site's home page: always ends with "/"."""
    url = checked_url(value, what)
    return url if url.endswith("/") else url + "/"


def parse_sites(raw, own_url: str | None = None) -> tuple[Site, ...]:
    """The sites of mkdocs.yml `extra: tra_cuu_chung` (None or an empty list: none)."""
    if raw is None or raw == []:
        return ()
    if not isinstance(raw, list):
        raise SiteError(f"{WHERE}: cần một danh sách, mỗi trang bắt đầu bằng dấu gạch ngang. {HINT}")
    if len(raw) > MAX_SITES:
        raise SiteError(f"{WHERE}: {len(raw)} trang, nhiều hơn {MAX_SITES}: mỗi trang thêm vài lượt tải cho lần "
                        "tìm đầu tiên của người đọc. Bớt trang, hoặc dùng một cổng tổng hợp (scripts/aggregate.py).")
    own = home_url(own_url, "site_url") if own_url else None
    sites: list[Site] = []
    for number, item in enumerate(raw, 1):
        what = f"{WHERE}, trang thứ {number}"
        if not isinstance(item, dict) or set(item) - {"name", "url"}:
            raise SiteError(f"{what}: chỉ có hai mục `name` và `url`. {HINT}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SiteError(f"{what}: thiếu tên trang (`name`), tên người đọc thấy bên cạnh kết quả. {HINT}")
        name = " ".join(name.split())
        if hidden := hidden_character(name):
            raise SiteError(f"{what}: tên trang chứa {hidden}; gõ lại tên bằng bàn phím.")
        if len(name) > MAX_NAME:
            raise SiteError(f"{what}: tên trang dài {len(name)} ký tự, quá {MAX_NAME}.")
        url = home_url(item.get("url"), what)
        if url == own:
            raise SiteError(f"{what}: {url} là chính trang này (site_url); chỉ ghi các trang khác.")
        if any(s.url == url for s in sites):
            raise SiteError(f"{what}: {url} đã có trong danh sách; mỗi trang ghi một lần.")
        sites.append(Site(name, url))
    return tuple(sites)


def _is_ipv4(host: str) -> bool:
    try:
        return isinstance(ipaddress.ip_address(host), ipaddress.IPv4Address)
    except ValueError:
        return False
