"""Word documents in the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư), Phụ lục I.

What the decree fixes, and this module draws: A4 paper; margins top and bottom 20-25 mm,
left 30-35 mm, right 15-20 mm; Times New Roman; a two-column header (issuing body under
its superior body, then "Số: .../BC-...", on the left; the national motto, then place and
date in italics, on the right), each name underlined by a short rule; the document kind and
its summary centred in bold; the body at 14 pt, justified with a first-line indent; the
"Nơi nhận:" block at the bottom left and the signature block at the bottom right; page
numbers centred at the top from the second page.

Every text passes through `clean` first: a control character would make the file unreadable.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..hygiene import HIDDEN, XML_ILLEGAL
from ..periods import vi_date
from .agency import Agency

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # millimetres, within the decree's ranges
TEXT_WIDTH_MM = 210 - MARGINS["left"] - MARGINS["right"]
HEADER_LEFT_MM, HEADER_RIGHT_MM = 68, TEXT_WIDTH_MM - 68
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries: the same content gives the same bytes
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
BLANK_DAY = "ngày      tháng      năm"
_BREAKS = re.compile(r"\s*[\r\n\t]\s*")


def clean(value: object) -> str:
    """A one-paragraph text safe for a .docx or .xlsx: no control or hidden characters."""
    text = "" if value is None else str(value)
    text = XML_ILLEGAL.sub("", text)
    if HIDDEN.search(text):
        text = HIDDEN.sub("", text)
    # One paragraph: a line break in a name would split a table cell (and Pillow refuses to
    # measure multi-line text for the charts).
    return _BREAKS.sub(" ", text) if "\n" in text or "\r" in text or "\t" in text else text


def date_line(place: str, day: dt.date | None, year: int) -> str:
    """'Ninh Bình, ngày 15 tháng 6 năm 2025'; without a day, blanks to fill in when signing."""
    return f"{clean(place)}, {vi_date(day) if day else f'{BLANK_DAY} {year}'}"


def number_line(number: str | None, kind: str, abbreviation: str) -> str:
    """'Số: 12/BC-SNV'; without a number, the blank the records office fills in when issuing."""
    return f"Số: {clean(number) if number else ' ' * 6}/{kind}-{clean(abbreviation)}"


class Writer:
    """A document being written: A4, the decree's margins and fonts."""

    def __init__(self, title: str, author: str, stamp: dt.date):
        self.doc = Document()
        self.stamp = stamp
        props = self.doc.core_properties
        props.title, props.author, props.last_modified_by = clean(title), clean(author), clean(author)
        props.language = "vi-VN"
        moment = dt.datetime(stamp.year, stamp.month, stamp.day)
        props.created = props.modified = moment
        props.revision = 1
        props.comments = props.subject = props.keywords = props.category = ""
        for style_name in ("Normal", "Table Grid"):
            style = self.doc.styles[style_name]
            style.font.name = FONT
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
            style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), FONT)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        _language(normal, "vi-VN")
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        self._page_numbers(section)

    # -- building blocks --------------------------------------------------------------------

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, size: float = BODY_PT,
                  align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, before: float = 0, after: float = 6,
                  container=None, keep_next: bool = False):
        target = container if container is not None else self.doc
        p = target.add_paragraph()
        fmt = p.paragraph_format
        fmt.alignment = align
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
            fmt.first_line_indent = Mm(10)
        if keep_next:
            fmt.keep_with_next = True
        if text:
            self.run(p, text, bold=bold, italic=italic, size=size)
        return p

    def run(self, p, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None):
        r = p.add_run(clean(text))
        r.bold, r.italic = bold or None, italic or None
        if size:
            r.font.size = Pt(size)
        return r

    def heading(self, text: str, level: int = 1):
        """'I. KẾT QUẢ...' (level 1, bold) or '1. Tổng hợp' (level 2, bold)."""
        return self.paragraph(text, bold=True, before=6, after=6, keep_next=True)

    def rule(self, container, width_mm: float, box_mm: float):
        """A short horizontal rule centred in a box `box_mm` wide (under a name, the motto, a title)."""
        p = container.add_paragraph()
        fmt = p.paragraph_format
        side = max(0.0, (box_mm - width_mm) / 2)
        fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing = Pt(7)  # the rule sits a few points under the text, not on it
        p_pr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        p_pr.append(borders)
        r = p.add_run("")
        r.font.size = Pt(2)
        return p

    def table(self, headers: list[str], rows: list[list[object]], widths_mm: list[float],
              size: float = TABLE_PT, numeric: set[int] | None = None, total: list[object] | None = None):
        """A bordered table with a bold header row repeated on each page; `numeric` columns right-aligned."""
        numeric = numeric or set()
        body = rows + ([total] if total else [])
        t = self.doc.add_table(rows=1 + len(body), cols=len(headers))
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        _grid(t, widths_mm)
        # The rows once: python-docx's `t.rows[r]` lists every row again (a 1,400-row list took 20 s).
        header, *table_rows = t.rows
        _repeat_header(header)
        for i, text in enumerate(headers):
            self._cell(header.cells[i], text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for r, (row, values) in enumerate(zip(table_rows, body), start=1):
            _cant_split(row)  # a row stays on one page
            is_total = total is not None and r == len(body)
            for cell, (i, value) in zip(row.cells, enumerate(values)):
                align = (WD_ALIGN_PARAGRAPH.CENTER if i in numeric or (i == 0 and headers[0] == "STT")
                         else WD_ALIGN_PARAGRAPH.LEFT)
                self._cell(cell, value, size, bold=is_total, align=align)
        self.paragraph("", after=6)
        return t

    def _cell(self, cell, value: object, size: float, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT):
        lines = value if isinstance(value, (list, tuple)) else [value]
        first = True
        for line in lines or [""]:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            p.paragraph_format.alignment = align
            p.paragraph_format.space_before = Pt(2)
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.first_line_indent = None
            self.run(p, "" if line is None else str(line), bold=bold, size=size)

    def picture(self, png: bytes, width_mm: float, caption: str):
        p = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, after=2, keep_next=True)
        p.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        self.paragraph(caption, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=8)

    def page_break(self):
        p = self.doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)

    # -- the decree's blocks -------------------------------------------------------------------

    def header(self, issuer: str, superior: str, number: str, place_date: str):
        """The two-column header: bodies and number (left); motto, place and date (right)."""
        t = self.doc.add_table(rows=2, cols=2)
        t.autofit = False
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        _grid(t, [HEADER_LEFT_MM, HEADER_RIGHT_MM])
        _no_borders(t)
        left, right = t.rows[0].cells
        center = WD_ALIGN_PARAGRAPH.CENTER
        first = left.paragraphs[0]
        first.paragraph_format.alignment = center
        if superior:
            self.run(first, superior.upper(), size=13)
            name = left.add_paragraph()
            name.paragraph_format.alignment = center
        else:
            name = first
        self.run(name, issuer.upper(), bold=True, size=13)
        self.rule(left, 22, HEADER_LEFT_MM)
        motto = right.paragraphs[0]
        motto.paragraph_format.alignment = center
        self.run(motto, MOTTO, bold=True, size=12)
        line2 = right.add_paragraph()
        line2.paragraph_format.alignment = center
        self.run(line2, MOTTO_2, bold=True, size=13)
        self.rule(right, 60, HEADER_RIGHT_MM)
        number_cell, date_cell = t.rows[1].cells
        p = number_cell.paragraphs[0]
        p.paragraph_format.alignment = center
        p.paragraph_format.space_before = Pt(6)
        self.run(p, number, size=13)
        p = date_cell.paragraphs[0]
        p.paragraph_format.alignment = center
        p.paragraph_format.space_before = Pt(6)
        self.run(p, place_date, italic=True, size=14)
        return t

    def title(self, kind: str, summary: str):
        """'BÁO CÁO' and the summary line under it, centred, bold, with a short rule."""
        self.paragraph(kind.upper(), bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=0)
        self.paragraph(summary, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
        self.rule(self.doc, 45, TEXT_WIDTH_MM)
        self.paragraph("", after=6)

    def closing(self, agency: Agency, recipients: tuple[str, ...] | list[str], authority: str, title: str,
                name: str, note: str = ""):
        """'Nơi nhận:' at the bottom left, the signature block at the bottom right."""
        t = self.doc.add_table(rows=1, cols=2)
        t.autofit = False
        _grid(t, [78, TEXT_WIDTH_MM - 78])
        _no_borders(t)
        _keep_together(t)
        left, right = t.rows[0].cells
        p = left.paragraphs[0]
        p.paragraph_format.space_before = Pt(12)
        self.run(p, "Nơi nhận:", bold=True, italic=True, size=12)
        items = list(recipients) or ["Lưu: VT"]
        for index, item in enumerate(items):
            line = left.add_paragraph()
            end = "." if index == len(items) - 1 else ";"
            self.run(line, f"- {item}{end}", size=11)
        center = WD_ALIGN_PARAGRAPH.CENTER
        p = right.paragraphs[0]
        p.paragraph_format.alignment = center
        p.paragraph_format.space_before = Pt(12)
        if authority:
            self.run(p, authority.upper(), bold=True, size=14)
            p = right.add_paragraph()
            p.paragraph_format.alignment = center
        self.run(p, title.upper(), bold=True, size=14)
        if note:
            p = right.add_paragraph()
            p.paragraph_format.alignment = center
            self.run(p, note, italic=True, size=13)
        for _ in range(4):  # room for the signature and the seal
            right.add_paragraph()
        p = right.add_paragraph()
        p.paragraph_format.alignment = center
        self.run(p, name, bold=True, size=14)
        return t

    def _page_numbers(self, section):
        """Page numbers centred at the top, none on the first page (Nghị định 30, Phụ lục I)."""
        section.different_first_page_header_footer = True
        p = section.header.paragraphs[0]
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        run.font.size = Pt(13)
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                node = OxmlElement("w:fldChar")
                node.set(qn("w:fldCharType"), kind)
            else:
                node = OxmlElement("w:instrText")
                node.set(qn("xml:space"), "preserve")
                node.text = text
            run._r.append(node)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return normalise_zip(buffer.getvalue(), self.stamp)


def normalise_zip(data: bytes, stamp: dt.date) -> bytes:
    """The same document, with fixed zip times and metadata dates: equal content, equal bytes."""
    moment = f"{stamp.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = _CORE_DATES.sub(lambda m: m[1] + moment + m[2], blob)
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)
    return out.getvalue()


def _grid(table, widths_mm: list[float]) -> None:
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        node.set(qn("w:val"), "nil")
        borders.append(node)
    table._tbl.tblPr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)


def _cant_split(row) -> None:
    node = OxmlElement("w:cantSplit")
    node.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(node)


def _keep_together(table) -> None:
    """The closing blocks stay on one page: the signature never sits alone on the next one."""
    for row in table.rows:
        _cant_split(row)


def _language(style, tag: str) -> None:
    r_pr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    r_pr.append(lang)
