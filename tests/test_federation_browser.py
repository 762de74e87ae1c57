"""Many sites as one, in a real headless Chromium (issue 16, part 3).

Two demo sites are built side by side from the fixture content, with their own names and
addresses, and served on loopback at two ports with `Access-Control-Allow-Origin: *` (as GitHub
Pages serves): site A lists B in mkdocs.yml `extra: tra_cuu_chung`, plus a site that is down (no
server at its port) and one whose index is broken. Only B has "Hoàng Thị Tuyết". Searching on A
finds her through Pagefind's mergeIndex, linked to B and named as B's; A's own results still show,
with a note naming the two sites that could not be searched. Then scripts/aggregate.py harvests
A (a local folder) and B (its address) into a portal, whose listings link every profile back to
its home site and whose search finds profiles of both.
"""

from __future__ import annotations

import functools
import io
import json
import socket
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from browser import Page, _QuietHandler, describe, serving
from conftest import build, make_site_tree
from showcase.federation import aggregate
from showcase import search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
DONE = "() => document.querySelector('[data-sc-search]').getAttribute('aria-busy') === 'false'"
NAME_A = "Điển hình tiên tiến tỉnh Thử A"
NAME_B = "Điển hình tiên tiến tỉnh Thử B"
ONLY_B = "Hoàng Thị Tuyết"
ONLY_B_SLUG = "hoang-thi-tuyet"


class _Cors(_QuietHandler):
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")  # as GitHub Pages
        super().end_headers()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(directory: Path, port: int):
    return serving(functools.partial(_Cors, directory=str(directory)), port)


def _site(dest: Path, name: str, url: str, federated: list[dict] | None = None, extra_profile: bool = False) -> Path:
    root = make_site_tree(dest)
    for school in (root / "exemplars").glob("truong-tieu-hoc-so-*.md"):  # pagination is tested elsewhere
        school.unlink()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_name: Điển hình tiên tiến\n", f"site_name: {name}\n", 1)
    config = config.replace("site_url: https://dienhinh.example.gov.vn/", f"site_url: {url}", 1)
    if federated:
        config = config.replace("extra:\n", "extra:\n  tra_cuu_chung: " + yaml.safe_dump(
            federated, allow_unicode=True, default_flow_style=True).strip() + "\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    if extra_profile:
        lan = (root / "exemplars" / "nguyen-thi-lan.md").read_text(encoding="utf-8")
        lan = lan.replace("name: Nguyễn Thị Lan", f"name: {ONLY_B}", 1)
        (root / "exemplars" / f"{ONLY_B_SLUG}.md").write_text(lan, encoding="utf-8")
        (root / "exemplars" / "nguyen-thi-lan.md").unlink()  # one person, one profile (DH208)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def federation(tmp_path_factory):
    base = tmp_path_factory.mktemp("federation")
    ports = {key: _free_port() for key in ("a", "b", "down", "broken")}
    url = {key: f"http://127.0.0.1:{port}/" for key, port in ports.items()}
    broken = base / "broken"
    (broken / "pagefind").mkdir(parents=True)
    (broken / "pagefind" / "pagefind-entry.json").write_text('{"version": "1.6.0"}', encoding="utf-8")
    site_b = _site(base / "b", NAME_B, url["b"], extra_profile=True)
    site_a = _site(base / "a", NAME_A, url["a"], federated=[
        {"name": NAME_B, "url": url["b"]},
        {"name": "Trang đang tạm ngừng", "url": url["down"]},
        {"name": "Trang có chỉ mục hỏng", "url": url["broken"]}])
    with ExitStack() as stack:
        for key, directory in (("a", site_a), ("b", site_b), ("broken", broken)):
            stack.enter_context(_serve(directory, ports[key]))
        yield {"url": url, "site_a": site_a, "site_b": site_b, "base": base}


def _search(tab: Page, base: str, query: str = "", **filters: str) -> None:
    params = "&".join([f"q={quote(query)}"] + [f"{k}={quote(v)}" for k, v in filters.items()])
    tab.goto(f"{base}tra-cuu/?{params}")
    tab.page.wait_for_function(DONE, timeout=20_000)


def _results(tab: Page) -> list[dict]:
    return tab.page.evaluate("""() => [...document.querySelectorAll('.sc-search__result')].map(li => ({
        title: li.querySelector('.sc-search__title').textContent,
        href: li.querySelector('.sc-search__title').href,
        site: li.querySelector('.sc-search__site')?.textContent || null}))""")


def _unexpected(errors: list[str], url: dict) -> list[str]:
    """Errors other than the two sites meant to fail (the browser logs their failed requests)."""
    return [e for e in errors if url["down"] not in e and url["broken"] not in e
            and "Failed to load Pagefind metadata" not in e and "ERR_CONNECTION_REFUSED" not in e]


@pytest.fixture()
def tab(browser):
    page = Page(browser)
    yield page
    page.close()


def test_a_site_finds_a_profile_only_another_site_has(tab, federation):
    url = federation["url"]
    _search(tab, url["a"], "hoang thi tuyet")
    results = _results(tab)
    assert results and results[0]["title"] == ONLY_B, results
    assert results[0]["href"] == f"{url['b']}dien-hinh/{ONLY_B_SLUG}/"  # an absolute link to B
    assert results[0]["site"] == f"Trang: {NAME_B}"
    with tab.page.expect_navigation():
        tab.page.click(".sc-search__title")
    assert tab.page.url == results[0]["href"]
    assert tab.page.locator("h1").first.inner_text() == ONLY_B
    assert _unexpected(tab.errors, url) == []


def test_own_results_still_show_beside_the_other_sites_and_say_which_is_which(tab, federation):
    url = federation["url"]
    _search(tab, url["a"], "nguyen van an")
    results = [r for r in _results(tab) if r["title"] == "Nguyễn Văn An"]
    # Both sites hold the fixture's profile: A's own (no site named), then B's, named.
    assert {r["href"] for r in results} == {f"{url[k]}dien-hinh/nguyen-van-an/" for k in "ab"}
    assert {r["site"] for r in results} == {None, f"Trang: {NAME_B}"}
    assert _unexpected(tab.errors, url) == []


def test_sites_that_are_down_or_broken_are_named_and_do_not_break_the_page(tab, federation):
    url = federation["url"]
    _search(tab, url["a"], "le minh duc")
    titles = [r["title"] for r in _results(tab)]
    assert titles[:2] == ["Lê Minh Đức", "Lê Minh Đức"]  # A's and B's
    note = tab.page.locator(".sc-search__note")
    assert note.is_visible()
    said = note.inner_text()
    assert "Trang đang tạm ngừng" in said and "Trang có chỉ mục hỏng" in said and NAME_B not in said
    assert _unexpected(tab.errors, url) == []


def test_the_site_filter_keeps_one_site(tab, federation):
    url = federation["url"]
    _search(tab, url["a"], "", site=NAME_B)
    results = _results(tab)
    assert results and all(r["site"] == f"Trang: {NAME_B}" for r in results)
    assert ONLY_B in [r["title"] for r in results]
    assert tab.page.locator("#sc-filter-site option:checked").inner_text().startswith(NAME_B)


def test_the_policy_allows_exactly_the_listed_sites_and_only_on_the_search_page(federation):
    url = federation["url"]
    search = (federation["site_a"] / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    origins = " ".join(sorted(u.rstrip("/") for k, u in url.items() if k != "a"))
    assert f"connect-src 'self' {origins};" in search
    assert f"img-src 'self' data: {origins};" in search
    home = (federation["site_a"] / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self';" in home and "127.0.0.1" not in home.split("Content-Security-Policy")[1][:400]
    untouched = (federation["site_b"] / "tra-cuu" / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self';" in untouched and "data-sites" not in untouched


@pytest.fixture(scope="module")
def portal(federation):
    out = federation["base"] / "portal"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "aggregate.py"), str(federation["site_a"]),
                             federation["url"]["b"], "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with _serve(out, _free_port()) as base:
        yield {"dir": out, "url": base, "log": result.stderr}


def test_the_portal_lists_both_sites_profiles_linking_to_their_home_pages(tab, federation, portal):
    url = federation["url"]
    assert f"{NAME_A} ({url['a']})" in portal["log"] and f"{NAME_B} ({url['b']})" in portal["log"]
    tab.goto(portal["url"] + "trang-web/")
    sites = tab.page.locator(".sc-portal__groups li").all_inner_texts()
    assert len(sites) == 2 and any(NAME_A in s for s in sites) and any(NAME_B in s for s in sites)
    for name, home in ((NAME_A, url["a"]), (NAME_B, url["b"])):
        tab.page.click(f".sc-portal__groups a:text-is('{name}')")
        links = tab.page.locator(".sc-card__title a").evaluate_all("as => as.map(a => a.href)")
        assert links and all(link.startswith(f"{home}dien-hinh/") for link in links), links
        homes = tab.page.locator(".sc-card__site a").evaluate_all("as => as.map(a => a.href)")
        assert set(homes) == {home}
        assert (f"{home}dien-hinh/{ONLY_B_SLUG}/" in links) == (home == url["b"])
        tab.page.go_back()
    assert tab.errors == []


def test_the_portal_search_finds_profiles_of_both_sites(tab, federation, portal):
    url = federation["url"]
    _search(tab, portal["url"], "hoang thi tuyet")
    results = _results(tab)
    assert results[0]["title"] == ONLY_B and results[0]["href"] == f"{url['b']}dien-hinh/{ONLY_B_SLUG}/"
    assert results[0]["site"] == f"Trang: {NAME_B}"
    _search(tab, portal["url"], "vo thi mai")
    assert {(r["href"], r["site"]) for r in _results(tab) if r["title"] == "Võ Thị Mai"} == {
        (f"{url['a']}dien-hinh/vo-thi-mai/", f"Trang: {NAME_A}"),
        (f"{url['b']}dien-hinh/vo-thi-mai/", f"Trang: {NAME_B}")}
    assert tab.errors == []  # the portal's policy lets its search run


@pytest.fixture(scope="module")
def sharded_portal(federation):
    """The portal of both sites with its index in parts of 5 profiles (20,000 in real use)."""
    out = federation["base"] / "portal-in-parts"
    saved, search.SHARD_PAGES = search.SHARD_PAGES, 5
    try:
        assert aggregate.run([str(federation["site_a"]), str(federation["site_b"])], out, err=io.StringIO()) == 0
    finally:
        search.SHARD_PAGES = saved
    with _serve(out, _free_port()) as base:
        yield {"dir": out, "url": base}


def test_the_portal_index_in_parts_is_searched_as_one(tab, federation, sharded_portal):
    total = sum(json.loads((federation[site] / "api" / "exemplars.json").read_text(encoding="utf-8"))["count"]
                for site in ("site_a", "site_b"))
    parts = [p for p in (sharded_portal["dir"] / "pagefind").rglob("pagefind-entry.json")]
    assert len(parts) == -(-total // 5) > 3, parts
    _search(tab, sharded_portal["url"])
    assert tab.page.locator(".sc-search__status").inner_text() == f"{total} hồ sơ."
    _search(tab, sharded_portal["url"], "hoang thi tuyet")
    assert _results(tab)[0]["title"] == ONLY_B
    assert tab.errors == []


@pytest.mark.parametrize("page", ["", "tra-cuu/?q=dak+lak", "tinh-thanh/dak-lak/"])
def test_portal_pages_are_accessible(browser, portal, page):
    tab = Page(browser, axe=True)
    tab.goto(portal["url"] + page)
    if "tra-cuu" in page:
        tab.page.wait_for_function(DONE)
    violations = tab.axe_violations()
    errors = tab.errors
    tab.close()
    assert violations == [], describe(violations)
    assert errors == []


def test_aggregate_leaves_the_portal_as_it_was_when_no_site_answers(federation, portal):
    before = sorted(p.relative_to(portal["dir"]) for p in portal["dir"].rglob("*"))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "aggregate.py"), federation["url"]["down"],
                             "--out", str(portal["dir"])], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "không kết nối được" in result.stderr
    assert sorted(p.relative_to(portal["dir"]) for p in portal["dir"].rglob("*")) == before
