"""benchmarks/measure.py: the peak memory of every process of a measured command's tree."""

from __future__ import annotations

import sys
import textwrap

import pytest

from benchmarks import measure, run

# A parent that holds 40 MB and forks a child that holds 160 MB; both wait a second so that the
# 0.05 s sampler sees them.
TWO_PROCESSES = textwrap.dedent("""\
    import os, time
    parent = b"p" * (40 << 20)
    pid = os.fork()
    if pid == 0:
        child = b"c" * (160 << 20)
        time.sleep(1.0)
        os._exit(0)
    time.sleep(1.2)
    os.waitpid(pid, 0)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_every_process_of_the_tree_has_its_own_peak(tmp_path):
    result = measure.run([sys.executable, "-c", TWO_PROCESSES], tmp_path, tmp_path / "two.log", interval=0.05)
    assert result.rc == 0, result.tail()
    rows = result.processes
    assert [row["name"] for row in rows] == ["python", "python"]  # not the measuring wrapper
    child, parent = rows  # largest first
    assert child["ppid"] == parent["pid"] and child["pid"] != parent["pid"]
    assert 160 <= child["peak_mb"] < 260 and 40 <= parent["peak_mb"] < 120
    assert "-c" in parent["cmd"]
    assert result.tree_peak_mb >= child["peak_mb"] + parent["peak_mb"] - 1  # same samples, summed
    assert measure.largest_by_kind(rows) == {"python": {"peak_mb": child["peak_mb"], "processes": 2}}


def test_a_program_started_by_the_command_is_counted_under_its_own_name(tmp_path):
    script = "import subprocess; subprocess.run(['sleep', '0.5'])"
    result = measure.run([sys.executable, "-c", script], tmp_path, tmp_path / "sleep.log", interval=0.05)
    assert {row["name"] for row in result.processes} == {"python", "sleep"}


def test_kinds_drop_versions_and_suffixes():
    assert [measure.kind(name) for name in ("python3.11", "python", "pagefind_extended", "chromium", "node")] == [
        "python", "python", "pagefind", "chromium", "node"]


def table(rows: list[tuple[int, int, str, int, int]]) -> dict:
    """A fake /proc: {pid: (ppid, name, start time, resident bytes)} from (pid, ppid, name, start, MB)."""
    return {pid: (ppid, name, start, mb << 20) for pid, ppid, name, start, mb in rows}


def test_the_tracker_keeps_each_process_peak_and_tells_reused_pids_apart():
    tracker = measure.PeakTracker(root=10)
    tracker.sample(table([(10, 1, "time", 5, 2), (11, 10, "python3.11", 6, 300), (12, 11, "pagefind_extended", 7, 100),
                          (99, 1, "unrelated", 1, 5000)]))
    tracker.sample(table([(10, 1, "time", 5, 2), (11, 10, "python3.11", 6, 900), (12, 11, "pagefind_extended", 7, 50)]))
    tracker.sample(table([(10, 1, "time", 5, 2), (11, 10, "python3.11", 6, 400),
                          (12, 11, "python3.11", 30, 20)]))  # pid 12 ended, then was given to a new process
    assert [(row["pid"], row["name"], row["peak_mb"]) for row in tracker.processes()] == [
        (11, "python", 900.0), (12, "pagefind", 100.0), (12, "python", 20.0)]
    assert tracker.tree_peak == (2 + 900 + 50) << 20  # the largest sum of one sample, not the sum of the peaks
    assert measure.largest_by_kind(tracker.processes()) == {
        "python": {"peak_mb": 900.0, "processes": 2}, "pagefind": {"peak_mb": 100.0, "processes": 1}}


def fake_run(processes: list[dict]) -> measure.Run:
    return measure.Run(["x"], 0, 1.0, None, None, "", processes=processes)


def test_the_report_shows_the_median_largest_process_of_each_kind():
    runs = [fake_run([{"name": "python", "peak_mb": mb, "pid": 1}, {"name": "pagefind", "peak_mb": 300.0, "pid": 2}])
            for mb in (1000.0, 1200.0, 5000.0)]
    medians = run._medians(runs)
    assert medians["largest_by_kind_mb"] == {"python": 1200.0, "pagefind": 300.0}
    assert run._kinds_cell(medians) == "python 1,200, pagefind 300"
    assert run._kinds_cell(run._medians(runs[2:])) == "python 5,000, pagefind 300 (OVER 4 GB: python)"
    assert run._kinds(runs[0].processes + [{"name": "python", "peak_mb": 10.0, "pid": 3}]) == (
        "python 1,000 MB ×2, pagefind 300 MB")
    row = run._run_dict(runs[0])
    assert row["largest_by_kind"]["python"] == {"peak_mb": 1000.0, "processes": 1}
    assert row["processes"][0]["name"] == "python"
