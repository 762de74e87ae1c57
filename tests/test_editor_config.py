"""The form editor's configuration (showcase/editors/decap.py) is derived from the data contract,
criteria.yml, units.yml, movements/ and the provinces, and fails here when it drifts from them;
the issue form's drop-downs come from the same registries; `make build`/`make serve` need no Node."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import build, make_site_tree
from repo_fixture import Repo
from showcase.criteria import load_criteria
from showcase.editors import decap
from showcase.editors.registries import load_registries, registries_of
from showcase.fields import ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, RECORD, RECORD_LIST, SLUG_LIST, STATUSES
from showcase.guides import issue_form
from showcase.provinces import load_provinces
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def criteria():
    return load_criteria(ROOT / "criteria.yml")


@pytest.fixture(scope="module")
def config(criteria):
    repository = decap.repository_of(None, "https://github.com/example/dien-hinh-tien-tien/edit/main/")
    return decap.decap_config(criteria, load_registries(ROOT), repository, "https://dienhinh.example.gov.vn/")


def widgets(config) -> dict[str, dict]:
    return {w["name"]: w for w in config["collections"][0]["fields"]}


def walk(fields):
    for widget in fields:
        yield widget
        yield from walk(widget.get("fields", []))


def values(widget) -> list[str]:
    return [o["value"] for o in widget["options"]]


def test_every_key_of_the_contract_has_its_widget(config):
    found = widgets(config)
    assert list(found) == [s.key for s in EXEMPLAR_FIELDS] + ["body"]
    for spec in EXEMPLAR_FIELDS:
        widget = found[spec.key]
        assert widget["required"] == (spec.required == ALWAYS), spec.key
        if spec.type in (RECORD, RECORD_LIST):
            assert [w["name"] for w in widget["fields"]] == [s.key for s in spec.subfields]
        if spec.type == DATE:
            assert widget["widget"] == "datetime" and widget["format"] == "YYYY-MM-DD" and widget["time_format"] is False
        if spec.type == BOOL:
            assert widget["widget"] == "boolean"
        if spec.type == SLUG_LIST:
            assert widget["widget"] == "select" and widget["multiple"] is True and widget["min"] == 1


def test_drop_downs_store_the_codes_the_validator_accepts(config, criteria):
    found = widgets(config)
    for key, vocabulary in (("kind", "kinds"), ("category", "categories"), ("field", "fields")):
        assert values(found[key]) == list(criteria.vocabularies[vocabulary])
        assert [o["label"] for o in found[key]["options"]] == list(criteria.vocabularies[vocabulary].values())
    assert values(found["criteria"]) == list(criteria.criteria)
    units = yaml.safe_load((ROOT / "units.yml").read_text(encoding="utf-8"))
    assert values(found["nominated_by"]) == list(units)
    assert values(found["movements"]) == sorted(p.stem for p in (ROOT / "movements").glob("*.md"))
    assert values(found["province"]) == [p.slug for p in sorted(load_provinces().by_slug.values(), key=lambda p: p.code)]
    assert len(found["province"]["options"]) == 34
    sub = {w["name"]: w for w in found["commendations"]["fields"]}
    assert values(sub["form"]) == list(criteria.vocabularies["commendation_forms"])
    consent = {w["name"]: w for w in found["consent"]["fields"]}
    assert values(consent["by"]) == list(criteria.vocabularies["consent_by"])
    assert values(found["status"]) == [s for s in ("draft", "published") if s in STATUSES]
    assert "withdrawn" not in values(found["status"])  # scripts/withdraw.py writes the tombstone


def test_consent_and_dates_are_never_pre_filled(config):
    for widget in walk(config["collections"][0]["fields"]):
        assert "default" not in widget, widget["name"]


def test_photo_goes_to_exemplars_images_as_a_path_relative_to_the_profile(config):
    collection = config["collections"][0]
    assert collection["folder"] == "exemplars" and collection["format"] == "frontmatter"
    assert collection["media_folder"] == "images" and collection["public_folder"] == "images"
    assert widgets(config)["photo"]["widget"] == "image"
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_github_backend_with_editorial_workflow_from_mkdocs_yml(config, criteria):
    assert config["backend"]["name"] == "github" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["repo"] == "example/dien-hinh-tien-tien" and config["backend"]["branch"] == "main"
    assert config["locale"] == "vi" and "local_backend" not in config
    local = decap.decap_config(criteria, load_registries(ROOT), decap.repository_of(None, None), "http://127.0.0.1:8000/",
                               {"base_url": "https://oauth.example.gov.vn"}, "http://127.0.0.1:8081/api/v1")
    assert local["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert local["backend"]["base_url"] == "https://oauth.example.gov.vn"


@pytest.mark.parametrize("repo_url, edit_uri, expected", [
    (None, "https://github.com/so-noi-vu/dien-hinh/edit/chinh/", ("so-noi-vu/dien-hinh", "chinh")),
    ("https://github.com/so-noi-vu/dien-hinh", None, ("so-noi-vu/dien-hinh", "main")),
    ("https://github.com/so-noi-vu/dien-hinh.git", None, ("so-noi-vu/dien-hinh", "main")),
    ("https://gitlab.com/a/b", None, (None, "main")),
])
def test_repository_from_mkdocs_yml(repo_url, edit_uri, expected):
    found = decap.repository_of(repo_url, edit_uri)
    assert (found.repo, found.branch) == expected


def test_registries_from_files_and_from_the_validated_repository_agree(tmp_path):
    repo = Repo(tmp_path)
    assert registries_of(load_showcase(repo.path).showcase) == load_registries(repo.path)
    repo.write("units.yml", repo.read("units.yml") + "Bad Id: {name: X, level: local}\n")
    from_files = load_registries(repo.path)
    assert [uid for uid, _ in from_files.units] == ["so-noi-vu-ninh-binh", "ubnd-xa-gia-vien"]  # never offer a bad id


def test_the_site_gets_the_editor_page_config_and_cms_files(tmp_path, criteria):
    """What the build writes into site/bien-tap/ (the CMS files stood in for by small fakes)."""
    dist = tmp_path / decap.DIST
    dist.mkdir(parents=True)
    for name in ("decap-cms.js", "103.decap-cms.js", "abc.wasm", "decap-cms.js.LICENSE.txt", "cms.js", "x.js.map"):
        (dist / name).write_text("//", encoding="utf-8")
    site = tmp_path / "site"
    config = decap.decap_config(criteria, load_registries(ROOT), decap.repository_of(None, None), "")
    assert decap.write_editor(site, tmp_path, config, None)
    written = sorted(p.name for p in (site / decap.FOLDER).iterdir())
    assert written == ["103.decap-cms.js", "abc.wasm", "config.yml", "decap-cms.js", "decap-cms.js.LICENSE.txt",
                       "index.html", "khoi-dong.js"]
    assert yaml.safe_load((site / "bien-tap" / "config.yml").read_text(encoding="utf-8")) == config
    page = (site / "bien-tap" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', page) == ["khoi-dong.js", "decap-cms.js"]  # never a CDN
    assert "<script>" not in page and "http://127.0.0.1" not in page
    csp = re.search(r'Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "script-src 'self' 'unsafe-eval'" in csp and "connect-src 'self' blob: data: https://api.github.com" in csp
    assert not decap.write_editor(tmp_path / "other", tmp_path / "empty", config, None)


def test_start_script_completes_the_vietnamese_strings():
    script = (decap.ASSETS / decap.START_SCRIPT).read_text(encoding="utf-8")
    assert "window.CMS_MANUAL_INIT = true" in script and 'CMS.registerLocale("vi"' in script
    assert "editor.editorWidgets.markdown.bold" in script and "collection.collectionTop.viewAs" in script


def test_build_without_decap_leaves_the_editor_out_in_one_vietnamese_line(tmp_path):
    tree = make_site_tree(tmp_path / "repo")
    result = build(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tree / "site" / "bien-tap").exists()
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "/bien-tap/" in line]
    assert len(lines) == 1 and "Chưa cài Decap CMS" in lines[0] and lines[0].startswith("INFO")


def test_issue_form_offers_units_and_movements_from_the_registries(criteria):
    registries = load_registries(ROOT)
    body = {e.get("id"): e for e in issue_form(criteria, registries)["body"]}
    assert body["nominated_by"]["type"] == "dropdown"
    assert body["nominated_by"]["attributes"]["options"] == [f"{name} ({uid})" for uid, name in registries.units]
    assert body["movements"]["type"] == "dropdown" and body["movements"]["attributes"]["multiple"] is True
    assert body["movements"]["attributes"]["options"] == [f"{name} ({slug})" for slug, name in registries.movements]


# --- make build, make serve, make edit ---------------------------------------------------------


def test_build_and_serve_need_no_node():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = re.search(r"^\$\(STAMP\):.*?(?=^\S)", makefile, re.S | re.M)[0]
    assert "npm ci" not in stamp and "package.json" not in stamp and "package-lock" not in stamp
    for target in ("build", "serve"):
        assert re.search(rf"^{target}: \$\(STAMP\)$", makefile, re.M), target
    assert re.search(r"^test: \$\(STAMP\) node$", makefile, re.M) and re.search(r"^edit: \$\(STAMP\) node$", makefile, re.M)
    assert "npm ci" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "npm ci" in (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")


def _edit(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "edit.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


def test_edit_without_node_tools_says_what_to_do(tmp_path):
    out = _edit(tmp_path, "--", "true")
    assert out.returncode == 1 and "Cài Node.js" in out.stdout and "Traceback" not in out.stderr


def test_edit_on_a_busy_port_says_so_in_vietnamese(tmp_path):
    server = tmp_path / "node_modules" / ".bin" / "decap-server"
    server.parent.mkdir(parents=True)
    server.write_text("#!/bin/sh\nexit 1\n")
    server.chmod(0o755)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = _edit(tmp_path, "--", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}")
    assert out.returncode == 1 and f"Cổng {port}" in out.stdout and "đang bận" in out.stdout
