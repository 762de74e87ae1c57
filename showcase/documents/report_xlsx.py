"""The report as an Excel workbook: a summary sheet, one sheet per breakdown, one listing every exemplar.

Text cells are stored as text, never as formulas: a name typed as "=HYPERLINK(...)" stays
the words the editor typed (openpyxl would otherwise write it as a formula).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..report import DIMENSIONS, FORMS_TITLE, Report, below_title, percent
from .agency import Agency
from .layout import clean, normalise_zip
from .report_docx import report_subject

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SHEETS = {"unit": "Theo đơn vị", "field": "Theo lĩnh vực", "movement": "Theo phong trào", "kind": "Theo loại",
          "category": "Theo nhóm", "province": "Theo tỉnh, thành phố"}


def report_xlsx(report: Report, agency: Agency, stamp: dt.date | None = None) -> bytes:
    r = report
    wb = Workbook()
    moment = dt.datetime.combine(stamp or r.period.end, dt.time())
    wb.properties.creator = wb.properties.lastModifiedBy = clean(agency.issuer)
    wb.properties.title = clean(f"Báo cáo {report_subject(r)}")
    wb.properties.created = wb.properties.modified = moment
    wb.properties.language = "vi-VN"

    summary = wb.active
    summary.title = "Tổng hợp"
    _title(summary, [agency.superior.upper(), agency.issuer.upper(), "",
                     f"BÁO CÁO {report_subject(r).upper()}", f"Kỳ báo cáo: {r.period.rule}."])
    rows = [["Tổng số điển hình", r.total],
            ["Do đơn vị cấp cơ sở đề xuất", r.grassroots],
            ["Tỷ lệ do cơ sở đề xuất", percent(r.grassroots_share)],
            ["Số lượt khen thưởng đã ghi nhận", sum(x.count for x in r.forms)],
            [f"Đơn vị vượt hạn mức năm {r.period.year}", len(r.over_quota)],
            [below_title(r), len(r.below_minimum)],
            ["Hồ sơ chưa được tổng hợp vì còn sai sót", len(r.excluded)]]
    _table(summary, ["Chỉ tiêu", "Số liệu"], rows, [70, 18], first_row=7)

    listing = wb.create_sheet("Danh sách điển hình")
    _table(listing, ["STT", "Tên điển hình", "Loại", "Đơn vị đề xuất", "Lĩnh vực", "Phong trào thi đua",
                     "Khen thưởng", "Ngày đăng"],
           [[i, e.name, e.kind, e.unit, e.field, "\n".join(e.movements), "\n".join(e.commendations),
             e.published] for i, e in enumerate(r.listed, start=1)],
           [6, 32, 14, 32, 22, 40, 50, 12])

    for dim, name in SHEETS.items():
        sheet = wb.create_sheet(name)
        _table(sheet, ["STT", DIMENSIONS[dim], "Số điển hình"],
               [[i, x.label, x.count] for i, x in enumerate(r.tables[dim], start=1)], [6, 60, 14],
               total=["", "Tổng cộng", sum(x.count for x in r.tables[dim])] if dim != "movement" else None)

    forms = wb.create_sheet("Theo hình thức khen thưởng")
    _table(forms, ["STT", FORMS_TITLE, "Số lượt"], [[i, x.label, x.count] for i, x in enumerate(r.forms, start=1)],
           [6, 50, 12], total=["", "Tổng cộng", sum(x.count for x in r.forms)])

    units, movements, counts = r.matrix
    matrix = wb.create_sheet("Đơn vị và phong trào")
    _table(matrix, ["STT", "Đơn vị", *[m.label for m in movements], "Số điển hình"],
           [[i, u.label, *[counts.get((u.key, m.key), 0) for m in movements], u.count]
            for i, u in enumerate(units, start=1)], [6, 40, *[24] * len(movements), 14])

    if r.previous is not None:
        compare = wb.create_sheet("So sánh kỳ trước")
        _table(compare, ["Chỉ tiêu", r.period.label, r.previous.period.label, "Tăng, giảm"],
               [[c.label, c.current, c.previous, c.change] for c in r.comparison()], [50, 22, 22, 22])

    quota = wb.create_sheet("Hạn mức")
    _table(quota, ["STT", "Đơn vị", "Số điển hình", "Ghi chú"],
           [[i, o.label, o.count, f"Vượt hạn mức {r.quota} điển hình "
             f"năm {r.period.year}: " + "; ".join(o.names or o.slugs)] for i, o in enumerate(r.over_quota, start=1)]
           + [[len(r.over_quota) + i, x.label, x.count, below_title(r)]
              for i, x in enumerate(r.below_minimum, start=1)], [6, 40, 14, 70])

    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_zip(buffer.getvalue(), stamp or r.period.end)


def _title(sheet, lines: list[str]) -> None:
    for index, text in enumerate(lines, start=1):
        cell = sheet.cell(row=index, column=1)
        _text(cell, text)
        cell.font = Font(name=FONT, size=13, bold=index in (2, 4))


def _table(sheet, headers: list[str], rows: list[list[object]], widths: list[float], first_row: int = 1,
           total: list[object] | None = None) -> None:
    for col, (header, width) in enumerate(zip(headers, widths), start=1):
        cell = sheet.cell(row=first_row, column=col)
        _text(cell, header)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
        sheet.column_dimensions[get_column_letter(col)].width = width
    body = rows + ([total] if total else [])
    for r, values in enumerate(body, start=first_row + 1):
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
            else:
                _text(cell, value)
            cell.font = Font(name=FONT, size=12, bold=total is not None and r == first_row + len(body))
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = BOX
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)


def _text(cell, value: object) -> None:
    cell.value = clean(value)
    cell.data_type = "s"  # text, even when it starts with "="
