"""DH501-DH502: nominations per unit and year (seed 004: at most 3; seed 001: at least 1)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..problems import Problem
from .context import Context, problem


def check_quotas(ctx: Context) -> Iterator[Problem]:
    counted: dict[tuple[str, int], list[str]] = defaultdict(list)
    for doc in ctx.exemplars.values():
        unit, year = doc.meta.get("nominated_by"), doc.meta.get("year")
        # Neither a withdrawn profile nor a draft (`status: draft`, never published) uses the quota.
        if isinstance(unit, str) and isinstance(year, int) and doc.meta.get("status") not in ("withdrawn", "draft"):
            counted[(unit, year)].append(doc.rel)
    maximum = ctx.criteria.max_per_unit_per_year
    for (unit, year), rels in sorted(counted.items()):
        if len(rels) > maximum:
            files = ", ".join(sorted(rels))
            for rel in sorted(rels):
                doc = ctx.exemplars[rel]
                yield problem("DH501", rel, doc.line("nominated_by"),
                              f"Đơn vị `{unit}` có {len(rels)} điển hình năm {year}, vượt mức tối đa {maximum}: {files}.",
                              f"Mỗi đơn vị giới thiệu không quá {maximum} điển hình một năm; chọn {maximum} hồ sơ "
                              "tiêu biểu nhất; các hồ sơ còn lại chưa đưa vào kho, hoặc ghi đúng năm được lựa chọn nếu ghi nhầm.")
    if ctx.criteria.min_per_unit_per_year and counted:
        year = max(year for _, year in counted)
        for unit in sorted(ctx.units):
            if len(counted.get((unit, year), [])) < ctx.criteria.min_per_unit_per_year:
                yield problem("DH502", "units.yml", ctx.extra.get("unit_lines", {}).get(unit),
                              f"Đơn vị `{unit}` chưa có điển hình nào năm {year}.",
                              f"Mỗi đơn vị lựa chọn ít nhất {ctx.criteria.min_per_unit_per_year} điển hình mỗi năm "
                              "(chỉ nhắc nhở, không chặn).")
