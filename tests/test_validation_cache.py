"""The validation cache (.site-cache/validation/) never changes what validation reports.

A second run reuses each unchanged profile's result and re-checks only what changed; a
change anywhere the cached rules look (the file, criteria.yml, the package's code) makes
them run again, and what they do not cache (other files, today, the photo on disk, the
rules across files) is checked every time. A damaged or unwritable cache is ignored.
"""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from repo_fixture import TODAY, Repo
from showcase import cache, repository
from showcase.repository import load_showcase

A = "exemplars/nguyen-van-a.md"
H = "exemplars/htx-dong-tam.md"
B = "exemplars/ho-ong-tran-van-b.md"
M = "movements/nong-thon-moi.md"
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "validate.py"


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The profiles checked afresh (not taken from the cache) by each validation."""
    seen: list[str] = []
    check_files = repository._check_files

    def counting(rels, ctx, max_bytes):
        seen.extend(rels)
        return check_files(rels, ctx, max_bytes)

    monkeypatch.setattr(repository, "_check_files", counting)
    return seen


def shards(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER).glob("*" + cache.SUFFIX))


def flawed_repo(path: Path) -> Repo:
    """Problems of many kinds: cached ones, live ones, across files."""
    repo = Repo(path)
    repo.replace(A, "field: agriculture", "field: agricultur")  # DH104, cached
    repo.replace(A, "## Hành trình vượt khó", "## Hành trình vượt khó\n\nLiên hệ 0912 345 678.")  # DH302
    repo.replace(H, "  - innovation", "  - sang-tao")  # DH203, live (criteria ids)
    repo.replace(B, "published: 2024-01-10", "published: 2027-01-10")  # DH108, live (today)
    repo.write("exemplars/hong.md", "---\nname: [x\n---\n")  # DH003, cached
    repo.write("exemplars/nguyen-van-a-2.md", repo.read(A).replace("year: 2024", "year: 2023"))  # DH208
    return repo


def snapshot(result) -> tuple:
    exemplars = {slug: (e.name, e.province.slug, e.body, e.photo, e.commendations)
                 for slug, e in result.showcase.exemplars.items()}
    return result.problems, result.files, exemplars, sorted(result.showcase.movements)


def test_a_cached_run_reports_exactly_what_a_cold_run_reports(tmp_path, checked):
    repo = flawed_repo(tmp_path)
    cold = load_showcase(repo.path, today=TODAY, cache=False)
    assert len({p.code for p in cold.problems}) >= 6 and not (tmp_path / cache.FOLDER).exists()
    first = repo.validate()  # fills the cache
    assert checked and shards(tmp_path)
    checked.clear()
    warm = repo.validate()
    assert checked == []  # every profile came from the cache…
    assert snapshot(warm) == snapshot(first) == snapshot(cold)  # …and nothing else changed
    for targets in ([A], [B, "units.yml"]):
        assert repo.validate(targets=targets).problems == load_showcase(
            repo.path, targets=targets, today=TODAY, cache=False).problems


def test_editing_a_profile_checks_it_again(tmp_path, checked):
    repo = Repo(tmp_path)
    repo.validate()
    repo.replace(A, "field: agriculture", "field: agricultur")
    checked.clear()
    assert [p.code for p in repo.validate().problems] == ["DH104"]
    assert checked == [A]
    repo.replace(A, "field: agricultur", "field: agriculture")  # fixed again: the stale problem is gone
    assert repo.validate().problems == []


def test_criteria_yml_invalidates_every_cached_result(tmp_path, checked):
    repo = Repo(tmp_path)
    repo.validate()
    repo.replace("criteria.yml", "body_min_words: 120", "body_min_words: 5000")
    checked.clear()
    assert sorted(p.path for p in repo.validate().problems if p.code == "DH106") == sorted([A, H, B])
    assert sorted(checked) == sorted([A, H, B])
    repo.replace("criteria.yml", "  kinds:  # Loại điển hình\n    individual: Cá nhân\n",
                 "  kinds:  # Loại điển hình\n")
    assert "DH104" in {p.code for p in repo.validate().problems if p.path == A}


def test_units_movements_and_provinces_are_checked_every_time(tmp_path):
    repo = Repo(tmp_path)
    assert repo.validate().problems == []
    repo.replace("units.yml", "ubnd-xa-gia-vien:", "ubnd-xa-gia-vien-cu:")
    assert ("DH202", A) in {(p.code, p.path) for p in repo.validate().problems}
    repo = Repo(tmp_path / "2")
    assert repo.validate().problems == []
    repo.replace(M, "end: 2025", "end: 2023")
    assert ("DH204", H) in {(p.code, p.path) for p in repo.validate().problems}
    repo.file("movements/chuyen-doi-so.md").unlink()
    assert ("DH201", H) in {(p.code, p.path) for p in repo.validate().problems}


def test_today_targets_and_photos_are_checked_every_time(tmp_path):
    repo = Repo(tmp_path)
    assert repo.validate(today=dt.date(2030, 1, 1)).problems == []
    assert ("DH108", A) in {(p.code, p.path) for p in repo.validate(today=dt.date(2024, 12, 31)).problems}
    assert repo.validate(targets=[B], today=dt.date(2024, 12, 31)).problems == []
    repo.file("exemplars/images/nguyen-van-a.png").unlink()
    result = repo.validate()
    assert [(p.code, p.path) for p in result.problems] == [("DH401", A)]
    assert "nguyen-van-a" not in result.showcase.exemplars


def test_cross_file_rules_run_on_cached_profiles(tmp_path):
    repo = Repo(tmp_path)
    repo.validate()
    repo.write("exemplars/nguyen-van-a-2.md", repo.read(A).replace("year: 2024", "year: 2023"))
    assert [p.code for p in repo.validate().problems] == ["DH208"]
    repo.file("exemplars/nguyen-van-a-2.md").unlink()
    assert repo.validate().problems == []
    stored = cache.ValidationCache(repo.path, cache.fingerprint(repo.path)).stored
    assert sorted(stored) == sorted([A, H, B])  # a file gone is dropped from the cache


def test_the_package_code_is_part_of_the_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "showcase"
    package.mkdir()
    (package / "rules.py").write_text("RULE = 1\n")
    monkeypatch.setattr(cache, "PACKAGE", package)
    before = cache.fingerprint(tmp_path)
    (package / "rules.py").write_text("RULE = 2\n")
    assert cache.fingerprint(tmp_path) != before


@pytest.mark.parametrize("damage", ["empty", "garbage", "cut short", "other shape", "other fingerprint", "code"])
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path, damage, checked):
    repo = flawed_repo(tmp_path)
    expected = snapshot(repo.validate())
    (path,) = shards(tmp_path)
    good = path.read_bytes()
    path.write_bytes({
        "empty": b"",
        "garbage": b"not a pickle at all",
        "cut short": good[: len(good) // 2],
        "other shape": pickle.dumps(["a", "list"]),
        "other fingerprint": pickle.dumps((cache.FORMAT, b"another", {A: "not an entry", H: (b"x", (1, 2))})),
        "code": f"cos\nsystem\n(S'touch {tmp_path}/pwned'\ntR.".encode(),  # not data: refused, never run
    }[damage])
    checked.clear()
    assert snapshot(repo.validate()) == expected
    assert len(checked) == 5  # nothing was taken from it
    assert not (tmp_path / "pwned").exists()
    checked.clear()
    assert snapshot(repo.validate()) == expected and checked == []  # rewritten, usable again


def test_a_damaged_entry_is_a_miss(tmp_path, checked):
    repo = Repo(tmp_path)
    repo.validate()
    (path,) = shards(tmp_path)
    layout, stamp, entries = pickle.loads(path.read_bytes())
    entries[A] = (entries[A][0], ("meta", None, None, None, (), None))
    path.write_bytes(pickle.dumps((layout, stamp, entries)))
    checked.clear()
    assert repo.validate().problems == [] and checked == [A]


def test_an_unreadable_shard_is_skipped(tmp_path):
    repo = flawed_repo(tmp_path)
    expected = snapshot(repo.validate())
    (tmp_path / cache.FOLDER / ("folder" + cache.SUFFIX)).mkdir()  # cannot be read, nor removed as a file
    assert snapshot(repo.validate()) == expected and snapshot(repo.validate()) == expected


def test_an_unwritable_cache_is_skipped(tmp_path):
    repo = Repo(tmp_path)
    (tmp_path / ".site-cache").write_text("a file where the folder should be")
    assert repo.validate().problems == []
    repo.replace(A, "field: agriculture", "field: agricultur")
    assert [p.code for p in repo.validate().problems] == ["DH104"]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_parallel_workers_fill_the_cache(tmp_path, monkeypatch, checked, start_method):
    repo = flawed_repo(tmp_path)
    repo.write("exemplars/too-large.md", repo.read(H) + "chữ " * 60_000)  # DH006: not cached
    serial = load_showcase(repo.path, today=TODAY, cache=False)
    monkeypatch.setattr(repository, "PARALLEL_FROM", 2)
    monkeypatch.setattr(repository, "BATCH", 2)
    monkeypatch.setattr(repository, "START_METHOD", start_method)
    monkeypatch.setattr(repository.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(cache, "SHARD", 2)  # the workers' shards are kept as they are
    assert snapshot(repo.validate()) == snapshot(serial)
    assert len(shards(tmp_path)) == 3
    checked.clear()
    assert snapshot(repo.validate()) == snapshot(serial)
    assert checked == ["exemplars/too-large.md"]  # every other profile came from the workers' shards


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=repo.path, capture_output=True, text=True)


def test_validate_script_output_is_the_same_cold_and_warm(tmp_path):
    repo = flawed_repo(tmp_path)
    off = run(repo, "--format", "json", "--no-cache")
    assert not (tmp_path / cache.FOLDER).exists()
    cold, warm = run(repo, "--format", "json"), run(repo, "--format", "json")
    assert shards(tmp_path)
    assert off.returncode == cold.returncode == warm.returncode == 1
    assert off.stdout == cold.stdout == warm.stdout and "Traceback" not in cold.stderr + warm.stderr


def test_editing_one_profile_rewrites_one_shard(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "SHARD", 2)
    repo = flawed_repo(tmp_path)  # 5 profiles: shards of 2, 2 and 1
    expected = snapshot(repo.validate())
    before = {p.name: p.read_bytes() for p in shards(tmp_path)}
    assert len(before) == 3
    assert snapshot(repo.validate()) == expected and {p.name: p.read_bytes() for p in shards(tmp_path)} == before
    repo.replace(H, "  - sang-tao", "  - innovation")
    result = repo.validate()
    after = {p.name for p in shards(tmp_path)}
    assert len(after & set(before)) == 2 and len(after) == 3  # one shard replaced, two untouched
    assert snapshot(result) == snapshot(load_showcase(repo.path, today=TODAY, cache=False))


def test_a_profile_in_two_shards_is_kept_once(tmp_path, checked):
    repo = flawed_repo(tmp_path)
    expected = snapshot(repo.validate())
    (shard,) = shards(tmp_path)
    shard.with_name("copy" + cache.SUFFIX).write_bytes(shard.read_bytes())  # as two runs at once could leave
    checked.clear()
    assert snapshot(repo.validate()) == expected and checked == []
    stored = cache.ValidationCache(repo.path, cache.fingerprint(repo.path))
    assert len(shards(tmp_path)) == 1 and len(stored.stored) == 5


def test_profiles_added_one_by_one_do_not_scatter_the_cache(tmp_path):
    repo = Repo(tmp_path)
    for n in range(6):
        repo.write(f"exemplars/htx-{n}.md", repo.read(H).replace("Đồng Tâm", f"Số {n}"))
        repo.validate()
    assert len(shards(tmp_path)) <= 2
