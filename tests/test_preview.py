"""`make serve` rebuilds (`mkdocs serve --dirty`): after editing, adding and withdrawing
profiles, the preview's folder holds exactly what a full build of the same content writes,
while a rebuild re-reads only the files that changed and rewrites only the pages that did."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import build, make_site_tree
from showcase import memo
from showcase.repository import RecentLoads, load_showcase
from showcase.withdrawal import tombstone_text

EDITED = "nguyen-thi-lan"
WITHDRAWN = "truong-tieu-hoc-so-7"
ADDED = "truong-tieu-hoc-so-99"
TODAY = dt.date(2026, 11, 22)


def _preview_build(root: Path, site: Path) -> None:
    """One build as the preview server runs it after a save: in its process, into its folder."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


def _edit(root: Path) -> None:
    exemplars = root / "exemplars"
    edited = exemplars / f"{EDITED}.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Nông dân sản xuất giỏi", "Nông dân giỏi"),
                      encoding="utf-8")
    (exemplars / f"{WITHDRAWN}.md").write_text(tombstone_text(dt.date(2026, 1, 5)), encoding="utf-8")
    source = (exemplars / "truong-tieu-hoc-so-8.md").read_text(encoding="utf-8")
    (exemplars / f"{ADDED}.md").write_text(source.replace("Trường Tiểu học số 8", "Trường Tiểu học số 99"),
                                           encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


@pytest.fixture
def fresh_memo(monkeypatch):
    """A new preview process: the memo lives as long as the process, here as long as the test."""
    monkeypatch.setattr(memo, "MEMO", memo.PageMemo())
    return memo.MEMO


def test_a_rebuild_after_edits_writes_what_a_full_build_writes(tmp_path, fresh_memo, caplog):
    root = make_site_tree(tmp_path / "repo")
    preview = tmp_path / "preview"
    _preview_build(root, preview)
    first = _files(preview)
    assert f"dien-hinh/{WITHDRAWN}/index.html" in first

    _edit(root)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.showcase"):
        _preview_build(root, preview)
    assert build(root).returncode == 0
    rebuilt, full = _files(preview), _files(root / "site")
    # A withdrawn profile leaves the preview too: its address shows the notice, as in a full build.
    assert "Hồ sơ đã được rút" in rebuilt[f"dien-hinh/{WITHDRAWN}/index.html"].decode()
    assert f"dien-hinh/{ADDED}/index.html" in rebuilt
    assert "Nông dân giỏi" in rebuilt[f"dien-hinh/{EDITED}/index.html"].decode()
    assert rebuilt.keys() == full.keys()
    assert [name for name in rebuilt if rebuilt[name] != full[name]] == []

    # Only the pages that show one of the three profiles were written again.
    written = re.search(r"ghi lại (\d+) trang đã thay đổi", caplog.text)
    assert written, caplog.text
    assert 5 < int(written.group(1)) < len([n for n in first if n.endswith(".html")]) / 3


def test_a_reload_reads_again_only_the_files_that_changed(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    recent = RecentLoads()
    before = load_showcase(root, today=TODAY, recent=recent).showcase.exemplars
    _edit(root)
    (root / "exemplars" / "truong-tieu-hoc-so-3.md").touch()  # saved without a change
    result = load_showcase(root, today=TODAY, recent=recent)
    after = result.showcase.exemplars
    assert result.problems == load_showcase(root, today=TODAY, cache=False).problems
    same = [slug for slug in after if slug in before and after[slug] is before[slug]]
    assert set(after) - set(same) == {EDITED, ADDED, "truong-tieu-hoc-so-3"}
    assert after[EDITED].category == before[EDITED].category and "Nông dân giỏi" in repr(after[EDITED])
    assert WITHDRAWN not in after and result.showcase.withdrawn[WITHDRAWN] == dt.date(2026, 1, 5)


def test_a_file_broken_in_the_preview_is_reported_then_read_again_once_mended(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    recent = RecentLoads()
    load_showcase(root, today=TODAY, recent=recent)
    source = root / "exemplars" / f"{EDITED}.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("\nkind: ", "\nkind: [", 1), encoding="utf-8")
    broken = load_showcase(root, today=TODAY, recent=recent)
    assert [p.path for p in broken.errors] == [f"exemplars/{EDITED}.md"]
    assert EDITED not in broken.showcase.exemplars
    source.write_text(good, encoding="utf-8")
    mended = load_showcase(root, today=TODAY, recent=recent)
    assert mended.errors == [] and EDITED in mended.showcase.exemplars


def test_a_change_to_criteria_reads_every_file_again(tmp_path):
    root = make_site_tree(tmp_path / "repo")
    recent = RecentLoads()
    before = load_showcase(root, today=TODAY, recent=recent).showcase.exemplars
    criteria = root / "criteria.yml"
    shutil.copy2(criteria, tmp_path / "criteria.yml")
    criteria.write_text(criteria.read_text(encoding="utf-8") + "\n# đã sửa\n", encoding="utf-8")
    after = load_showcase(root, today=TODAY, recent=recent).showcase.exemplars
    assert not any(after[slug] is before[slug] for slug in after)

