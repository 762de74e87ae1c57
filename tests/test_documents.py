"""Documents the office sends (issue 15): periods, the Word and Excel reports, the nomination dossier.

Against tests/fixtures/report (see tests/test_report.py for its profiles), counted by publication
date, with commendations added here: a2 has a Bằng khen and a Danh hiệu thi đua, a3 a Bằng khen.
  2024 (calendar): a1 a2 a3 a4 a6 = 5; first half a1 a3 a6 = 3; second half a2 a4 = 2.
  Nghị định 09/2019 cut-off, first half of 2025 (15/12/2024 - 14/06/2025): a7 only.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from showcase.documents.agency import load_agency
from showcase.documents.report_docx import report_docx
from showcase.documents.report_xlsx import report_xlsx
from showcase.documents.site import document_files, download_links
from showcase.periods import Period, parse_day, vi_date
from showcase.report import build_report, render_csv
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report"
TODAY = dt.date(2026, 1, 10)
NAMES = {"a1": "Lê Văn An", "a2": "Hợp tác xã Hòa Bình", "a3": "Hộ ông Trần Văn Ba",
         "a4": "Trạm Y tế xã Bình Minh", "a6": "Khoa Nội Bệnh viện tỉnh", "a7": "Trường Tiểu học Bình Minh"}
AGENCY = """\
superior: "Ủy ban nhân dân tỉnh Ninh Bình"
issuer: "Sở Nội vụ"
abbreviation: "SNV"
place: "Ninh Bình"
signer:
  authority: "KT. GIÁM ĐỐC"
  title: "PHÓ GIÁM ĐỐC"
  name: "Nguyễn Văn Bình"
recipients:
  - "Ủy ban nhân dân tỉnh (để báo cáo)"
  - "Lưu: VT, TĐKT"
"""
COMMENDATIONS = {
    "a2-htx-hoa-binh.md": """commendations:
  - {title: "Bằng khen của Chủ tịch UBND tỉnh", form: certificate-of-merit, issuer: "Chủ tịch UBND tỉnh",
     decision: "Quyết định số 12/QĐ-UBND", date: 2024-03-05}
  - {title: "Tập thể lao động xuất sắc", form: emulation-title, issuer: "UBND tỉnh",
     decision: "Quyết định số 30/QĐ-UBND", date: 2024-06-01}
""",
    "a3-ho-ong-tran-van-ba.md": """commendations:
  - {title: "Bằng khen của Chủ tịch UBND tỉnh", form: certificate-of-merit, issuer: "Chủ tịch UBND tỉnh",
     decision: "Quyết định số 13/QĐ-UBND", date: 2024-04-05}
""",
}


@pytest.fixture
def repo(tmp_path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    shutil.copy(ROOT / "criteria.yml", target / "criteria.yml")
    (target / "agency.yml").write_text(AGENCY, encoding="utf-8")
    for name, block in COMMENDATIONS.items():
        path = target / "exemplars" / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\npublished:", "\n" + block + "published:", 1), encoding="utf-8")
    return target


@pytest.fixture
def showcase(repo):
    result = load_showcase(repo, today=TODAY)
    assert not result.errors, result.errors
    return result.showcase


def run(repo: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=repo, capture_output=True,
                          text=True)


def docx_text(path_or_bytes) -> tuple[Document, str]:
    doc = Document(path_or_bytes if isinstance(path_or_bytes, (str, Path)) else __import__("io").BytesIO(path_or_bytes))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return doc, "\n".join(parts)


def table_with(doc: Document, header: str):
    for table in doc.tables:
        if header in [c.text for c in table.rows[0].cells]:
            return table
    raise AssertionError(f"no table with the column {header!r}")


def listed_names(doc: Document) -> list[str]:
    table = table_with(doc, "Tên điển hình")
    return [row.cells[1].text for row in table.rows[1:]]


# --- Periods ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cutoff", [False, True])
def test_halves_add_up_to_the_year(showcase, cutoff):
    for year in (2023, 2024, 2025):
        whole = build_report(showcase, Period(year, cutoff=cutoff)).total
        halves = [build_report(showcase, Period(year, h, cutoff)).total for h in (1, 2)]
        assert sum(halves) == whole
        first, second = Period(year, 1, cutoff), Period(year, 2, cutoff)
        assert first.start == Period(year, cutoff=cutoff).start and second.end == Period(year, cutoff=cutoff).end
        assert second.start - first.end == dt.timedelta(days=1)


def test_cutoff_periods_of_decree_09_2019():
    assert (Period(2025, 1, True).start, Period(2025, 1, True).end) == (dt.date(2024, 12, 15), dt.date(2025, 6, 14))
    assert (Period(2025, cutoff=True).start, Period(2025, cutoff=True).end) == (dt.date(2024, 12, 15),
                                                                               dt.date(2025, 12, 14))
    assert "Nghị định số 09/2019/NĐ-CP" in Period(2025, 1, True).rule


def test_previous_period_has_the_same_length():
    assert Period(2025, 1).previous() == Period(2024, 2)
    assert Period(2025, 2).previous() == Period(2025, 1)
    assert Period(2025).previous() == Period(2024)
    span = Period.between(dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    before = span.previous()
    assert before.end == dt.date(2025, 2, 28) and before.length == span.length == 92


def test_vietnamese_labels_and_dates():
    assert Period(2024, 1).label == "6 tháng đầu năm 2024" and Period(2024, 2).label == "6 tháng cuối năm 2024"
    assert vi_date(dt.date(2024, 4, 12)) == "ngày 12 tháng 4 năm 2024"
    assert vi_date(dt.date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
    assert parse_day("01/03/2025") == parse_day("2025-03-01") == dt.date(2025, 3, 1)
    for bad in ("2025-02-30", "mai", "01/13/2025"):
        with pytest.raises(ValueError):
            parse_day(bad)
    assert Period.parse("2024-1") == Period.parse("2024-H1") == Period(2024, 1)


# --- Word ------------------------------------------------------------------------------------

def test_year_docx_has_the_decree_layout_the_list_and_the_figures(showcase, repo):
    report = build_report(showcase, Period(2024))
    data = report_docx(report, load_agency(repo), date=dt.date(2025, 1, 5), number="12", charts=True)
    doc, text = docx_text(data)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    mm = {side: round(getattr(section, f"{side}_margin").mm, 1) for side in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25 and 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman" and 13 <= doc.styles["Normal"].font.size.pt <= 14
    header = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert header[0].split("\n") == ["ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "SỞ NỘI VỤ", ""]
    assert header[1].split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert header[2] == "Số: 12/BC-SNV"
    assert header[3] == "Ninh Bình, ngày 05 tháng 01 năm 2025"
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].runs[0].italic
    titles = [p.text for p in doc.paragraphs if p.text]
    assert titles[0] == "BÁO CÁO"
    assert titles[1] == "Kết quả tuyên truyền, nhân rộng điển hình tiên tiến năm 2024"
    assert sorted(listed_names(doc)) == sorted(NAMES[k] for k in ("a1", "a2", "a3", "a4", "a6"))
    listing = table_with(doc, "Tên điển hình")
    assert [c.text for c in listing.rows[0].cells] == ["STT", "Tên điển hình", "Đơn vị đề xuất", "Lĩnh vực",
                                                       "Phong trào thi đua", "Khen thưởng"]
    row = next(r for r in listing.rows if r.cells[1].text == "Hợp tác xã Hòa Bình")
    assert row.cells[2].text == "Sở Nội vụ tỉnh Ninh Bình" and row.cells[3].text == "Chuyển đổi số"
    assert row.cells[5].text.split("\n") == ["Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 12/QĐ-UBND, 05/03/2024)",
                                             "Tập thể lao động xuất sắc (Quyết định số 30/QĐ-UBND, 01/06/2024)"]
    forms = {r.cells[1].text: r.cells[2].text for r in table_with(doc, "Hình thức khen thưởng").rows[1:]}
    assert forms["Bằng khen"] == "2" and forms["Tổng cộng"] == "3"
    matrix = table_with(doc, "Cả nước chung sức xây dựng nông thôn mới")
    cells = {r.cells[1].text: [c.text for c in r.cells[2:]] for r in matrix.rows[1:]}
    assert cells["Sở Nội vụ tỉnh Ninh Bình"][-1] == "2"
    compare = table_with(doc, "Tăng, giảm")
    assert [c.text for c in compare.rows[0].cells[1:3]] == ["Năm 2024", "Năm 2023"]
    assert [c.text for c in compare.rows[1].cells] == ["Tổng số điển hình", "5", "0", "tăng 5"]
    closing = [c.text for c in doc.tables[-1].rows[0].cells]
    assert closing[0].startswith("Nơi nhận:\n- Ủy ban nhân dân tỉnh (để báo cáo);\n- Lưu: VT, TĐKT.")
    assert closing[1].split("\n")[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] and closing[1].endswith("Nguyễn Văn Bình")
    from showcase.documents.charts import _font_path

    assert len(doc.inline_shapes) == (2 if _font_path() else 0)  # charts by unit and by field, given a font
    for leak in ("so-noi-vu", "`", "H1", "agriculture", "published", "withdrawn", "Phạm Thị Năm"):
        assert leak not in text


def test_half_docx_lists_the_half(showcase, repo):
    doc, text = docx_text(report_docx(build_report(showcase, Period(2024, 1)), load_agency(repo), charts=False))
    assert sorted(listed_names(doc)) == sorted(NAMES[k] for k in ("a1", "a3", "a6"))
    assert "Kết quả tuyên truyền, nhân rộng điển hình tiên tiến 6 tháng đầu năm 2024" in text
    assert "So sánh với 6 tháng cuối năm 2023" in text
    assert "Ninh Bình, ngày      tháng      năm 2024" in text  # the day is written when signing
    assert "Số:       /BC-SNV" in text


def test_script_writes_docx_and_xlsx_for_a_decree_09_period(repo, tmp_path):
    docx, xlsx = tmp_path / "bc.docx", tmp_path / "bc.xlsx"
    out = run(repo, "report.py", "--half", "2025-1", "--chot-so-lieu", "--docx", str(docx), "--xlsx", str(xlsx),
              "--ngay", "16/06/2025", "--so", "45")
    assert out.returncode == 0, out.stderr
    assert "Đã ghi báo cáo Word 6 tháng đầu năm 2025" in out.stderr and out.stdout == ""
    doc, text = docx_text(docx)
    assert listed_names(doc) == [NAMES["a7"]]
    assert "từ ngày 15 tháng 12 năm 2024 đến ngày 14 tháng 6 năm 2025" in text
    assert "Nghị định số 09/2019/NĐ-CP" in text and "Số: 45/BC-SNV" in text
    book = load_workbook(xlsx)
    rows = list(book["Danh sách điển hình"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [NAMES["a7"]]


# --- Excel -----------------------------------------------------------------------------------

def test_xlsx_has_a_sheet_per_breakdown_and_the_full_list(showcase, repo, tmp_path):
    path = tmp_path / "bc.xlsx"
    path.write_bytes(report_xlsx(build_report(showcase, Period(2024)), load_agency(repo)))
    book = load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Danh sách điển hình", "Theo đơn vị", "Theo lĩnh vực", "Theo phong trào",
                               "Theo loại", "Theo nhóm", "Theo tỉnh, thành phố", "Theo hình thức khen thưởng",
                               "Đơn vị và phong trào", "So sánh kỳ trước", "Hạn mức"]
    listing = list(book["Danh sách điển hình"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[1] for r in listing) == sorted(NAMES[k] for k in ("a1", "a2", "a3", "a4", "a6"))
    assert [r[0] for r in listing] == [1, 2, 3, 4, 5]
    units = {r[1]: r[2] for r in book["Theo đơn vị"].iter_rows(min_row=2, values_only=True)}
    assert units == {"Sở Nội vụ tỉnh Ninh Bình": 2, "UBND xã An Bình": 1, "UBND xã Bình Minh": 1,
                     "Sở Y tế tỉnh Đắk Lắk": 1, "Tổng cộng": 5}
    forms = {r[1]: r[2] for r in book["Theo hình thức khen thưởng"].iter_rows(min_row=2, values_only=True)}
    assert forms["Bằng khen"] == 2 and forms["Tổng cộng"] == 3
    summary = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(min_row=8, values_only=True)}
    assert summary["Tổng số điển hình"] == 5 and summary["Do đơn vị cấp cơ sở đề xuất"] == 2


def test_xlsx_keeps_formula_like_text_as_text(showcase, repo, tmp_path):
    showcase.exemplars["a1-le-van-an"].name = '=HYPERLINK("https://evil.example","Bấm")'
    path = tmp_path / "bc.xlsx"
    path.write_bytes(report_xlsx(build_report(showcase, Period(2024)), load_agency(repo)))
    cells = [c for row in load_workbook(path)["Danh sách điển hình"].iter_rows() for c in row]
    evil = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert evil and all(c.data_type == "s" for c in evil)
    assert b"<f>" not in zipfile.ZipFile(path).read("xl/worksheets/sheet2.xml")


def test_csv_is_semicolon_separated_with_bom_and_guarded(showcase, repo, tmp_path):
    showcase.exemplars["a1-le-van-an"].name = "=1+1"
    text = render_csv(build_report(showcase, Period(2024, 1)))
    header = text.splitlines()[0]
    assert header == "Kỳ báo cáo;Từ ngày;Đến ngày;Mục;Mã;Tên;Số lượng;Ghi chú"
    assert "6 tháng đầu năm 2024;01/01/2024;30/06/2024;Tổng hợp;tong-so;Tổng số điển hình;3;" in text
    assert "H1" not in text
    target = tmp_path / "bc.csv"
    out = run(repo, "report.py", "--half", "2024-1", "--csv", "--output", str(target))
    assert out.returncode == 0, out.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


# --- Scripts refuse what they cannot do -------------------------------------------------------

@pytest.mark.parametrize("make, expected", [
    (lambda tmp: str(tmp), "là một thư mục"),
    (lambda tmp: str(tmp / "bc.pdf"), "cần có đuôi .docx"),
    (lambda tmp: str(tmp / "khong-co" / "bc.docx"), "chưa có"),
])
def test_report_refuses_a_bad_output_path(repo, tmp_path, make, expected):
    out = run(repo, "report.py", "--year", "2024", "--docx", make(tmp_path))
    assert out.returncode == 2 and expected in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("args, expected", [
    (["--from", "2024-01-01"], "--from và --to phải đi cùng nhau"),
    (["--from", "2024-05-01", "--to", "2024-04-01"], "trước ngày bắt đầu"),
    (["--from", "2024-02-30", "--to", "2024-04-01"], "không có thật"),
    (["--year", "2024", "--so", "12/BC"], "--so là số văn bản"),
])
def test_report_bad_periods_exit_2(repo, args, expected):
    out = run(repo, "report.py", *args)
    assert out.returncode == 2 and expected in out.stderr and "Traceback" not in out.stderr


# --- agency.yml (DH013) -----------------------------------------------------------------------

@pytest.mark.parametrize("content, expected", [
    ("- một\n- hai\n", "cần các mục"),
    (AGENCY + "logo: x\n", "Mục `logo` không dùng được"),
    (AGENCY.replace('"SNV"', '"snv "'), "`abbreviation`"),
    (AGENCY.replace('issuer: "Sở Nội vụ"\n', ""), "Thiếu mục `issuer`"),
    (AGENCY.replace('place: "Ninh Bình"', "place: [1, 2]"), "phải là một dòng chữ"),
    (AGENCY.replace("Sở Nội vụ", "Sở Nội\u202e vụ"), "U+202E"),
    (AGENCY.replace("recipients:\n", "recipients: 3\n").split("  - ")[0], "là một danh sách"),
    (AGENCY.replace('"Nguyễn Văn Bình"', '"' + "A" * 200 + '"'), "quá 150 ký tự"),
    ('issuer: "Sở Nội vụ\n', "DH013"),
])
def test_dh013_agency_yml_wrong_shape(repo, tmp_path, content, expected):
    (repo / "agency.yml").write_text(content, encoding="utf-8")
    result = load_showcase(repo, today=TODAY)
    found = [p for p in result.errors if p.code == "DH013"]
    assert found and found[0].path == "agency.yml" and found[0].hint
    out = run(repo, "report.py", "--year", "2024", "--docx", str(tmp_path / "bc.docx"))
    assert out.returncode == 1 and "DH013" in out.stderr and expected in out.stderr + found[0].message
    assert "Traceback" not in out.stderr and not (tmp_path / "bc.docx").exists()


def test_dh013_near_miss_valid_agency_and_no_file(repo):
    assert not [p for p in load_showcase(repo, today=TODAY).problems if p.code == "DH013"]
    (repo / "agency.yml").unlink()
    assert not [p for p in load_showcase(repo, today=TODAY).problems if p.code == "DH013"]
    assert load_agency(repo).issuer == "Tên cơ quan ban hành"


# --- The nomination dossier -------------------------------------------------------------------

def test_dossier_has_cover_letter_and_a_summary_per_exemplar(repo, tmp_path):
    target = tmp_path / "ho-so.docx"
    out = run(repo, "dossier.py", "--unit", "so-noi-vu", "--year", "2024", "--output", str(target))
    assert out.returncode == 0, out.stderr
    doc, text = docx_text(target)
    assert "V/v giới thiệu điển hình tiên tiến năm 2024" in text
    assert "Kính gửi: Sở Nội vụ (Ủy ban nhân dân tỉnh Ninh Bình)" in text
    assert "Sở Nội vụ tỉnh Ninh Bình giới thiệu 02 điển hình tiên tiến (không quá 03 điển hình" in text
    assert sorted(listed_names(doc)) == ["Hợp tác xã Hòa Bình", "Lê Văn An"]
    assert text.count("BÁO CÁO TÓM TẮT THÀNH TÍCH") == 2
    assert "Hoàn thành vượt 20% kế hoạch năm." in text
    assert "Bằng khen của Chủ tịch UBND tỉnh (Quyết định số 12/QĐ-UBND, ngày 05 tháng 3 năm 2024)" in text
    assert "so-noi-vu" not in text and "consent" not in text


def test_dossier_refuses_an_invalid_profile_with_the_validators_messages(repo, tmp_path):
    path = repo / "exemplars" / "a1-le-van-an.md"
    path.write_text(path.read_text(encoding="utf-8").replace("field: agriculture", "field: agricultur"),
                    encoding="utf-8")
    target = tmp_path / "ho-so.docx"
    out = run(repo, "dossier.py", "--unit", "so-noi-vu", "--year", "2024", "--output", str(target))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "exemplars/a1-le-van-an.md" in out.stderr and "Cách sửa" in out.stderr and "Chưa tạo hồ sơ" in out.stderr
    assert not target.exists()
    # Near miss: another unit's dossier is not held back by that profile.
    out = run(repo, "dossier.py", "--unit", "ubnd-xa-b", "--year", "2024", "--output", str(target))
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("args, code, expected", [
    (["--unit", "so-noi-vuu", "--year", "2024"], 2, "có phải ý bạn là so-noi-vu"),
    (["--unit", "so-y-te", "--year", "2024"], 1, "chưa có điển hình nào được lựa chọn năm 2024"),
    (["--unit", "so-noi-vu", "--year", "2024-1"], 2, "--year nhận một năm"),
])
def test_dossier_usage_errors(repo, tmp_path, args, code, expected):
    out = run(repo, "dossier.py", *args, "--output", str(tmp_path / "x.docx"))
    assert out.returncode == code and expected in out.stderr and "Traceback" not in out.stderr


# --- The site's downloads ---------------------------------------------------------------------

def test_site_generates_the_current_years_documents_with_stable_bytes(showcase):
    first = {f.src_uri: f.data() for f in document_files(showcase, "")}
    assert set(first) == {"thong-ke/bao-cao-2024.docx", "thong-ke/bao-cao-2024.xlsx"}
    again = {f.src_uri: f.data() for f in document_files(showcase, "")}
    assert first == again
    assert "(bao-cao-2024.docx)" in download_links(showcase) and "(bao-cao-2024.xlsx)" in download_links(showcase)


def test_a_later_build_takes_the_documents_from_the_cache_until_what_they_show_changes(showcase, repo, monkeypatch):
    from showcase.documents import site as documents_site
    from showcase.forks import Later

    monkeypatch.setattr(documents_site, "_KEPT", {})
    first = {f.src_uri: f.data() for f in document_files(showcase, "")}
    cache = showcase.root / documents_site.CACHE
    assert len(list(cache.iterdir())) == 2
    monkeypatch.setattr(documents_site, "_KEPT", {})  # a new build process
    again = list(document_files(showcase, ""))
    assert all(isinstance(f.content, bytes) for f in again) and {f.src_uri: f.data() for f in again} == first
    for entry in cache.iterdir():
        entry.write_bytes(b"")  # unreadable or empty: made again
    monkeypatch.setattr(documents_site, "_KEPT", {})
    remade = list(document_files(showcase, ""))
    assert all(isinstance(f.content, Later) for f in remade) and {f.src_uri: f.data() for f in remade} == first
    (repo / "agency.yml").write_text(AGENCY.replace("Nguyễn Văn Bình", "Trần Thị Hoa"), encoding="utf-8")
    monkeypatch.setattr(documents_site, "_KEPT", {})
    changed = list(document_files(showcase, ""))
    assert all(isinstance(f.content, Later) for f in changed) and [f.data() for f in changed]
    assert len(list(cache.iterdir())) == 2  # the previous versions are gone


# --- What it looks like -----------------------------------------------------------------------

def test_docx_renders_as_a_vietnamese_administrative_document(showcase, repo, tmp_path):
    """LibreOffice turns the report into PDF, poppler into PNG: the first page is kept in tmp_path
    (page-1.png) to look at. Outside CI the test is skipped when LibreOffice is missing."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs LibreOffice (Debian libreoffice-writer) and poppler-utils: .ci/run installs them")
        pytest.skip("LibreOffice (soffice) or pdftoppm is not installed: apt-get install libreoffice-writer "
                    "poppler-utils")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(report_docx(build_report(showcase, Period(2024, 2)), load_agency(repo),
                                   date=dt.date(2025, 1, 5), number="12"))
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.stat().st_size > 1000
    subprocess.run([pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page-*1.png"))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout if shutil.which("pdftotext") else ""
    if text:
        lines = [line for line in text.splitlines() if line.strip()]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[0]  # the motto on the first line, top right
        assert lines[0].index("CỘNG HÒA") > len(lines[0]) // 3
        assert any("SỞ NỘI VỤ" in line for line in lines[:4]) and "Nơi nhận" not in lines[0]
        assert any("Ninh Bình, ngày 05 tháng 01 năm 2025" in line for line in lines[:6])
    from PIL import Image

    with Image.open(page) as image:
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.01  # A4 portrait
    print(f"first page: {page}")
