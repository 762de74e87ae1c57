"""The six-monthly and annual reports the plans require (seeds 002, 003), over a Showcase.

Which profiles a period counts (withdrawn profiles never count):

- a year (`2024`): profiles whose `year`, the year they were selected, is 2024. Quotas are
  counted the same way, so the report agrees with the validator.
- a half (`2024-H1`, `2024-H2`): profiles whose `published` date falls in January-June or
  July-December 2024. The six-monthly report accounts for the publicity done in those six
  months, so a profile selected in 2024 and published in January 2025 counts in the annual
  report for 2024 and in the report for 2025-H1.

Units over quota are always judged on the selection year of the period, as the quota is
"at most N per unit per year". The same `Report` feeds the Markdown and CSV output of
`scripts/report.py` and the statistics page of the site.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Exemplar, Showcase
from .problems import Problem
from .text import fold

GRASSROOTS_LEVEL = "local"
_PERIOD = re.compile(r"^(\d{4})(?:-H([12]))?$")

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


@dataclass(frozen=True)
class Period:
    year: int
    half: int | None = None  # 1: January-June, 2: July-December, None: the whole year

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip().upper())
        if not match:
            raise ValueError(f"Kỳ báo cáo “{text}” không hợp lệ: viết dạng 2024 (cả năm), "
                             "2024-H1 (6 tháng đầu năm) hoặc 2024-H2 (6 tháng cuối năm).")
        return cls(int(match[1]), int(match[2]) if match[2] else None)

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}" if self.half else str(self.year)

    @property
    def label(self) -> str:
        if self.half is None:
            return f"năm {self.year}"
        return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def rule(self) -> str:
        """How membership is decided, in words for the report's reader."""
        if self.half is None:
            return f"các hồ sơ được lựa chọn năm {self.year} (trường `year`)"
        return (f"các hồ sơ đăng công khai từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y} "
                "(trường `published`)")

    def includes(self, exemplar: Exemplar) -> bool:
        if self.half is None:
            return exemplar.year == self.year
        return self.start <= exemplar.published <= self.end


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

    @property
    def grassroots_share(self) -> float | None:
        return self.grassroots / self.total if self.total else None


def build_report(showcase: Showcase, period: Period, problems: Iterable[Problem] = ()) -> Report:
    """Count the public profiles of `period`; `problems` names the profiles left out because of errors."""
    public = showcase.public_exemplars()
    chosen = [e for e in public if period.includes(e)]
    crit = showcase.criteria
    tables = {dim: _rows(showcase, dim, chosen, period) for dim in DIMENSIONS}
    minimum = max(1, crit.min_per_unit_per_year) if period.half is None else 1
    by_year = Counter(e.nominated_by for e in public if e.year == period.year)
    over = [OverQuota(unit, _unit_label(showcase, unit), count,
                      tuple(sorted(e.slug for e in public if e.year == period.year and e.nominated_by == unit)))
            for unit, count in sorted(by_year.items()) if count > crit.max_per_unit_per_year]
    return Report(
        period=period, total=len(chosen),
        grassroots=sum(1 for e in chosen if _unit_level(showcase, e.nominated_by) == GRASSROOTS_LEVEL),
        tables=tables, quota=crit.max_per_unit_per_year, over_quota=over, minimum=minimum,
        below_minimum=sorted((r for r in tables["unit"] if r.key in showcase.units and r.count < minimum),
                             key=lambda r: fold(r.label)),
        excluded=excluded_profiles(problems))


def excluded_profiles(problems: Iterable[Problem]) -> list[tuple[str, tuple[str, ...]]]:
    codes: dict[str, set[str]] = {}
    for p in problems:
        if p.is_error and p.path.startswith("exemplars/"):
            codes.setdefault(p.path, set()).add(p.code)
    return [(path, tuple(sorted(c))) for path, c in sorted(codes.items())]


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
        counts.update(dict.fromkeys((s for s, m in showcase.movements.items() if m.covers(period.year)), 0))
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
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(headers) + " |",
             "| " + " | ".join("---:" if h.startswith("Số") else "---" for h in headers) + " |"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render_markdown(report: Report, title: str | None = None,
                    chart: Callable[[str], str] | None = None) -> str:
    """The report as Markdown; `chart(dimension)` may return Markdown to show above each table."""
    r = report
    out = [f"# {title or 'Báo cáo điển hình tiên tiến ' + r.period.label}", "",
           f"Kỳ báo cáo: {r.period.label}, gồm {r.period.rule}. "
           "Không tính hồ sơ đã gỡ (`status: withdrawn`).", "",
           "## Tổng hợp", "",
           markdown_table(["Chỉ tiêu", "Số liệu"], [
               ["Tổng số điển hình", r.total],
               ["Do đơn vị cấp cơ sở đề xuất", f"{r.grassroots} ({percent(r.grassroots_share)})"],
               [f"Đơn vị vượt hạn mức năm {r.period.year} (quá {r.quota} điển hình)", len(r.over_quota)],
               [_below_title(r), len(r.below_minimum)],
           ]), ""]
    for dim, heading in DIMENSIONS.items():
        out += [f"## Theo {heading[0].lower() + heading[1:]}", ""]
        if chart:
            out += [chart(dim), ""]
        out += [markdown_table([heading, "Số điển hình"], [[row.label, row.count] for row in r.tables[dim]]), ""]
        if dim == "movement":
            out += ["Một điển hình có thể thuộc nhiều phong trào, nên tổng cột này có thể lớn hơn tổng số điển hình.",
                    ""]
    out += [f"## Đơn vị vượt hạn mức năm {r.period.year}", "",
            f"Mỗi đơn vị giới thiệu không quá {r.quota} điển hình một năm.", ""]
    out += [markdown_table(["Đơn vị", "Số điển hình", "Hồ sơ"],
                           [[o.label, o.count, ", ".join(o.slugs)] for o in r.over_quota]) if r.over_quota
            else "Không có đơn vị nào vượt hạn mức.", ""]
    out += [f"## {_below_title(r)}", ""]
    out += ["\n".join(f"- {row.label} (`{row.key}`)" + (f": {row.count}" if r.minimum > 1 else "")
                      for row in r.below_minimum)
            if r.below_minimum else "Đơn vị nào cũng đã có điển hình.", ""]
    if r.excluded:
        out += ["## Hồ sơ chưa được tính vì còn lỗi", "",
                "Chạy `scripts/validate.py` để xem chi tiết và cách sửa.", "",
                markdown_table(["Tệp", "Mã lỗi"], [[f"`{path}`", ", ".join(codes)] for path, codes in r.excluded]),
                ""]
    return "\n".join(out)


def _below_title(report: Report) -> str:
    if report.minimum <= 1:
        return f"Đơn vị chưa có điển hình nào trong {report.period.label}"
    return f"Đơn vị chưa đủ {report.minimum} điển hình trong {report.period.label}"


CSV_HEADERS = ["Kỳ", "Mục", "Mã", "Tên", "Số lượng", "Ghi chú"]


def render_csv(report: Report) -> str:
    """One flat table, one row per figure, so that several periods can be stacked in a spreadsheet."""
    r = report
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    code = r.period.code
    writer.writerow([code, "Tổng hợp", "total", "Tổng số điển hình", r.total, r.period.rule])
    writer.writerow([code, "Tổng hợp", "grassroots", "Do đơn vị cấp cơ sở đề xuất", r.grassroots,
                     percent(r.grassroots_share)])
    for dim, heading in DIMENSIONS.items():
        writer.writerows([code, heading, row.key, row.label, row.count, ""] for row in r.tables[dim])
    writer.writerows([code, f"Vượt hạn mức năm {r.period.year}", o.unit, o.label, o.count, "; ".join(o.slugs)]
                     for o in r.over_quota)
    writer.writerows([code, _below_title(r), row.key, row.label, row.count, ""] for row in r.below_minimum)
    writer.writerows([code, "Chưa được tính vì còn lỗi", path, "", "", ", ".join(codes)]
                     for path, codes in r.excluded)
    return buffer.getvalue()
