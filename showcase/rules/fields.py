"""DH101-DH109: keys, types, vocabularies, lengths and dates of one profile.

`check_exemplar_fields` depends on the file and criteria.yml alone, so its result may be
cached; `check_exemplar_dates` (DH108) depends on today and on the files being checked, and
runs every time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..fields import (ALWAYS, BOOL, DATE, EXEMPLAR_FIELDS, INT, MOVEMENT_FIELDS, PERSON, RECORD,
                      RECORD_LIST, SLUG_LIST, STATUSES, TEXT, TEXT_LIST, TYPE_NAMES, URL_LIST, Field)
from ..hygiene import HIDDEN, HIDDEN_HINT, hidden_in_text, hidden_values
from ..load import Document
from ..problems import Problem
from ..text import fold, nearest, slugify, word_count
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
        yield problem("DH110", doc, line, f"Có {described} ở cột {column}.",
                      WORD_HIDDEN_HINT if described[:6] in _WORD_HIDDEN else HIDDEN_HINT)
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


# Invisible characters Word and web pages paste, which `validate.py --fix` removes (showcase/pasting.py).
_WORD_HIDDEN = {"U+200B", "U+200C", "U+200D", "U+2060", "U+FEFF", "U+00AD"}
WORD_HIDDEN_HINT = ("Ký tự vô hình này thường lọt vào khi chép chữ từ Word hoặc trang web. Chạy "
                    "`.venv/bin/python scripts/validate.py --fix TÊN-TỆP` để xoá tự động, hoặc xoá đoạn chữ đó rồi "
                    "gõ lại bằng bàn phím.")


def _check_record(doc: Document, ctx: Context, record: dict, fields: tuple[Field, ...],
                  path: tuple) -> Iterator[Problem]:
    known = _keys(fields)
    where = f" trong `{path[0]}`" if path else ""
    misnamed = set()  # fields written under another name: DH102 says so, not also DH101
    for key in record:
        if key not in known:
            guess = _alias(str(key), known) or nearest(str(key), list(known))
            if guess and guess not in record:
                misnamed.add(guess)
            yield problem("DH102", doc, doc.line(*path, key), f"Trường `{key}`{where} không có trong quy định.",
                          (f"Có phải ý bạn là `{guess}`? Tên trường viết đúng như trong tệp mẫu (chữ thường, "
                           "không dấu, nối bằng `_`)." if guess not in record else f"Có phải ý bạn là `{guess}`?")
                          if guess else
                          "Các trường được dùng: " + ", ".join(f"`{k}`" for k in known) + ".")
    for spec in fields:
        value = record.get(spec.key)
        if value is None or value == "":
            if (*path, spec.key) in _CONSENT_RULES or (spec.key in misnamed and spec.key not in record):
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


# Field names as an editor may write them in Vietnamese (compared without tone marks or case).
_ALIASES = {
    "name": "ten ho_ten ho_va_ten ten_dien_hinh ten_phong_trao",
    "kind": "loai loai_dien_hinh", "category": "nhom nhom_dien_hinh", "summary": "tom_tat mo_ta",
    "field": "linh_vuc nganh", "year": "nam nam_lua_chon", "nominated_by": "don_vi don_vi_de_xuat de_xuat",
    "province": "tinh tinh_thanh tinh_thanh_pho", "place": "noi dia_diem dia_ban xa_phuong",
    "movements": "phong_trao phong_trao_thi_dua", "criteria": "tieu_chi", "achievements": "thanh_tich",
    "commendations": "khen_thuong", "photo": "anh hinh_anh", "photo_alt": "mo_ta_anh chu_thich_anh",
    "consent": "dong_y su_dong_y", "sources": "nguon nguon_kiem_chung", "published": "ngay_dang ngay_cong_bo",
    "status": "trang_thai", "featured": "noi_bat", "launched_by": "co_quan_phat_dong phat_dong",
    "level": "cap cap_phat_dong", "start": "bat_dau nam_bat_dau", "end": "ket_thuc nam_ket_thuc",
    "legal_basis": "can_cu van_ban", "title": "ten_khen_thuong danh_hieu", "form": "hinh_thuc",
    "issuer": "cap_khen co_quan_khen", "decision": "quyet_dinh so_quyet_dinh", "date": "ngay ngay_ky",
    "by": "nguoi_dong_y ai_dong_y", "given": "da_dong_y co_dong_y",
}
_BY_ALIAS = {alias: key for key, aliases in _ALIASES.items() for alias in aliases.split()}


def _alias(key: str, known: dict) -> str | None:
    folded = slugify(key, "_")
    found = folded if folded in known else _BY_ALIAS.get(folded)
    return found if found in known else None


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
    if path in doc.unreadable:  # an impossible date, kept as its text: DH003 says what is wrong
        return
    if not _has_type(spec.type, value):
        yield _wrong_type(doc, spec, value, path)
        return
    if spec.vocabulary:
        vocabulary = ctx.criteria.vocabularies[spec.vocabulary]
        if value not in vocabulary:  # a str: TEXT is the type of every field with a vocabulary
            yield _not_in(doc, path, value, list(vocabulary), vocabulary)
    if spec.type in (TEXT_LIST, SLUG_LIST, URL_LIST):
        if not value and spec.required == ALWAYS:
            yield problem("DH109", doc, doc.line(*path), f"{_where(path)} cần ít nhất một mục.",
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


def _not_in(doc: Document, path: tuple, value: Any, choices: list[str], labels: dict[str, str] | None = None) -> Problem:
    guess = by_label(str(value), labels) if labels else None
    if guess:
        hint = f"“{labels[guess]}” được ghi bằng mã `{guess}`: viết `{path[-1]}: {guess}`."
    else:
        guess = nearest(str(value), choices)
        hint = (f"Có phải ý bạn là `{guess}`?" if guess else "Giá trị được phép (viết mã, không viết nhãn tiếng Việt): "
                + ", ".join(f"`{c}`" + (f" ({labels[c]})" if labels and c in labels else "") for c in choices) + ".")
    return problem("DH104", doc, doc.line(*path), f"{_where(path)}: `{value}` không có trong danh mục.", hint)


def by_label(value: str, labels: dict[str, str]) -> str | None:
    """The code whose Vietnamese label `value` is, compared without case and tone marks, whole or
    as the label's first part ("Nông nghiệp" for "Nông nghiệp, nông thôn"), or the code itself
    in another case ("Individual")."""
    key = _label_key(value)
    if not key:
        return None
    found = [code for code, label in labels.items() if key in (_label_key(label), _label_key(code))]
    if not found:
        found = [code for code, label in labels.items()
                 if any(key == _label_key(part) for part in re.split(r"[,;/(]", label))]
    return found[0] if len(found) == 1 else None


def _label_key(text: str) -> str:
    return slugify(text, " ")


def _wrong_type(doc: Document, spec: Field, value: Any, path: tuple) -> Problem:
    """DH103 with what to write instead, worked out from what was written."""
    line = doc.line(*path)
    wanted = TYPE_NAMES[spec.type]
    shown = _shown(value)
    message = (f"{_where(path)} phải là {wanted}; " + (
        "giá trị hiện tại là một nhóm trường con." if isinstance(value, dict) else
        "giá trị hiện tại là một danh sách." if isinstance(value, list) else
        f"giá trị hiện tại `{shown}` không phải."))
    hint = ""
    if spec.type == DATE:
        date, note = _date_from(value)
        if date:
            hint = f"Viết `{path[-1]}: {date}`{note}."
        elif note:
            message, hint = f"{_where(path)}: ngày `{shown}` không có thật.", note
        else:
            hint = "Viết ngày theo dạng NĂM-THÁNG-NGÀY, ví dụ `2024-04-12` (ngày 12 tháng 4 năm 2024)."
    elif spec.type == INT:
        digits = re.findall(r"\d+", str(value).replace(".", "").replace(",", "")) if isinstance(value, (str, float)) \
            else []
        if isinstance(value, str) and value.strip().isdigit():
            hint = f"Bỏ dấu ngoặc kép: viết `{path[-1]}: {value.strip()}` (số không đặt trong ngoặc kép)."
        elif len(digits) == 1:
            hint = f"Chỉ viết số, không chữ, không dấu chấm: `{path[-1]}: {digits[0]}`."
        else:
            hint = f"Chỉ viết số, ví dụ `{path[-1]}: 2024`."
    elif spec.type == BOOL:
        word = fold(str(value)).strip(" .")
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            hint = f"Bỏ dấu ngoặc kép: viết `{path[-1]}: {value.strip().lower()}`."
        elif word in _YES:
            hint = f"Viết `{path[-1]}: true` (nghĩa là “có”)."
        elif word in _NO:
            hint = f"Viết `{path[-1]}: false` (nghĩa là “không”)."
        else:
            hint = f"Viết `{path[-1]}: true` (có) hoặc `{path[-1]}: false` (không)."
    elif spec.type in (TEXT_LIST, SLUG_LIST, URL_LIST, RECORD_LIST):
        line, hint = _list_hint(doc, value, path, line)
    elif spec.type == TEXT:
        if isinstance(value, list):
            hint = ("Bỏ dấu ngoặc vuông `[ ]` (YAML hiểu đó là một danh sách); nếu chữ cần có ngoặc vuông, đặt cả giá "
                    "trị trong ngoặc kép `\"…\"`.")
        elif isinstance(value, dict):
            hint = ("Giá trị có dấu `:` hoặc ngoặc nhọn `{ }`, hoặc dòng dưới thụt vào như một trường con: đặt cả giá "
                    "trị trong ngoặc kép `\"…\"` trên cùng một dòng.")
        else:
            hint = f"Đặt giá trị trong ngoặc kép: `{path[-1]}: \"{shown}\"`."
    elif spec.type == RECORD:
        hint = "Viết các trường con ở các dòng dưới, mỗi dòng thụt vào 2 dấu cách, như trong tệp mẫu templates/exemplar.md."
    return problem("DH103", doc, line, message, hint)


_YES = {"co", "dung", "x", "yes", "y", "true", "roi", "da co", "dong y", "1"}
_NO = {"khong", "sai", "no", "n", "false", "chua", "0", "khong co", "khong dong y"}
_BULLETS = "–—•·●▪◦‣*+"
_DATE_DMY = re.compile(r"^\s*(?:ngày\s*)?(\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)(\d{1,2})\s*(?:[/.\-]|\s+năm\s+)(\d{4})\s*$",
                       re.IGNORECASE)
_WITH_TIME = re.compile(r"^\s*(.+?)[ T]+(?:lúc\s*)?\d{1,2}(?::\d{2}){1,2}(?:\s*(?:giờ|h|sáng|chiều|SA|CH|AM|PM))?\s*$",
                        re.IGNORECASE)
_DATE_YMD = re.compile(r"^\s*(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*$")


def _date_from(value: Any) -> tuple[str | None, str]:
    """(the date written as YYYY-MM-DD, a note) when `value` is a day written another way;
    (None, why) when it names a day that does not exist; (None, "") when it is no date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), " (chỉ ghi ngày, bỏ giờ)"
    if not isinstance(value, str):
        return None, ""
    timed = _WITH_TIME.match(value)
    if timed:
        date, note = _date_from(timed.group(1))
        return (date, " (chỉ ghi ngày, bỏ giờ)") if date else (date, note)
    found = _DATE_DMY.match(value)
    if found:
        day, month, year = map(int, found.groups())
    elif found := _DATE_YMD.match(value):
        year, month, day = map(int, found.groups())
    else:
        return None, ""
    try:
        return dt.date(year, month, day).isoformat(), f" (ngày {day} tháng {month} năm {year}, viết NĂM-THÁNG-NGÀY)"
    except ValueError:
        return None, (f"Không có ngày {day} tháng {month} năm {year}: kiểm tra lại ngày, tháng; viết theo dạng "
                      "NĂM-THÁNG-NGÀY, ví dụ `2024-04-12`.")


def _list_hint(doc: Document, value: Any, path: tuple, line: int | None) -> tuple[int | None, str]:
    """(line, hint) for a list field written as something else: items after en-dashes or bullets
    pasted from Word, items without `- `, several items on one line."""
    key = path[-1]
    if isinstance(value, dict):
        return line, (f"Mỗi mục của `{key}` bắt đầu bằng `- ` (gạch ngang và một dấu cách) ở dòng đầu của mục, "
                      "các dòng sau của mục thụt thẳng với chữ sau `- `, như trong tệp mẫu templates/exemplar.md.")
    text = str(value).strip()
    if text[:1] in _BULLETS:
        return _line_of_text(doc, line, text[:20]), (
            f"Các mục đang bắt đầu bằng “{text[0]}” (dấu đầu dòng của Word): mỗi mục phải bắt đầu bằng `- ` (gạch "
            "ngang thường và một dấu cách). Chạy `.venv/bin/python scripts/validate.py --fix TÊN-TỆP` để đổi tự động.")
    if re.match(r"\d+[.)]\s", text):
        return _line_of_text(doc, line, text[:20]), (
            "Danh sách không đánh số: mỗi mục một dòng bắt đầu bằng `- ` (gạch ngang và một dấu cách) thay cho "
            "`1.`, `2.`…, thụt vào 2 dấu cách.")
    if text.startswith("-"):
        return _line_of_text(doc, line, text[:20]), "Thêm một dấu cách sau dấu gạch ngang: `- mục`."
    if "," in text or ";" in text:
        parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()][:3]
        example = " ".join(f"`  - {p}`" for p in parts)
        return line, (f"Danh sách viết mỗi mục một dòng, bắt đầu bằng `- ` và thụt vào 2 dấu cách, dưới dòng `{key}:`: "
                      f"{example}.")
    return line, (f"Viết xuống dòng dưới `{key}:`, mỗi mục một dòng bắt đầu bằng `- ` (gạch ngang và một dấu cách), "
                  f"thụt vào 2 dấu cách: `  - {_shown(text)}`.")


def _line_of_text(doc: Document, line: int | None, piece: str) -> int | None:
    """The first line from `line` on where `piece` stands (a value that starts below its key)."""
    if not doc.text or not line:
        return line
    lines = doc.text.split("\n")
    for number in range(line, min(line + 3, len(lines) + 1)):
        if piece[:8] in lines[number - 1]:
            return number
    return line


def _shown(value: Any) -> str:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return text[:80].replace("`", "'").replace("\n", " ") + ("…" if len(text) > 80 else "")


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
        yield problem("DH108", doc, doc.line(*path), f"Ngày {_where(path)}: `{value.isoformat()}` ở tương lai.",
                      f"Ngày không được sau hôm nay ({ctx.today.isoformat()}).")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _where(path: tuple) -> str:
    """A key path in words: "`date` (mục thứ 1 của `commendations`)", never `commendations[1].date`."""
    keys = [p for p in path if isinstance(p, str)]
    if not any(isinstance(p, int) for p in path):
        return "`" + ".".join(keys) + "`"
    index = next(p for p in reversed(path) if isinstance(p, int))
    head = [p for p in path[:path.index(index)] if isinstance(p, str)]
    tail = [p for p in path[path.index(index) + 1:] if isinstance(p, str)]
    item = f"mục thứ {index + 1} của `{'.'.join(head)}`"
    return f"`{'.'.join(tail)}` ({item})" if tail else item[0].upper() + item[1:]


def _dotted(path: tuple) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path).replace(".[", "[")
