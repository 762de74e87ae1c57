"""The six-monthly and annual reports the plans require (seeds 002, 003), over a Showcase.

Periods (calendar years and halves, the cut-off periods of Nghị định 09/2019/NĐ-CP, any
range of days) live in `showcase.periods`; a profile counts in a period when its `published`
date falls inside it, so the halves of a year add up to the year. Withdrawn profiles never
count. Units over quota are judged on the selection year, as the quota is "at most N per
unit per year" and the validator counts it so.

One `Report` feeds every output: the Markdown and CSV of `scripts/report.py`, the Word and
Excel documents (`showcase.documents`) and the statistics page of the site. Everything a
reader sees is a Vietnamese label or a name, never a field name or an id.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .hygiene import spreadsheet_safe
from .markup import markdown_text
from .model import Exemplar, Showcase
from .periods import Period, short_date, vi_date
from .problems import Problem
from .text import fold

__all__ = ["Period", "Report", "build_report", "render_markdown", "render_csv", "markdown_table", "percent"]

GRASSROOTS_LEVEL = "local"

# Dimension id -> Vietnamese title, in report order.
DIMENSIONS = {
    "unit": "Đơn vị đề xuất",
    "field": "Lĩnh vực",
    "movement": "Phong trào thi đua",
    "kind": "Loại điển hình",
    "category": "Nhóm điển hình",
    "province": "Tỉnh, thành phố",
}
_VOCABULARY = {"field": "fields", "kind": "kinds", "category": "categories"}
FORMS_TITLE = "Hình thức khen thưởng"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class OverQuota:
    unit: str
    label: str
    count: int
    slugs: tuple[str, ...]
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listed:
    """One line of the list of exemplars: names and labels only."""

    name: str
    unit: str
    field: str
    movements: tuple[str, ...]
    commendations: tuple[str, ...]
    kind: str
    published: str


@dataclass(frozen=True)
class Comparison:
    label: str
    current: int
    previous: int

    @property
    def change(self) -> str:
        diff = self.current - self.previous
        if not self.previous:
            return "tăng " + str(diff) if diff > 0 else "không đổi"
        sign = "tăng" if diff > 0 else "giảm" if diff < 0 else "không đổi"
        if not diff:
            return sign
        return f"{sign} {abs(diff)} ({percent(abs(diff) / self.previous)})"


@dataclass
class Report:
    period: Period
    total: int
    grassroots: int  # profiles nominated by a grassroots (`local`) unit
    tables: dict[str, list[Row]]  # DIMENSIONS id -> rows, largest first
    quota: int
    over_quota: list[OverQuota]
    minimum: int
    below_minimum: list[Row]
    excluded: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (file, rule codes)
    listed: list[Listed] = field(default_factory=list)
    forms: list[Row] = field(default_factory=list)  # commendations by form
    matrix: tuple[list[Row], list[Row], dict[tuple[str, str], int]] = ([], [], {})  # units, movements, counts
    previous: Report | None = None

    @property
    def grassroots_share(self) -> float | None:
        return self.grassroots / self.total if self.total else None

    def comparison(self) -> list[Comparison]:
        """This period against the previous one of the same length."""
        p = self.previous
        if p is None:
            return []
        rows = [Comparison("Tổng số điển hình", self.total, p.total),
                Comparison("Do đơn vị cấp cơ sở đề xuất", self.grassroots, p.grassroots)]
        for dim in ("kind", "category"):
            before = {r.key: r.count for r in p.tables[dim]}
            rows += [Comparison(f"{DIMENSIONS[dim]}: {r.label}", r.count, before.get(r.key, 0))
                     for r in self.tables[dim]]
        before = {r.key: r.count for r in p.forms}
        rows += [Comparison(f"Khen thưởng: {r.label}", r.count, before.get(r.key, 0)) for r in self.forms]
        return rows


def build_report(showcase: Showcase, period: Period, problems: Iterable[Problem] = (),
                 compare: bool = True) -> Report:
    """Count the public profiles of `period`; `problems` names the profiles left out because of errors."""
    public = showcase.public_exemplars()
    chosen = [e for e in public if period.includes(e)]
    crit = showcase.criteria
    tables = {dim: _rows(showcase, dim, chosen, period) for dim in DIMENSIONS}
    minimum = max(1, crit.min_per_unit_per_year) if period.is_annual else 1
    by_year: dict[str, list[Exemplar]] = {}
    for e in public:
        if e.year == period.year:
            by_year.setdefault(e.nominated_by, []).append(e)
    over = []
    for unit, items in sorted(by_year.items()):
        if len(items) > crit.max_per_unit_per_year:
            items = sorted(items, key=lambda e: e.slug)
            over.append(OverQuota(unit, _unit_label(showcase, unit), len(items), tuple(e.slug for e in items),
                                  tuple(e.name for e in items)))
    return Report(
        period=period, total=len(chosen),
        grassroots=sum(1 for e in chosen if _unit_level(showcase, e.nominated_by) == GRASSROOTS_LEVEL),
        tables=tables, quota=crit.max_per_unit_per_year, over_quota=over, minimum=minimum,
        below_minimum=sorted((r for r in tables["unit"] if r.key in showcase.units and r.count < minimum),
                             key=lambda r: fold(r.label)),
        excluded=excluded_profiles(problems),
        listed=[_listed(showcase, e) for e in sorted(chosen, key=lambda e: (e.published, fold(e.name), e.slug))],
        forms=_forms(showcase, chosen),
        matrix=_matrix(showcase, chosen, tables),
        previous=build_report(showcase, period.previous(), compare=False) if compare else None)


def excluded_profiles(problems: Iterable[Problem]) -> list[tuple[str, tuple[str, ...]]]:
    codes: dict[str, set[str]] = {}
    for p in problems:
        if p.is_error and p.path.startswith("exemplars/"):
            codes.setdefault(p.path, set()).add(p.code)
    return [(path, tuple(sorted(c))) for path, c in sorted(codes.items())]


def commendation_text(showcase: Showcase, c, short: bool = False) -> str:
    """'Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 12/QĐ-UBND, ngày 05 tháng 3 năm 2024)';
    `short` (for a table's narrow column): the title, the decision and the date as 05/03/2024."""
    text = c.title or showcase.criteria.label("commendation_forms", c.form)
    if c.issuer and not short and fold(c.issuer) not in fold(text):
        text += f" của {c.issuer}"
    day = (short_date(c.date) if short else vi_date(c.date)) if c.date else ""
    details = [part for part in (c.decision, day) if part]
    return text + (f" ({', '.join(details)})" if details else "")


def _listed(showcase: Showcase, e: Exemplar) -> Listed:
    label = showcase.criteria.label
    return Listed(
        name=e.name, unit=_unit_label(showcase, e.nominated_by), field=label("fields", e.field),
        movements=tuple(_label(showcase, "movement", m) for m in e.movements),
        commendations=tuple(commendation_text(showcase, c, short=True) for c in e.commendations),
        kind=label("kinds", e.kind), published=short_date(e.published))


def _forms(showcase: Showcase, chosen: list[Exemplar]) -> list[Row]:
    forms = showcase.criteria.vocabularies.get("commendation_forms", {})
    counts = Counter(c.form for e in chosen for c in e.commendations)
    counts.update(dict.fromkeys(forms, 0))
    return [Row(k, showcase.criteria.label("commendation_forms", k), n)
            for k, n in sorted(counts.items(), key=lambda kv: (list(forms).index(kv[0]) if kv[0] in forms
                                                                else len(forms), kv[0]))]


def _matrix(showcase: Showcase, chosen: list[Exemplar], tables: dict[str, list[Row]]):
    counts = Counter((e.nominated_by, m) for e in chosen for m in e.movements)
    units = [r for r in tables["unit"] if r.count]
    movements = [r for r in tables["movement"] if r.count]
    return units, movements, dict(counts)


def _keys(exemplar: Exemplar, dim: str) -> list[str]:
    if dim == "unit":
        return [exemplar.nominated_by]
    if dim == "movement":
        return list(exemplar.movements)
    if dim == "province":
        return [exemplar.province.slug]
    return [getattr(exemplar, dim)]


def _rows(showcase: Showcase, dim: str, chosen: list[Exemplar], period: Period) -> list[Row]:
    counts = Counter(key for e in chosen for key in _keys(e, dim))
    # Show the zero rows that say something: every registered unit, every vocabulary entry,
    # every movement running in the period; provinces only where there is a profile.
    if dim == "unit":
        counts.update(dict.fromkeys(showcase.units, 0))
    elif dim in ("field", "kind", "category"):
        counts.update(dict.fromkeys(showcase.criteria.vocabularies[_VOCABULARY[dim]], 0))
    elif dim == "movement":
        years = range(period.start.year, period.end.year + 1)
        counts.update(dict.fromkeys((s for s, m in showcase.movements.items() if any(m.covers(y) for y in years)), 0))
    rows = [Row(key, _label(showcase, dim, key), n) for key, n in counts.items()]
    return sorted(rows, key=lambda r: (-r.count, fold(r.label), r.key))


def _label(showcase: Showcase, dim: str, key: str) -> str:
    if dim == "unit":
        return _unit_label(showcase, key)
    if dim == "movement":
        movement = showcase.movements.get(key)
        return movement.name if movement else key
    if dim == "province":
        province = showcase.provinces.by_slug.get(key)
        return province.name if province else key
    return showcase.criteria.label(_VOCABULARY[dim], key)


def _unit_label(showcase: Showcase, unit: str) -> str:
    return showcase.units[unit].name if unit in showcase.units else unit


def _unit_level(showcase: Showcase, unit: str) -> str | None:
    return showcase.units[unit].level if unit in showcase.units else None


# Rendering -------------------------------------------------------------------------------

def percent(share: float | None) -> str:
    """'40,0%' (Vietnamese decimal comma); a dash when there is nothing to divide."""
    return "–" if share is None else f"{share * 100:.1f}".replace(".", ",") + "%"


def markdown_table(headers: list[str], rows: Iterable[Iterable[object]]) -> str:
    def cell(value: object) -> str:
        return markdown_text(value)  # names from data files are text, never Markdown or HTML

    lines = ["| " + " | ".join(headers) + " |",
             "| " + " | ".join("---:" if h.startswith("Số") else "---" for h in headers) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_rows(r: Report) -> list[list[object]]:
    return [["Tổng số điển hình", r.total],
            ["Do đơn vị cấp cơ sở đề xuất", f"{r.grassroots} ({percent(r.grassroots_share)})"],
            [f"Đơn vị vượt hạn mức năm {r.period.year} (quá {r.quota} điển hình)", len(r.over_quota)],
            [below_title(r), len(r.below_minimum)]]


def render_markdown(report: Report, title: str | None = None) -> str:
    """The report as Markdown, for the terminal."""
    r = report
    out = [f"# {title or 'Báo cáo điển hình tiên tiến ' + r.period.label}", "",
           f"Kỳ báo cáo: {r.period.label}, gồm {r.period.rule}. Không tính hồ sơ đã gỡ.", "",
           "## Tổng hợp", "",
           markdown_table(["Chỉ tiêu", "Số liệu"], summary_rows(r)), ""]
    if r.previous is not None:
        out += [f"## So sánh với {r.previous.period.label}", "",
                markdown_table(["Chỉ tiêu", "Kỳ này", "Kỳ trước", "Tăng, giảm"],
                               [[c.label, c.current, c.previous, c.change] for c in r.comparison()[:2]]), ""]
    for dim, heading in DIMENSIONS.items():
        out += [f"## Theo {heading[0].lower() + heading[1:]}", ""]
        out += [markdown_table([heading, "Số điển hình"], [[row.label, row.count] for row in r.tables[dim]]), ""]
        if dim == "movement":
            out += ["Một điển hình có thể thuộc nhiều phong trào, nên tổng cột này có thể lớn hơn tổng số điển hình.",
                    ""]
    out += [f"## Đơn vị vượt hạn mức năm {r.period.year}", "",
            f"Mỗi đơn vị giới thiệu không quá {r.quota} điển hình một năm (tính theo năm lựa chọn).", ""]
    out += [markdown_table(["Đơn vị", "Số điển hình", "Điển hình"],
                           [[o.label, o.count, ", ".join(o.names or o.slugs)] for o in r.over_quota])
            if r.over_quota else "Không có đơn vị nào vượt hạn mức.", ""]
    out += [f"## {below_title(r)}", ""]
    out += ["\n".join(f"- {markdown_text(row.label)}" + (f": {row.count}" if r.minimum > 1 else "")
                      for row in r.below_minimum)
            if r.below_minimum else "Đơn vị nào cũng đã có điển hình.", ""]
    if r.excluded:
        out += ["## Hồ sơ chưa được tính vì còn lỗi", "",
                "Chạy lệnh kiểm tra hồ sơ (scripts/validate.py) để xem chi tiết và cách sửa.", "",
                markdown_table(["Tệp", "Mã lỗi"], [[path, ", ".join(codes)] for path, codes in r.excluded]),
                ""]
    return "\n".join(out)


def below_title(report: Report) -> str:
    if report.minimum <= 1:
        return f"Đơn vị chưa có điển hình nào trong {report.period.label}"
    return f"Đơn vị chưa đủ {report.minimum} điển hình trong {report.period.label}"



CSV_HEADERS = ["Kỳ báo cáo", "Từ ngày", "Đến ngày", "Mục", "Mã", "Tên", "Số lượng", "Ghi chú"]
CSV_DELIMITER = ";"  # Excel with Vietnamese regional settings splits columns on ';' (the comma is decimal)


def render_csv(report: Report) -> str:
    """One flat table, one row per figure, so that several periods can be stacked in a spreadsheet.

    Columns are separated by ';' so that a double-click opens it in columns in Excel set for
    Vietnam; the caller writes it with a UTF-8 byte-order mark. Every text cell goes through
    `spreadsheet_text`, so no value is ever run as a formula."""
    r = report
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    head = [r.period.label, short_date(r.period.start), short_date(r.period.end)]

    def row(section: str, key: str, name: str, count: object, note: str = "") -> None:
        writer.writerow([spreadsheet_text(v) for v in (*head, section, key, name, count, note)])

    row("Tổng hợp", "tong-so", "Tổng số điển hình", r.total)
    row("Tổng hợp", "co-so", "Do đơn vị cấp cơ sở đề xuất", r.grassroots, percent(r.grassroots_share))
    if r.previous is not None:
        row("Tổng hợp", "ky-truoc", f"Tổng số điển hình {r.previous.period.label}", r.previous.total)
    for dim, heading in DIMENSIONS.items():
        for item in r.tables[dim]:
            row(heading, item.key, item.label, item.count)
    for item in r.forms:
        row(FORMS_TITLE, item.key, item.label, item.count)
    for o in r.over_quota:
        row(f"Vượt hạn mức năm {r.period.year}", o.unit, o.label, o.count, "; ".join(o.names or o.slugs))
    for item in r.below_minimum:
        row(below_title(r), item.key, item.label, item.count)
    for path, codes in r.excluded:
        row("Chưa được tính vì còn lỗi", path, "", "", ", ".join(codes))
    return buffer.getvalue()


def spreadsheet_text(value: object) -> str:
    """A cell's text that no spreadsheet program runs as a formula, whatever separator it splits
    on (see `hygiene.spreadsheet_safe`, shared with the open-data CSV)."""
    text = "" if value is None else str(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text
    return spreadsheet_safe(text)
