"""scripts/validate.py as an editor and as CI run it: formats, exit codes, paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from repo_fixture import Repo

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "validate.py"


def run(repo: Repo, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=repo.path, capture_output=True, text=True)


def test_valid_repository_exits_0_with_a_summary(tmp_path):
    out = run(Repo(tmp_path))
    assert out.returncode == 0, out.stdout
    assert out.stdout.strip().splitlines()[-1].startswith("Hợp lệ: ")


def test_text_output_names_file_line_code_and_fix(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("exemplars/nguyen-van-a.md", "field: agriculture", "field: agricultur")
    out = run(repo)
    assert out.returncode == 1
    assert "exemplars/nguyen-van-a.md:6: DH104 lỗi:" in out.stdout
    assert "→ Cách sửa: Có phải ý bạn là `agriculture`?" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_github_format_annotates_each_problem(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("exemplars/nguyen-van-a.md", "field: agriculture", "field: agricultur")
    repo.replace("exemplars/htx-dong-tam.md", "year: 2024", "year: 1800")
    out = run(repo, "--format", "github")
    lines = [line for line in out.stdout.splitlines() if line.startswith("::")]
    assert "::error file=exemplars/nguyen-van-a.md,line=6,title=DH104::" in lines[1] or any(
        line.startswith("::error file=exemplars/nguyen-van-a.md,line=6,title=DH104::") for line in lines)
    assert any(line.startswith("::error file=exemplars/htx-dong-tam.md,line=7,title=DH107::") for line in lines)
    assert out.returncode == 1


def test_json_format_is_machine_readable(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("exemplars/nguyen-van-a.md", "field: agriculture", "field: agricultur")
    data = json.loads(run(repo, "--format", "json").stdout)
    assert data["errors"] == 1
    assert data["problems"][0] | {"message": None, "hint": None} == {
        "code": "DH104", "path": "exemplars/nguyen-van-a.md", "line": 6, "severity": "error",
        "message": None, "hint": None}


def test_paths_limit_the_report_but_cross_file_rules_see_everything(tmp_path):
    repo = Repo(tmp_path)
    repo.replace("exemplars/nguyen-van-a.md", "field: agriculture", "field: agricultur")
    assert run(repo, "exemplars/htx-dong-tam.md").returncode == 0
    out = run(repo, "exemplars/nguyen-van-a.md")
    assert out.returncode == 1 and "1 tệp đã kiểm tra" in out.stdout
    repo.replace("movements/nong-thon-moi.md", "end: 2025", "end: 2023")
    assert "DH204" in run(repo, "exemplars/htx-dong-tam.md").stdout


def test_bad_usage_exits_2_in_vietnamese(tmp_path):
    repo = Repo(tmp_path)
    out = run(repo, "--format", "xml")
    assert out.returncode == 2 and "Lỗi cách dùng" in out.stderr
    out = run(repo, "exemplars/khong-co.md")
    assert out.returncode == 2 and "không có tệp" in out.stderr
