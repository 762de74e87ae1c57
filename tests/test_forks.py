"""Work shared among forked copies of the build (showcase/forks.py), and the build that uses them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest


# Forking is refused in a process with other threads, as pytest's may have (browser tests'
# servers): the unit tests run in a fresh interpreter each.
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                                reason="forking needs Linux and two cores")


def fresh(code: str) -> None:
    script = textwrap.dedent("""
        import os, signal, threading
        from showcase import forks
        from showcase.forks import ForkError, Later

        def raises(call, text):
            try:
                call()
            except ForkError as exc:
                assert text in str(exc), str(exc)
            else:
                raise AssertionError("no error")
    """)
    result = subprocess.run([sys.executable, "-c", script + textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_child_works_on_its_share_and_the_parent_receives_all():
    fresh("""
        got = []
        def job(index, count, send):
            for number in range(index, 10, count):
                send((number, os.getpid()))
        forks.in_forks(3, job, got.append)
        assert sorted(number for number, _ in got) == list(range(10))
        assert os.getpid() not in {pid for _, pid in got} and len({pid for _, pid in got}) == 3
    """)


def test_a_failing_child_raises_its_traceback_in_the_parent():
    fresh("""
        def job(index, count, send):
            if index == 1:
                raise ValueError("hồ sơ hỏng")
            send(index)
        raises(lambda: forks.in_forks(2, job, lambda value: None), "Traceback")
        raises(lambda: forks.in_forks(2, job, lambda value: None), "ValueError: hồ sơ hỏng")
    """)


def test_a_child_that_dies_without_a_word_is_reported():
    fresh("""
        def job(index, count, send):
            os.kill(os.getpid(), signal.SIGKILL)
        raises(lambda: forks.in_forks(2, job, lambda value: None), "stopped")
    """)


def test_later_computes_in_another_process_and_waits_for_it():
    fresh("""
        later = Later(os.getpid)
        assert later.result() != os.getpid()
        assert later.result() == later.result()  # kept, not computed again
        raises(lambda: Later(divmod, 1, 0).result(), "ZeroDivisionError")
    """)


def test_nothing_is_forked_while_another_thread_runs():
    """Forking a threaded process can copy a held lock: `mkdocs serve` does the work itself."""
    fresh("""
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            assert forks.workers() == 1
            assert Later(os.getpid).result() == os.getpid()
        finally:
            stop.set()
            thread.join()
        assert forks.workers() >= 2
    """)


def test_pages_published_by_forked_workers_are_those_one_process_writes(built_site, site_root, tmp_path):
    """The demo site built with its pages shared among forked workers (as every site of 1,000
    pages or more is) is the same, file for file, search index included, as one built in one process."""
    import re
    import shutil

    from conftest import build
    from test_site import snapshot

    copy = tmp_path / "repo"
    shutil.copytree(site_root, copy, symlinks=True)
    shutil.rmtree(copy / "site")
    result = build(copy, SHOWCASE_FORK_FROM="1")
    assert result.returncode == 0, result.stdout + result.stderr
    one, shared = snapshot(built_site), snapshot(copy / "site")
    unstable = re.compile(r"^pagefind/(filter/|pagefind\.vi_\w+\.pf_meta$|pagefind-entry\.json$)")  # see test_site
    assert one.keys() == shared.keys()
    assert sum(name.startswith("pagefind/fragment/") for name in one) > 30
    assert [name for name in one if not unstable.match(name) and one[name] != shared[name]] == []


def test_share_cards_and_photos_are_linked_from_the_cache_not_copied(built_site, site_root):
    cards = list((built_site / "anh" / "the").iterdir())
    cache = site_root / ".site-cache" / "images"
    assert cards and all(card.stat().st_nlink >= 2 for card in cards)
    assert any(os.path.samefile(cards[0], cached) for cached in cache.iterdir())
