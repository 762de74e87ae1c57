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


# One query of each class readers type (benchmarks/relevance.py measures many more): what an
# exemplar is called, where, its field, what it did, won, belongs to and its story.
@pytest.mark.parametrize("kind, query, expected", [
    ("name", "nguyen van an", "Nguyễn Văn An"),
    ("place", "benh vien da khoa", "Võ Thị Mai"),
    ("province", "dak lak", "Nguyễn Văn An"),
    ("field", "chuyen doi so", "Lê Minh Đức"),
    ("summary", "lua huu co", "Hợp tác xã Bình Minh"),
    ("achievement", "212 ho", "Hợp tác xã Bình Minh"),
    ("achievement", "400 suat an", "Chi hội Chữ thập đỏ buôn Ako Dhong"),
    ("commendation", "giay khen giam doc so y te", "Võ Thị Mai"),
    ("unit", "hoi chu thap do dak lak", "Chi hội Chữ thập đỏ buôn Ako Dhong"),
    ("story", "gia coi", "Nguyễn Văn An"),
])
def test_each_class_of_query_finds_its_profile_first(tab, site_server, kind, query, expected):
    titles = search(tab, site_server, query)
    assert titles and titles[0] == expected, (kind, titles)


def test_a_movement_query_finds_the_profiles_enrolled_not_only_the_movement(tab, site_server):
    titles = search(tab, site_server, "nong thon moi")
    enrolled = {"Nguyễn Văn An", "Hợp tác xã Bình Minh", "Hộ ông Trần Văn Hùng", "Nguyễn Thị Lan",
                "Tổ hợp tác trồng hoa Tây Nguyên"}  # the fixture's profiles in "nong-thon-moi"
    assert set(titles[:5]) == enrolled, titles  # profiles first
    assert titles[5] == "Cả nước chung sức xây dựng nông thôn mới", titles  # then the movement page


@pytest.mark.parametrize("query", ["xyzxyz", "abcdefgh", "nguyenxyz", "qưertz"])
def test_nonsense_finds_nothing_and_says_what_to_try(tab, site_server, query):
    """Pagefind answers an unknown word with its longest known beginning ("xyzxyz" found
    "Hợp tác xã X"): the page must say it found nothing instead."""
    assert search(tab, site_server, query) == []
    said = status(tab)
    assert said.startswith("Không tìm thấy kết quả nào") and query in said
    assert "dấu" in said and "bớt từ" in said and "bộ lọc" in said  # the three hints


def test_a_query_with_one_unknown_word_still_finds_the_rest(tab, site_server):
    assert search(tab, site_server, "lua huu co xyzxyz")[:1] == ["Hợp tác xã Bình Minh"]


def test_a_cold_profile_page_never_downloads_the_sitemap(browser, site_server):
    """Material fetches `sitemap.xml` beside every `link[rel=alternate]` (1.8 MB at 10,000
    profiles); the feed stays discoverable as `rel="alternate "`."""
    page = Page(browser)
    requested: list[str] = []
    page.page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_server}dien-hinh/nguyen-van-an/")
    page.page.wait_for_load_state("networkidle")
    feeds = page.page.evaluate("""() => [...document.querySelectorAll('link[rel~=alternate]')]
        .map(l => [l.type, l.getAttribute('href')])""")
    page.close()
    assert not [url for url in requested if "sitemap" in url], requested
    assert feeds == [["application/atom+xml", "../../feed.xml"]]


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


def test_withdrawn_profile_is_in_no_page_of_the_index(tab, site_server, built_site):
    """Withdrawn, a profile is a tombstone (`status: withdrawn`): its address answers with a
    notice that is never indexed, and no page of the index leads to it."""
    notice = built_site / "dien-hinh" / "pham-van-go" / "index.html"
    if notice.exists():
        assert "data-pagefind" not in notice.read_text(encoding="utf-8")
    search(tab, site_server)
    every = tab.page.evaluate("""async () => {
        const pf = await import('../pagefind/pagefind.js');
        const r = await pf.search(null, {filters: {type: ["Điển hình"]}});
        return Promise.all(r.results.map(x => x.data().then(d => d.url)));
    }""")
    public = [p for p in (built_site / "dien-hinh").iterdir() if (p / "index.html").is_file() and p.name != "pham-van-go"]
    assert len(every) == len(public) and not any("pham-van-go" in url for url in every)


def test_without_words_every_profile_is_listed_newest_first(tab, site_server, built_site):
    titles = search(tab, site_server)
    public = [p for p in (built_site / "dien-hinh").iterdir()
              if (p / "index.html").is_file() and p.name != "pham-van-go"]  # the withdrawn one's notice
    assert f"{len(public)} hồ sơ" in status(tab).replace(".", "")
    assert len(titles) == 20  # the newest, drawn by the page; the rest behind "Xem thêm"
    # ... which opens the listings by year, newest first: a sort index in Pagefind would cost
    # every first search 25 KB at 10,000 profiles.
    with tab.page.expect_navigation():
        tab.page.click(".sc-search__more")
    assert tab.page.url.rstrip("/").endswith("/nam")


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
