"""Public pages speak Vietnamese to the public: no field names, codes or commands; a
Vietnamese 404 page; listing addresses and heading anchors from the Vietnamese words; the
menu leads to search, statistics and the calendar, not to the editors' guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from showcase.site import _vocabulary_slugs
from showcase.text import anchor_slug, slugify

ROOT = Path(__file__).resolve().parent.parent
EDITORS_GUIDE = "quy-tac-kiem-tra"
# What an editor reads and a reader should not: commands, files, field names, raw values.
EDITOR_WORDS = re.compile(r"scripts/|\.py\b|\.yml\b|--year|`|\(trường|status:|withdrawn|\bnominated_by\b|"
                          r"\bpublished:|\bkind:|\bfield:|\bcategory:")


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    """The page's own content (the theme around it is the same everywhere)."""
    found = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S)
    return found.group(1) if found else ""


def public_pages(site: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix()
        if url.startswith(("pagefind", "bien-tap", EDITORS_GUIDE)):
            continue
        pages.append((url, path.read_text(encoding="utf-8")))
    return pages


def test_public_pages_show_no_field_names_codes_or_commands(demo_site):
    pages = public_pages(demo_site)
    assert len(pages) > 30
    for url, page in pages:
        body = re.sub(r"<[^>]+>", " ", article(page))  # text only: class names are not read
        hit = EDITOR_WORDS.search(body)
        assert not hit, f"{url}: {body[max(0, hit.start() - 60): hit.end() + 60]!r}"
        assert "<code>" not in article(page), url


def test_statistics_page_is_plain_vietnamese_and_style_free(demo_site):
    page = read(demo_site, "thong-ke")
    assert "style=" not in page  # the CSP blocks inline styles (63 errors before)
    assert "report.py" not in page and "<img" not in article(page)  # the bar tables replace the charts
    assert 'href="../assets/stylesheets/thong-ke.css"' in page
    units = yaml.safe_load((ROOT / "units.yml").read_text(encoding="utf-8"))  # code: {name, level}
    text = re.sub(r"<[^>]+>", " ", article(page))
    assert units and all(unit["name"] in text for unit in units.values())
    for code in units:
        assert code not in text, f"unit code {code} printed"


def test_the_404_page_is_vietnamese_with_a_way_home_and_a_search_box(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in page and "404 -" not in page
    assert "<h1>Không tìm thấy trang</h1>" in page and "<title>Không tìm thấy trang" in page
    form = re.search(r'<form class="sc-notfound__search" role="search" action="([^"]+)" method="get">(.*?)</form>',
                     page, re.S)
    assert form and form.group(1).endswith("/tra-cuu/") and 'name="q"' in form.group(2)
    assert re.search(r'<label for="sc-notfound-q">[^<]+</label>', form.group(2))
    assert ">Về trang chủ</a>" in page
    # Even this page shares a picture: the home page's card.
    card = re.search(r'<meta property="og:image" content="https://dienhinh\.example\.gov\.vn/([^"]+)">', page)
    assert card and (built_site / card.group(1)).is_file()
    assert card.group(0).split('"')[3] in read(built_site, "")


def test_listing_addresses_come_from_the_vietnamese_labels(built_site):
    assert (built_site / "linh-vuc" / "nong-nghiep-nong-thon" / "index.html").is_file()
    assert (built_site / "nhom" / "nguoi-tot-viec-tot" / "index.html").is_file()
    assert not (built_site / "linh-vuc" / "agriculture").exists()
    for prefix in ("linh-vuc", "loai", "nhom"):
        for folder in (built_site / prefix).iterdir():
            if folder.is_dir():
                assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", folder.name), folder
    profile = read(built_site, "dien-hinh/nguyen-thi-lan")
    assert re.search(r'href="\.\./\.\./(?:loai|nhom|linh-vuc)/[a-z0-9-]+/"', profile)
    for code in ("agriculture", "household", "good-deed", "individual", "collective"):
        assert f"/{code}/" not in profile


def test_slugs_fold_d_and_labels_that_fold_alike_keep_distinct_addresses():
    assert slugify("Đường Đồng Đội") == "duong-dong-doi"
    slugs = _vocabulary_slugs((("health", "Y tế"), ("health-2", "Y-tế"), ("odd", "!!!")))
    assert slugs == {"health": "y-te", "health-2": "y-te-health-2", "odd": "odd"}


def test_heading_anchors_fold_d_like_slugs(demo_site):
    assert anchor_slug("Theo đơn vị đề xuất") == "theo-don-vi-de-xuat"
    assert anchor_slug("Sự đồng ý", "_") == "su_dong_y"
    assert 'id="theo-don-vi-de-xuat"' in read(demo_site, "thong-ke")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "slugify: !!python/name:showcase.text.anchor_slug" in config
    assert 'id="su-ong-y"' not in "".join(page for _, page in public_pages(demo_site))


def test_menu_leads_to_search_statistics_and_calendar_not_the_editors_guide(built_site):
    home = read(built_site, "")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', home, re.S).group(0)
    for url, label in (("tra-cuu/", "Tra cứu"), ("thong-ke/", "Thống kê"), ("lich/", "Lịch kỷ niệm")):
        assert re.search(rf'href="{url}"[^>]*>\s*<span class="md-ellipsis">\s*{label}', nav), url
    assert EDITORS_GUIDE not in nav and "Hướng dẫn biên tập" not in nav
    # Still reachable, from the page for proposing a profile.
    assert 'href="../quy-tac-kiem-tra/"' in read(built_site, "de-xuat-dien-hinh")
    assert (built_site / EDITORS_GUIDE / "index.html").is_file()


@pytest.mark.parametrize("url", ["", "dien-hinh/nguyen-thi-lan", "phong-trao/nong-thon-moi", "tieu-chi", "thong-ke",
                                 "lich", "quyen-rieng-tu", "gioi-thieu", "de-xuat-dien-hinh", "tra-cuu"])
def test_no_edit_pencil_on_public_pages(built_site, url):
    assert 'title="Sửa trang này"' not in read(built_site, url)
