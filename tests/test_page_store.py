"""Bodies kept between builds (showcase/page_store.py): a build that reads them publishes
exactly what a build without them does, whatever changed in between."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import build
from showcase.generated import GeneratedPage
from showcase.page_store import FOLDER, PageStore, prune
from showcase.repository import load_showcase
from showcase.site import browse_pages, profile_pages
from test_site import snapshot

# Pagefind's files that differ from one run to the next whatever it is given (see test_site).
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind-entry.json")


def _comparable(site: Path) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(site).items()
            if not name.startswith(UNSTABLE) and not name.endswith(".pf_meta")}


def _built(root: Path, **settings) -> dict[str, bytes]:
    result = build(root, **settings)
    assert result.returncode == 0, result.stdout + result.stderr
    _built.reused = int(re.search(r"; (\d+) trang có sẵn từ lần dựng trước", result.stdout + result.stderr)[1])
    return _comparable(root / "site")


def _same_as_without_store(root: Path, reused: bool = True, **settings) -> None:
    """Build with the store an earlier build filled, then without it: the same site.
    `reused`: whether most pages should have come from the store."""
    with_store = _built(root, **settings)
    assert (_built.reused > 20) == reused, _built.reused
    shutil.rmtree(root / FOLDER)
    assert with_store == _built(root, **settings)
    assert _built.reused == 0


@pytest.fixture
def stored_copy(built_site, site_root, tmp_path) -> Path:
    """A copy of the built repository, its store filled by the session's build."""
    copy = tmp_path / "repo"
    shutil.copytree(site_root, copy, symlinks=True)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_profiles_edited_or_removed_are_never_served_stale(stored_copy):
    exemplars = stored_copy / "exemplars"
    _edit(exemplars / "nguyen-van-an.md", "summary: ", "summary: Đã sửa. ")
    (exemplars / "vo-thi-mai.md").unlink()  # a profile gone: its listings shrink
    _same_as_without_store(stored_copy, SHOWCASE_FORK_FROM="1")


def test_a_photo_replaced_under_the_same_name_is_never_served_stale(stored_copy):
    """The profile's file is unchanged; the listings' thumbnails are named by the photo's content."""
    photo = stored_copy / "exemplars" / "images" / "nguyen-thi-lan.jpg"
    with Image.open(photo) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).convert("RGB").save(photo, "JPEG", quality=70)
    _same_as_without_store(stored_copy)


@pytest.mark.parametrize("change", ["criteria", "units", "movement", "site_name"])
def test_a_change_of_what_every_page_shows_is_never_served_stale(stored_copy, change):
    if change == "criteria":
        _edit(stored_copy / "criteria.yml", "Nông nghiệp", "Nông nghiệp xanh")
    elif change == "units":
        _edit(stored_copy / "units.yml", '"Ủy ban nhân dân xã Đồng Tiến', '"UBND xã Đồng Tiến')
    elif change == "movement":
        movement = next((stored_copy / "movements").glob("*.md"))
        _edit(movement, "summary: ", "summary: Đã sửa. ")
    else:
        _edit(stored_copy / "mkdocs.yml", "site_name: ", "site_name: Trang ")
    _same_as_without_store(stored_copy, reused=False)  # every page is rendered again


def test_damaged_entries_are_rendered_again_and_unused_ones_removed(stored_copy):
    store = stored_copy / FOLDER
    entries = [p for p in store.rglob("*") if p.is_file()]
    for entry in entries[::2]:
        entry.write_bytes(b"not zlib")
    stale = store / "ff" / ("0" * 30)
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"left by an old build")
    os.utime(stale, (0, 0))
    _same_as_without_store(stored_copy)
    assert not stale.exists()


def test_a_store_that_cannot_be_written_does_not_stop_the_build(stored_copy):
    shutil.rmtree(stored_copy / FOLDER)
    (stored_copy / FOLDER).write_text("a file where the folder should be", encoding="utf-8")
    assert _built(stored_copy)


def test_the_store_renders_a_page_once_and_tells_pages_apart(tmp_path, site_root):
    showcase = load_showcase(site_root).showcase
    pages = [p for generate in (profile_pages, browse_pages) for p in generate(showcase, "")
             if isinstance(p, GeneratedPage)]
    rendered: list[str] = []

    def counted(page):
        def render():
            rendered.append(page.url)
            return page.render()
        return dataclasses.replace(page, render=render)

    store = PageStore(tmp_path, showcase, "settings")
    first = [store.body(counted(p)) for p in pages]
    assert len(rendered) == len(pages) and store.hits == 0 and not any(hit for _, _, hit in first)
    assert len({key for key, _, _ in first}) == len(pages)  # one entry per page
    again = PageStore(tmp_path, showcase, "settings")
    assert [again.body(counted(p))[:2] for p in pages] == [(key, body) for key, body, _ in first]
    assert again.hits == len(pages) and len(rendered) == len(pages)
    other = PageStore(tmp_path, showcase, "other settings")
    assert other.key(pages[0]) != first[0][0]
    assert prune(tmp_path, {key for key, _, _ in first[1:]}, started=float("inf")) == 1
