"""Withdrawal of consent: scripts/withdraw.py turns a profile into a tombstone (DH309 guards
its shape), deletes its photo, and the site answers the old address with a short notice
that names nobody and is listed, indexed and fed nowhere."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, make_site_tree
from repo_fixture import TODAY, Repo, line_of
from showcase.withdrawal import tombstone_text

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "withdraw.py"
A = "exemplars/nguyen-van-a.md"  # individual with a photo: images/nguyen-van-a.png
PHOTO = "exemplars/images/nguyen-van-a.png"
H = "exemplars/htx-dong-tam.md"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


def hits(repo: Repo, code: str, rel: str, **kwargs) -> list:
    return [p for p in repo.validate(**kwargs).problems if p.code == code and p.path == rel]


# --- DH309: a tombstone holds nothing personal -----------------------------------------


def test_dh309_withdrawn_profile_that_kept_its_data(repo):
    """The old way (`status: withdrawn` added to a whole profile) leaves the data public in the repository."""
    repo.replace(A, "published: 2025-01-15", "published: 2025-01-15\nstatus: withdrawn\nwithdrawn: 2025-06-01")
    (hit,) = hits(repo, "DH309", A)
    assert hit.line == line_of(repo.read(A), "name:")
    assert "`name`" in hit.message and "câu chuyện" in hit.message
    assert "scripts/withdraw.py nguyen-van-a" in hit.hint
    assert [p.code for p in repo.validate().problems if p.path == A] == ["DH309"]  # no field rules on a tombstone


def test_dh309_tombstone_with_one_personal_key(repo):
    repo.write(A, tombstone_text(dt.date(2025, 6, 1)).replace("status:", "name: Nguyễn Văn A\nstatus:"))
    (hit,) = hits(repo, "DH309", A)
    assert hit.line == line_of(repo.read(A), "name:")


def test_dh309_tombstone_with_a_story(repo):
    repo.write(A, tombstone_text(dt.date(2025, 6, 1)) + "\nAnh A đã rút hồ sơ vì lý do sức khoẻ.\n")
    (hit,) = hits(repo, "DH309", A)
    assert hit.line == line_of(repo.read(A), "Anh A")


def test_dh309_tombstone_is_valid_and_out_of_every_rule_near_miss(repo):
    # Three nominations of one unit in one year and a withdrawn one: the quota (DH501) counts three.
    for n in range(3):
        repo.write(f"exemplars/htx-{n}.md", repo.read(H).replace("Đồng Tâm", f"Số {n}").replace(
            "so-noi-vu-ninh-binh", "ubnd-xa-gia-vien"))
    repo.write("exemplars/htx-0.md", tombstone_text(dt.date(2025, 3, 1)))
    result = repo.validate()
    assert result.problems == []
    assert result.showcase.withdrawn == {"htx-0": dt.date(2025, 3, 1)}
    assert "htx-0" not in result.showcase.exemplars


def test_dh101_tombstone_without_its_date(repo):
    repo.write(A, "---\nstatus: withdrawn\n---\n")
    (hit,) = hits(repo, "DH101", A)
    assert "`withdrawn`" in hit.message and hit.line == 2


def test_dh103_tombstone_date_is_not_a_date(repo):
    repo.write(A, "---\nstatus: withdrawn\nwithdrawn: hôm qua\n---\n")
    (hit,) = hits(repo, "DH103", A)
    assert hit.line == 3


def test_dh108_tombstone_dated_in_the_future(repo):
    repo.write(A, tombstone_text(TODAY + dt.timedelta(days=3)))
    assert hits(repo, "DH108", A, targets=[A])


def test_dh207_slug_of_a_withdrawn_profile_is_not_reused(repo):
    repo.write(A, tombstone_text(dt.date(2025, 6, 1)))
    repo.write("exemplars/2025/nguyen-van-a.md", repo.read(H))
    assert hits(repo, "DH207", A)


# --- scripts/withdraw.py ---------------------------------------------------------------


def test_script_turns_the_profile_into_a_tombstone_and_deletes_the_photo(repo):
    out = run(repo.path, "nguyen-van-a", "--date", "2025-06-01")
    assert out.returncode == 0, out.stderr
    assert repo.read(A) == tombstone_text(dt.date(2025, 6, 1))
    assert "Nguyễn" not in repo.read(A)
    assert not repo.file(PHOTO).exists()
    assert f"Đã xoá ảnh {PHOTO}" in out.stdout
    assert "lịch sử git" in out.stdout and "CONTRIBUTING.md" in out.stdout
    result = repo.validate()
    assert result.errors == []  # a warning remains: the unit has no other profile that year (DH502)
    assert result.showcase.withdrawn == {"nguyen-van-a": dt.date(2025, 6, 1)}

    again = run(repo.path, "nguyen-van-a")
    assert again.returncode == 0 and "đã được rút từ trước" in again.stdout
    assert repo.read(A) == tombstone_text(dt.date(2025, 6, 1))


def test_script_defaults_to_today_and_runs_from_elsewhere(repo, tmp_path_factory):
    out = run(tmp_path_factory.mktemp("elsewhere"), "nguyen-van-a", "--root", str(repo.path))
    assert out.returncode == 0, out.stderr
    assert repo.read(A) == tombstone_text(dt.date.today())


def test_script_keeps_a_photo_another_profile_uses(repo):
    other = "exemplars/nguyen-van-a-2.md"
    repo.write(other, repo.read(A).replace("Nguyễn Văn A", "Nguyễn Văn Ba"))
    out = run(repo.path, "nguyen-van-a")
    assert out.returncode == 0, out.stderr
    assert repo.file(PHOTO).exists()
    assert f"Chưa xoá ảnh {PHOTO}: còn được dùng trong {other}" in out.stdout


def test_script_never_deletes_outside_exemplars(repo):
    repo.replace(A, "photo: images/nguyen-van-a.png", "photo: ../criteria.yml")
    out = run(repo.path, "nguyen-van-a")
    assert out.returncode == 0, out.stderr
    assert repo.file("criteria.yml").exists()
    assert "nằm ngoài thư mục exemplars/" in out.stdout


def test_script_replaces_a_symlinked_profile_not_its_target(repo, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "real.md"
    original = repo.read(H)
    outside.write_text(original, encoding="utf-8")
    repo.file(H).unlink()
    repo.file(H).symlink_to(outside)
    out = run(repo.path, "htx-dong-tam")
    assert out.returncode == 0, out.stderr
    assert outside.read_text(encoding="utf-8") == original  # a file outside the repository is never written
    assert not repo.file(H).is_symlink() and repo.read(H).startswith("---\n# Hồ sơ đã rút")


def test_script_withdraws_a_profile_it_cannot_parse(repo):
    repo.replace(A, "kind: individual", "kind: [individual")
    out = run(repo.path, "nguyen-van-a", "--date", "2025-06-01")
    assert out.returncode == 0, out.stderr
    assert not repo.file(PHOTO).exists()  # found by its `photo:` line
    assert repo.validate().errors == []


def test_unknown_profile_exits_1_and_suggests_the_nearest(repo):
    before = repo.read(A)
    out = run(repo.path, "nguyen-van-b")
    assert out.returncode == 1
    assert "Không có hồ sơ `nguyen-van-b`" in out.stderr and "`nguyen-van-a`" in out.stderr
    assert "Traceback" not in out.stderr
    assert repo.read(A) == before


@pytest.mark.parametrize("args, expected", [
    (["../criteria"], "không phải tên hồ sơ hợp lệ"),
    (["exemplars/nguyen-van-a.md"], "Có phải ý bạn là `nguyen-van-a`?"),
    (["/etc/passwd"], "không phải tên hồ sơ hợp lệ"),
    (["Nguyen-Van-A"], "không phải tên hồ sơ hợp lệ"),
    (["nguyen-van-a", "--date", "2025-02-30"], "không phải ngày dạng NĂM-THÁNG-NGÀY"),
    (["nguyen-van-a", "--date", "2999-01-01"], "ở tương lai"),
    ([], "thiếu tham số bắt buộc"),
])
def test_bad_usage_exits_2_in_vietnamese(repo, args, expected):
    before = repo.read(A)
    out = run(repo.path, *args)
    assert out.returncode == 2
    assert expected in out.stderr and "Lỗi cách dùng" in out.stderr
    assert "Traceback" not in out.stderr
    assert repo.read(A) == before and repo.file(PHOTO).exists()


def test_outside_a_repository_is_bad_usage(tmp_path):
    out = run(tmp_path, "nguyen-van-a")
    assert out.returncode == 2 and "không thấy criteria.yml" in out.stderr


# --- The site --------------------------------------------------------------------------

SLUG, NAME = "nguyen-thi-lan", "Nguyễn Thị Lan"  # a profile of the site fixture, with a photo


@pytest.fixture(scope="module")
def withdrawn_site(tmp_path_factory) -> Path:
    root = make_site_tree(tmp_path_factory.mktemp("withdrawn") / "repo")
    assert (root / "exemplars" / "images" / f"{SLUG}.jpg").exists()
    out = run(root, SLUG, "--date", "2025-06-01")
    assert out.returncode == 0, out.stderr
    assert not (root / "exemplars" / "images" / f"{SLUG}.jpg").exists()
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def _contents(site: Path):
    """(path, bytes) of every file of the site, decompressed where compressed (sitemap.xml.gz,
    Pagefind's index)."""
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


def test_old_address_answers_with_a_notice_without_the_name(withdrawn_site):
    notice = (withdrawn_site / "dien-hinh" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Hồ sơ này đã được rút theo yêu cầu của người được nêu gương" in notice
    assert '<meta name="robots" content="noindex' in notice
    assert '<html lang="vi">' in notice
    assert 'href="../../"' in notice and 'href="../../quyen-rieng-tu/"' in notice  # home, privacy page
    assert (withdrawn_site / "quyen-rieng-tu" / "index.html").exists()
    assert "<script" not in notice
    # Its policy allows its own style element and nothing else: the hash must be the style's.
    style = re.search(r"<style>(.*?)</style>", notice, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"default-src 'none'; style-src 'sha256-{digest}';" in notice
    for personal in (NAME, "Nguyễn", SLUG, "Đồng Tiến", "1,2 tỷ"):
        assert personal not in notice


def test_withdrawn_profile_is_nowhere_else(withdrawn_site):
    """Not in listings, search index, feed, JSON, CSV or sitemap; its photo is not published."""
    for path, data in _contents(withdrawn_site):
        rel = path.relative_to(withdrawn_site).as_posix()
        if rel == f"dien-hinh/{SLUG}/index.html":
            continue
        for marker in (NAME, SLUG):
            assert marker.encode() not in data, f"{rel} mentions the withdrawn profile"
    assert not list((withdrawn_site / "anh").glob(f"{SLUG}-*"))
    rows = json.loads((withdrawn_site / "api" / "exemplars.json").read_text(encoding="utf-8"))
    assert rows and SLUG not in json.dumps(rows)


@pytest.mark.browser
def test_notice_loads_without_errors_and_is_accessible(browser, site_server):
    """In Chromium: no console error (its Content-Security-Policy allows its own style), no
    sideways scrolling on a phone, no serious accessibility violation."""
    from browser import PHONE, Page, describe

    tab = Page(browser, axe=True)
    try:
        tab.goto(site_server + "dien-hinh/pham-van-go/")  # the site fixture's withdrawn profile
        assert tab.page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(125, 23, 18)"
        assert tab.errors == []
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = tab.axe_violations()
        assert not violations, describe(violations)
    finally:
        tab.close()
