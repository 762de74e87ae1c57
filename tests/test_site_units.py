"""The site's building blocks, without MkDocs: story sanitising, links, pagination, formats,
front-matter escaping, open data cells and the photo cache."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

import browser
from showcase import images
from showcase.opendata import _cell
from showcase.site import _pager
from showcase.story import render_story
from showcase.templating import front_matter, relative_url, vi_date, vi_number

FIXTURE_PHOTO = Path(__file__).parent / "fixtures" / "site" / "exemplars" / "images" / "nguyen-thi-lan.jpg"


@pytest.mark.parametrize("markdown, forbidden", [
    ("<script>alert(1)</script>", "alert"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ("[link](javascript:alert(1))", "javascript:"),
    ("[link](http://example.com)", "http://"),
    ('<iframe src="https://example.com"></iframe>', "iframe"),
    ('<div style="position:fixed">x</div>', "style"),
    ("<svg onload=alert(1)>", "svg"),
])
def test_story_html_is_sanitised(markdown, forbidden):
    assert forbidden not in render_story(markdown)


def test_story_keeps_ordinary_markdown_and_shifts_headings():
    html = render_story("# A\n\n## B\n\n### C\n\n**đậm** [nguồn](https://example.gov.vn)\n\n"
                        "| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert "<h3>A</h3>" in html and "<h3>B</h3>" in html and "<h4>C</h4>" in html
    assert '<a href="https://example.gov.vn" rel="noopener noreferrer">nguồn</a>' in html
    assert '<td align="right">2</td>' in html and "<strong>đậm</strong>" in html


@pytest.mark.parametrize("target, here, expected", [
    ("dien-hinh/a/", "linh-vuc/b/", "../../dien-hinh/a/"),
    ("dien-hinh/a/", "", "dien-hinh/a/"),
    ("", "linh-vuc/b/trang-2/", "../../../"),
    ("", "", "./"),
    ("anh/x.webp", "dien-hinh/a/", "../../anh/x.webp"),
    ("linh-vuc/b/", "linh-vuc/b/trang-2/", "../"),
])
def test_relative_url(target, here, expected):
    assert relative_url(target, here) == expected


def test_pager_shows_neighbours_first_and_last():
    pager = _pager(6, 20, lambda n: f"p{n}")
    assert [item and item[0] for item in pager.links] == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert (pager.previous, pager.next) == ("p5", "p7")
    assert _pager(1, 1, str).links == [(1, "1")]


def test_vietnamese_formats():
    assert vi_date(dt.date(2024, 4, 12)) == "12 tháng 4 năm 2024"
    assert vi_number(12345) == "12.345"


def test_front_matter_is_yaml_with_every_string_html_escaped():
    text = front_matter({"title": '<script>x</script> "a" & b', "updated": dt.date(2024, 1, 2), "hide": ["toc"]})
    meta = yaml.safe_load(text.strip().strip("-"))
    assert meta == {"title": "&lt;script&gt;x&lt;/script&gt; &quot;a&quot; &amp; b", "updated": "2024-01-02",
                    "hide": ["toc"]}


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("@x", "'@x"), ("Bình thường", "Bình thường"),
    (["a", "b"], "a; b"), (None, ""), (True, "true"),
])
def test_csv_cells_never_start_a_formula(value, expected):
    assert _cell("name", value) == expected


def test_photo_renditions_are_cached_by_content(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "exemplars").mkdir(parents=True)
    original = root / "exemplars" / "a.jpg"
    shutil.copy(FIXTURE_PHOTO, original)
    exemplar = type("E", (), {"photo": original, "slug": "a", "photo_alt": "Ảnh", "source": "exemplars/a.md"})()
    first = images.photo_of(exemplar, root)
    assert (first.small.width, first.large.width, first.share.width) == (480, 1200, 1200)
    assert first.small.src_uri.startswith("anh/a-") and first.share.src_uri.endswith(".jpg")
    assert all(f.path.is_file() and f.path.is_relative_to(root / images.CACHE_DIR) for f in first.files())

    images._photo.cache_clear()  # a new build: the cache on disk is all that is left
    monkeypatch.setattr(images, "_encode", lambda *a: pytest.fail("re-encoded a cached photo"))
    assert images.photo_of(exemplar, root) == first


def test_missing_browser_skips_locally_but_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        browser.require(tmp_path / "chromium", "Chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        browser.require(tmp_path / "chromium", "Chromium")
