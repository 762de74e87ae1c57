"""Validator output: text for people, GitHub annotations for pull requests, JSON."""

from __future__ import annotations

import json

from .problems import Problem

FORMATS = ("text", "github", "json")
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


def summary_line(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    verdict = "Hợp lệ" if not errors else "Không hợp lệ"
    return f"{verdict}: {files} tệp đã kiểm tra, {errors} lỗi, {warnings} cảnh báo."


def render(problems: list[Problem], files: int, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"files": files, "errors": sum(p.is_error for p in problems),
                           "warnings": sum(not p.is_error for p in problems),
                           "problems": [p.as_dict() for p in problems]}, ensure_ascii=False, indent=2)
    lines = [_github(p) if fmt == "github" else _text(p) for p in problems]
    lines.append(summary_line(problems, files))
    return "\n".join(lines)


def _text(p: Problem) -> str:
    where = f"{p.path}:{p.line}" if p.line else p.path
    hint = f"\n    → Cách sửa: {p.hint}" if p.hint else ""
    return f"{where}: {p.code} {SEVERITY_VI[p.severity]}: {p.message}{hint}"


def _github(p: Problem) -> str:
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    props = f"file={escape(p.path).replace(',', '%2C').replace(':', '%3A')}"
    if p.line:
        props += f",line={p.line}"
    props += f",title={p.code}"
    text = p.message + (f" Cách sửa: {p.hint}" if p.hint else "")
    return f"::{p.severity} {props}::{escape(text)}"
