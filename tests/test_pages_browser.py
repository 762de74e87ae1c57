"""Every page type of the demo site in headless Chromium, in the light and the dark palette, at
phone (390×844) and desktop (1280×800) widths: no console error, no Content-Security-Policy
violation, no layout shift above 0.01 (issue 14). Then the layout details a reader meets:
the photo's box reserved before it arrives, the search page's newest profiles drawn without
Pagefind, filters that keep keyboard focus, a skip link, a closed menu drawer kept out of Tab,
and cards without a photo beside cards with one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.lighthouse import serve as serve_like_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MAX_SHIFT = 0.01
DONE = "() => document.querySelector('[data-sc-search]').getAttribute('aria-busy') === 'false'"
PALETTES = {
    "light": {"index": 0, "color": {"media": "(prefers-color-scheme: light)", "scheme": "default",
                                    "primary": "custom", "accent": "custom"}},
    "dark": {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                                   "primary": "custom", "accent": "custom"}},
}
# Before any script of the page: CSP violations and layout shifts are recorded from the start.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
window.__shift = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shift += entry.value;
    window.__shifts.push([entry.value, entry.sources.map((s) => s.node && (s.node.className || s.node.nodeName))]);
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def _first(site: Path, folder: str, contains: str | None = None, lacks: str | None = None) -> str:
    for page in sorted((site / folder).glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if (contains is None or contains in html) and (lacks is None or lacks not in html):
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no page under {folder}/ with {contains!r} and without {lacks!r}")


PAGES = {
    "home": lambda s: "",
    "profile with photo": lambda s: _first(s, "dien-hinh", 'class="sc-photo"'),
    "profile without photo": lambda s: _first(s, "dien-hinh", 'class="sc-profile"', lacks='class="sc-photo"'),
    "movement": lambda s: _first(s, "phong-trao"),
    "listing": lambda s: _first(s, "linh-vuc"),
    "search": lambda s: "tra-cuu/",
    "statistics": lambda s: "thong-ke/",
    "calendar": lambda s: "lich/",
    "404": lambda s: "khong-co-trang-nay/",  # a missing address: the server answers with 404.html
    "criteria": lambda s: "tieu-chi/",
    "privacy": lambda s: "quyen-rieng-tu/",
}


@pytest.fixture(scope="module")
def demo(demo_site):
    with serve_like_pages(demo_site) as base:
        yield base, demo_site


class Tab:
    """A tab with the reader's palette saved as Material saves it, recording errors."""

    def __init__(self, browser, viewport: dict, palette: str = "light"):
        self.context = browser.new_context(viewport=viewport)
        saved = json.dumps(PALETTES[palette])
        # Material keeps the palette under "<site path>.__palette"; the site is served at "/".
        self.context.add_init_script(f"localStorage.setItem('/.__palette', {json.dumps(saved)});" + WATCH)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        # Chromium reports a page answered 404 as an error of its own: only the 404 page is.
        self.page.on("console", lambda msg: msg.type == "error" and not (
            "404" in msg.text and msg.location.get("url") == self.page.url) and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(300)  # a shift from a late script or image would be in by now

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tabs(browser):
    opened: list[Tab] = []

    def make(viewport: dict = PHONE, palette: str = "light") -> Tab:
        opened.append(Tab(browser, viewport, palette))
        return opened[-1]

    yield make
    for tab in opened:
        tab.close()


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_page_is_quiet_and_still(tabs, demo, name, viewport, palette):
    base, site = demo
    tab = tabs(viewport, palette)
    tab.open(base + PAGES[name](site))
    scheme = tab.page.get_attribute("body", "data-md-color-scheme")
    assert scheme == PALETTES[palette]["color"]["scheme"]
    violations = tab.page.evaluate("window.__violations")
    assert violations == [], violations
    assert tab.errors == [], tab.errors
    shift, shifts = tab.page.evaluate("[window.__shift, window.__shifts]")
    assert shift <= MAX_SHIFT, f"layout shift {shift:.3f}: {shifts}"


def test_photo_box_is_reserved_before_the_photo_arrives(tabs, demo):
    """A phone on a slow network: the text is drawn before the photo comes, and stays put."""
    base, site = demo
    tab = tabs()

    held = []  # the photos' requests, answered once the page is drawn without them
    tab.page.route(re.compile(r"\.(webp|jpe?g|png)$"), lambda route: held.append(route))
    tab.page.goto(base + PAGES["profile with photo"](site), wait_until="domcontentloaded")
    photo = tab.page.locator(".sc-photo img")
    tab.page.wait_for_timeout(200)
    complete, width, height, ratio = photo.evaluate(
        "i => [i.complete, i.getBoundingClientRect().width, i.getBoundingClientRect().height,"
        " i.getAttribute('height') / i.getAttribute('width')]")
    assert not complete  # measured before the photo arrived
    assert width > PHONE["width"] * 0.8 and abs(height - width * ratio) < 2, (width, height)
    assert held
    for route in held:
        route.continue_()
    tab.page.wait_for_load_state("load")
    tab.page.wait_for_timeout(300)
    shift, shifts = tab.page.evaluate("[window.__shift, window.__shifts]")
    assert shift <= MAX_SHIFT, f"layout shift {shift:.3f}: {shifts}"


def test_search_page_lists_the_newest_profiles_without_pagefind(tabs, demo):
    base, _ = demo
    tab = tabs()
    asked: list[str] = []
    tab.page.on("request", lambda request: "/pagefind/" in request.url and asked.append(request.url))
    tab.page.goto(base + "tra-cuu/", wait_until="load")
    tab.page.wait_for_function(DONE)
    titles = tab.page.locator(".sc-search__title").all_inner_texts()
    assert len(titles) >= 10 and all(titles), titles
    assert "hồ sơ" in tab.page.locator(".sc-search__status").inner_text()
    assert asked == []  # nothing of Pagefind before the reader searches
    tab.page.fill("#sc-q", "nguyen")
    tab.page.press("#sc-q", "Enter")
    tab.page.wait_for_function(DONE)
    assert asked and tab.page.locator(".sc-search__title").count() > 0


def test_filter_chosen_with_arrow_keys_keeps_focus_and_its_other_values(tabs, demo):
    base, _ = demo
    tab = tabs()
    tab.page.goto(base + "tra-cuu/", wait_until="load")
    tab.page.click(".sc-search__filter-box summary")
    select = tab.page.locator("#sc-filter-province")
    select.wait_for()
    options = select.locator("option").count()
    assert options > 3
    select.focus()
    for step in range(1, 3):
        tab.page.keyboard.press("ArrowDown")
        tab.page.wait_for_function(DONE)
        tab.page.wait_for_timeout(100)
        assert tab.page.evaluate("document.activeElement.id") == "sc-filter-province"
        assert select.locator("option").count() == options  # the other provinces are still there
        assert select.evaluate("s => s.selectedIndex") == step
    assert "province=" in tab.page.url


def test_filter_box_wears_no_pencil(tabs, demo):
    base, _ = demo
    tab = tabs()
    tab.page.goto(base + "tra-cuu/", wait_until="load")
    mask = tab.page.eval_on_selector(".sc-search__filter-box summary",
                                     "s => getComputedStyle(s, '::before').maskImage")
    pencil = tab.page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-admonition-icon--note')")
    assert mask and pencil and pencil.strip() not in mask


@pytest.mark.parametrize("name", ["home", "profile with photo", "listing", "search"])
def test_skip_link_comes_first(tabs, demo, name):
    base, site = demo
    tab = tabs()
    tab.page.goto(base + PAGES[name](site), wait_until="load")
    tab.page.keyboard.press("Tab")
    link = tab.page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.textContent.trim(),"
                             " document.activeElement.getAttribute('href')]")
    assert link[0] and link[1], link
    target = link[2].lstrip("#")
    assert tab.page.locator(f"[id='{target}']").count() == 1
    tab.page.keyboard.press("Enter")
    tab.page.keyboard.press("Tab")  # the first link or field of the content, past the header
    assert tab.page.evaluate("!!document.activeElement.closest('.md-content')")


def test_tab_on_a_phone_skips_the_closed_menu_drawer(tabs, demo):
    base, site = demo
    tab = tabs()
    tab.page.goto(base + PAGES["profile with photo"](site), wait_until="load")
    for _ in range(8):
        tab.page.keyboard.press("Tab")
        where = tab.page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            return [!!el.closest('.md-sidebar--primary'), box.right > 0 && box.left < innerWidth, el.outerHTML.slice(0, 80)];
        }""")
        assert not where[0] and where[1], where
    tab.page.click(".md-header label[for='__drawer']")
    tab.page.wait_for_timeout(400)
    assert tab.page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()


def test_card_without_photo_matches_its_neighbour(tabs, demo):
    base, site = demo
    tab = tabs(DESKTOP)
    tab.page.goto(base, wait_until="load")
    rows = tab.page.evaluate("""() => {
        const rows = {};
        for (const card of document.querySelectorAll('li.sc-card')) {
            const top = Math.round(card.getBoundingClientRect().top);
            const img = card.querySelector('.sc-card__photo');
            const top_part = img ? img.getBoundingClientRect().height
                                 : parseFloat(getComputedStyle(card, '::before').height) || 0;
            (rows[top] ||= []).push([!!img, top_part]);
        }
        return Object.values(rows);
    }""")
    mixed = [row for row in rows if len({has for has, _ in row}) == 2]
    assert mixed, f"the demo home page should show a card with and one without a photo side by side: {rows}"
    for row in mixed:
        heights = {round(h) for _, h in row}
        assert len(heights) == 1, row
