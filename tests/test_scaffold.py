"""scripts/new_profile.py and showcase.scaffold: a new profile from the template, never an overwrite."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from repo_fixture import TODAY, Repo
from showcase.criteria import load_criteria
from showcase.fields import ALWAYS, EXEMPLAR_FIELDS, PERSON
from showcase.scaffold import ProfileExists, create_profile
from showcase.template import render_exemplar_template

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "new_profile.py"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path)


@pytest.mark.parametrize("name, slug", [
    ("Nguyễn Văn Đức", "nguyen-van-duc"),
    ("Hộ ông Đặng Văn Bình", "ho-ong-dang-van-binh"),
    ("  Hợp tác xã   Đồng Tâm ", "hop-tac-xa-dong-tam"),
    (unicodedata.normalize("NFD", "Trần Thị Hoà"), "tran-thi-hoa"),  # typed on macOS
])
def test_slug_is_the_name_without_tone_marks(repo, name, slug):
    path = create_profile(repo.path, load_criteria(repo.file("criteria.yml")), name, "individual", today=TODAY)
    assert path == repo.file(f"exemplars/{slug}.md")
    assert front_matter(path)["name"] == unicodedata.normalize("NFC", " ".join(name.split()))


@pytest.mark.parametrize("kind", ["individual", "collective", "household"])
def test_profile_is_the_lead_template_with_every_required_key(repo, kind):
    criteria = load_criteria(repo.file("criteria.yml"))
    path = create_profile(repo.path, criteria, "Nguyễn Văn Đức", kind, today=TODAY)
    text = path.read_text(encoding="utf-8")
    assert text == render_exemplar_template(criteria, name="Nguyễn Văn Đức", kind=kind, today=TODAY)
    meta = front_matter(path)
    for spec in EXEMPLAR_FIELDS:
        needed = spec.required == ALWAYS or (spec.required == PERSON and kind != "collective")
        if needed:
            assert spec.key in meta, spec.key
    assert meta["kind"] == kind
    assert meta["published"] == TODAY and meta["year"] == TODAY.year


def test_category_option_is_written(repo):
    path = create_profile(repo.path, load_criteria(repo.file("criteria.yml")), "Tổ hợp tác A", "collective",
                          category="new-model", today=TODAY)
    assert front_matter(path)["category"] == "new-model"


def test_script_writes_todays_date_and_prints_next_steps(repo):
    out = run(repo.path, "Lê Thị Ánh", "--kind", "individual")
    assert out.returncode == 0, out.stderr
    path = repo.file("exemplars/le-thi-anh.md")
    assert front_matter(path)["published"] == dt.date.today()
    assert "Đã tạo exemplars/le-thi-anh.md" in out.stdout
    assert "scripts/validate.py exemplars/le-thi-anh.md" in out.stdout
    assert "http://127.0.0.1:8000" in out.stdout


def test_existing_file_is_never_overwritten(repo):
    before = repo.read("exemplars/nguyen-van-a.md")
    with pytest.raises(ProfileExists):
        create_profile(repo.path, load_criteria(repo.file("criteria.yml")), "Nguyễn Văn A", "individual")
    out = run(repo.path, "Nguyễn Văn A", "--kind", "individual")
    assert out.returncode == 1
    assert "Đã có tệp exemplars/nguyen-van-a.md" in out.stderr and "không ghi đè" in out.stderr
    assert repo.read("exemplars/nguyen-van-a.md") == before
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args, expected", [
    (["Nguyễn Văn Đức", "--kind", "person"], "Loại điển hình `person` không có trong criteria.yml"),
    (["Nguyễn Văn Đức", "--kind", "individual", "--category", "hero"], "Nhóm điển hình `hero`"),
    (["!!!", "--kind", "individual"], "Không tạo được tên tệp"),
    (["Nguyễn Văn Đức"], "Lỗi cách dùng: thiếu tham số bắt buộc: --kind"),
])
def test_bad_usage_exits_2_with_a_vietnamese_message(repo, args, expected):
    out = run(repo.path, *args)
    assert out.returncode == 2
    assert expected in out.stderr
    assert "Traceback" not in out.stderr
    assert not repo.file("exemplars/nguyen-van-duc.md").exists()


def test_outside_a_repository_is_bad_usage(tmp_path):
    out = run(tmp_path, "Nguyễn Văn Đức", "--kind", "individual")
    assert out.returncode == 2
    assert "không thấy criteria.yml" in out.stderr


def test_root_option_writes_into_that_repository(repo, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    out = run(elsewhere, "Phạm Văn Cường", "--kind", "individual", "--root", str(repo.path))
    assert out.returncode == 0, out.stderr
    assert repo.file("exemplars/pham-van-cuong.md").is_file()
