"""The template and JSON Schema in the repository are exactly what criteria.yml produces."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
import yaml

from repo_fixture import Repo
from showcase.artefacts import derived_files
from showcase.criteria import load_criteria

ROOT = Path(__file__).resolve().parent.parent


def test_committed_files_match_generated():
    for rel, content in derived_files(ROOT, load_criteria(ROOT / "criteria.yml")).items():
        assert (ROOT / rel).read_text(encoding="utf-8") == content, f"run `make generate` to refresh {rel}"


def test_schema_accepts_the_fixture_profiles():
    schema = json.loads((ROOT / "schema" / "exemplar.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["field"]["enum"][0] == "agriculture"
    assert set(schema["required"]) >= {"name", "kind", "category", "summary", "movements", "published"}
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repo(Path(tmp))
        for rel in ("exemplars/nguyen-van-a.md", "exemplars/htx-dong-tam.md"):
            meta = yaml.safe_load(repo.read(rel).split("---")[1])
            meta = json.loads(json.dumps(meta, default=str))
            jsonschema.validate(meta, schema)


def test_template_has_every_required_key_and_parses():
    text = derived_files(ROOT, load_criteria(ROOT / "criteria.yml"))["templates/exemplar.md"]
    meta = yaml.safe_load(text.split("---")[1])
    for key in ("name", "kind", "category", "summary", "field", "year", "nominated_by", "province",
                "movements", "criteria", "achievements", "consent", "published"):
        assert key in meta

