"""Files derived from `criteria.yml` and `showcase.fields` that live in the repository:
the editor's template, the JSON Schema, the issue form and CONTRIBUTING.md's field tables.

`make generate` writes them; a test fails when a committed copy differs from what this
module produces, so the template and the schema never drift from the rules.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .criteria import Criteria
from .guides import guide_files
from .jsonschema import exemplar_schema, movement_schema
from .template import render_exemplar_template

# The committed template shows a fixed example date, so that it does not change every day.
TEMPLATE_DATE = dt.date(2025, 1, 15)


def derived_files(root: Path, criteria: Criteria) -> dict[str, str]:
    def as_json(data: dict) -> str:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    return {
        "templates/exemplar.md": render_exemplar_template(criteria, today=TEMPLATE_DATE),
        "schema/exemplar.schema.json": as_json(exemplar_schema(criteria)),
        "schema/movement.schema.json": as_json(movement_schema(criteria)),
        **guide_files(root, criteria),  # the issue form and CONTRIBUTING.md's field tables
    }


def write_derived_files(root: Path, criteria: Criteria) -> list[str]:
    written = []
    for rel, content in derived_files(root, criteria).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(rel)
    return written
