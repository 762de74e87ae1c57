"""The preview never freezes: under `mkdocs serve` a file with errors shows its messages at its
own address while the rest of the site stays up; a draft is previewed under a banner and
published nowhere; `mkdocs build` still stops on any error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import build, make_site_tree
from showcase import memo

EDITED = "nguyen-thi-lan"
OTHER = "truong-tieu-hoc-so-8"


@pytest.fixture
def fresh_memo(monkeypatch):
    monkeypatch.setattr(memo, "MEMO", memo.PageMemo())
    return memo.MEMO


def _serve_build(root: Path, site: Path) -> None:
    """One rebuild as `mkdocs serve --dirty` runs it after a save, in its process."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        config.plugins.on_shutdown()


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_a_broken_profile_shows_its_messages_and_the_rest_stays_up_then_mending_brings_it_back(tmp_path,
                                                                                                fresh_memo):
    root = make_site_tree(tmp_path / "repo")
    site = tmp_path / "preview"
    _serve_build(root, site)
    source = root / "exemplars" / f"{EDITED}.md"
    good = source.read_text(encoding="utf-8")
    assert "Có lỗi" not in _page(site, f"dien-hinh/{EDITED}")

    source.write_text(good.replace("\nkind: ", "\nkind individual\nx: ", 1), encoding="utf-8")
    _serve_build(root, site)
    broken = _page(site, f"dien-hinh/{EDITED}")
    assert f"exemplars/{EDITED}.md" in broken and "DH003" in broken and "Cách sửa" in broken
    line = good.split("\n").index(next(x for x in good.split("\n") if x.startswith("kind: "))) + 1
    assert f"dòng {line}" in broken
    assert "Hồ sơ chưa" in broken or "Chưa hiện được" in broken
    assert "Trường Tiểu học số 8" in _page(site, f"dien-hinh/{OTHER}")  # the rest stays up
    home = _page(site, "")
    assert "sc-preview-errors" in home and f"exemplars/{EDITED}.md" in home

    source.write_text(good, encoding="utf-8")
    _serve_build(root, site)
    mended = _page(site, f"dien-hinh/{EDITED}")
    assert "sc-preview-errors" not in mended and "DH003" not in mended
    assert "sc-preview-errors" not in _page(site, "")


def test_broken_units_or_criteria_never_blank_the_preview(tmp_path, fresh_memo):
    root = make_site_tree(tmp_path / "repo")
    site = tmp_path / "preview"
    units = root / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "\nthis is: [not closed\n", encoding="utf-8")
    _serve_build(root, site)
    assert "units.yml" in _page(site, "") and "sc-preview-errors" in _page(site, "")

    criteria = root / "criteria.yml"
    criteria.write_text("vocabularies: [\n", encoding="utf-8")
    _serve_build(root, site)
    home = _page(site, "")
    assert "criteria.yml" in home and "Lỗi cú pháp" in home


def _with_draft(tmp_path):
    """The fixture repository with the profile EDITED marked `status: draft`."""
    root = make_site_tree(tmp_path / "repo")
    source = root / "exemplars" / f"{EDITED}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\npublished: ", "\nstatus: draft\npublished: ", 1),
                      encoding="utf-8")
    return root


def test_a_draft_is_previewed_with_a_banner_and_never_published(tmp_path, fresh_memo):
    root = _with_draft(tmp_path)
    site = tmp_path / "preview"
    _serve_build(root, site)
    page = _page(site, f"dien-hinh/{EDITED}")
    assert "Bản nháp" in page and "sc-draft" in page

    assert build(root).returncode == 0
    built = root / "site"
    assert not (built / "dien-hinh" / EDITED).exists()
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in built.rglob("*")
                           if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".txt"))
    assert EDITED not in everything and "Nguyễn Thị Lan" not in everything


def test_build_still_stops_on_any_error(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    source = root / "exemplars" / f"{EDITED}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("\nkind: ", "\nkind individual\nx: ", 1),
                      encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert re.search(r"DH003", result.stdout + result.stderr)


def test_a_full_build_pruning_the_photo_cache_never_freezes_the_preview(tmp_path, fresh_memo):
    """`make build` while `make serve` runs: the build removes renditions it did not publish
    (here: a draft's photo, which no build publishes); the preview makes them again."""
    root = _with_draft(tmp_path)
    site = tmp_path / "preview"
    _serve_build(root, site)
    cache = root / ".site-cache" / "images"
    before = {p.name for p in cache.iterdir()}
    assert build(root).returncode == 0  # prunes the draft's renditions, made before it started
    assert {p.name for p in cache.iterdir()} < before
    source = root / "exemplars" / f"{EDITED}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Nông dân", "Nông dân giỏi", 1), encoding="utf-8")
    _serve_build(root, site)  # raised "file not found" before
    page = _page(site, f"dien-hinh/{EDITED}")
    photos = re.findall(r'src="[./]*(anh/[^"]+)"', page)
    assert photos and all((site / p).is_file() for p in photos)
    assert {p.name for p in cache.iterdir()} >= before
