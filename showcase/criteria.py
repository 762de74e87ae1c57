"""`criteria.yml`: vocabularies, selection criteria, quotas and limits, the single source."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .hygiene import HIDDEN_HINT, MAX_ID, SLUG, hidden_character, shown
from .load import load_yaml_file
from .problems import Problem, ProblemError
from .text import slugify

VOCABULARIES = ("kinds", "categories", "fields", "levels", "commendation_forms", "consent_by")
DEFAULT_QUOTAS = {"max_per_unit_per_year": 3, "min_per_unit_per_year": 1}
DEFAULT_LIMITS = {
    "summary_max_chars": 300,
    "body_min_words": 120,
    "photo_max_bytes": 15_000_000,  # a phone photo as taken; the build publishes resized copies
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
    """The criteria, or a located DH008 for any mistake in the file's shape: every id is
    checked to be a slug, because ids become parts of the site's URLs (`linh-vuc/<id>/`)."""
    data, lines = load_yaml_file(path, rel)
    hint = "So sánh với tệp criteria.yml gốc của dự án để sửa cấu trúc."

    def fail(message: str, *keys, fix: str = hint) -> ProblemError:
        return ProblemError(Problem("DH008", rel, _line(lines, keys), message, fix))

    def check_id(value, *keys) -> str:
        if isinstance(value, str) and SLUG.match(value) and len(value) <= MAX_ID:
            return value
        if isinstance(value, str) and SLUG.match(value):
            raise fail(f"Mã `{value[:40]}…` dài {len(value)} ký tự, quá {MAX_ID} ký tự.", *keys,
                       fix="Rút gọn mã còn vài từ, ví dụ `nong-nghiep`.")
        suggestion = slugify(str(value))
        raise fail(f"Mã `{shown(value)}` không hợp lệ: mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang "
                   "(dùng trong địa chỉ trang web).", *keys,
                   fix=(f"Đổi thành `{suggestion}` (và sửa theo ở các hồ sơ đang dùng mã cũ)." if suggestion
                        else "Đặt một mã như `nong-nghiep`: chữ thường không dấu, nối bằng dấu gạch ngang."))

    def check_text(value, what: str, *keys) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{what} phải là một đoạn chữ, không để trống.", *keys)
        if problem := hidden_character(value):
            raise fail(f"{what} có {problem}.", *keys, fix=HIDDEN_HINT)
        return value

    if not isinstance(data, dict):
        raise fail("criteria.yml phải là một bảng các mục `vocabularies`, `criteria`, `quotas`, `limits`.")
    vocabularies = data.get("vocabularies")
    if not isinstance(vocabularies, dict):
        raise fail("Thiếu mục `vocabularies` (các danh mục `mã: Nhãn`).", "vocabularies")
    for name in VOCABULARIES:
        if name not in vocabularies:
            raise fail(f"Thiếu danh mục `{name}` trong `vocabularies`.", "vocabularies")
    kept: dict[str, dict[str, str]] = {}
    for name, entries in vocabularies.items():
        if not isinstance(entries, dict) or not entries:
            raise fail(f"Danh mục `{shown(name)}` phải là các dòng `mã: Nhãn`.", "vocabularies", name)
        kept[str(name)] = {check_id(key, "vocabularies", name, key):
                           check_text(label, f"Nhãn của `{key}`", "vocabularies", name, key)
                           for key, label in entries.items()}
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, dict) or not raw_criteria:
        raise fail("Thiếu mục `criteria` (các tiêu chí lựa chọn, mỗi tiêu chí có `label` và `wording`).", "criteria")
    criteria = {}
    for cid, entry in raw_criteria.items():
        cid = check_id(cid, "criteria", cid)
        if not isinstance(entry, dict):
            raise fail(f"Tiêu chí `{cid}` cần có `label` và `wording`.", "criteria", cid)
        criteria[cid] = Criterion(cid, check_text(entry.get("label"), f"`label` của tiêu chí `{cid}`",
                                                  "criteria", cid, "label"),
                                  check_text(entry.get("wording"), f"`wording` của tiêu chí `{cid}`",
                                             "criteria", cid, "wording"))
    numbers = {}
    for section, defaults in (("quotas", DEFAULT_QUOTAS), ("limits", DEFAULT_LIMITS)):
        given = data.get(section)
        if given is None:
            given = {}
        if not isinstance(given, dict):
            raise fail(f"`{section}` phải là các dòng `tên: số`, ví dụ `{next(iter(defaults))}: "
                       f"{next(iter(defaults.values()))}`.", section)
        values = dict(defaults)
        for key, value in given.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise fail(f"`{key}` trong `{section}` phải là một số nguyên không âm.", section, key)
            values[str(key)] = value
        numbers[section] = values
    priority = data.get("priority")
    priority = "" if priority is None else check_text(priority, "`priority`", "priority")
    quotas = numbers["quotas"]
    return Criteria(
        vocabularies=kept,
        criteria=criteria,
        priority=priority,
        max_per_unit_per_year=quotas["max_per_unit_per_year"],
        min_per_unit_per_year=quotas["min_per_unit_per_year"],
        limits=numbers["limits"],
    )


def _line(lines: dict, keys: tuple) -> int | None:
    """The line of the innermost key that has one (a key path may be cut short)."""
    while keys:
        if keys in lines:
            return lines[keys]
        keys = keys[:-1]
    return 1 if lines else None
