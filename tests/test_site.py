"""End to end: the fixture content built into a site by a real `mkdocs build --strict`,
checked from the files written (see `built_site` in conftest.py)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from markupsafe import escape
from PIL import Image

from conftest import PAGINATED_COUNT, build
from showcase import sitemaps
from showcase.repository import load_showcase
from showcase.site import DIMENSIONS, PAGE_SIZE, listing_slug
from showcase.templating import vi_date

SITE_URL = "https://dienhinh.example.gov.vn/"
EDIT_URL = "https://github.com/example/dien-hinh-tien-tien/edit/main/"
WITHDRAWN = ("pham-van-go", "Phạm Văn Gỡ")
HOSTILE_SLUG = "ten-doc-hai"
PHOTO_SLUG = "nguyen-thi-lan"
PAGINATED_FIELD_SLUG = "giao-duc-dao-tao"  # conftest.PAGINATED_FIELD, by its label
CARD = 'class="sc-card"'


@pytest.fixture(scope="module")
def showcase(site_root):
    result = load_showcase(site_root)
    assert not result.errors
    return result.showcase


@pytest.fixture(scope="module")
def public(showcase):
    return showcase.public_exemplars()


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: Path) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


# --- Profiles ---------------------------------------------------------------------------


def test_every_public_profile_has_a_page_with_its_fields(built_site, showcase, public):
    label = showcase.criteria.label
    assert len(public) == len(showcase.exemplars)  # the withdrawn one is a tombstone, not a profile
    assert list(showcase.withdrawn) == [WITHDRAWN[0]]
    for e in public:
        page = read(built_site, f"dien-hinh/{e.slug}")
        expected = [e.name, e.summary, label("kinds", e.kind), label("categories", e.category),
                    label("fields", e.field), e.province.name, showcase.units[e.nominated_by].name,
                    vi_date(e.published), *e.achievements, *e.sources,
                    *(showcase.movements[m].name for m in e.movements),
                    *(showcase.criteria.criteria[c].wording for c in e.criteria)]
        for c in e.commendations:
            expected += [c.title, c.decision, vi_date(c.date), label("commendation_forms", c.form)]
        if e.place:
            expected.append(e.place)
        for value in expected:
            assert str(escape(value)) in page, f"{e.slug}: {value!r} missing"
        assert f'href="../../phong-trao/{e.movements[0]}/"' in page
        assert EDIT_URL not in page  # no "edit" pencil for readers (tests/test_public_pages.py)
        assert "data-pagefind-body" in page


def test_profile_dates_and_story_are_rendered(built_site):
    page = read(built_site, f"dien-hinh/{PHOTO_SLUG}")
    assert '<time datetime="2025-01-15">15 tháng 1 năm 2025</time>' in page
    assert "ngày <time datetime=\"2024-11-20\">20 tháng 11 năm 2024</time>" in page
    assert "<h3>Cách làm mới</h3>" in page  # the story's "##" sits below the page's own h2 sections


def test_hostile_values_are_escaped_everywhere(built_site):
    for page in [*html_pages(built_site), built_site / "feed.xml", built_site / "sitemap.xml"]:
        text = page.read_text(encoding="utf-8")
        for raw in ("<script>alert(", "<img src=x", "<b>Cộng sự</b>", "<i>thử nghiệm</i>"):
            assert raw not in text, f"{page}: {raw}"
    page = read(built_site, f"dien-hinh/{HOSTILE_SLUG}")
    name = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f">{name} &#34;Nguyễn&#34; &amp; &lt;b&gt;Cộng sự&lt;/b&gt;</h1>" in page
    assert f"<title>{name} &quot;Nguyễn&quot; &amp; &lt;b&gt;Cộng sự&lt;/b&gt; - " in page
    assert f'<meta property="og:title" content="{name} &quot;Nguyễn&quot;' in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    feed = ET.parse(built_site / "feed.xml").getroot()
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert '<script>alert(1)</script> "Nguyễn" & <b>Cộng sự</b>' in titles  # text, once parsed as XML


def test_pages_run_only_the_sites_own_scripts(built_site):
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        if page.parent.name == WITHDRAWN[0]:  # the withdrawn notice stands alone: no script at all
            assert "Content-Security-Policy\" content=\"default-src 'none';" in text and "script-src" not in text
        else:
            assert "Content-Security-Policy" in text and "script-src 'self'" in text, page
        for tag, attrs in tags(page):
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", f"{page}: inline script"
            for key in ("src", "href"):
                value = attrs.get(key) or ""
                if tag in ("script", "link", "img") and value.startswith(("http:", "https:", "//")):
                    assert tag == "link" and attrs.get("rel") in ("canonical", "alternate"), f"{page}: {value}"
            assert not any(name.startswith("on") for name in attrs), f"{page}: event handler on <{tag}>"
        assert "fonts.googleapis" not in text


def test_profiles_stay_out_of_the_navigation(built_site):
    for url in ("", f"dien-hinh/{PHOTO_SLUG}", "linh-vuc"):
        page = read(built_site, url)
        nav = page[page.index('<nav class="md-nav md-nav--primary"'):page.index("md-sidebar--secondary")]
        assert not re.search(r'href="[./]*dien-hinh/', nav)
        assert "Theo lĩnh vực" in nav


def test_photo_is_resized_reencoded_and_shared(built_site, site_root):
    page = read(built_site, f"dien-hinh/{PHOTO_SLUG}")
    img = next(a for t, a in tags(built_site / f"dien-hinh/{PHOTO_SLUG}/index.html")
               if t == "img" and a.get("alt", "").startswith("Bà Nguyễn Thị Lan"))
    large = built_site / "dien-hinh" / PHOTO_SLUG / img["src"]
    with Image.open(large) as image:
        assert image.format == "WEBP" and image.width == 1200 and image.width == int(img["width"])
        assert image.height == int(img["height"])
    assert "480w" in img["srcset"] and "1200w" in img["srcset"]
    share = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert share.startswith(SITE_URL + "anh/") and share.endswith(".jpg")
    with Image.open(built_site / share[len(SITE_URL):]) as image:
        assert image.format == "JPEG" and image.width == 1200
        assert not image.getexif(), "EXIF (GPS position, author) must not be published"
    original = (site_root / "exemplars" / "images" / f"{PHOTO_SLUG}.jpg").read_bytes()
    digests = {hashlib.sha256(p.read_bytes()).digest() for p in built_site.rglob("*") if p.is_file()}
    assert hashlib.sha256(original).digest() not in digests
    cards = read(built_site, "linh-vuc/nong-nghiep-nong-thon")
    assert 'loading="lazy"' in cards and "-480.webp" in cards


# --- Listings ---------------------------------------------------------------------------


def listed(site: Path, first_url: str) -> list[str]:
    """Profile slugs linked from a paginated listing, following its 'next' links."""
    slugs, url = [], first_url
    while url is not None:
        page = read(site, url)
        assert page.count(CARD) <= PAGE_SIZE
        slugs += re.findall(r'class="sc-card__title"><a href="[./]*dien-hinh/([a-z0-9-]+)/"', page)
        after = re.search(r'<a class="sc-pager__link" href="([^"]+)" rel="next">', page)
        url = urlsplit(urljoin(f"/{url}/", after.group(1))).path.strip("/") if after else None
    return slugs


def test_every_movement_lists_its_public_profiles(built_site, showcase, public):
    for slug, movement in showcase.movements.items():
        page = read(built_site, f"phong-trao/{slug}")
        assert str(escape(movement.name)) in page
        expected = [e.slug for e in public if slug in e.movements]
        assert listed(built_site, f"phong-trao/{slug}") == expected
    assert "Chưa có điển hình nào" in read(built_site, "phong-trao/chuyen-doi-so-co-so")
    index = read(built_site, "phong-trao")
    assert all(f'href="{slug}/"' in index for slug in showcase.movements)


@pytest.mark.parametrize("prefix, attribute", [("linh-vuc", "field"), ("loai", "kind"), ("nhom", "category"),
                                               ("nam", "year"), ("tinh-thanh", "province")])
def test_browse_pages_list_every_public_profile_once(built_site, showcase, public, prefix, attribute):
    seen = []
    dim = next(d for d in DIMENSIONS if d.prefix == prefix)
    for code in sorted({str(getattr(e, attribute).slug if attribute == "province" else getattr(e, attribute))
                        for e in public}):
        value = listing_slug(showcase, dim, code)  # the label's slug: `nong-nghiep-nong-thon`, not `agriculture`
        slugs = listed(built_site, f"{prefix}/{value}")
        assert slugs, f"{prefix}/{value} is empty"
        seen += slugs
        assert f'href="{value}/"' in read(built_site, prefix)
    assert sorted(seen) == sorted(e.slug for e in public)


def test_listings_are_paginated(built_site):
    first = read(built_site, f"linh-vuc/{PAGINATED_FIELD_SLUG}")
    second = read(built_site, f"linh-vuc/{PAGINATED_FIELD_SLUG}/trang-2")
    assert first.count(CARD) == PAGE_SIZE
    assert second.count(CARD) == PAGINATED_COUNT + 1 - PAGE_SIZE
    assert 'href="trang-2/" rel="next"' in first
    assert 'href="../" rel="prev"' in second and 'aria-current="page"' in second
    assert "(trang 2/2)" in second
    for page in html_pages(built_site):
        assert page.read_text(encoding="utf-8").count(CARD) <= PAGE_SIZE, page


def test_home_page_shows_featured_latest_counts_and_movements(built_site, public, showcase):
    home = read(built_site, "")
    assert f"<strong>{len(public)}</strong> điển hình" in home
    assert f"dien-hinh/{PHOTO_SLUG}/" in home  # featured
    assert f"dien-hinh/{public[0].slug}/" in home  # latest
    assert "phong-trao/nong-thon-moi/" in home


def test_criteria_page_comes_from_criteria_yml(built_site, showcase):
    page = read(built_site, "tieu-chi")
    for criterion in showcase.criteria.criteria.values():
        assert f'id="{criterion.id}"' in page and str(escape(criterion.wording)) in page
    assert f"không quá {showcase.criteria.max_per_unit_per_year} điển hình" in page


# --- Withdrawn profiles, feeds, open data, sitemap -------------------------------------


def test_withdrawn_profile_appears_nowhere_but_its_notice(built_site):
    # Its old address answers with a short notice (tests/test_withdrawal.py checks it in detail).
    assert "Hồ sơ đã được rút" in read(built_site, f"dien-hinh/{WITHDRAWN[0]}")
    for path in built_site.rglob("*"):
        if path.is_file():
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            for marker in WITHDRAWN:
                assert marker.encode() not in data, f"{path} mentions the withdrawn profile"


def test_sitemap_lists_every_page_with_content_dates(built_site, public):
    # sitemap.xml is an index of gzipped parts (tests/test_sitemaps.py)
    lastmod = dict(sitemaps.read(built_site))
    for e in public:
        assert lastmod[f"{SITE_URL}dien-hinh/{e.slug}/"] == e.published.isoformat()
    assert max(lastmod.values()) == public[0].published.isoformat()
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()) == (built_site / "sitemap.xml").read_bytes()


def test_atom_feed_lists_newest_profiles(built_site, public):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built_site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}id") for e in entries] == [f"{SITE_URL}dien-hinh/{e.slug}/" for e in public][:50]
    assert feed.findtext(f"{atom}updated") == f"{public[0].published.isoformat()}T00:00:00+07:00"
    assert 'type="application/atom+xml"' in read(built_site, "")


def test_open_data_has_every_public_profile_and_no_consent(built_site, public, showcase):
    data = json.loads((built_site / "api" / "exemplars.json").read_text(encoding="utf-8"))
    assert data["count"] == len(public)
    assert [r["slug"] for r in data["exemplars"]] == [e.slug for e in public]
    record = next(r for r in data["exemplars"] if r["slug"] == PHOTO_SLUG)
    assert record["url"] == f"{SITE_URL}dien-hinh/{PHOTO_SLUG}/"
    assert record["photo"].startswith(SITE_URL + "anh/") and record["field_label"] == "Nông nghiệp, nông thôn"
    raw = (built_site / "api" / "exemplars.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["slug"] for r in rows] == [e.slug for e in public]
    public_dates = {d.isoformat() for e in public for d in [e.published, *(c.date for c in e.commendations)]}
    consent_dates = {e.consent.date.isoformat() for e in showcase.exemplars.values() if e.consent} - public_dates
    for text in (json.dumps(data), raw.decode("utf-8-sig")):
        assert "consent" not in text
        for date in consent_dates:
            assert date not in text


# --- Whole site -------------------------------------------------------------------------


def test_internal_links_resolve(built_site):
    for page in html_pages(built_site):
        base = "/" + page.relative_to(built_site).as_posix()
        for tag, attrs in tags(page):
            for key in ("href", "src"):
                value = attrs.get(key)
                if not value or value.startswith(("http:", "https:", "mailto:", "#", "data:")):
                    continue
                path = unquote(urlsplit(urljoin(base, value)).path).lstrip("/")
                target = built_site / path
                if value.endswith("/") or target.is_dir():
                    target = target / "index.html"
                assert target.is_file(), f"{page.relative_to(built_site)}: broken link {value}"


def test_interface_is_vietnamese(built_site):
    for url in ("", f"dien-hinh/{PHOTO_SLUG}", "quyen-rieng-tu"):
        page = read(built_site, url)
        assert '<html lang="vi"' in page and "Lên đầu trang" in page
        for english in ("Skip to content", "Back to top", "Edit this page", "Made with", "Table of contents"):
            assert english not in page
    assert 'title="Sửa trang này"' in read(built_site, "quy-tac-kiem-tra")


def test_edit_links_only_on_the_editors_guide(built_site):
    """Readers never need the "Sửa trang này" pencil; editors find it on their guide."""
    assert f'href="{EDIT_URL}docs/quy-tac-kiem-tra.md"' in read(built_site, "quy-tac-kiem-tra")
    for url in ("quyen-rieng-tu", "phong-trao/nong-thon-moi", "tieu-chi", f"dien-hinh/{PHOTO_SLUG}", "", "lich",
                "thong-ke", "tra-cuu", "linh-vuc"):
        assert EDIT_URL not in read(built_site, url), url


# --- Failed and repeated builds ---------------------------------------------------------


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def rebuilt_copy(built_site, site_root, tmp_path) -> Path:
    """A copy of the built repository (site/ and image cache included), for builds that change it."""
    copy = tmp_path / "repo"
    shutil.copytree(site_root, copy, symlinks=True)
    return copy


def test_a_hand_written_page_may_not_replace_a_generated_one(rebuilt_copy):
    (rebuilt_copy / "docs" / "phong-trao.md").write_text("# Phong trào\n", encoding="utf-8")
    result = build(rebuilt_copy)
    assert result.returncode != 0
    assert "Trang tạo tự động `phong-trao/index.html` trùng với `phong-trao.md`" in result.stdout + result.stderr


def test_two_builds_are_byte_identical(built_site, rebuilt_copy):
    shutil.rmtree(rebuilt_copy / "site")
    result = build(rebuilt_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = snapshot(built_site), snapshot(rebuilt_copy / "site")
    # Pagefind (1.5) writes its filter and metadata indexes in no stable order, so their
    # hashed names change; pages, fragments (each page's search text) and words do not.
    # Upstream: Pagefind issue #638.
    unstable = re.compile(r"^pagefind/(filter/|pagefind\.vi_\w+\.pf_meta$|pagefind-entry\.json$)")
    first = {k: v for k, v in first.items() if not unstable.match(k)}
    second = {k: v for k, v in second.items() if not unstable.match(k)}
    assert any(k.startswith("pagefind/fragment/") for k in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_invalid_profile_fails_the_build_and_keeps_the_previous_site(built_site, rebuilt_copy):
    before = snapshot(rebuilt_copy / "site")
    bad = rebuilt_copy / "exemplars" / "ho-so-loi.md"
    text = (rebuilt_copy / "exemplars" / "vo-thi-mai.md").read_text(encoding="utf-8")
    bad.write_text(text.replace("name: Võ Thị Mai", "name: Võ Thị Mây").replace("field: health", "field: healt"),
                   encoding="utf-8")
    # Without the validate step of `make build`: the build itself must refuse the content.
    result = build(rebuilt_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "exemplars/ho-so-loi.md:6: DH104 lỗi" in output and "Có phải ý bạn là `health`?" in output
    assert "Traceback" not in output
    assert snapshot(rebuilt_copy / "site") == before
    assert not list(rebuilt_copy.glob(".site-build-*")) and not list(rebuilt_copy.glob(".site-old-*"))



def test_a_full_build_prunes_old_photo_renditions_from_the_cache(rebuilt_copy):
    cache = rebuilt_copy / ".site-cache" / "images"
    used = sorted(p.name for p in cache.iterdir())
    assert used, "the fixture has photos"
    stale = cache / ("0" * 32 + "-480.webp")  # a photo that was replaced or removed
    stale.write_bytes(b"old")
    os.utime(stale, (1_600_000_000, 1_600_000_000))
    result = build(rebuilt_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in cache.iterdir()) == used
    assert "Đã xoá 1 ảnh cũ" in result.stderr
