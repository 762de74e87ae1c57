"""Vietnamese matching at build time: đ twins, and what the built pages tell Pagefind.

Tone placement ("hoà"/"hòa") is handled in the browser and tested there
(tests/test_search_browser.py)."""

from __future__ import annotations

import pytest

from showcase.search import SearchIndexer, d_twins


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
    assert '<div hidden data-pagefind-weight="7">duc</div>' in profile  # "Đức" in the title
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
