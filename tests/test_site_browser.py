"""The built fixture site in headless Chromium at phone width (360 px): no console errors
(Content-Security-Policy violations included), no horizontal scrolling, and no serious or
critical accessibility violations found by axe-core, in the light and the dark palette."""

from __future__ import annotations

import pytest

from browser import PHONE, Page, describe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "profile": "dien-hinh/nguyen-thi-lan/",
    "movement": "phong-trao/vi-nguoi-ngheo/",
    "browse": "linh-vuc/giao-duc-dao-tao/",
}


@pytest.fixture
def tab(browser):
    page = Page(browser, axe=True)
    yield page
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_at_phone_width(tab, site_server, name):
    tab.goto(site_server + PAGES[name])
    tab.page.wait_for_load_state("networkidle")
    assert tab.errors == []
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways ({width} px)"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violations(tab, site_server, name):
    tab.goto(site_server + PAGES[name])
    violations = tab.axe_violations()
    assert not violations, describe(violations)


def test_dark_palette_is_accessible_too(tab, site_server):
    tab.goto(site_server + PAGES["profile"])
    tab.page.click("label[for='__palette_1']")
    assert tab.page.get_attribute("body", "data-md-color-scheme") == "slate"
    violations = tab.axe_violations()
    assert not violations, describe(violations)
    assert tab.errors == []


def test_phone_gets_the_small_photo(tab, site_server):
    tab.goto(site_server + PAGES["profile"])
    photo = tab.page.locator(".sc-photo img")
    photo.scroll_into_view_if_needed()
    tab.page.wait_for_function("document.querySelector('.sc-photo img').complete")
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert photo.evaluate("img => img.currentSrc").endswith("-480.webp")
