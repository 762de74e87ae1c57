"""Search and filters on the "Tra cứu" page, in a real headless Chromium over a built site.

The fixture site (tests/conftest.py) holds profiles written for these cases: "Nguyễn Văn
An" (Đắk Lắk), "Lê Minh Đức" (chuyển đổi số), "Hợp tác xã Hoà Bình" (old tone placement)
beside "Tổ hợp tác trồng hoa Tây Nguyên" (many a "hoa"), and a withdrawn "Phạm Văn Gỡ".
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser import Page, describe

pytestmark = pytest.mark.browser

DONE = "() => document.querySelector('[data-sc-search]').getAttribute('aria-busy') === 'false'"


@pytest.fixture()
def tab(browser):
    page = Page(browser)
    yield page
    assert page.errors == [], page.errors  # the CSP lets Pagefind's WebAssembly run: no errors
    page.close()


def search(tab: Page, base: str, query: str = "", **filters: str) -> list[str]:
    params = "&".join([f"q={quote(query)}"] + [f"{k}={quote(v)}" for k, v in filters.items()])
    tab.goto(f"{base}tra-cuu/?{params}")
    tab.page.wait_for_function(DONE)
    return tab.page.locator(".sc-search__title").all_inner_texts()


def status(tab: Page) -> str:
    return tab.page.locator(".sc-search__status").inner_text()


@pytest.mark.parametrize("query, expected", [
    ("nguyen van a", "Nguyễn Văn An"),
    ("dak lak", "Nguyễn Văn An"),
    ("duc", "Lê Minh Đức"),
    ("le minh duc", "Lê Minh Đức"),
    ("chuyen doi so", "Lê Minh Đức"),
    ("Đức", "Lê Minh Đức"),
])
def test_unaccented_query_finds_the_profile_in_the_top_three(tab, site_server, query, expected):
    titles = search(tab, site_server, query)
    assert expected in titles[:3], titles


def test_dak_lak_finds_only_dak_lak_profiles_first(tab, site_server):
    search(tab, site_server, "dak lak")
    tags = tab.page.locator(".sc-search__tags").all_inner_texts()
    assert tags and all("Đắk Lắk" in t for t in tags[:3]), tags


@pytest.mark.parametrize("query", ["hòa", "hoà", "HOÀ BÌNH"])
def test_both_tone_placements_match_and_exact_words_rank_first(tab, site_server, query):
    titles = search(tab, site_server, query)
    assert titles[0] == "Hợp tác xã Hoà Bình", titles


def test_unaccented_word_ranks_its_exact_match_first(tab, site_server):
    titles = search(tab, site_server, "hoa")
    assert titles[0] == "Tổ hợp tác trồng hoa Tây Nguyên", titles
    assert "Hợp tác xã Hoà Bình" in titles  # folded matches follow


@pytest.mark.parametrize("query", ["pham van go", "Phạm Văn Gỡ"])
def test_withdrawn_profile_is_never_found(tab, site_server, query):
    assert "Phạm Văn Gỡ" not in search(tab, site_server, query)
    found = tab.page.evaluate("""async (q) => {
        const pf = await import('../pagefind/pagefind.js');
        const r = await pf.search(q);
        return Promise.all(r.results.map(x => x.data().then(d => d.url)));
    }""", query)
    assert not any("pham-van-go" in url for url in found)


def test_without_words_every_profile_is_listed_newest_first(tab, site_server, built_site):
    titles = search(tab, site_server)
    public = [p for p in (built_site / "dien-hinh").iterdir() if (p / "index.html").is_file()]
    assert f"{len(public)} hồ sơ" in status(tab).replace(".", "")
    assert len(titles) == 20  # the first page of results; the rest behind "Xem thêm"
    tab.page.click(".sc-search__more")
    tab.page.wait_for_function(f"() => document.querySelectorAll('.sc-search__title').length > 20")


@pytest.mark.parametrize("key", ["kind", "category", "field", "province", "movement", "year"])
def test_each_filter_narrows_the_results(tab, site_server, key):
    search(tab, site_server)
    total = _count(status(tab))
    assert not tab.page.is_visible(f"#sc-filter-{key}")  # folded on a phone: results first
    tab.page.click(".sc-search__filter-box summary")
    select = tab.page.locator(f"#sc-filter-{key}")
    label = tab.page.locator(f"label[for=sc-filter-{key}]").inner_text()
    assert label and label.isascii() is False  # a Vietnamese label, e.g. "Lĩnh vực"
    value = select.locator("option").nth(1).get_attribute("value")
    expected = int(select.locator("option").nth(1).inner_text().rsplit("(", 1)[1].rstrip(")"))
    select.select_option(value)
    tab.page.wait_for_function(DONE)
    narrowed = _count(status(tab))
    assert 0 < narrowed < total and narrowed == expected
    assert tab.page.locator(".sc-search__filter-box summary").inner_text() == "Bộ lọc (1 đang chọn)"
    assert f"{key}={quote(value)}" in tab.page.url or f"{key}=" in tab.page.url  # shareable state


def test_filters_combine_with_words(tab, site_server):
    assert len(search(tab, site_server, "nguyen")) > 2
    titles = search(tab, site_server, "nguyen", province="Đắk Lắk")
    # "Nguyên" of Tây Nguyên matches "nguyen" too: tone marks are folded
    assert sorted(titles) == ["Nguyễn Văn An", "Tổ hợp tác trồng hoa Tây Nguyên"]
    assert search(tab, site_server, "ca phe", province="Đắk Lắk") == ["Nguyễn Văn An"]


@pytest.mark.parametrize("width", [360, 1280])
def test_header_form_opens_the_search_page(browser, site_server, width):
    page = Page(browser, viewport={"width": width, "height": 800})
    page.goto(site_server)
    typed = page.page.is_visible("#sc-header-q")
    assert typed == (width > 600)  # phones show the magnifier alone
    if typed:
        page.page.fill("#sc-header-q", "le minh duc")
    page.page.click(".sc-header-search__button")
    page.page.wait_for_url("**/tra-cuu/**")
    page.page.wait_for_function(DONE)
    titles = page.page.locator(".sc-search__title").all_inner_texts()
    assert (titles[0] == "Lê Minh Đức") if typed else len(titles) == 20
    focused = page.page.evaluate("document.activeElement.id")
    assert focused == ("" if typed else "sc-q") or typed
    page.close()


def test_first_search_transfers_little(browser, site_server):
    page = Page(browser)
    sizes: list[int] = []
    page.page.on("requestfinished", lambda req: "/pagefind/" in req.url and sizes.append(
        req.sizes()["responseBodySize"]))
    search(page, site_server, "nguyen van a")
    page.close()
    assert sizes and sum(sizes) < 300_000, sizes


def test_search_page_is_accessible(browser, site_server):
    page = Page(browser, axe=True)
    search(page, site_server, "dak lak")
    violations = page.axe_violations()
    page.close()
    assert violations == [], describe(violations)


def _count(text: str) -> int:
    return int(text.split(" hồ sơ")[0].split()[-1].replace(".", ""))


def test_filters_load_when_opened_after_a_query_on_a_phone(tab, site_server):
    search(tab, site_server, "dak lak")
    assert tab.page.locator(".sc-search__filters select").count() == 0  # not downloaded yet
    tab.page.click(".sc-search__filter-box summary")
    tab.page.wait_for_selector("#sc-filter-province")
    options = tab.page.locator("#sc-filter-province option").all_inner_texts()
    assert "Đắk Lắk (3)" in options  # counts of the matching profiles only
    assert not any(o.endswith("(0)") for o in options)
