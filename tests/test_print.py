"""Printing a profile (overrides/assets/stylesheets/print.css): Chromium prints each demo
profile to an A4 PDF, read back with poppler's pdftotext. A handout fits on one or two
pages, with the site's name, the page's address and its date; no label is apart from its
value, no heading is the last line of a page, and the dark palette prints dark on white."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from browser import require, serve

PDFTOTEXT = Path("/usr/bin/pdftotext")
SITE_URL = "https://dienhinh.example.gov.vn/"
SITE_NAME = "Điển hình tiên tiến"
HEADINGS = ("Thành tích tiêu biểu", "Tiêu chí đáp ứng", "Khen thưởng", "Câu chuyện", "Nguồn kiểm chứng")


@pytest.fixture(scope="module")
def printed(demo_site, browser, tmp_path_factory) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """slug -> (text of each printed page, the profile's (label, first value) pairs)."""
    require(PDFTOTEXT, "pdftotext (Debian's poppler-utils)")
    out = tmp_path_factory.mktemp("pdf")
    slugs = [p.parent.name for p in sorted((demo_site / "dien-hinh").glob("*/index.html"))
             if 'class="sc-profile"' in p.read_text(encoding="utf-8")]
    results = {}
    with serve(demo_site) as base:
        context = browser.new_context(color_scheme="dark")
        page = context.new_page()
        for slug in slugs:
            page.goto(f"{base}dien-hinh/{slug}/")
            # The reader chose the dark palette with the site's toggle.
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            pairs = page.evaluate("""() => [...document.querySelectorAll('.sc-fact')].map(f => [
                f.querySelector('dt').innerText.trim(),
                (f.querySelector('dd a') || f.querySelector('dd')).innerText.trim()])""")
            pdf = out / f"{slug}.pdf"
            page.pdf(path=str(pdf), format="A4", print_background=True)
            text = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout
            results[slug] = (text.split("\f")[:-1], pairs)
        context.close()
    assert len(results) >= 15
    return results


def test_a_profile_prints_on_at_most_two_pages_and_one_where_it_fits(printed):
    counts = {slug: len(pages) for slug, (pages, _) in printed.items()}
    assert max(counts.values()) <= 2, counts
    assert min(counts.values()) == 1, counts  # the shorter profiles: one sheet


def test_no_label_is_printed_apart_from_its_value(printed):
    for slug, (pages, pairs) in printed.items():
        assert pairs, slug
        for label, value in pairs:
            # Label and value are one row of the grid (two facts a line): on one line, so on one page.
            lines = [line for page in pages for line in page.splitlines()
                     if re.search(rf"(?:^|\s{{2,}}){re.escape(label)}\s{{2,}}{re.escape(value[:18])}", line)]
            assert lines, f"{slug}: {label!r} and {value!r} are not printed together"


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(printed):
    for slug, (pages, _) in printed.items():
        for number, page in enumerate(pages[:-1], 1):
            last = [line.strip() for line in page.splitlines() if line.strip()][-1]
            assert last not in HEADINGS, f"{slug}: page {number} ends with the heading {last!r}"


def test_the_handout_names_the_site_its_address_and_date(printed):
    for slug, (pages, _) in printed.items():
        text = " ".join(" ".join(page.split()) for page in pages)
        assert re.search(rf"{SITE_NAME} · {re.escape(SITE_URL)}dien-hinh/{slug}/ · công bố ngày \d+ tháng \d+ năm \d{{4}}",
                         text), slug
        # The site's chrome is not printed: no menu, no search box, no footer of the theme.
        for chrome in ("Tìm điển hình", "Trang chủ", "Lên đầu trang", "Danh mục điển hình"):
            assert chrome not in text, f"{slug}: {chrome!r}"


def test_print_is_always_light(demo_site, browser):
    with serve(demo_site) as base:
        context = browser.new_context(color_scheme="dark")
        page = context.new_page()
        page.goto(f"{base}dien-hinh/le-van-c/")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        page.emulate_media(media="print")
        colours = page.evaluate("""() => ['body', '.sc-facts dt', '.sc-facts dd', 'h1', '.sc-note', '.sc-print-footer']
            .map(s => { const st = getComputedStyle(document.querySelector(s));
                        return [s, st.color, getComputedStyle(document.body).backgroundColor]; })""")
        context.close()

    def luminance(css: str) -> float:
        r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    for selector, colour, background in colours:
        assert luminance(colour) < 0.35, f"{selector} prints {colour}"
        assert luminance(background) > 0.95, f"{selector} on {background}"
