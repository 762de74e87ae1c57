"""`criteria.yml`: vocabularies, selection criteria, quotas and limits, the single source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import load_yaml_file
from .problems import Problem, ProblemError

VOCABULARIES = ("kinds", "categories", "fields", "levels", "commendation_forms", "consent_by")
DEFAULT_LIMITS = {
    "summary_max_chars": 300,
    "body_min_words": 120,
    "photo_max_bytes": 5_000_000,
    "file_max_bytes": 200_000,
    "earliest_year": 1945,
}


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    wording: str


@dataclass(frozen=True)
class Criteria:
    vocabularies: dict[str, dict[str, str]]
    criteria: dict[str, Criterion]
    priority: str
    max_per_unit_per_year: int
    min_per_unit_per_year: int
    limits: dict[str, int]

    def label(self, vocabulary: str, value: str) -> str:
        return self.vocabularies[vocabulary].get(value, value)


def load_criteria(path: Path, rel: str = "criteria.yml") -> Criteria:
    data, lines = load_yaml_file(path, rel)

    def fail(message: str, *keys: str) -> ProblemError:
        line = lines.get(tuple(keys)) if keys else None
        return ProblemError(Problem("DH008", rel, line, message,
                                    "So sánh với tệp criteria.yml gốc của dự án để sửa cấu trúc."))

    if not isinstance(data, dict):
        raise fail("criteria.yml phải là một bảng các mục `vocabularies`, `criteria`, `quotas`, `limits`.")
    vocabularies = data.get("vocabularies")
    if not isinstance(vocabularies, dict):
        raise fail("Thiếu mục `vocabularies`.")
    for name in VOCABULARIES:
        entries = vocabularies.get(name)
        if not isinstance(entries, dict) or not entries or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in entries.items()):
            raise fail(f"Danh mục `{name}` phải là các dòng `mã: Nhãn`.", "vocabularies")
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, dict) or not raw_criteria:
        raise fail("Thiếu mục `criteria` (các tiêu chí lựa chọn).")
    criteria = {}
    for cid, entry in raw_criteria.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) \
                or not isinstance(entry.get("wording"), str):
            raise fail(f"Tiêu chí `{cid}` cần có `label` và `wording`.", "criteria", cid)
        criteria[cid] = Criterion(cid, entry["label"], entry["wording"])
    quotas = data.get("quotas") or {}
    limits = dict(DEFAULT_LIMITS)
    limits.update(data.get("limits") or {})
    for key, value in [*quotas.items(), *limits.items()]:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise fail(f"`{key}` phải là một số nguyên không âm.")
    return Criteria(
        vocabularies={name: dict(vocabularies[name]) for name in vocabularies},
        criteria=criteria,
        priority=str(data.get("priority") or ""),
        max_per_unit_per_year=int(quotas.get("max_per_unit_per_year", 3)),
        min_per_unit_per_year=int(quotas.get("min_per_unit_per_year", 1)),
        limits=limits,
    )
