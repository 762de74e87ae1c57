"""Pages published in a frame of the theme (showcase/frame.py) are exactly what MkDocs and
Material would have written for them: the fixture site is built a second time with every
page through MkDocs (SHOWCASE_FRAMES=0) and the two sites are compared file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build, make_site_tree
from showcase import sitemaps


@pytest.fixture(scope="module")
def reference_site(tmp_path_factory) -> Path:
    root = make_site_tree(tmp_path_factory.mktemp("reference") / "repo")
    result = build(root, SHOWCASE_FRAMES="0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "khung giao diện" not in result.stderr  # nothing was framed
    return root / "site"


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_framed_pages_are_byte_for_byte_what_mkdocs_writes(built_site, reference_site):
    framed, reference = _files(built_site), _files(reference_site)
    assert framed.keys() == reference.keys()
    pages = [name for name in framed if name.endswith(".html")]
    assert sum(name.startswith("dien-hinh/") for name in pages) > 30  # profiles are among them
    different = [name for name in framed if not name.startswith("sitemap")
                 and framed[name].read_bytes() != reference[name].read_bytes()]
    assert different == []


def test_the_sitemap_lists_framed_pages_with_their_dates(built_site, reference_site):
    ours, theirs = sitemaps.read(built_site), sitemaps.read(reference_site)
    assert sorted(ours) == sorted(theirs)
    assert any("/dien-hinh/" in loc and lastmod for loc, lastmod in ours)
