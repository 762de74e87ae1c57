"""The public site: every page, feed and data file, generated from a loaded Showcase.

No MkDocs here. A generator is a callable `(showcase, site_url)` yielding `GeneratedFile`s
(static files) and `GeneratedPage`s (HTML pages rendered on demand); the adapter runs every
one in `GENERATORS` and adds what they yield to the build in memory. To add an output (a statistics page, a calendar), write a generator and append
it to `GENERATORS`. Only published profiles are ever read (`Showcase.public_exemplars`):
a withdrawn profile appears nowhere but at its old address, a short notice without its name.

Work grows with the number of profiles, never with its square: each generator walks the
profiles once, and every listing is cut into pages of `PAGE_SIZE`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from . import urls
from .calendar import calendar_files
from .documents.site import document_files
from .generated import GeneratedFile, GeneratedPage
from .images import Photo, photo_of
from .model import Exemplar, Movement, Showcase
from .opendata import exemplars_csv, exemplars_json, feed, open_data_rows
from .search import d_twins, profile_index, search_page
from . import share_cards
from .share_cards import card, icon_files
from .stats_pages import stats_files
from .story import render_story
from .templating import Lazy, page, relative_url, render, vi_number
from .text import fold, slugify

PAGE_SIZE = 24
HOME_FEATURED = 6
HOME_LATEST = 6
HOME_MOVEMENTS = 6
PAGER_NEIGHBOURS = 2  # page links shown either side of the current one
NO_TOC = ["toc"]  # generated pages carry their own headings; the side table of contents stays empty

Generator = Callable[[Showcase, str], Iterable[GeneratedFile | GeneratedPage]]


@dataclass(frozen=True)
class Dimension:
    """A way to browse the profiles, with its own folder of listing pages."""

    key: str  # also the name of the search filter
    prefix: str
    label: str
    title: str
    vocabulary: str | None = None  # criteria.yml vocabulary giving labels and order


KIND = Dimension("kind", "loai", "Loại", "Điển hình theo loại", "kinds")
CATEGORY = Dimension("category", "nhom", "Nhóm", "Điển hình theo nhóm", "categories")
FIELD = Dimension("field", "linh-vuc", "Lĩnh vực", "Điển hình theo lĩnh vực", "fields")
PROVINCE = Dimension("province", "tinh-thanh", "Tỉnh, thành phố", "Điển hình theo tỉnh, thành phố")
YEAR = Dimension("year", "nam", "Năm lựa chọn", "Điển hình theo năm được lựa chọn")
DIMENSIONS = (FIELD, PROVINCE, KIND, CATEGORY, YEAR)


@dataclass(frozen=True)
class Value:
    text: str
    url: str  # site-relative


@dataclass(frozen=True)
class Facet:
    """One property of a profile (kind, field, movement...), shown on the page and available
    to search filters under `key`."""

    key: str
    label: str
    values: list[Value]


@dataclass
class Group:
    id: str
    label: str
    exemplars: list[Exemplar] = field(default_factory=list)
    slug: str = ""  # the last part of the listing's address, from the label (`listing_slug`)


@dataclass(frozen=True)
class Pager:
    number: int
    count: int
    links: list[tuple[int, str] | None]  # (page number, url); None marks skipped pages
    previous: str | None
    next: str | None


# --- Generators -------------------------------------------------------------------------


def profile_pages(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile | GeneratedPage]:
    share_cards.prepare(showcase.root, ((e.name, showcase.criteria.label("categories", e.category))
                                        for e in showcase.public_exemplars() if not e.photo))
    for exemplar in showcase.public_exemplars():
        photo = photo_of(exemplar, showcase.root)
        meta = {"title": exemplar.name, "description": exemplar.summary, "updated": exemplar.published,
                "og_type": "article", "hide": NO_TOC}
        if photo:
            yield from photo.files()
            meta.update(image=urls.absolute(site_url, photo.share.src_uri), image_alt=photo.alt,
                        image_width=photo.share.width, image_height=photo.share.height)
        else:  # a card with the name, the category and the site's name (showcase.share_cards)
            share = card(showcase.root, exemplar.name, showcase.criteria.label("categories", exemplar.category),
                         exemplar.slug)
            yield share.file()
            meta.update(share.meta(site_url))
        # Values computed from the profile are given as the function and the profile: computed
        # only if the page is rendered, and known unchanged to the preview's memo when it is.
        yield page(urls.profile(exemplar.slug), "profile.html", meta,
                   e=exemplar, sc=showcase, photo=photo, facets=Lazy(facets, showcase, exemplar),
                   site_name=share_cards.SITE_NAME, address=urls.absolute(site_url, urls.profile(exemplar.slug)),
                   indexed=Lazy(profile_index, showcase, exemplar),
                   story=Lazy(_story, exemplar), label=showcase.criteria.label)


def _story(exemplar: Exemplar) -> Markup:
    return render_story(exemplar.body)


def movement_pages(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    members = _members(showcase)
    movements = _newest_movements(showcase)
    newest = site_date(showcase)
    cards = _card_context(showcase)
    for number, chunk, pager in _pages(movements, lambda n: urls.paged(urls.MOVEMENTS, n)):
        yield page(urls.paged(urls.MOVEMENTS, number), "movements.html",
                   {"title": _paged_title("Phong trào thi đua", pager),
                    "description": "Các phong trào thi đua yêu nước và điển hình tiên tiến của từng phong trào.",
                    "updated": newest, "hide": NO_TOC},
                   movements=chunk, members=members, pager=pager, label=showcase.criteria.label)
    for movement in movements:
        exemplars = members[movement.slug]
        story = render_story(movement.body)
        updated = exemplars[0].published if exemplars else newest
        for number, chunk, pager in _pages(exemplars, lambda n, s=movement.slug: urls.movement(s, n)):
            yield page(urls.movement(movement.slug, number), "movement.html",
                       {"title": _paged_title(movement.name, pager), "description": movement.summary,
                        "updated": updated, "hide": NO_TOC},
                       mv=movement, exemplars=chunk, total=len(exemplars),
                       pager=pager, story=story, title_twins=d_twins(movement.name),
                       twins=d_twins(movement.summary, movement.body, movement.launched_by, *movement.legal_basis),
                       **cards)


def browse_pages(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    public = showcase.public_exemplars()
    newest = site_date(showcase)
    cards = _card_context(showcase)
    for dim in DIMENSIONS:
        groups = _groups(showcase, dim, public)
        yield page(urls.browse(dim.prefix), "dimension.html",
                   {"title": dim.title, "description": f"{dim.title}: {len(groups)} mục, "
                                                       f"{vi_number(len(public))} điển hình.",
                    "updated": newest, "hide": NO_TOC},
                   dim=dim, groups=groups)
        for group in groups:
            updated = group.exemplars[0].published
            for number, chunk, pager in _pages(group.exemplars,
                                               lambda n, v=group.slug: urls.browse(dim.prefix, v, n)):
                yield page(urls.browse(dim.prefix, group.slug, number), "listing.html",
                           {"title": _paged_title(f"{dim.label}: {group.label}", pager),
                            "description": f"{vi_number(len(group.exemplars))} điển hình, "
                                           f"{dim.label.lower()}: {group.label}.",
                            "updated": updated, "hide": NO_TOC},
                           dim=dim, heading=group.label, total=len(group.exemplars), exemplars=chunk, pager=pager,
                           **cards)  # not the group: a page need not change when a profile on another page does


def home_page(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    public = showcase.public_exemplars()
    featured = [e for e in public if e.featured][:HOME_FEATURED]
    latest = [e for e in public if e not in featured][:HOME_LATEST]
    members = _members(showcase)
    movements = _newest_movements(showcase)
    counts = [(len(public), "điển hình"), (len(showcase.movements), "phong trào thi đua"),
              (len({e.province.slug for e in public}), "tỉnh, thành phố"),
              (len({e.nominated_by for e in public}), "đơn vị đề xuất")]
    yield page(urls.HOME, "home.html", {"updated": site_date(showcase), "hide": NO_TOC},
               featured=featured, latest=latest, counts=counts, movements=movements[:HOME_MOVEMENTS],
               more_movements=len(movements) > HOME_MOVEMENTS, members=members, dimensions=DIMENSIONS,
               **_card_context(showcase))


def criteria_page(showcase: Showcase, site_url: str) -> Iterator[GeneratedPage]:
    yield page(urls.CRITERIA, "criteria.html",
               {"title": "Tiêu chí lựa chọn điển hình",
                "description": "Tiêu chí, hạn mức và yêu cầu đối với hồ sơ điển hình tiên tiến được giới thiệu.",
                "updated": site_date(showcase), "hide": NO_TOC},
               c=showcase.criteria)


def open_data(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    public = showcase.public_exemplars()
    rows = [open_data_rows(showcase, e, photo_of(e, showcase.root), site_url) for e in public]
    yield feed(showcase, public, site_url)
    yield exemplars_json([json_line for json_line, _ in rows], site_url)
    yield exemplars_csv([csv_line for _, csv_line in rows])


def withdrawn_pages(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """The old address of each withdrawn profile: a short notice without the name (a static
    page, so that it is in no sitemap, listing or search index)."""
    for slug in sorted(showcase.withdrawn):
        url = urls.profile(slug)
        yield GeneratedFile(url + "index.html", render(
            "withdrawn.html", notice=WITHDRAWN_NOTICE, style=Markup(WITHDRAWN_STYLE), style_hash=_WITHDRAWN_STYLE_HASH,
            home=relative_url(urls.HOME, url), privacy=relative_url(urls.PRIVACY, url)))


WITHDRAWN_NOTICE = ("Hồ sơ này đã được rút theo yêu cầu của người được nêu gương (hoặc gia đình, người đại diện "
                    "hợp pháp), theo quy định về bảo vệ dữ liệu cá nhân.")
WITHDRAWN_STYLE = ("body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,Roboto,sans-serif;"
                   "color:#1f1f1f;background:#fff}main{max-width:40rem;margin:3rem auto;padding:0 1rem}"
                   "h1{font-size:1.6rem;color:#7d1712}a{color:#a3221c}")
# The page's Content-Security-Policy allows its own style element and nothing else.
_WITHDRAWN_STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(WITHDRAWN_STYLE.encode()).digest()).decode()


# The documents first: they are made on another core while the others run (showcase.forks.Later).
GENERATORS: tuple[Generator, ...] = (document_files, profile_pages, movement_pages, browse_pages, home_page,
                                     criteria_page, open_data, search_page, stats_files, calendar_files,
                                     withdrawn_pages, icon_files)


# --- What the templates show ------------------------------------------------------------


def facets(showcase: Showcase, exemplar: Exemplar) -> list[Facet]:
    """Kind, category, field, movements, province and year, each linked to its listing."""
    result = []
    for dim in (KIND, CATEGORY, FIELD):
        value, text = _value_of(showcase, dim, exemplar)
        result.append(Facet(dim.key, dim.label, [Value(text, urls.browse(dim.prefix,
                                                                         listing_slug(showcase, dim, value)))]))
    result.append(Facet("movement", "Phong trào thi đua",
                        [Value(showcase.movements[slug].name, urls.movement(slug)) for slug in exemplar.movements
                         if slug in showcase.movements]))
    for dim in (PROVINCE, YEAR):
        value, text = _value_of(showcase, dim, exemplar)
        result.append(Facet(dim.key, dim.label, [Value(text, urls.browse(dim.prefix, value))]))
    return result


def listing_slug(showcase: Showcase, dim: Dimension, value: str) -> str:
    """The address of a listing, from its Vietnamese label ('nong-nghiep', not 'agriculture');
    provinces and years are their own slugs already."""
    if not dim.vocabulary:
        return value
    return _vocabulary_slugs(tuple(showcase.criteria.vocabularies[dim.vocabulary].items())).get(value, value)


@lru_cache(maxsize=16)
def _vocabulary_slugs(entries: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Code -> slug of its label, in criteria.yml's order. Two labels that fold alike
    ('Y tế', 'Y-tế') keep distinct addresses: the later one adds its code."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for code, label in entries:
        slug = slugify(label) or slugify(code) or code
        if slug in taken:
            slug = f"{slug}-{slugify(code) or code}"
        taken.add(slug)
        slugs[code] = slug
    return slugs


def _card_context(showcase: Showcase) -> dict:
    """What the profile cards of a listing need. A profile appears on many listings (its
    field, province, year, movements...): its card is rendered once per set of links."""
    rendered: dict[tuple, Markup] = {}

    def thumbnail(exemplar: Exemplar) -> Photo | None:
        return photo_of(exemplar, showcase.root)

    def card(exemplar: Exemplar, heading: int, link) -> Markup:
        photo = thumbnail(exemplar)
        key = (exemplar.slug, heading, link(urls.profile(exemplar.slug)), photo and link(photo.small.src_uri))
        if key not in rendered:
            rendered[key] = Markup(render("_card.html", e=exemplar, heading=heading, link=link,
                                          label=showcase.criteria.label, thumbnail=thumbnail))
        return rendered[key]

    return {"label": showcase.criteria.label, "thumbnail": thumbnail, "card": card}


def _value_of(showcase: Showcase, dim: Dimension, exemplar: Exemplar) -> tuple[str, str]:
    if dim is PROVINCE:
        return exemplar.province.slug, exemplar.province.name
    if dim is YEAR:
        return str(exemplar.year), str(exemplar.year)
    value = getattr(exemplar, dim.key)
    return value, showcase.criteria.label(dim.vocabulary, value)


def _groups(showcase: Showcase, dim: Dimension, public: list[Exemplar]) -> list[Group]:
    """Profiles by value of one dimension, newest first within each; values in a reader's order."""
    groups: dict[str, Group] = {}
    for exemplar in public:
        value, text = _value_of(showcase, dim, exemplar)
        groups.setdefault(value, Group(value, text, slug=listing_slug(showcase, dim, value))).exemplars.append(exemplar)
    if dim.vocabulary:  # the order of criteria.yml; values are validated against it
        order = list(showcase.criteria.vocabularies[dim.vocabulary])
        return sorted(groups.values(), key=lambda g: order.index(g.id))
    if dim is YEAR:
        return sorted(groups.values(), key=lambda g: -int(g.id))
    return sorted(groups.values(), key=lambda g: (fold(g.label), g.id))


def _newest_movements(showcase: Showcase) -> list[Movement]:
    return sorted(showcase.movements.values(), key=lambda m: (-m.start, fold(m.name)))


def _members(showcase: Showcase) -> dict[str, list[Exemplar]]:
    """Published profiles of every movement, newest first, in one pass."""
    members: dict[str, list[Exemplar]] = {slug: [] for slug in showcase.movements}
    for exemplar in showcase.public_exemplars():
        for slug in exemplar.movements:
            members.setdefault(slug, []).append(exemplar)
    return members


def site_date(showcase: Showcase) -> dt.date:
    """The newest publication date: the content's own clock, so that builds are reproducible."""
    public = showcase.public_exemplars()
    return public[0].published if public else dt.date(1970, 1, 1)


def _pages(items: list, url: Callable[[int], str]) -> Iterator[tuple[int, list, Pager]]:
    """Cut a listing into pages of PAGE_SIZE; an empty listing still has its first page."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    for number in range(1, count + 1):
        yield number, items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE], _pager(number, count, url)


def _pager(number: int, count: int, url: Callable[[int], str]) -> Pager:
    near = range(max(1, number - PAGER_NEIGHBOURS), min(count, number + PAGER_NEIGHBOURS) + 1)
    shown = sorted({1, count, *near})
    links: list[tuple[int, str] | None] = []
    for index, n in enumerate(shown):
        if index and n - shown[index - 1] > 1:
            links.append(None)
        links.append((n, url(n)))
    return Pager(number, count, links, url(number - 1) if number > 1 else None,
                 url(number + 1) if number < count else None)


def _paged_title(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title} (trang {pager.number}/{pager.count})"
