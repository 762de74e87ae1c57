"""A small valid repository to mutate, one defect at a time, in validator tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from showcase.repository import Result, load_showcase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "repo"
TODAY = dt.date(2026, 11, 22)


class Repo:
    def __init__(self, path: Path):
        self.path = path
        shutil.copytree(FIXTURE, path, dirs_exist_ok=True)
        shutil.copy(ROOT / "criteria.yml", path / "criteria.yml")

    def file(self, rel: str) -> Path:
        return self.path / rel

    def read(self, rel: str) -> str:
        return self.file(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> None:
        path = self.file(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def validate(self, targets: list[str] | None = None, today: dt.date = TODAY) -> Result:
        return load_showcase(self.path, targets=targets, today=today)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle`."""
    return text[: text.index(needle)].count("\n") + 1
