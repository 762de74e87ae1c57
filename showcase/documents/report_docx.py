"""The six-monthly or annual report as a Word document in the Nghị định 30/2020/NĐ-CP layout."""

from __future__ import annotations

import datetime as dt

from ..report import DIMENSIONS, Report, below_title, percent
from .agency import Agency
from .charts import bar_chart
from .layout import TEXT_WIDTH_MM, Writer, date_line, number_line

KIND = "Báo cáo"
CHARTS = ("unit", "field")  # the breakdowns drawn as images too; the others are short tables
MATRIX_MAX = 12  # beyond this many movements the columns are too narrow to read: the Excel file has it
MATRIX_NAMED = 3  # up to this many movements are named in the columns of the unit × movement table
SYMBOL = "BC"  # the kind's abbreviation in the symbol (Nghị định 30, Phụ lục III): BC = báo cáo


def report_subject(report: Report) -> str:
    return f"Kết quả tuyên truyền, nhân rộng điển hình tiên tiến {report.period.label}"


def report_docx(report: Report, agency: Agency, date: dt.date | None = None, number: str | None = None,
                stamp: dt.date | None = None, charts: bool = True) -> bytes:
    """The report; `date` and `number` left blank (to fill in when signing) unless given."""
    r = report
    issued_year = (date or r.period.end).year
    w = Writer(f"{KIND} {report_subject(r)}", agency.issuer, stamp or date or r.period.end)
    w.header(agency.issuer, agency.superior, number_line(number, SYMBOL, agency.abbreviation),
             date_line(agency.place, date, issued_year))
    w.title(KIND, report_subject(r))
    cutoff = (" Số liệu được chốt theo thời gian chốt số liệu báo cáo định kỳ quy định tại Nghị định số "
              "09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ.") if r.period.cutoff else ""
    w.paragraph(f"Thực hiện các kế hoạch tuyên truyền các phong trào thi đua yêu nước, xây dựng và nhân rộng "
                f"điển hình tiên tiến, {agency.issuer} báo cáo kết quả {r.period.label} như sau:")
    w.heading("I. KẾT QUẢ THỰC HIỆN")
    w.heading("1. Tổng hợp chung")
    share = percent(r.grassroots_share)
    w.paragraph(f"Kỳ báo cáo tính {r.period.rule}.{cutoff} Trong kỳ có {r.total} điển hình tiên tiến được giới "
                f"thiệu, đăng công khai; trong đó {r.grassroots} điển hình ({share}) do đơn vị cấp cơ sở đề xuất.")
    w.table(["STT", "Chỉ tiêu", "Số liệu"],
            [[i, label, value] for i, (label, value) in enumerate(_summary(r), start=1)],
            [14, 111, 40], numeric={2})

    w.heading("2. Danh sách điển hình tiên tiến")
    if r.listed:
        w.table(["STT", "Tên điển hình", "Đơn vị đề xuất", "Lĩnh vực", "Phong trào thi đua", "Khen thưởng"],
                [[i, e.name, e.unit, e.field, list(e.movements), list(e.commendations) or "–"]
                 for i, e in enumerate(r.listed, start=1)],
                [13, 33, 30, 23, 33, 33], size=11)
    else:
        w.paragraph("Trong kỳ chưa có điển hình nào được đăng công khai.")

    w.heading("3. Số lượt khen thưởng theo hình thức")
    forms = [row for row in r.forms if row.count]
    if forms:
        w.table(["STT", "Hình thức khen thưởng", "Số lượt"],
                [[i, row.label, row.count] for i, row in enumerate(forms, start=1)], [14, 111, 40], numeric={2},
                total=["", "Tổng cộng", sum(row.count for row in forms)])
    else:
        w.paragraph("Các điển hình trong kỳ chưa ghi nhận hình thức khen thưởng nào.")

    w.heading("4. Số điển hình theo đơn vị và phong trào thi đua")
    units, movements, counts = r.matrix
    if len(movements) > MATRIX_MAX:
        w.paragraph(f"Trong kỳ có điển hình thuộc {len(movements)} phong trào thi đua: bảng chi tiết theo đơn vị và "
                    "phong trào ở trang tính “Đơn vị và phong trào” của tệp Excel kèm theo.")
    elif units and movements:
        name_w = 55 if len(movements) > MATRIX_NAMED else 50
        col_w = max(9.0, (TEXT_WIDTH_MM - 13 - name_w - 16) / len(movements))
        widths = [13, name_w, *[col_w] * len(movements), 16]
        scale = TEXT_WIDTH_MM / sum(widths)
        rows = [[i, u.label, *[counts.get((u.key, m.key), 0) for m in movements], u.count]
                for i, u in enumerate(units, start=1)]
        numbered = len(movements) > MATRIX_NAMED  # many movements: numbered columns and a key below
        heads = [f"({i})" for i in range(1, len(movements) + 1)] if numbered else [m.label for m in movements]
        w.table(["STT", "Đơn vị", *heads, "Số điển hình"], rows, [x * scale for x in widths],
                size=10 if len(movements) > 3 else 11, numeric=set(range(2, len(movements) + 3)))
        if numbered:
            for i, m in enumerate(movements, start=1):
                w.paragraph(f"({i}) {m.label}", size=12, indent=False, after=0)
            w.paragraph("", after=4)
        w.paragraph("Một điển hình có thể thuộc nhiều phong trào thi đua, nên tổng theo phong trào có thể lớn "
                    "hơn số điển hình.", italic=True, size=12)
    else:
        w.paragraph("Không có số liệu.")

    w.heading("5. Số điển hình theo lĩnh vực, loại và địa bàn")
    for index, dim in enumerate(("unit", "field", "kind", "category", "province"), start=1):
        rows = [row for row in r.tables[dim] if row.count or dim == "unit"]
        heading = DIMENSIONS[dim]
        w.paragraph(f"5.{index}. Theo {heading[0].lower() + heading[1:]}", italic=True, bold=True,
                    keep_next=True)
        png = bar_chart(f"Số điển hình theo {heading.lower()}", [(x.label, x.count) for x in rows]) \
            if charts and dim in CHARTS else None
        if png:
            w.picture(png, 150, f"Biểu đồ: số điển hình theo {heading.lower()}, {r.period.label}")
        if rows:
            w.table(["STT", heading, "Số điển hình"], [[i, x.label, x.count] for i, x in enumerate(rows, start=1)],
                    [14, 111, 40], numeric={2})

    if r.previous is not None:
        w.heading(f"6. So sánh với {r.previous.period.label}")
        w.table(["Chỉ tiêu", r.period.label.capitalize(), r.previous.period.label.capitalize(), "Tăng, giảm"],
                [[c.label, c.current, c.previous, c.change] for c in r.comparison() if c.current or c.previous],
                [70, 30, 30, 35], numeric={1, 2})

    w.heading("II. VIỆC THỰC HIỆN HẠN MỨC GIỚI THIỆU")
    w.paragraph(f"Mỗi đơn vị giới thiệu không quá {r.quota} điển hình trong một năm (tính theo năm lựa chọn).")
    if r.over_quota:
        w.table(["STT", "Đơn vị", "Số điển hình", "Điển hình"],
                [[i, o.label, o.count, list(o.names or o.slugs)] for i, o in enumerate(r.over_quota, start=1)],
                [14, 55, 26, 70], numeric={2})
    else:
        w.paragraph(f"Năm {r.period.year}, không có đơn vị nào giới thiệu vượt hạn mức.")
    if r.below_minimum:
        w.paragraph(f"{below_title(r)}: " + "; ".join(row.label for row in r.below_minimum) + ".")
    else:
        w.paragraph("Đơn vị nào cũng đã có điển hình được giới thiệu trong kỳ.")
    if r.excluded:
        w.paragraph(f"Có {len(r.excluded)} hồ sơ chưa được tổng hợp vì còn sai sót, đang được các đơn vị "
                    "hoàn thiện.")
    w.paragraph(f"Trên đây là báo cáo kết quả tuyên truyền, nhân rộng điển hình tiên tiến {r.period.label} "
                f"của {agency.issuer}./.", before=6)
    w.closing(agency, agency.recipients, agency.signer.authority, agency.signer.title, agency.signer.name)
    return w.to_bytes()


def _summary(r: Report) -> list[tuple[str, object]]:
    rows = [("Tổng số điển hình được giới thiệu, đăng công khai", r.total),
            ("Do đơn vị cấp cơ sở đề xuất", f"{r.grassroots} ({percent(r.grassroots_share)})")]
    rows += [(f"{row.label}", row.count) for row in r.tables["kind"] if row.count]
    rows += [("Số lượt khen thưởng đã ghi nhận", sum(row.count for row in r.forms)),
             (f"Đơn vị vượt hạn mức năm {r.period.year}", len(r.over_quota)),
             (below_title(r), len(r.below_minimum))]
    if r.previous is not None:
        rows.append((f"Tổng số điển hình {r.previous.period.label} (kỳ trước)", r.previous.total))
    return rows

