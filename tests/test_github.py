"""The editors' GitHub workflow: CI workflows, pre-commit, issue form, pull-request template, guide."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repo_fixture import Repo
from showcase.criteria import load_criteria
from showcase.editors.registries import load_registries
from showcase.fields import EXEMPLAR_FIELDS, RECORD
from showcase.guides import (CONTRIBUTING, ISSUE_FORM, OFFICE_FIELDS, TABLES_END, TABLES_START, field_tables,
                             guide_files, render_issue_form)

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
ACTION = re.compile(r"^actions/[a-z0-9-]+@v\d+$")  # official actions only, pinned to a major version


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as true


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_named(workflow: dict, name: str) -> dict:
    return next(step for step in steps(workflow) if step.get("name") == name)


@pytest.fixture(scope="module")
def pull_request() -> dict:
    return load(WORKFLOWS / "pull-request.yml")


@pytest.fixture(scope="module")
def deploy() -> dict:
    return load(WORKFLOWS / "deploy.yml")


# --- Workflows ----------------------------------------------------------------------------


def test_workflows_parse_and_use_only_official_actions_pinned_to_a_major():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["de-xuat-tu-issue.yml", "deploy.yml", "pull-request.yml"]
    for path in files:
        workflow = load(path)
        assert workflow["name"] and triggers(workflow) and workflow["jobs"]
        for step in steps(workflow):
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert ACTION.match(step["uses"]), f"{path.name}: {step['uses']}"


def test_pull_request_workflow_validates_changed_files_builds_and_uploads(pull_request):
    assert "pull_request" in triggers(pull_request)
    assert pull_request["permissions"] == {"contents": "read"}
    uses = [step.get("uses", "").split("@")[0] for step in steps(pull_request)]
    assert uses.count("actions/checkout") == 1 and "actions/setup-python" in uses
    assert step_named(pull_request, "Cài Python 3.11")["with"]["python-version"] == "3.11"
    assert "--format github" in step_named(pull_request, "Kiểm tra các hồ sơ thay đổi")["run"]
    assert "mkdocs build --strict" in step_named(pull_request, "Dựng thử trang web (chế độ nghiêm ngặt)")["run"]
    upload = step_named(pull_request, "Lưu trang dựng thử để xem trước")
    assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["path"] == "site/"


def test_deploy_workflow_has_least_privilege_and_one_deployment_at_a_time(deploy):
    assert triggers(deploy)["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"]["group"] and deploy["concurrency"]["cancel-in-progress"] is False
    build, job = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "permissions" not in build
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["needs"] == "build" and job["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache",
        "actions/upload-pages-artifact"]
    assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"]
    assert any("make build" in s.get("run", "") for s in build["steps"])


def test_workflows_keep_validation_results_and_photos_between_runs(deploy):
    pull_request = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8"))
    for workflow in (deploy, pull_request):
        cache = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
        assert cache["with"]["path"] == ".site-cache"  # showcase/cache.py and showcase/images.py


class PullRequestRepo:
    """A git repository shaped like the checkout of a pull request: HEAD^1 is the base branch."""

    def __init__(self, path: Path):
        self.repo = Repo(path)
        for name in ("scripts", "showcase"):
            (path / name).symlink_to(ROOT / name)
        self.git("init", "-q")
        self.commit("Nhánh chính")

    def git(self, *args: str) -> None:
        subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid",
                        "-c", "commit.gpgsign=false", *args],
                       cwd=self.repo.path, check=True, capture_output=True)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def run_step(self, script: str) -> subprocess.CompletedProcess:
        """Run a workflow step the way GitHub runs `run:` scripts."""
        env = dict(os.environ, RUNNER_TEMP=str(self.repo.path.parent),
                   PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                              cwd=self.repo.path, env=env, capture_output=True, text=True)


@pytest.fixture
def pr(tmp_path, pull_request) -> tuple[PullRequestRepo, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = PullRequestRepo(tmp_path / "repo")
    return repo, step_named(pull_request, "Kiểm tra các hồ sơ thay đổi")["run"]


def test_changed_invalid_profile_gets_an_annotation_on_its_line(pr):
    repo, script = pr
    text = repo.repo.read("exemplars/htx-dong-tam.md").replace("Hợp tác xã Đồng Tâm", "Hợp tác xã Tân Tiến")
    repo.repo.write("exemplars/htx-tan-tien.md", text.replace("field: digital-transformation", "field: digital"))
    repo.commit("Đề xuất sai")
    out = repo.run_step(script)
    assert out.returncode != 0
    assert re.search(r"^::error file=exemplars/htx-tan-tien\.md,line=6,title=DH104::", out.stdout, re.MULTILINE)


def test_stale_profile_on_the_base_branch_does_not_block_another_pull_request(pr):
    repo, script = pr
    repo.repo.replace("exemplars/htx-dong-tam.md", "published: 2025-02-01", "published: 2999-02-01")
    repo.git("add", "-A")
    repo.git("commit", "-q", "--amend", "-m", "Nhánh chính, có một ngày ở tương lai")
    text = repo.repo.read("exemplars/htx-dong-tam.md").replace("Hợp tác xã Đồng Tâm", "Hợp tác xã Tân Tiến")
    repo.repo.write("exemplars/htx-tan-tien.md", text.replace("2999-02-01", "2025-03-01"))
    repo.commit("Đề xuất đúng")
    out = repo.run_step(script)
    assert out.returncode == 0, out.stdout
    assert "DH108" not in out.stdout and "1 tệp đã kiểm tra, 0 lỗi" in out.stdout


def test_deleting_a_movement_checks_the_whole_repository(pr):
    repo, script = pr
    repo.repo.file("movements/chuyen-doi-so.md").unlink()
    repo.commit("Xoá phong trào")
    out = repo.run_step(script)
    assert out.returncode != 0
    assert "kiểm tra toàn bộ kho" in out.stdout
    assert "::error file=exemplars/htx-dong-tam.md" in out.stdout  # a file the pull request did not touch


def test_pull_request_without_profile_changes_passes(pr):
    repo, script = pr
    repo.repo.write("docs/ghi-chu.md", "# Ghi chú\n")
    repo.commit("Chỉ sửa tài liệu")
    out = repo.run_step(script)
    assert out.returncode == 0 and "Không có hồ sơ, phong trào nào thay đổi." in out.stdout


# --- pre-commit ---------------------------------------------------------------------------


def test_pre_commit_runs_the_validator_on_changed_profiles():
    config = load(ROOT / ".pre-commit-config.yaml")
    (local,) = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    profiles = hooks["kiem-tra-ho-so"]
    assert profiles["entry"].endswith("scripts/validate.py") and profiles.get("pass_filenames", True)
    pattern = re.compile(profiles["files"])
    assert pattern.search("exemplars/nguyen-van-a.md") and pattern.search("movements/nong-thon-moi.md")
    assert not pattern.search("docs/index.md")
    whole = hooks["kiem-tra-toan-bo"]
    assert whole["pass_filenames"] is False and re.search(whole["files"], "units.yml")


# --- Issue form, pull-request template ----------------------------------------------------


def test_issue_form_is_generated_from_criteria_and_fields():
    committed = (ROOT / ISSUE_FORM).read_text(encoding="utf-8")
    assert committed == render_issue_form(load_criteria(ROOT / "criteria.yml"), load_registries(ROOT)), \
        "Chạy `make generate` để cập nhật biểu mẫu"


def test_issue_form_has_one_input_per_field_and_valid_github_syntax():
    form = load(ROOT / ISSUE_FORM)
    assert {"name", "description", "body"} <= set(form)
    body = form["body"]
    ids = [element["id"] for element in body if element["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    labels = [element["attributes"]["label"] for element in body if element["type"] != "markdown"]
    assert len(labels) == len(set(labels))
    expected = set()
    for spec in EXEMPLAR_FIELDS:
        if spec.key in OFFICE_FIELDS:
            continue
        expected |= {f"{spec.key}_{s.key}" for s in spec.subfields} if spec.type == RECORD else {spec.key}
    assert expected | {"story", "confirm"} == set(ids)
    criteria = load_criteria(ROOT / "criteria.yml")
    dropdowns = {e["id"]: e["attributes"]["options"] for e in body if e["type"] == "dropdown"}
    for options in dropdowns.values():
        assert options and len(options) == len(set(options))
        assert not any(o.strip().lower() == "none" for o in options)  # reserved by GitHub
    assert dropdowns["kind"] == [f"{v} ({k})" for k, v in criteria.vocabularies["kinds"].items()]
    assert len(dropdowns["field"]) == len(criteria.vocabularies["fields"])
    assert len(dropdowns["province"]) == 34
    assert len(dropdowns["criteria"]) == len(criteria.criteria)
    confirm = next(e for e in body if e.get("id") == "confirm")
    assert all(option["required"] for option in confirm["attributes"]["options"])


def test_issue_template_config_and_pull_request_checklist():
    assert load(ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is False
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, re.MULTILINE)
    assert len(items) >= 5
    for needle in ("đồng ý bằng văn bản", "đối chiếu với nguồn", "được phép sử dụng", "số căn cước",
                   "số điện thoại", "địa chỉ nhà riêng", "Trình kiểm tra không báo lỗi"):
        assert any(needle in item for item in items), needle


# --- CONTRIBUTING.md ----------------------------------------------------------------------


def test_contributing_field_tables_are_generated():
    guide = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    assert guide == guide_files(ROOT, load_criteria(ROOT / "criteria.yml"))[CONTRIBUTING], \
        "Chạy `make generate` để cập nhật bảng trường"
    tables = guide[guide.index(TABLES_START):guide.index(TABLES_END)]
    assert field_tables(load_criteria(ROOT / "criteria.yml")) in tables
    for spec in EXEMPLAR_FIELDS:
        assert f"| `{spec.key}` |" in tables


def test_contributing_shows_real_validator_output(tmp_path):
    guide = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    example = re.search(r"```text\n(.+?)```", guide, re.DOTALL)[1]
    repo = Repo(tmp_path)
    repo.replace("exemplars/nguyen-van-a.md", "kind: individual", "kind: ca-nhan")
    repo.replace("exemplars/nguyen-van-a.md", "province: ninh-binh", "province: Nam Định")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "exemplars/nguyen-van-a.md"],
                         cwd=repo.path, capture_output=True, text=True)
    assert out.stdout == example


def test_contributing_covers_the_editors_tasks():
    guide = (ROOT / CONTRIBUTING).read_text(encoding="utf-8")
    for needle in ("scripts/new_profile.py", "status: withdrawn", "make serve", "http://127.0.0.1:8000",
                   "Đề xuất điển hình tiên tiến", "scripts/report.py", "calendar.yml"):
        assert needle in guide, needle
    for path in re.findall(r"`((?:templates|docs|scripts)/[\w./-]+\.(?:md|py))`", guide):
        assert (ROOT / path).is_file(), path
    # Links inside the guide use GitHub's heading anchors (lower case, diacritics kept, spaces to -).
    anchors = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", guide, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", guide):
        assert anchor in anchors, anchor
