"""Lighthouse (pinned in package.json), mobile preset, in Debian's Chromium, over the demo site
served as GitHub Pages serves it (gzip, 404.html for a missing address): at least 95 for
performance and 100 for accessibility, best practices and SEO on every page type a reader
lands on (issue 14). Simulated throttling; a page short of the bar is run again, up to three
runs, since load from other work on the machine inflates blocking time (benchmarks/lighthouse.py).

Skipped where Lighthouse or Chromium is missing, except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks import lighthouse

pytestmark = pytest.mark.browser


def _first(site: Path, folder: str, contains: str | None = None) -> str:
    """The address of the first page under `folder` (whose HTML holds `contains`)."""
    for page in sorted((site / folder).glob("*/index.html")):
        if contains is None or contains in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no page under {folder}/" + (f" with {contains}" if contains else ""))


@pytest.fixture(scope="module")
def base(demo_site):
    missing = lighthouse.available()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing + " (CI=true: Lighthouse may not be skipped)")
        pytest.skip(missing)
    with lighthouse.serve(demo_site) as url:
        yield url


PAGES = {
    "home": lambda site: "",
    "profile": lambda site: _first(site, "dien-hinh", 'class="sc-photo"'),
    "movement": lambda site: _first(site, "phong-trao"),
    "listing": lambda site: _first(site, "linh-vuc"),
    "search": lambda site: "tra-cuu/",
    "statistics": lambda site: "thong-ke/",
    # At its own address: served for a missing one, it answers 404, which SEO scores as
    # "not indexable" on purpose.
    "404": lambda site: "404.html",
}


@pytest.mark.parametrize("name", PAGES)
def test_lighthouse_scores(base, demo_site, name):
    result = lighthouse.run_until_met(base + PAGES[name](demo_site))
    print(lighthouse.describe(result))
    assert not lighthouse.short_falls(result), lighthouse.describe(result)

