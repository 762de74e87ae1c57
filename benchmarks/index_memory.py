"""Pagefind's peak memory for a repository's profile and movement pages, without the site.

Renders every profile and movement page body as the build does (showcase/site.py), feeds them
to `SearchIndexer` (Pagefind's engine in its own process, as in the build), writes the bundle
to a temporary folder and reports the engine's peak resident memory, sampled from /proc.
Quicker than a whole build when choosing what to index (`showcase/search.py`), and not
disturbed by the rest of the site.

Run: `.venv/bin/python benchmarks/index_memory.py DIR` (a repository with content, such as
the one `benchmarks/run.py --keep --workdir W` leaves in W/n10000/project).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from showcase.repository import load_showcase  # noqa: E402
from showcase.search import SearchIndexer  # noqa: E402
from showcase.site import movement_pages, profile_pages  # noqa: E402
from showcase.generated import GeneratedPage  # noqa: E402


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _rss_mb(pid: int) -> tuple[str, int]:
    try:
        with open(f"/proc/{pid}/status") as f:
            status = f.read()
        return status.split("Name:")[1].split()[0], int(status.split("VmRSS:")[1].split()[0]) // 1024
    except (OSError, IndexError, ValueError):
        return "", 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    args = parser.parse_args(argv)
    result = load_showcase(args.root, cache=False)
    showcase = result.showcase
    peaks: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _tree(os.getpid())[1:]:
                name, mb = _rss_mb(pid)
                if name:
                    peaks[name] = max(peaks.get(name, 0), mb)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="showcase-index-") as tmp:
        indexer = SearchIndexer(Path(tmp) / "pagefind")
        for generator in (profile_pages, movement_pages):
            for item in generator(showcase, "https://example.gov.vn/"):
                if isinstance(item, GeneratedPage):
                    indexer.add("/" + item.url, item.render())
        pages = indexer.finish()
        size = sum(p.stat().st_size for p in (Path(tmp) / "pagefind").rglob("*") if p.is_file())
    done.set()
    sampler.join()
    print(f"{pages:,} pages indexed in {time.perf_counter() - start:.1f} s; bundle {size / 1e6:.1f} MB; "
          f"peak resident memory by process: " + ", ".join(f"{k} {v:,} MB" for k, v in sorted(peaks.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
