"""Large repositories are checked on every core: the result must be the same as one by one."""

from __future__ import annotations

import pytest

from repo_fixture import TODAY, Repo
from showcase import repository


@pytest.mark.parametrize("start_method", ["fork", "spawn"])  # fork where it is safe, spawn in mkdocs serve
def test_parallel_check_finds_what_the_serial_check_finds(tmp_path, monkeypatch, start_method):
    repo = Repo(tmp_path)
    text = repo.read("exemplars/htx-dong-tam.md")
    for n in range(4):
        repo.write(f"exemplars/htx-{n}.md", text.replace("Đồng Tâm", f"Số {n}").replace("year: 2024", f"year: {2024 + n % 2}"))
    repo.replace("exemplars/htx-3.md", "field: digital-transformation", "field: digital")
    repo.replace("exemplars/htx-2.md", "published: 2025-02-01", "published: 2027-02-01")  # DH108: today, in a worker
    repo.write("exemplars/hong.md", "---\nname: [x\n---\n")
    serial = repository.load_showcase(repo.path, today=TODAY, cache=False)
    monkeypatch.setattr(repository, "PARALLEL_FROM", 2)
    monkeypatch.setattr(repository, "BATCH", 3)
    monkeypatch.setattr(repository, "START_METHOD", start_method)
    monkeypatch.setattr(repository.os, "cpu_count", lambda: 2)
    parallel = repository.load_showcase(repo.path, today=TODAY, cache=False)
    assert parallel.problems == serial.problems
    assert {"DH003", "DH104", "DH108"} <= {p.code for p in parallel.problems}
    assert list(parallel.showcase.exemplars) == list(serial.showcase.exemplars)
    assert parallel.showcase.exemplars["htx-1"] == serial.showcase.exemplars["htx-1"]


def test_preview_keeps_only_the_named_profiles(tmp_path):
    showcase = Repo(tmp_path).validate().showcase
    preview = repository.only(showcase, ["./exemplars/htx-dong-tam.md", "nguyen-van-a"])
    assert sorted(preview.exemplars) == ["htx-dong-tam", "nguyen-van-a"]
    assert preview.movements == showcase.movements and len(showcase.exemplars) == 3
