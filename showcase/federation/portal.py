"""An aggregate portal: other sites' profiles as static listings and one search, written to a folder.

Each entry links back to the profile on its home site; the portal holds no profile page of its
own. Listings by site, by province and by field are cut into pages; the "Tra cứu" page is the
sites' own search script (overrides/assets/javascripts/tra-cuu.js) over a Pagefind index of
every profile, built here with the pinned binary. The look is the sites' own (Material's and
the project's stylesheets, copied), with no script but that one and no inline script or style:
every page carries a Content-Security-Policy that allows the portal's own files only.

Every address inside the portal is made of checked ids (slugs), and every file is written into
a temporary folder beside the target and then swapped in, so a failed run leaves the previous
portal as it was and nothing is ever written outside it.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import pagefind_binary, search
from ..hygiene import MAX_ID, SLUG, shown
from ..site import PAGE_SIZE, _pager
from ..templating import Links, vi_date, vi_number
from ..text import fold, slugify
from .harvest import Harvest
from .records import Record

TITLE = "Điển hình tiên tiến: cổng tổng hợp"
MARKER = ".cong-tong-hop"  # in a folder this command wrote: only such a folder is replaced
LATEST = 12
ROOT = Path(__file__).resolve().parents[2]
ASSETS = {  # portal file -> the project's own file it copies
    "assets/showcase.css": ROOT / "overrides/assets/stylesheets/showcase.css",
    "assets/tra-cuu.css": ROOT / "overrides/assets/stylesheets/tra-cuu.css",
    "assets/tra-cuu.js": ROOT / "overrides/assets/javascripts/tra-cuu.js",
    "assets/portal.css": Path(__file__).parent / "portal.css",
}
CSP = Markup("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
FILTERS = [("site", "Trang web"), *search.FILTER_LABELS.items()]


class PortalError(Exception):
    """The portal cannot be written; the message is Vietnamese."""


@dataclass(frozen=True)
class Dimension:
    key: str
    prefix: str  # the listings' folder
    label: str  # "Theo tỉnh, thành phố"
    title: str  # a listing's title before its value


SITE = Dimension("site", "trang-web", "Theo trang web", "Trang web")
PROVINCE = Dimension("province", "tinh-thanh", "Theo tỉnh, thành phố", "Tỉnh, thành phố")
FIELD = Dimension("field", "linh-vuc", "Theo lĩnh vực", "Lĩnh vực")
DIMENSIONS = (SITE, PROVINCE, FIELD)
SEARCH = "tra-cuu/"


@dataclass
class Group:
    id: str  # a slug: the listing's folder
    label: str
    records: list[Record] = field(default_factory=list)
    home: str | None = None  # a site's home page


@dataclass
class Portal:
    title: str
    records: list[Record]  # newest first
    groups: dict[str, list[Group]]  # dimension key -> groups, by label
    site_ids: dict[str, str]  # site url -> the id of its listing
    warnings: list[str]


def gather(harvests: Iterable[Harvest], title: str = TITLE) -> Portal:
    """The portal's content from the harvested sites (those with an error are left out: the
    caller reports them). The same site given twice counts once."""
    warnings: list[str] = []
    records: list[Record] = []
    site_ids: dict[str, str] = {}
    urls: set[str] = set()
    for h in harvests:
        if h.error or h.site is None:
            continue
        if h.site.url in site_ids:
            warnings.append(f"{shown(h.source)}: trang {h.site.url} đã được đọc từ một nguồn khác; bỏ qua lần này.")
            continue
        site_ids[h.site.url] = _unique(slugify(h.site.name)[:MAX_ID].strip("-") or "trang", set(site_ids.values()))
        for r in h.records:
            if r.url in urls:  # one site's folder inside another's address
                warnings.append(f"{shown(h.source)}: {r.url} đã có từ một trang khác; bỏ qua.")
                continue
            urls.add(r.url)
            records.append(r)
    records.sort(key=lambda r: fold(r.name))
    records.sort(key=lambda r: r.published, reverse=True)  # newest first, by name within a day
    groups = {SITE.key: _groups(records, lambda r: (site_ids[r.site.url], r.site.name), home=True),
              PROVINCE.key: _groups(records, lambda r: (r.province, r.province_name)),
              FIELD.key: _groups(records, lambda r: (r.field, r.field_label))}
    _label_slugs(groups[FIELD.key])  # as the sites spell them: linh-vuc/nong-nghiep/, not the id
    return Portal(title, records, groups, site_ids, warnings)


def write(portal: Portal, out: Path, today: dt.date | None = None) -> int:
    """Write the portal into `out` (created, or replaced if this command wrote it before);
    returns the number of pages. `PortalError` if `out` holds anything else."""
    out = Path(out).absolute()
    _check_target(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise PortalError(f"không tạo được thư mục trong {shown(out.parent)} ({exc.strerror}).") from None
    try:
        pages = _render(portal, today or dt.date.today())
        for rel, text in pages.items():
            _write(temp, rel, text)
        for rel, source in _assets().items():
            _write(temp, rel, source.read_bytes())
        (temp / MARKER).write_text("Thư mục do scripts/aggregate.py tạo; lần chạy sau ghi đè toàn bộ.\n", "utf-8")
        index(portal.records, temp)
        _swap(temp, out)
    except OSError as exc:
        raise PortalError(f"không ghi được cổng tổng hợp vào {shown(out)} ({exc.strerror or exc}).") from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return len(pages)


# --- Pages ------------------------------------------------------------------------------

_ENV = Environment(loader=ChoiceLoader([PackageLoader("showcase.federation", "templates"),
                                        PackageLoader("showcase", "templates")]),  # _macros.html: pagination
                   autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_ENV.filters["vi_number"] = vi_number
_ENV.filters["vi_date"] = vi_date


def _render(portal: Portal, today: dt.date) -> dict[str, str]:
    """Every page: its path in the portal -> its HTML."""
    pages: dict[str, str] = {}
    common = {"portal": portal, "today": today, "dimensions": DIMENSIONS, "search_url": SEARCH, "csp": CSP,
              "site_count": len(portal.site_ids)}

    def add(url: str, template: str, **context) -> None:
        pages[url + "index.html"] = _ENV.get_template(template).render(link=Links(url), here=url, **common,
                                                                       **context)

    sites = portal.groups[SITE.key]
    add("", "home.html", title=portal.title, sites=sites, latest=portal.records[:LATEST])
    add(SEARCH, "search.html", title="Tra cứu", filters=json.dumps(FILTERS, ensure_ascii=False),
        bundle=search.BUNDLE + "/", count=len(portal.records),
        shards=json.dumps(search.shard_bundles(len(portal.records))))
    for dim in DIMENSIONS:
        base = f"{dim.prefix}/"
        add(base, "groups.html", title=f"Điển hình {dim.label.lower()}", dim=dim, groups=portal.groups[dim.key])
        for group in portal.groups[dim.key]:
            first = f"{base}{group.id}/"

            def url(n: int, first=first) -> str:
                return first if n == 1 else f"{first}trang-{n}/"

            count = max(1, -(-len(group.records) // PAGE_SIZE))
            for number in range(1, count + 1):
                pager = _pager(number, count, url)
                add(url(number), "listing.html", title=f"{dim.title}: {group.label}", dim=dim, group=group,
                    records=group.records[(number - 1) * PAGE_SIZE: number * PAGE_SIZE], pager=pager)
    return pages


def _groups(records: list[Record], key, home: bool = False) -> list[Group]:
    groups: dict[str, Group] = {}
    for r in records:
        gid, label = key(r)
        group = groups.setdefault(gid, Group(gid, label, home=r.site.url if home else None))
        group.records.append(r)
    return sorted(groups.values(), key=lambda g: (fold(g.label), g.id))


def _label_slugs(groups: list[Group]) -> None:
    taken: set[str] = set()
    for group in groups:
        group.id = _unique(slugify(group.label)[:MAX_ID].strip("-") or group.id, taken)
        taken.add(group.id)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base[:MAX_ID - 4]}-{n}"
        n += 1
    return candidate


# --- Search -----------------------------------------------------------------------------


def index(records: list[Record], out: Path) -> None:
    """The portal's Pagefind bundle (in parts past search.SHARD_PAGES profiles, merged by the
    search page: `search.shard_bundles`): one page per profile, indexed as the sites index
    theirs (folded words, the name weighted as a title), its address the profile's own."""
    try:
        indexer = search.SearchIndexer(out / search.BUNDLE)
        for r in records:
            indexer.add_part(r.url, record_html(r))
        indexer.finish()
    except (pagefind_binary.InstallError, RuntimeError, OSError) as exc:
        raise PortalError(f"không lập được chỉ mục tìm kiếm ({shown(str(exc))[:200]}). Chạy lại lệnh; nếu lỗi "
                          "lặp lại, cài lại môi trường bằng `make install`.") from None


def record_html(r: Record) -> str:
    """What Pagefind reads of a profile: its title, summary and site as meta, its filters with
    the values the sites use (so that merged indexes agree), and its words folded."""
    e = html.escape
    facts = " ".join([r.place, r.province_name, r.field_label, *r.movement_names])
    blocks = [(7, f"{r.name}"), (1, f"{r.summary} {facts}"), (1, r.nominated_by_name), (1, " ".join(r.achievements))]
    hidden = "".join(f'<div hidden data-pagefind-weight="{w}">{e(" ".join(_words(text)))}</div>'
                     for w, text in blocks if text.strip())
    filters = [("kind", r.kind_label), ("category", r.category_label), ("field", r.field_label),
               ("province", r.province_name), ("year", str(r.year)), ("site", r.site.name),
               *(("movement", m) for m in r.movement_names)]
    tags = "".join(f'<span data-pagefind-filter="{key}">{e(value)}</span>' for key, value in filters)
    return (f'<!doctype html><html lang="vi"><body><article data-pagefind-body '
            f'data-pagefind-filter="type:{e(search.PAGE_TYPE_EXEMPLAR)}">'
            f'<h1 data-pagefind-meta="title" data-pagefind-ignore>{e(r.name)}</h1>'
            f'<p data-pagefind-meta="summary" data-pagefind-ignore>{e(r.summary)}</p>'
            f'<p data-pagefind-meta="site" data-pagefind-ignore>{e(r.site.name)}</p>'
            f'<div data-pagefind-ignore hidden>{tags}</div>{hidden}</article></body></html>')


def _words(text: str) -> list[str]:
    return search.words_of(fold(text))


# --- Files ------------------------------------------------------------------------------


def _assets() -> dict[str, Path]:
    """The stylesheets the sites use: Material's own (from the installed theme, found without
    importing it) and the project's."""
    files = dict(ASSETS)
    spec = importlib.util.find_spec("material")
    if spec and spec.submodule_search_locations:
        styles = Path(next(iter(spec.submodule_search_locations))) / "templates" / "assets" / "stylesheets"
        for name, pattern in (("assets/material.css", "main.*.min.css"), ("assets/palette.css", "palette.*.min.css")):
            found = sorted(styles.glob(pattern))
            if found:
                files[name] = found[0]
    return files


def _write(root: Path, rel: str, content: str | bytes) -> None:
    """Write `rel` under `root`; every part of `rel` is a checked id, a page's `trang-N` or a
    fixed file name, and the resolved path is checked to lie inside `root` all the same."""
    parts = rel.split("/")
    if any(not (SLUG.match(p) or p in _FILE_NAMES) for p in parts):
        raise PortalError(f"địa chỉ trang `{shown(rel)}` không hợp lệ; không ghi.")
    target = root.joinpath(*parts)
    if root.resolve() not in target.resolve().parents:
        raise PortalError(f"`{shown(rel)}` nằm ngoài thư mục cổng tổng hợp; không ghi.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")


_FILE_NAMES = {"index.html", "showcase.css", "tra-cuu.css", "tra-cuu.js", "portal.css", "material.css", "palette.css"}


def _check_target(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise PortalError(f"{shown(out)} không phải một thư mục; chọn một thư mục khác cho --out.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PortalError(f"thư mục {shown(out)} đã có các tệp khác; lệnh này chỉ ghi vào thư mục trống, chưa có, "
                          "hoặc thư mục cổng tổng hợp do chính lệnh này tạo trước đó.")


def _swap(temp: Path, out: Path) -> None:
    """Put the new portal in place: the old one is renamed aside first and removed after."""
    temp.chmod(0o755)  # mkdtemp made it private; a web server must read it
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        temp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        temp.rename(out)
