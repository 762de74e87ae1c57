"""DH101-DH109: keys, types, vocabularies, lengths and dates of one profile.

`check_exemplar_fields` depends on the file and criteria.yml alone, so its result may be
cached; `check_exemplar_dates` (DH108) depends on today and on the files being checked, and
runs every time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..fields import (ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, INT, MOVEMENT_FIELDS, PERSON, RECORD,
                      RECORD_LIST, SLUG_LIST, STATUSES, TEXT, TEXT_LIST, TYPE_NAMES, URL_LIST, Field)
from ..hygiene import HIDDEN, HIDDEN_HINT, hidden_in_text, hidden_values
from ..load import Document
from ..problems import Problem
from ..text import nearest, word_count
from ..withdrawal import WITHDRAWN, is_tombstone
from .context import Context, problem

PERSON_KINDS = ("individual", "household")


def check_exemplar_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    if is_tombstone(doc.meta):
        return  # a withdrawn profile has no fields but its own (showcase/rules/consent.py, DH309)
    yield from _check_record(doc, ctx, doc.meta, EXEMPLAR_FIELDS, ())
    meta = doc.meta
    status = meta.get("status")
    if isinstance(status, str) and status not in STATUSES:
        yield _not_in(doc, ("status",), status, list(STATUSES))
    yield from _check_summary(doc, ctx)
    yield from _check_body(doc, ctx)
    yield from _check_year(doc, ctx, "year")
    yield from check_hidden_characters(doc, ctx)


def check_exemplar_dates(doc: Document, ctx: Context) -> Iterator[Problem]:
    """DH108: a year or date after today, in the files being checked only."""
    if not ctx.is_target(doc):
        return
    meta = doc.meta
    if is_tombstone(meta):
        yield from _check_not_future(doc, ctx, (WITHDRAWN,))
        return
    year = meta.get("year")
    if _is_int(year) and year >= ctx.criteria.limits["earliest_year"] and year > ctx.today.year:
        yield problem("DH108", doc, doc.line("year"), f"Năm `year: {year}` ở tương lai.",
                      f"Năm không được sau năm nay ({ctx.today.year}).")
    yield from _check_not_future(doc, ctx, ("published",))
    for index, item in enumerate(_list(meta.get("commendations"))):
        if isinstance(item, dict):
            yield from _check_not_future(doc, ctx, ("commendations", index, "date"))
    if isinstance(meta.get("consent"), dict):
        yield from _check_not_future(doc, ctx, ("consent", "date"))


def check_movement_fields(doc: Document, ctx: Context) -> Iterator[Problem]:
    yield from _check_record(doc, ctx, doc.meta, MOVEMENT_FIELDS, ())
    yield from _check_summary(doc, ctx)
    # A movement may be planned ahead ("giai đoạn 2023 - 2030"): its years may be in the future.
    yield from _check_year(doc, ctx, "start")
    yield from _check_year(doc, ctx, "end")
    yield from check_hidden_characters(doc, ctx)
    start, end = doc.meta.get("start"), doc.meta.get("end")
    if _is_int(start) and _is_int(end) and end < start:
        yield problem("DH107", doc, doc.line("end"), f"Năm kết thúc {end} trước năm bắt đầu {start}.",
                      "Sửa lại `start` hoặc `end`; bỏ `end` nếu phong trào đang diễn ra.")


def check_hidden_characters(doc: Document, ctx: Context) -> Iterator[Problem]:
    """DH110: control, invisible and bidi-override characters anywhere in the file, typed or
    made by a YAML escape ("\\u200b") in a front-matter value."""
    text, first = (doc.text, 1) if doc.text else (doc.body, doc.body_line)
    front = text[:len(text) - len(doc.body)] if doc.text else ""
    if HIDDEN.search(text) is None and "\\" not in front:
        return  # nearly every file: one regex search
    lines = set()
    for line, column, described in hidden_in_text(text, first):
        lines.add(line)
        yield problem("DH110", doc, line, f"Có {described} ở cột {column}.", HIDDEN_HINT)
    if "\\" not in front:
        return
    for path, described in hidden_values(doc.meta):  # made by an escape: the file's text does not show them
        line = doc.line(*path)
        if line not in lines and len(lines) < 5:
            lines.add(line)
            where = _dotted(tuple(k if isinstance(k, (str, int)) else str(k) for k in path))
            yield problem("DH110", doc, line,
                          f"Giá trị của `{where}` có {described} (viết bằng mã `\\u…` hoặc `\\x…`).",
                          "Xoá mã bắt đầu bằng `\\` trong ngoặc kép và gõ lại chữ bằng bàn phím.")


def _check_record(doc: Document, ctx: Context, record: dict, fields: tuple[Field, ...],
                  path: tuple) -> Iterator[Problem]:
    known = _keys(fields)
    where = f" trong `{path[0]}`" if path else ""
    for key in record:
        if key not in known:
            guess = nearest(str(key), list(known))
            yield problem("DH102", doc, doc.line(*path, key), f"Trường `{key}`{where} không có trong quy định.",
                          f"Có phải ý bạn là `{guess}`?" if guess else
                          "Các trường được dùng: " + ", ".join(f"`{k}`" for k in known) + ".")
    for spec in fields:
        value = record.get(spec.key)
        if value is None or value == "":
            if (*path, spec.key) in _CONSENT_RULES:
                continue
            if spec.required == ALWAYS or (spec.required == PERSON and record.get("kind") in PERSON_KINDS):
                yield problem("DH101", doc, doc.line(*path) if path else None,
                              f"Thiếu trường bắt buộc `{spec.key}`{where} ({spec.help}).",
                              f"Thêm dòng `{spec.key}: …`; giá trị là {TYPE_NAMES[spec.type]}.")
            continue
        if spec.type in _SCALARS and _has_type(spec.type, value) and (
                not spec.vocabulary or value in ctx.criteria.vocabularies[spec.vocabulary]):
            continue  # most fields: a value of the right type, nothing more to check
        yield from _check_value(doc, ctx, spec, value, path + (spec.key,))


_SCALARS = (TEXT, INT, DATE, BOOL)
# Left to check_consent, which says what to record (DH303, DH304) instead of "missing key".
_CONSENT_RULES = {("consent",), ("consent", "given")}
_KEYS: dict[int, dict[str, Field]] = {}


def _keys(fields: tuple[Field, ...]) -> dict[str, Field]:
    """The fields of a record by key; the tables are module constants, built once."""
    known = _KEYS.get(id(fields))
    if known is None:
        known = _KEYS[id(fields)] = {f.key: f for f in fields}
    return known


def _has_type(kind: str, value: Any) -> bool:
    if kind == TEXT:
        return isinstance(value, str)
    if kind == INT:
        return _is_int(value)
    if kind == DATE:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == RECORD:
        return isinstance(value, dict)
    return isinstance(value, list)


def _check_value(doc: Document, ctx: Context, spec: Field, value: Any, path: tuple) -> Iterator[Problem]:
    if not _has_type(spec.type, value):
        yield problem("DH103", doc, doc.line(*path), f"`{_dotted(path)}` phải là {TYPE_NAMES[spec.type]}.",
                      f"Giá trị hiện tại `{value}` không đúng kiểu.")
        return
    if spec.vocabulary:
        vocabulary = ctx.criteria.vocabularies[spec.vocabulary]
        if value not in vocabulary:  # a str: TEXT is the type of every field with a vocabulary
            yield _not_in(doc, path, value, list(vocabulary))
    if spec.type in (TEXT_LIST, SLUG_LIST, URL_LIST):
        if not value and spec.required == ALWAYS:
            yield problem("DH109", doc, doc.line(*path), f"`{_dotted(path)}` cần ít nhất một mục.",
                          "Thêm ít nhất một dòng `- …` dưới tên trường.")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                yield problem("DH103", doc, doc.line(*path, index),
                              f"Mục thứ {index + 1} của `{_dotted(path)}` phải là một đoạn chữ.",
                              "Mỗi mục là một dòng `- nội dung`; nội dung có dấu `:` thì đặt trong ngoặc kép.")
    if spec.type == RECORD:
        yield from _check_record(doc, ctx, value, spec.subfields, path)
    if spec.type == RECORD_LIST:
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield from _check_record(doc, ctx, item, spec.subfields, path + (index,))
            else:
                yield problem("DH103", doc, doc.line(*path, index),
                              f"Mục thứ {index + 1} của `{_dotted(path)}` phải gồm các trường con "
                              + ", ".join(f"`{f.key}`" for f in spec.subfields) + ".",
                              "Xem mẫu trong tệp templates/exemplar.md.")


def _not_in(doc: Document, path: tuple, value: Any, choices: list[str]) -> Problem:
    guess = nearest(str(value), choices)
    hint = (f"Có phải ý bạn là `{guess}`?" if guess
            else "Giá trị được phép: " + ", ".join(f"`{c}`" for c in choices) + ".")
    return problem("DH104", doc, doc.line(*path), f"`{_dotted(path)}: {value}` không có trong danh mục.", hint)


def _check_summary(doc: Document, ctx: Context) -> Iterator[Problem]:
    summary = doc.meta.get("summary")
    limit = ctx.criteria.limits["summary_max_chars"]
    if isinstance(summary, str) and len(summary) > limit:
        yield problem("DH105", doc, doc.line("summary"), f"Tóm tắt dài {len(summary)} ký tự, quá {limit} ký tự.",
                      "Rút gọn còn một, hai câu; chi tiết đưa vào phần câu chuyện.")


def _check_body(doc: Document, ctx: Context) -> Iterator[Problem]:
    minimum = ctx.criteria.limits["body_min_words"]
    # Settle most stories without counting every word: a whitespace-separated chunk made of
    # letters and digits only is exactly one word (`\w+`), and a prefix has no more words than
    # the whole (a word cut at the end still counts once), so enough such chunks in the first
    # characters is enough words. Not with HTML comments, which do not count and a cut could
    # leave unclosed.
    if "<!--" not in doc.body and sum(map(str.isalnum, doc.body[:minimum * 8].split())) >= minimum:
        return
    words = word_count(doc.body)
    if words < minimum:
        yield problem("DH106", doc, doc.body_line, f"Câu chuyện chỉ có {words} từ, cần ít nhất {minimum} từ.",
                      "Viết thêm về hoàn cảnh, cách làm, kết quả và sức lan tỏa, sau dòng `---` thứ hai.")


def _check_year(doc: Document, ctx: Context, key: str) -> Iterator[Problem]:
    """DH107; a year after this one (DH108) is for `check_exemplar_dates`."""
    year = doc.meta.get(key)
    if not _is_int(year):
        return
    earliest = ctx.criteria.limits["earliest_year"]
    if year < earliest:
        yield problem("DH107", doc, doc.line(key), f"Năm `{key}: {year}` trước năm {earliest}.",
                      "Viết năm đủ bốn chữ số, ví dụ 2024.")


def _check_not_future(doc: Document, ctx: Context, path: tuple) -> Iterator[Problem]:
    value: Any = doc.meta
    for key in path:
        value = value.get(key) if isinstance(value, dict) else (
            value[key] if isinstance(value, list) and key < len(value) else None)
    # A date with a time is DH103 already, and cannot be compared with a date.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and value > ctx.today:
        yield problem("DH108", doc, doc.line(*path), f"Ngày `{_dotted(path)}: {value.isoformat()}` ở tương lai.",
                      f"Ngày không được sau hôm nay ({ctx.today.isoformat()}).")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dotted(path: tuple) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path).replace(".[", "[")
