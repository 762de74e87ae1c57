"""Large repositories are checked on every core: the result must be the same as one by one."""

from __future__ import annotations

from repo_fixture import Repo
from showcase import repository


def test_parallel_check_finds_what_the_serial_check_finds(tmp_path, monkeypatch):
    repo = Repo(tmp_path)
    text = repo.read("exemplars/htx-dong-tam.md")
    for n in range(4):
        repo.write(f"exemplars/htx-{n}.md", text.replace("Đồng Tâm", f"Số {n}").replace("year: 2024", f"year: {2024 + n % 2}"))
    repo.replace("exemplars/htx-3.md", "field: digital-transformation", "field: digital")
    serial = repo.validate()
    monkeypatch.setattr(repository, "PARALLEL_FROM", 2)
    monkeypatch.setattr(repository, "BATCH", 3)
    monkeypatch.setattr(repository.os, "cpu_count", lambda: 2)
    parallel = repo.validate()
    assert parallel.problems == serial.problems and any(p.code == "DH104" for p in parallel.problems)
    assert sorted(parallel.showcase.exemplars) == sorted(serial.showcase.exemplars)
    assert parallel.showcase.exemplars["htx-1"].body == serial.showcase.exemplars["htx-1"].body


def test_preview_keeps_only_the_named_profiles(tmp_path):
    showcase = Repo(tmp_path).validate().showcase
    preview = repository.only(showcase, ["./exemplars/htx-dong-tam.md", "nguyen-van-a"])
    assert sorted(preview.exemplars) == ["htx-dong-tam", "nguyen-van-a"]
    assert preview.movements == showcase.movements and len(showcase.exemplars) == 3
