"""The rule catalogue, its documentation table and its tests stay in step."""

from __future__ import annotations

import re
from pathlib import Path

from showcase.rules import CODES

ROOT = Path(__file__).resolve().parent.parent


def test_docs_table_lists_every_code_once_with_its_title():
    doc = (ROOT / "docs" / "quy-tac-kiem-tra.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(DH\d{3})` \| (Lỗi|Cảnh báo) \| (.+) \|$", doc, re.MULTILINE)
    assert [code for code, _, _ in rows] == list(CODES)
    for code, severity, title in rows:
        assert title == CODES[code].title
        assert severity == {"error": "Lỗi", "warning": "Cảnh báo"}[CODES[code].severity]


def test_every_code_is_raised_somewhere_and_tested():
    package = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "showcase").rglob("*.py")
                        if p.name != "catalog.py")
    # Rule families may keep their fixtures in their own test module (tests/test_consent.py...).
    tests = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("test_*.py")))
    for code in CODES:
        assert f'"{code}"' in package, f"{code} is never raised"
        assert f'"{code}"' in tests or f"test_{code.lower()}" in tests, f"{code} has no failing fixture"
