"""How long `make serve` takes to show an edited profile: the first build, then rebuilds
after editing one profile's summary, in one process as MkDocs' livereload does
(`build(config, dirty=True)`, the adapter's memo kept between builds).

Usage: .venv/bin/python benchmarks/serve_rebuild.py PROJECT [--edits 3]
PROJECT is a repository to build, e.g. a synthetic one kept by `run.py --keep --workdir DIR`
(DIR/n10000/project). Its exemplars are edited in place; the site goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    os.chdir(args.project)
    sys.path.insert(0, str(args.project))  # mkdocs.yml names the hooks by path, as in a real checkout
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.disable(logging.WARNING)  # the dirty-build notice, once per rebuild
    site = tempfile.mkdtemp(prefix="serve-rebuild-")

    def once() -> float:
        config = load_config("mkdocs.yml", site_dir=site, strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return time.perf_counter() - start

    print(f"first build: {once():.1f} s", flush=True)
    profile = sorted(Path("exemplars").glob("*.md"))[0]
    for i in range(args.edits):
        text = profile.read_text(encoding="utf-8")
        marker = f"Sửa lần {i}. "
        text = text.replace("\nsummary: ", f"\nsummary: {marker}", 1) if i == 0 else \
            text.replace(f"Sửa lần {i - 1}. ", marker, 1)
        if "\nsummary: \"" in text.replace(marker, ""):  # a quoted summary: edit inside the quotes
            text = text.replace(f"\nsummary: {marker}\"", f"\nsummary: \"{marker}", 1)
        profile.write_text(text, encoding="utf-8")
        print(f"rebuild after editing {profile}: {once():.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
