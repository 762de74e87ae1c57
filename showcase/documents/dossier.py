"""A unit's nomination dossier for one year (seed 004: "không quá 03 điển hình ... theo biểu mẫu
đính kèm"): a cover letter from the unit to the agency, then a "báo cáo tóm tắt thành tích"
per exemplar, in one Word document laid out as a unit sends it (Nghị định 30/2020/NĐ-CP).

Only valid profiles go in: when any profile of the unit and year has an error, the dossier is
refused and the validator's own messages say why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..load import load_markdown
from ..model import WITHDRAWN, Exemplar, Showcase
from ..problems import Problem, ProblemError
from ..report import commendation_text
from .agency import Agency
from .layout import TEXT_WIDTH_MM, Writer, _grid, _keep_together, _no_borders, date_line

MAX_BYTES = 1_000_000  # only to read who a broken profile names
SUBJECT = "V/v giới thiệu điển hình tiên tiến năm {year}"
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]{0,200}>")
_MARK = re.compile(r"(\*\*|__|\*|`)")
_LINE_START = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)


@dataclass
class Nominations:
    exemplars: list[Exemplar]
    refused: list[Problem]  # the validator's messages for the unit's profiles of that year


def unit_nominations(showcase: Showcase, problems: list[Problem], unit: str, year: int) -> Nominations:
    """The profiles `unit` nominates for `year` (selection year), and the errors that keep any out."""
    chosen = sorted((e for e in showcase.exemplars.values()
                     if e.nominated_by == unit and e.year == year and e.status != WITHDRAWN),
                    key=lambda e: (e.name, e.slug))
    failed = sorted({p.path for p in problems if p.is_error and p.path.startswith("exemplars/")})
    ours = {path for path in failed if _belongs(showcase.root, path, unit, year)}
    return Nominations(chosen, [p for p in problems if p.path in ours])


def _belongs(root: Path, rel: str, unit: str, year: int) -> bool:
    """Whether a profile with errors names `unit` and `year`; one that cannot be read is counted
    when its text names the unit (better refused than left out silently)."""
    try:
        meta = load_markdown(root / rel, rel, MAX_BYTES).meta
    except (ProblemError, OSError, ValueError, TypeError):
        try:
            return unit in (root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    if not isinstance(meta, dict):
        return False
    named_year = meta.get("year")
    return meta.get("nominated_by") == unit and (named_year == year or not isinstance(named_year, int))


def dossier_docx(showcase: Showcase, agency: Agency, unit: str, year: int, exemplars: list[Exemplar],
                 date: dt.date | None = None) -> bytes:
    unit_name = showcase.units[unit].name
    label = showcase.criteria.label
    w = Writer(f"Hồ sơ giới thiệu điển hình tiên tiến năm {year} – {unit_name}", unit_name,
               date or dt.date(year, 12, 31))
    place_date = date_line("…………", date, (date or dt.date(year, 12, 31)).year)
    header = w.header(unit_name, "", "Số:          /", place_date)
    subject = header.rows[1].cells[0].add_paragraph()
    subject.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    w.run(subject, SUBJECT.format(year=year), size=12)
    recipient = agency.issuer + (f" {_of(agency.superior)}" if agency.superior else "")
    p = w.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, before=18, after=12, indent=False)
    w.run(p, "Kính gửi: ", size=14)
    w.run(p, recipient, size=14)
    quota = showcase.criteria.max_per_unit_per_year
    w.paragraph(f"Thực hiện kế hoạch tuyên truyền các phong trào thi đua yêu nước, xây dựng và nhân rộng điển "
                f"hình tiên tiến năm {year}, {unit_name} giới thiệu {len(exemplars):02d} điển hình tiên tiến "
                f"(không quá {quota:02d} điển hình, bao gồm cả tập thể, cá nhân) như sau:")
    w.table(["STT", "Tên điển hình", "Loại", "Lĩnh vực", "Phong trào thi đua"],
            [[i, e.name, label("kinds", e.kind), label("fields", e.field),
              [showcase.movements[m].name for m in e.movements if m in showcase.movements]]
             for i, e in enumerate(exemplars, start=1)], [13, 45, 25, 32, 50])
    w.paragraph("(Kèm theo báo cáo tóm tắt thành tích của từng điển hình.)", italic=True)
    w.paragraph(f"Đề nghị {agency.issuer} xem xét, tổng hợp./.")
    w.closing(agency, ["Như trên", "Lưu: VT"], "", "THỦ TRƯỞNG ĐƠN VỊ", "", note="(Ký, ghi rõ họ tên, đóng dấu)")
    for e in exemplars:
        w.page_break()
        _summary(w, showcase, unit_name, e, place_date, year)
    return w.to_bytes()


def _summary(w: Writer, showcase: Showcase, unit_name: str, e: Exemplar, place_date: str, year: int) -> None:
    label = showcase.criteria.label
    w.header(unit_name, "", "", place_date)
    w.title("Báo cáo tóm tắt thành tích", f"Đề nghị giới thiệu điển hình tiên tiến năm {year}")
    w.paragraph(e.name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    w.heading("I. THÔNG TIN CHUNG")
    facts = [("Tên điển hình", e.name), ("Loại", label("kinds", e.kind)), ("Nhóm", label("categories", e.category)),
             ("Lĩnh vực", label("fields", e.field)), ("Tỉnh, thành phố", e.province.name)]
    if e.place:
        facts.append(("Nơi công tác, sinh sống", e.place))
    facts += [("Đơn vị đề xuất", unit_name),
              ("Phong trào thi đua", [showcase.movements[m].name for m in e.movements if m in showcase.movements])]
    w.table(["Nội dung", "Thông tin"], [[k, v] for k, v in facts], [50, TEXT_WIDTH_MM - 50], size=13)
    w.heading("II. THÀNH TÍCH ĐẠT ĐƯỢC")
    w.heading("1. Tiêu chí lựa chọn đáp ứng")
    for cid in e.criteria:
        criterion = showcase.criteria.criteria.get(cid)
        w.paragraph(f"- {(criterion.wording if criterion else cid).rstrip('.;')}.")
    w.heading("2. Kết quả cụ thể")
    for item in e.achievements:
        w.paragraph(f"- {item.rstrip('.;')}.")
    w.heading("3. Tóm tắt quá trình phấn đấu")
    w.paragraph(e.summary)
    for text in plain_paragraphs(e.body):
        w.paragraph(text)
    w.heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN")
    if e.commendations:
        w.table(["STT", "Hình thức", "Nội dung khen thưởng"],
                [[i, label("commendation_forms", c.form), commendation_text(showcase, c)]
                 for i, c in enumerate(e.commendations, start=1)], [13, 45, TEXT_WIDTH_MM - 58])
    else:
        w.paragraph("Chưa ghi nhận hình thức khen thưởng nào.")
    left = "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ" if e.kind == "individual" else ""
    right = "NGƯỜI BÁO CÁO THÀNH TÍCH" if e.kind == "individual" else "THỦ TRƯỞNG ĐƠN VỊ"
    _signatures(w, left, right)


def _signatures(w: Writer, left: str, right: str) -> None:
    t = w.doc.add_table(rows=1, cols=2)
    t.autofit = False
    _grid(t, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    _no_borders(t)
    _keep_together(t)
    for cell, text in zip(t.rows[0].cells, (left, right)):
        if not text:
            continue
        p = cell.paragraphs[0]
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(12)
        w.run(p, text, bold=True, size=13)
        note = cell.add_paragraph()
        note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        w.run(note, "(Ký, ghi rõ họ tên)" if "NGƯỜI" in text else "(Ký, ghi rõ họ tên, đóng dấu)", italic=True,
              size=13)


def plain_paragraphs(markdown: str) -> list[str]:
    """The story's paragraphs as plain text: no Markdown marks, tags, links' addresses or images."""
    text = _COMMENT.sub(" ", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _LINE_START.sub("", text)
    text = _MARK.sub("", text)
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _of(superior: str) -> str:
    return f"({superior})"
