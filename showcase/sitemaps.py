"""The sitemap (sitemaps.org protocol 0.9): `sitemap.xml` is a sitemap index that points at
gzipped parts, `sitemap-1.xml.gz`, `sitemap-2.xml.gz`..., each within the protocol's limits
(50,000 URLs, 50 MB uncompressed). A national showcase passes 50,000 pages; one file would not do.

`sitemap.xml.gz` is the same index, gzipped: MkDocs has always published that address and an
agency may have given it to a search engine. Material reads `sitemap.xml` only for instant
navigation and the version selector, both off on this site (overrides/main.html); it looks
for `<url>` elements, which an index has none of, so with either turned on it would simply
load pages the ordinary way.

The bytes depend on the entries only (gzip's time stamp is fixed), so two builds of the same
content write the same files. Every address must be absolute, as the protocol requires: without
a `site_url`, MkDocs lists no page, and `showcase/mkdocs_hooks.py` passes none.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from html import escape
from pathlib import Path

from .hygiene import xml_safe

INDEX = "sitemap.xml"
MAX_URLS = 50_000
MAX_BYTES = 52_428_800  # 50 MB, uncompressed, as the protocol counts them
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'
_TAIL = "</urlset>\n"
_PART = re.compile(r"sitemap-([0-9]+)\.xml\.gz")


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml.gz"


def _text(value: str) -> str:
    # `escape` also turns quotes into entities, as the protocol asks of URLs.
    return escape(xml_safe(value))


def _url(loc: str, lastmod: str | None) -> str:
    date = f"<lastmod>{_text(lastmod)}</lastmod>" if lastmod else ""
    return f"<url><loc>{_text(loc)}</loc>{date}</url>\n"


def split(entries: Iterable[tuple[str, str | None]], max_urls: int = MAX_URLS,
          max_bytes: int = MAX_BYTES) -> list[tuple[str, str]]:
    """The parts' XML texts, each with its newest `lastmod` ("" if none), in the entries' order.
    `entries` are (absolute address, lastmod date or None)."""
    parts: list[tuple[str, str]] = []
    lines: list[str] = []
    size, newest = len(_HEAD) + len(_TAIL), ""

    def close() -> None:
        parts.append((_HEAD + "".join(lines) + _TAIL, newest))

    for loc, lastmod in entries:
        line = _url(loc, lastmod)
        length = len(line) if line.isascii() else len(line.encode("utf-8"))
        if lines and (len(lines) == max_urls or size + length > max_bytes):
            close()
            lines, size, newest = [], len(_HEAD) + len(_TAIL), ""
        lines.append(line)
        size += length
        newest = max(newest, lastmod or "")  # ISO 8601 dates sort as text
    if lines:
        close()
    return parts


def index(site_url: str, parts: list[tuple[str, str]]) -> str:
    """The sitemap index that lists the parts, at their full addresses under `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n']
    for number, (_, newest) in enumerate(parts, 1):
        date = f"<lastmod>{_text(newest)}</lastmod>" if newest else ""
        lines.append(f"<sitemap><loc>{_text(base + part_name(number))}</loc>{date}</sitemap>\n")
    lines.append("</sitemapindex>\n")
    return "".join(lines)


def _gzip(text: str) -> bytes:
    # mtime=0 and no file name in the header: the same text always gives the same bytes.
    return gzip.compress(text.encode("utf-8"), mtime=0)


def write(site_dir: Path, site_url: str, entries: Iterable[tuple[str, str | None]],
          max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> int:
    """Write the index (`sitemap.xml`, `sitemap.xml.gz`) and its parts into `site_dir`; remove
    parts a previous build left beyond the new count (`mkdocs serve --dirty` keeps files).
    Returns the number of parts. Without `site_url` there must be no entries (no full address)."""
    parts = split(entries, max_urls, max_bytes)
    if parts and not site_url:
        raise ValueError("a sitemap needs full addresses: no site_url")
    site_dir = Path(site_dir)
    for number, (xml, _) in enumerate(parts, 1):
        (site_dir / part_name(number)).write_bytes(_gzip(xml))
    for stale in site_dir.glob("sitemap-*.xml.gz"):
        match = _PART.fullmatch(stale.name)
        if match and int(match.group(1)) > len(parts):
            stale.unlink()
    text = index(site_url, parts)
    (site_dir / INDEX).write_bytes(text.encode("utf-8"))
    (site_dir / f"{INDEX}.gz").write_bytes(_gzip(text))
    return len(parts)


def read(site_dir: Path) -> list[tuple[str, str | None]]:
    """(address, lastmod) of every URL the site's sitemap lists, through its index: for checks."""
    ns = {"s": NAMESPACE}
    entries = []
    for loc in ET.parse(Path(site_dir) / INDEX).getroot().iterfind("s:sitemap/s:loc", ns):
        name = (loc.text or "").rsplit("/", 1)[-1]
        if not _PART.fullmatch(name):
            raise ValueError(f"not a part of this sitemap: {loc.text!r}")
        part = ET.fromstring(gzip.decompress((Path(site_dir) / name).read_bytes()))
        entries += [(url.findtext("s:loc", namespaces=ns), url.findtext("s:lastmod", namespaces=ns))
                    for url in part.iterfind("s:url", ns)]
    return entries
