"""What a rule may look at: the repository's vocabularies, references and today's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..criteria import Criteria
from ..load import Document
from ..problems import Problem
from ..provinces import Province, Provinces
from .catalog import CODES


@dataclass
class Context:
    root: Path
    criteria: Criteria
    provinces: Provinces
    units: dict[str, dict]
    movements: dict[str, Document]
    exemplars: dict[str, Document]
    today: dt.date
    targets: set[str] | None = None  # files whose date rules apply; None: all
    extra: dict = field(default_factory=dict)
    _provinces: dict = field(default_factory=dict, repr=False, compare=False)

    def is_target(self, doc: Document) -> bool:
        return self.targets is None or doc.rel in self.targets

    def province(self, value: str | int) -> Province | None:
        """`provinces.resolve`, remembered: a few dozen values recur across thousands of profiles."""
        key = (type(value), value)  # 1 and True are equal keys, not the same province
        try:
            return self._provinces[key]
        except KeyError:
            found = self._provinces[key] = self.provinces.resolve(value)
            return found


def problem(code: str, doc_or_rel: Document | str, line: int | None, message: str, hint: str = "") -> Problem:
    """A problem with the severity the catalogue gives its code."""
    rel = doc_or_rel if isinstance(doc_or_rel, str) else doc_or_rel.rel
    return Problem(code, rel, line, message, hint, CODES[code].severity)
