"""Share cards and site icons: what Zalo and Facebook show for a shared link, and the tab icon.

Every page of the demo site names a 1200×630 JPEG in `og:image` that exists in the site and
carries no metadata; the text is drawn with a font that has every Vietnamese letter.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import font_source_sans_pro
import pytest
from PIL import Image, ImageFont

from showcase import share_cards
from showcase.share_cards import BOLD, SEMIBOLD, card, draw, icon_files

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://dienhinh.example.gov.vn/"
SITE_NAME = "Điển hình tiên tiến"
VIETNAMESE = ("ĐđĂăÂâÊêÔôƠơƯư" "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"
              "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ" "ÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúý…·–")
# What a JPEG written by Pillow without metadata may say about itself (the JFIF header).
HARMLESS_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression"}


def meta(page: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page)
    return found.group(1) if found else None


def shared_pages(site: Path) -> list[Path]:
    """Every HTML page a reader can share: not the search bundle, the editor, a withdrawn
    profile's bare notice (nothing to show), nor the 404 page (no address of its own)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "bien-tap/")) or rel == "404.html":
            continue
        if 'name="robots" content="noindex' in path.read_text(encoding="utf-8"):
            continue
        pages.append(path)
    return pages


def assert_card(site: Path, image_url: str, where: str) -> Path:
    assert image_url.startswith(SITE_URL), where
    path = site / image_url[len(SITE_URL):]
    assert path.is_file(), f"{where}: {image_url} is not in the site"
    with Image.open(path) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630)), where
        assert not image.getexif(), f"{where}: EXIF"
        assert set(image.info) <= HARMLESS_INFO, f"{where}: metadata {set(image.info) - HARMLESS_INFO}"
    assert b"Exif" not in path.read_bytes()[:2000] and b"<x:xmpmeta" not in path.read_bytes()
    return path


# --- On the built demo site -----------------------------------------------------------------


def test_every_page_of_the_demo_site_has_a_1200x630_share_card(demo_site):
    pages = shared_pages(demo_site)
    profiles = [p for p in pages if p.relative_to(demo_site).parts[0] == "dien-hinh"]
    assert len(profiles) >= 15 and len(pages) > len(profiles) + 10
    for path in pages:
        where = path.relative_to(demo_site).as_posix()
        page = path.read_text(encoding="utf-8")
        assert_card(demo_site, meta(page, "og:image"), where)
        assert meta(page, "og:image:width") == "1200" and meta(page, "og:image:height") == "630", where
        assert meta(page, "og:image:alt"), where
        assert meta(page, "twitter:card") == "summary_large_image", where
        assert meta(page, "twitter:image") == meta(page, "og:image"), where
        # The site's name travels with the title: Zalo and Facebook show og:title alone.
        assert SITE_NAME in meta(page, "og:title"), where


def test_page_types_each_get_their_own_card(demo_site):
    """Home, movement, listing, statistics, search, calendar: a card with their title."""
    seen = {}
    for url in ("", "phong-trao/", "linh-vuc/", "thong-ke/", "tra-cuu/", "lich/", "tieu-chi/", "gioi-thieu/"):
        page = (demo_site / url / "index.html").read_text(encoding="utf-8")
        seen[url] = meta(page, "og:image")
        assert "/anh/the/" in seen[url], url
    assert len(set(seen.values())) == len(seen)  # each its own title


def test_a_profile_with_a_photo_shares_its_photo_cropped(built_site):
    page = (built_site / "dien-hinh" / "nguyen-thi-lan" / "index.html").read_text(encoding="utf-8")
    image = meta(page, "og:image")
    assert "/anh/the/" not in image  # the photo, not a drawn card
    assert_card(built_site, image, "nguyen-thi-lan")
    assert meta(page, "og:image:alt") and meta(page, "twitter:card") == "summary_large_image"


def test_a_profile_without_a_photo_gets_a_card_with_its_name(demo_site):
    page = (demo_site / "dien-hinh" / "le-van-c" / "index.html").read_text(encoding="utf-8")
    assert "/anh/the/le-van-c-" in meta(page, "og:image")
    assert meta(page, "og:image:alt") == "Người tốt, việc tốt: Lê Văn C (Điển hình tiên tiến)"
    assert meta(page, "og:title") == "Lê Văn C – Điển hình tiên tiến"


def test_site_icons_come_from_one_logo(demo_site):
    for name, size in (("apple-touch-icon.png", (180, 180)), ("assets/images/logo-48.png", (48, 48))):
        with Image.open(demo_site / name) as image:
            assert (image.format, image.size) == ("PNG", size), name
    with Image.open(demo_site / "favicon.ico") as image:
        assert image.format == "ICO" and (48, 48) in image.info["sizes"]
    page = (demo_site / "dien-hinh" / "le-van-c" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="../../assets/images/logo-48.png">' in page
    assert '<link rel="apple-touch-icon" href="../../apple-touch-icon.png">' in page
    assert '<img src="../../assets/images/logo-48.png" alt="" width="48" height="48">' in page
    assert "assets/images/favicon.png" not in page  # Material's stock icon


# --- The drawing ------------------------------------------------------------------------------


def test_the_font_ships_with_a_package_and_has_every_vietnamese_letter():
    assert Path(font_source_sans_pro.__file__).parent in BOLD.parents  # pip installs it on a fresh machine
    for path in (BOLD, SEMIBOLD):
        font = ImageFont.truetype(str(path), 40)
        missing = font.getmask("\ue000")  # a private-use character: the font's "missing glyph" box
        notdef = (missing.size, bytes(missing))
        for letter in VIETNAMESE:
            mask = font.getmask(letter)
            assert (mask.size, bytes(mask)) != notdef, f"{path.name} has no glyph for {letter!r}"


def test_tone_marks_are_drawn(tmp_path):
    """'ệ' and 'e' give different pictures: the marks reach the card."""
    assert draw("Nguyễn Thị Bích Ngọc ệ", "", SITE_NAME, tmp_path, "") != draw("Nguyen Thi Bich Ngoc e", "", SITE_NAME,
                                                                                tmp_path, "")


def test_a_long_title_is_wrapped_and_ends_with_an_ellipsis():
    title = "Hợp tác xã Nông nghiệp Dịch vụ Đồng Tâm phường Buôn Ma Thuột, tỉnh Đắk Lắk " * 4
    size, lines = share_cards._fit(title)
    assert len(lines) <= share_cards.MAX_LINES and lines[-1].endswith("…")
    font = ImageFont.truetype(str(BOLD), size)
    assert all(font.getlength(line) <= share_cards.WIDTH - 2 * share_cards.MARGIN for line in lines)
    short_size, short = share_cards._fit("Lê Văn C")
    assert short == ["Lê Văn C"] and short_size == share_cards.TITLE_SIZES[0]


def test_cards_are_cached_by_content_and_cheap(tmp_path):
    first = card(tmp_path, "Nguyễn Văn A", "Điển hình tiên tiến", "nguyen-van-a")
    written = first.path.stat().st_mtime_ns
    assert card(tmp_path, "Nguyễn Văn A", "Điển hình tiên tiến", "nguyen-van-a") == first
    assert first.path.stat().st_mtime_ns == written  # not drawn again
    other = card(tmp_path, "Nguyễn Văn Á", "Điển hình tiên tiến", "nguyen-van-a")
    assert other.path != first.path and other.src_uri != first.src_uri
    # Pages of a listing share the first page's card.
    assert card(tmp_path, "Lĩnh vực: Y tế (trang 2/3)") == card(tmp_path, "Lĩnh vực: Y tế")
    started = time.perf_counter()
    for n in range(20):
        card(tmp_path, f"Hộ gia đình số {n} ở xã Vĩnh Thuận, tỉnh An Giang", "Nhân tố mới")
    per_card = (time.perf_counter() - started) / 20
    assert per_card < 0.1, f"{per_card * 1000:.0f} ms per card"  # about 12 ms on the CI machine


def test_replacing_the_logo_replaces_every_icon_and_card(tmp_path):
    logo = tmp_path / share_cards.LOGO_SOURCE
    logo.parent.mkdir(parents=True)
    shutil.copy(ROOT / share_cards.LOGO_SOURCE, logo)
    showcase = type("Stub", (), {"root": tmp_path})()
    before = {f.src_uri: f.path.read_bytes() for f in icon_files(showcase, SITE_URL)}
    before_card = card(tmp_path, "Trang chủ")
    assert set(before) == {"favicon.ico", "apple-touch-icon.png", "assets/images/logo-48.png"}
    Image.new("RGBA", (300, 200), "#0b5394").save(logo)  # an agency's own logo, not square
    share_cards._logo_digest.cache_clear()
    after = {f.src_uri: f.path.read_bytes() for f in icon_files(showcase, SITE_URL)}
    assert all(after[name] != before[name] for name in before)
    assert card(tmp_path, "Trang chủ").path != before_card.path
    with Image.open(next(f.path for f in icon_files(showcase, SITE_URL) if f.src_uri == "apple-touch-icon.png")) as i:
        assert i.size == (180, 180)


def test_two_profiles_that_share_a_card_publish_it_once(tmp_path):
    """Same name, same category, slugs alike in their first 60 letters: one card, no clash."""
    from conftest import build, make_site_tree

    root = make_site_tree(tmp_path / "repo")
    source = (root / "exemplars" / "hop-tac-xa-binh-minh.md").read_text(encoding="utf-8")
    long_name = "Hợp tác xã dịch vụ nông nghiệp tổng hợp Bình Minh của thôn Đồng Tiến"
    base = "hop-tac-xa-dich-vu-nong-nghiep-tong-hop-binh-minh-cua-thon-dong-tien"
    for suffix, place, year in (("mot", "Xã Đồng Tiến", 2022), ("hai", "Xã Gia Hưng", 2021)):
        (root / "exemplars" / f"{base}-{suffix}.md").write_text(
            source.replace("Hợp tác xã Bình Minh", long_name).replace("Xã Đồng Tiến", place)
            .replace("year: 2023", f"year: {year}").replace("featured: true\n", ""), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    first, second = (meta((root / "site" / "dien-hinh" / f"{base}-{s}" / "index.html").read_text(encoding="utf-8"),
                          "og:image") for s in ("mot", "hai"))
    assert first == second and (root / "site" / first.split("/", 3)[-1]).is_file()


def test_missing_cards_are_drawn_ahead_on_every_core(tmp_path, monkeypatch):
    """A first build of many profiles without photos draws their cards in worker processes; the
    cards are the ones `card` would have drawn."""
    shutil.copytree(Path(share_cards.__file__).parent.parent / "overrides", tmp_path / "overrides")
    monkeypatch.setattr(share_cards, "PARALLEL_FROM", 3)
    pairs = [(f"Hợp tác xã số {n}", "Mô hình mới") for n in range(6)] + [("Hợp tác xã số 0", "Mô hình mới")]
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: cards are drawn one by one")
    assert share_cards.prepare(tmp_path, pairs) == 6
    made = card(tmp_path, "Hợp tác xã số 4", "Mô hình mới")
    assert made.path.read_bytes() == draw("Hợp tác xã số 4", "Mô hình mới", share_cards.SITE_NAME, tmp_path,
                                          share_cards._logo_digest(tmp_path))
    assert share_cards.prepare(tmp_path, pairs) == 0  # all there now
