"""Shared fixtures: a real site built from fixture content, and a browser to look at it.

`built_site` copies the real site configuration (mkdocs.yml, docs/, overrides/, criteria.yml)
next to the fixture content of tests/fixtures/site/, adds generated profiles to force
pagination, and builds it with the same command as `make build`. Search tests and any
other end-to-end test reuse it; it is built once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import launch, serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict"]
PAGINATED_FIELD = "education"
PAGINATED_UNIT = "so-giao-duc-thu-nghiem"
PAGINATED_COUNT = 30  # with the fixture's own education profile: 31, two pages of 24
PAGINATED_YEARS = range(2015, 2025)  # 3 a year: the quota per unit and year


def make_site_tree(dest: Path) -> Path:
    """A repository to build: the real configuration and theme, the fixture content."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "criteria.yml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "showcase").symlink_to(ROOT / "showcase")  # mkdocs.yml names the hooks by path
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    for index in range(PAGINATED_COUNT):
        year = PAGINATED_YEARS[index // 3]
        (dest / "exemplars" / f"truong-tieu-hoc-so-{index + 1}.md").write_text(
            _school(index + 1, year), encoding="utf-8")
    return dest


def build(root: Path, **settings: str) -> subprocess.CompletedProcess:
    """Build the site in `root` as `make build` does (the build validates first); `settings`:
    environment variables for this build only (SHOWCASE_FRAMES="0"...)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **settings}
    return subprocess.run(MKDOCS_BUILD, cwd=root, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> Path:
    """The repository the session's site is built from (content, config; `site/` after a build)."""
    return make_site_tree(tmp_path_factory.mktemp("repo") / "repo")


@pytest.fixture(scope="session")
def built_site(site_root: Path) -> Path:
    """The `site/` directory of a strict build of the fixture content."""
    result = build(site_root)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_root / "site"


@pytest.fixture(scope="session")
def browser():
    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> str:
    """Base URL ('http://127.0.0.1:PORT/') of the built site, served locally."""
    with serve(built_site) as base:
        yield base


def _school(number: int, year: int) -> str:
    story = " ".join(["Nhà trường duy trì câu lạc bộ đọc sách, thư viện mở và các buổi chia sẻ kinh nghiệm học tập"
                      " giữa học sinh các khối lớp, được cha mẹ học sinh và địa phương ủng hộ."] * 8)
    return f"""---
name: Trường Tiểu học số {number}
kind: collective
category: advanced-exemplar
summary: Trường tiêu biểu trong phong trào khuyến học, xây dựng thư viện thân thiện năm {year}.
field: {PAGINATED_FIELD}
year: {year}
nominated_by: {PAGINATED_UNIT}
province: an-giang
place: Xã Mỹ Hoà {number}
movements:
  - hoc-tap-suot-doi
criteria:
  - leading-movement
achievements:
  - Năm học {year} có {60 + number} phần trăm học sinh tham gia câu lạc bộ đọc sách.
published: {year + 1}-0{1 + number % 9}-{10 + number % 18}
---

{story}
"""


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's own demo content built as `make build` does, into a temporary folder
    (never the working tree's site/): every page type, the calendar and statistics included."""
    dest = tmp_path_factory.mktemp("demo") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([*MKDOCS_BUILD, "--site-dir", str(dest)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest
