"""Search at build time: what the built pages tell Pagefind, the pinned Pagefind binary, and
the feed link that must not make Material download the sitemap.

Tone placement ("hoà"/"hòa") and ranking are handled in the browser and tested there
(tests/test_search_browser.py); relevance is measured by benchmarks/relevance.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import base64
import hashlib
import io
import re
import tarfile

from showcase import pagefind_binary, search
from showcase.search import COMMON, STORY_WORDS, SearchIndexer, indexed_part, d_twins, story_words

HIDDEN = re.compile(r'<div hidden data-pagefind-weight="([^"]+)">([^<]*)</div>')


def test_d_twins_fold_only_words_with_d_stroke():
    assert d_twins("Nguyễn Đức E, tỉnh Đắk Lắk", "điển hình đức") == "duc dak dien"


def test_built_site_has_the_search_bundle_and_filters(built_site):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.unknown.pagefind").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the site has its own interface
    profile = (built_site / "dien-hinh" / "le-minh-duc" / "index.html").read_text(encoding="utf-8")
    for key in ("kind", "category", "field", "province", "movement", "year"):
        assert f'data-pagefind-filter="{key}"' in profile
    assert 'data-pagefind-filter="type:Điển hình"' in profile
    assert '<div hidden data-pagefind-weight="7">duc</div>' in profile  # "Đức" of the name, folded
    listing = (built_site / "linh-vuc" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in listing  # listings are not search results


def test_an_indexer_whose_process_stopped_says_so_when_finishing(tmp_path):
    """A crashed or killed Pagefind must fail the build with a message, not a broken-pipe traceback."""
    indexer = SearchIndexer(tmp_path / "pagefind")
    page = '<html><body><main data-pagefind-body><h1>Nguyễn Văn A</h1></main></body></html>'
    indexer.add("/dien-hinh/a/", page)
    indexer._process.kill()
    indexer._process.join()
    for number in range(200):  # more than a pipe's buffer holds
        indexer.add(f"/dien-hinh/{number}/", page)
    with pytest.raises(RuntimeError, match="stopped"):
        indexer.finish()
    assert not (tmp_path / "pagefind" / "pagefind.js").exists()


def indexed_words(html: str) -> dict[str, set[str]]:
    """Weight -> the words of a built profile page's hidden index blocks."""
    blocks: dict[str, set[str]] = {}
    for weight, words in HIDDEN.findall(html):
        blocks.setdefault(weight, set()).update(words.split())
    return blocks


def test_a_profile_is_indexed_by_what_it_did_won_and_belongs_to(built_site):
    html = (built_site / "dien-hinh" / "vo-thi-mai" / "index.html").read_text(encoding="utf-8")
    blocks = indexed_words(html)
    every = set().union(*blocks.values())
    # The name and the summary are meta (Pagefind indexes their words itself), not blocks.
    sent = indexed_part(html)
    assert 'data-pagefind-meta="title" data-pagefind-ignore>Võ Thị Mai<' in sent
    assert 'data-pagefind-meta="summary"' in sent and "căn cước điện tử" in sent
    assert blocks.get("7", set()) == set()  # no "đ" in the name
    assert {"dien"} <= every  # but the "đ" of "điện" in the summary gets its folded twin
    assert {"benh", "vien", "da", "khoa", "ha", "noi", "y", "te"} <= blocks[str(search.WEIGHT["facts"])]  # place…
    assert {"nguoi", "ngheo"} <= every  # the movement "Vì người nghèo…"
    assert {"3", "000", "luot"} <= every  # an achievement
    assert {"giay", "khen", "giam", "doc", "so"} <= every  # a commendation: title, form, issuer
    # Never indexed: the decision number, the criteria wording, labels of the facts, links.
    assert not {"88", "qd", "syt"} & every
    assert not {"nhan", "hau", "tuong", "https", "http", "www", "gov"} & every  # "Nhân hậu, tương thân…"
    for words in blocks.values():  # folded: one spelling a word, as the folded query
        assert all(word.isascii() for word in words), words
    story = blocks[str(search.WEIGHT["story"])]  # a few words of the story, none indexed already
    others = set().union(*(w for w in blocks.values() if w is not story))
    assert 0 < len(story) <= STORY_WORDS and not story & (others | {"vo", "thi", "mai", "dieu", "duong", "tre"})


def test_the_visible_text_of_a_profile_is_not_indexed_twice(built_site):
    html = (built_site / "dien-hinh" / "vo-thi-mai" / "index.html").read_text(encoding="utf-8")
    sent = indexed_part(html)
    assert "Tiêu chí đáp ứng" not in sent and "Câu chuyện" not in sent and "Khen thưởng" not in sent
    assert 'data-pagefind-meta="title"' in sent and 'data-pagefind-filter="province"' in sent
    assert len(sent) < len(html) / 4  # Pagefind's memory grows with the HTML it is given


def test_story_words_are_few_and_say_what_the_story_is_about():
    body = ("Anh Nguyễn Văn An chuyển đổi vườn cà phê già cỗi sang canh tác bền vững, xem "
            "https://example.gov.vn/tin-tuc và [bài báo](https://example.gov.vn/bai), "
            "năm 2024 được bà con trong vùng biết đến, " + " ".join(f"từ{n}" for n in range(40)))
    indexed = {"nguyen", "van", "an", "ca", "phe"}
    words = story_words(body, indexed)
    assert words[:4] == ["chuyen", "vuon", "gia", "coi"] or words[:3] == ["vuon", "gia", "coi"]
    assert len(words) == STORY_WORDS
    assert not {"nguyen", "van", "an", "ca", "phe", "2024", "https", "example", "gov"} & set(words)
    assert {"năm", "được", "trong", "và"} <= COMMON and not {"nam", "duoc", "trong", "va"} & set(words)


def _tarball(binary: bytes) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo(pagefind_binary.MEMBER)
        info.size = len(binary)
        archive.addfile(info, io.BytesIO(binary))
    return out.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


class _Response(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_pagefind_binary_is_installed_when_its_checksum_matches(tmp_path, monkeypatch):
    tarball = _tarball(b"#!/bin/sh\necho pagefind\n")
    monkeypatch.setattr(pagefind_binary, "_pin", lambda: ("https://registry.example/p.tgz", _integrity(tarball)))
    monkeypatch.setattr(pagefind_binary.urllib.request, "urlopen", lambda url, timeout: _Response(tarball))
    target = tmp_path / "bin" / "pagefind-x"
    assert pagefind_binary.install(target) == target
    assert target.read_bytes() == b"#!/bin/sh\necho pagefind\n" and target.stat().st_mode & 0o111


def test_pagefind_binary_with_a_wrong_checksum_is_refused_in_vietnamese(tmp_path, monkeypatch):
    tarball = _tarball(b"not the pinned binary")
    monkeypatch.setattr(pagefind_binary, "_pin", lambda: ("https://registry.example/p.tgz", _integrity(b"other")))
    monkeypatch.setattr(pagefind_binary.urllib.request, "urlopen", lambda url, timeout: _Response(tarball))
    target = tmp_path / "bin" / "pagefind-x"
    with pytest.raises(pagefind_binary.InstallError, match="không khớp mã kiểm tra sha512"):
        pagefind_binary.install(target)
    assert not target.exists() and not list((tmp_path).rglob("*pagefind*"))


def test_pagefind_binary_download_failure_says_what_to_do(tmp_path, monkeypatch):
    def offline(url, timeout):
        raise pagefind_binary.urllib.error.URLError("no network")

    monkeypatch.setattr(pagefind_binary.urllib.request, "urlopen", offline)
    monkeypatch.setattr(pagefind_binary.platform, "system", lambda: "Linux")
    monkeypatch.setattr(pagefind_binary.platform, "machine", lambda: "aarch64")
    with pytest.raises(pagefind_binary.InstallError, match="Không tải được Pagefind .*make install.*PAGEFIND_BINARY_PATH"):
        pagefind_binary.install(tmp_path / "pagefind-x")


def test_pagefind_binary_is_pinned_for_linux_x64_and_arm64():
    for machine in ("x86_64", "aarch64"):
        url, integrity = pagefind_binary.PINNED["Linux", machine]
        assert url.startswith("https://registry.npmjs.org/@pagefind/") and pagefind_binary.VERSION in url
        assert integrity.startswith("sha512-") and len(base64.b64decode(integrity[7:])) == 64


def test_the_feed_is_advertised_without_making_material_fetch_the_sitemap(built_site):
    """Material fetches `sitemap.xml` beside the href of every `link[rel=alternate]` (an exact
    attribute match): the feed's link says `rel="alternate "`, the same word list."""
    for page in ("index.html", "dien-hinh/le-minh-duc/index.html", "tra-cuu/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        links = re.findall(r"<link\b[^>]*>", html)
        assert not [link for link in links if re.search(r'rel=(?:"alternate"|alternate[\s>])', link)], page
        feed = [link for link in links if "application/atom+xml" in link]
        assert len(feed) == 1 and 'rel="alternate "' in feed[0] and "feed.xml" in feed[0]


def _fold_reference(text: str) -> str:
    """fold() as it was first written: the whole text decomposed, then filtered."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="Σ")))  # Greek final sigma: lower() depends on context
def test_fold_by_table_equals_decompose_and_filter(text):
    from showcase.text import fold

    assert fold(text) == _fold_reference(text)


def test_fold_vietnamese_both_tone_placements_and_d():
    from showcase.text import fold

    assert fold("Hoà Hòa THUỶ thủy Đắk Lắk") == "hoa hoa thuy thuy dak lak"
    assert fold("e\u0301") == "e"  # a decomposed tone mark folds away too


def test_a_large_index_is_cut_into_shards_each_a_whole_bundle(tmp_path):
    """Past SHARD_PAGES pages the index is written as several bundles (one Pagefind process
    each, bounded memory); each page is in exactly one, and each has what a browser loads."""
    indexer = SearchIndexer(tmp_path / "pagefind", shard_pages=3)
    for number in range(7):
        indexer.add(f"/dien-hinh/p{number}/", f'<html><body><main data-pagefind-body><h1>Hồ sơ {number}</h1>'
                                              f'<p>tu{number} chung</p></main></body></html>')
    assert indexer.finish() == 7
    bundles = [tmp_path / "pagefind", tmp_path / "pagefind" / "shard-2", tmp_path / "pagefind" / "shard-3"]
    assert search.shard_count(7, 3) == 3 and [search.shard_path(n) for n in (1, 2, 3)] == ["", "shard-2/", "shard-3/"]
    for bundle in bundles:
        assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
        assert not (bundle / "pagefind-ui.js").exists()  # the unused interfaces go from every shard
    fragments = [len(list((bundle / "fragment").iterdir())) for bundle in bundles]
    assert fragments == [3, 3, 1]
    assert not (tmp_path / "pagefind" / "shard-4").exists()


def test_the_search_page_names_the_parts_of_a_large_index(site_root, monkeypatch):
    """Written before the index, the "Tra cứu" page counts its parts from the public profiles
    and movements (search.indexed_pages); tra-cuu.js merges them."""
    from showcase.repository import load_showcase

    showcase = load_showcase(site_root).showcase
    count = search.indexed_pages(showcase)
    monkeypatch.setattr(search, "SHARD_PAGES", max(1, count // 2))
    page = next(search.search_page(showcase, "https://example.gov.vn/"))
    expected = [f"pagefind/shard-{n}/" for n in range(2, search.shard_count(count) + 1)]
    assert len(expected) >= 1 and page.render().count("pagefind/shard-") == len(expected)
    monkeypatch.setattr(search, "SHARD_PAGES", count)
    assert 'data-shards="[]"' in next(search.search_page(showcase, "https://example.gov.vn/")).render()


def test_an_index_with_more_parts_than_the_search_page_named_stops_the_build(site_root, tmp_path, monkeypatch, caplog):
    """The search page names the index's parts before the index is written (from the public
    profiles and movements); a page of docs/ that marks itself for the index adds one, and
    if that makes one part more, the search page would miss it: the build stops and says so."""
    import logging
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from showcase.repository import load_showcase

    root = tmp_path / "repo"
    shutil.copytree(site_root, root, symlinks=True, ignore=shutil.ignore_patterns("site", ".site-cache"))
    (root / "docs" / "them.md").write_text('# Trang thêm\n\n<div data-pagefind-body>Trang thêm vào chỉ mục</div>\n',
                                          encoding="utf-8")
    monkeypatch.setattr(search, "SHARD_PAGES", search.indexed_pages(load_showcase(root).showcase))
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build(config)
    assert "khác số hồ sơ và phong trào công khai" in caplog.text and "Traceback" not in caplog.text
