"""The preview server's memo (showcase/memo.py): after an edit, only the pages that show
the edited profile are rendered again, and a change of showcase-wide data renders all."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from conftest import make_site_tree
from showcase.generated import GeneratedPage
from showcase.memo import PageMemo
from showcase.repository import load_showcase
from showcase.site import browse_pages, profile_pages

TODAY = dt.date(2026, 11, 22)
EDITED = "nguyen-thi-lan"


def _render_all(memo: PageMemo, root: Path) -> dict[str, str]:
    """Render every profile and listing page through the memo; returns url -> body of the
    pages whose template actually ran."""
    showcase = load_showcase(root, today=TODAY).showcase
    memo.start(showcase)
    rendered = {}
    for generator in (profile_pages, browse_pages):
        for page in generator(showcase, ""):
            if isinstance(page, GeneratedPage):
                def counted(page=page):
                    rendered[page.url] = page.render()
                    return rendered[page.url]
                body = memo.page(dataclasses.replace(page, render=counted)).body
                assert body == page.render()  # the memo never changes a page
    return rendered


def test_an_edit_renders_again_only_the_pages_showing_that_profile(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    memo = PageMemo()
    first = _render_all(memo, root)
    assert f"dien-hinh/{EDITED}/" in first and len(first) > 40
    assert _render_all(memo, root) == {}  # nothing changed, nothing rendered

    source = root / "exemplars" / f"{EDITED}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Nông dân sản xuất giỏi", "Nông dân giỏi"),
                      encoding="utf-8")
    again = _render_all(memo, root)
    assert f"dien-hinh/{EDITED}/" in again and "Nông dân giỏi" in again[f"dien-hinh/{EDITED}/"]
    assert not any(url.startswith("dien-hinh/") and url != f"dien-hinh/{EDITED}/" for url in again)
    # The listings of the profile's field, province... (every page of them: they count the
    # group) and the index of each dimension; `_render_all` checked no page came out stale.
    listings = {url for url in again if not url.startswith("dien-hinh/")}
    assert sum(f"dien-hinh/{EDITED}/" in again[url] for url in listings) == 5  # field, province, kind...
    assert len(listings) < len(first) / 3


def test_a_change_of_showcase_wide_data_renders_every_page(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    memo = PageMemo()
    first = _render_all(memo, root)
    units = root / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("Sở Y tế thành phố Hà Nội", "Sở Y tế Hà Nội"),
                     encoding="utf-8")
    assert _render_all(memo, root).keys() == first.keys()


def test_pages_a_build_no_longer_has_are_named_and_forgotten():
    memo = PageMemo()
    for url in ("a/", "b/"):
        memo.page(GeneratedPage(url, {}, lambda url=url: f"<p>{url}</p>")).written = b"on disk"
    assert memo.forget_all_but({"a/"}) == ["b/"]
    assert memo.page(GeneratedPage("b/", {}, lambda: "<p>b</p>")).written == b""  # written again if it comes back
