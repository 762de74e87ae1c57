"""The statistics page's downloads: the current year's report as Word and Excel, made by the build.

The documents are a function of the report's figures and of agency.yml: they are made on another
core while the site is generated (`showcase.forks.Later`), and kept under a digest of both (and of
the code that draws them): in memory, so a preview's rebuild after an edit that changes no figure
writes the same bytes without drawing them again, and in `.site-cache/documents/`, so a full
build does not either (a pull request that edits stories or photos; 3 s of CPU at 10,000
profiles). The date and number are left blank, to fill in when signing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from ..files import write_atomically
from ..forks import Later
from ..generated import GeneratedFile
from ..model import Showcase
from ..page_store import code_digest
from ..problems import ProblemError
from ..report import Period, build_report
from .agency import Agency, load_agency

FOLDER = "thong-ke"
_KEPT: dict[bytes, tuple[bytes, bytes]] = {}
_KEEP = 4
CACHE = Path(".site-cache") / "documents"  # relative to the repository root; `.site-*` is git-ignored
LIBRARIES = ("python-docx", "openpyxl", "pillow")  # and the package's own code (page_store.code_digest)


def report_year(showcase: Showcase) -> int | None:
    """The year the statistics page shows (its latest selection year), None without a profile."""
    return max((e.year for e in showcase.public_exemplars()), default=None)


def names(year: int) -> tuple[str, str]:
    return f"bao-cao-{year}.docx", f"bao-cao-{year}.xlsx"


def _agency(showcase: Showcase) -> Agency | None:
    try:
        return load_agency(showcase.root)
    except ProblemError:
        return None  # the validator reports DH013; the page then offers no download


def download_links(showcase: Showcase) -> str:
    """The Markdown block of the statistics page linking the documents ('' when there are none)."""
    year = report_year(showcase)
    if year is None or _agency(showcase) is None:
        return ""
    docx, xlsx = names(year)
    return "\n".join([
        "", f"## Tải báo cáo năm {year}", "",
        f"- [Báo cáo năm {year} (Word, thể thức Nghị định 30/2020/NĐ-CP)]({docx}): "
        "để trống số và ngày, điền khi ký ban hành.",
        f"- [Số liệu năm {year} (Excel)]({xlsx}): mỗi bảng số liệu một trang tính, có danh sách điển hình.", ""])


def document_files(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """Generator for the site: `thong-ke/bao-cao-YYYY.docx` and `.xlsx`."""
    year = report_year(showcase)
    agency = _agency(showcase)
    if year is None or agency is None:
        return
    report = build_report(showcase, Period(year))
    key = hashlib.blake2b(repr((report, agency)).encode() + code_digest(LIBRARIES), digest_size=16).digest()
    docx_name, xlsx_name = names(year)
    if key not in _KEPT:
        while len(_KEPT) >= _KEEP:
            _KEPT.pop(next(iter(_KEPT)))
        cache = showcase.root / CACHE
        kept = [_read(cache / f"{key.hex()}-{name}") for name in (docx_name, xlsx_name)]
        # Seconds of python-docx and openpyxl at 10,000 profiles: made on another core while
        # the rest of the site is generated, and waited for when the files are written.
        _KEPT[key] = (kept[0] or Later(_kept, _report_docx, report, agency, cache, f"{key.hex()}-{docx_name}"),
                      kept[1] or Later(_kept, _report_xlsx, report, agency, cache, f"{key.hex()}-{xlsx_name}"))
    docx, xlsx = _KEPT[key]
    yield GeneratedFile(f"{FOLDER}/{docx_name}", docx)
    yield GeneratedFile(f"{FOLDER}/{xlsx_name}", xlsx)


def _report_docx(report, agency: Agency) -> bytes:
    from .report_docx import report_docx

    return report_docx(report, agency)


def _report_xlsx(report, agency: Agency) -> bytes:
    from .report_xlsx import report_xlsx

    return report_xlsx(report, agency)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() or None
    except OSError:
        return None


def _kept(make, report, agency: Agency, cache: Path, name: str) -> bytes:
    """`make(report, agency)`, also written to the cache, where nothing older stays: a withdrawn
    person's name must not outlive the build that removed it (CONTRIBUTING.md, withdrawal)."""
    data = make(report, agency)
    key = name.split("-", 1)[0]
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_atomically(cache / name, data)
        for old in cache.iterdir():
            if not old.name.startswith((key, ".tmp-")):  # nor the other document, being written
                old.unlink(missing_ok=True)
    except OSError:  # a cache that cannot be written: the build goes on without it
        pass
    return data
