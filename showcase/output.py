"""Validator output: text for people, GitHub annotations for pull requests, JSON."""

from __future__ import annotations

import json
import re

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
    lines = [_github(p) if fmt == "github" else _text(p) for p in _with_reminders_summed(problems)]
    lines.append(summary_line(problems, files))
    return "\n".join(lines)


REMINDER = "DH502"  # one per unit without a profile this year: a summary line, the list is in the report


def _with_reminders_summed(problems: list[Problem]) -> list[Problem]:
    """DH502 reminders about other units as one line, so that they never bury the editor's own
    messages; `scripts/report.py` lists the units (and JSON output keeps every reminder)."""
    reminders = [p for p in problems if p.code == REMINDER]
    if len(reminders) < 2:
        return problems
    year = re.search(r"năm (\d{4})", reminders[0].message)
    summary = Problem(REMINDER, reminders[0].path, None,
                      f"{len(reminders)} đơn vị chưa có điển hình nào" + (f" năm {year.group(1)}" if year else "")
                      + " (chỉ nhắc nhở, không chặn).",
                      "Xem danh sách đơn vị: `.venv/bin/python scripts/report.py`.", reminders[0].severity)
    first = problems.index(reminders[0])
    rest = [p for p in problems if p.code != REMINDER]
    return rest[:first] + [summary] + rest[first:]


def _text(p: Problem) -> str:
    where = f"{_one_line(p.path)}:{p.line}" if p.line else _one_line(p.path)
    hint = f"\n    → Cách sửa: {_one_line(p.hint)}" if p.hint else ""
    return f"{where}: {p.code} {SEVERITY_VI[p.severity]}: {_one_line(p.message)}{hint}"


def _github(p: Problem) -> str:
    """A workflow command (GitHub's escaping: `%`, CR and LF in the message; also `,` and `:`
    in properties), so that no value quoted from a file can end the line and start a command."""
    props = f"file={_github_property(p.path)}"
    if p.line:
        props += f",line={int(p.line)}"
    props += f",title={_github_property(p.code)}"
    text = p.message + (f" Cách sửa: {p.hint}" if p.hint else "")
    return f"::{p.severity} {props}::{_github_data(_one_line(text))}"


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(_one_line(value)).replace(",", "%2C").replace(":", "%3A")


# Line ends of every kind (a log viewer may split on any), escape sequences and other controls.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(value: str) -> str:
    """A value quoted from a file, on one line of a log: control characters shown as spaces."""
    return _CONTROL.sub(" ", str(value))
