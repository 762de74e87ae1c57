"""Regenerate the files derived from criteria.yml and the data contract (`make generate`)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from showcase.artefacts import write_derived_files  # noqa: E402
from showcase.criteria import load_criteria  # noqa: E402
from showcase.output import render  # noqa: E402
from showcase.problems import ProblemError  # noqa: E402


def main() -> int:
    try:
        criteria = load_criteria(ROOT / "criteria.yml")
    except ProblemError as exc:
        print(render([exc.problem], 1, "text"))
        return 1
    try:
        written = write_derived_files(ROOT, criteria)
    except ValueError as exc:  # CONTRIBUTING.md lost the markers around its generated tables
        print(f"Không cập nhật được: {exc}")
        return 1
    print("Đã cập nhật: " + ", ".join(written) if written else "Không có gì thay đổi.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
