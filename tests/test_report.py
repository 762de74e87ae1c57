"""Reports against tests/fixtures/report, whose counts are known.

The fixture: units so-noi-vu (province), ubnd-xa-a and ubnd-xa-b (local, grassroots),
so-y-te (province). Profiles (selection year, unit, published):
  a1 2024 so-noi-vu 2024-03-10 · a2 2024 so-noi-vu 2024-08-20 · a3 2024 ubnd-xa-a 2024-05-02
  a4 2024 ubnd-xa-b 2024-12-01 · a5 2024 ubnd-xa-a 2024-04-01, withdrawn
  a6 2023 so-y-te 2024-02-01 · a7 2024 ubnd-xa-b 2025-01-15
A profile counts in the period of its `published` date (showcase.periods), so the halves add up
to the year: 2024 has a1 a2 a3 a4 a6; 2024-H1 has a1 a3 a6; 2024-H2 has a2 a4; a7 is in 2025-H1.
Quotas are still judged on the selection year (a1 a2 a3 a4 a7 for 2024).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from showcase.report import Period, build_report, render_csv, render_markdown
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report"
SCRIPT = ROOT / "scripts" / "report.py"
TODAY = dt.date(2026, 1, 10)


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "criteria.yml", tmp_path / "criteria.yml")
    return tmp_path


@pytest.fixture
def showcase(repo):
    result = load_showcase(repo, today=TODAY)
    assert not result.errors, result.errors
    return result.showcase


def counts(report, dim: str) -> dict[str, int]:
    return {row.key: row.count for row in report.tables[dim]}


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=repo, capture_output=True, text=True)


def test_year_counts_by_publication_date_and_skips_withdrawn(showcase):
    report = build_report(showcase, Period(2024))
    assert report.total == 5
    assert counts(report, "unit") == {"so-noi-vu": 2, "ubnd-xa-b": 1, "ubnd-xa-a": 1, "so-y-te": 1}
    assert counts(report, "kind") == {"collective": 3, "individual": 1, "household": 1}
    assert counts(report, "category") == {"advanced-exemplar": 3, "new-model": 1, "good-deed": 1, "new-factor": 0}
    assert counts(report, "province") == {"ninh-binh": 2, "dak-lak": 3}
    fields = counts(report, "field")
    assert [fields[k] for k in ("agriculture", "digital-transformation", "health", "education")] == [2, 1, 2, 0]
    assert sum(fields.values()) == 5 and len(fields) == len(showcase.criteria.vocabularies["fields"])
    # A profile counts once in each of its movements; a movement that ended in 2015 is not listed.
    assert counts(report, "movement") == {"nong-thon-moi": 4, "chuyen-doi-so": 2}
    halves = [build_report(showcase, Period(2024, h)).total for h in (1, 2)]
    assert sum(halves) == report.total  # the halves add up to the year


def test_grassroots_share_and_units_without_exemplar(showcase):
    report = build_report(showcase, Period(2024))
    assert (report.grassroots, report.grassroots_share) == (2, 0.4)
    assert [row.key for row in report.below_minimum] == []
    assert [row.key for row in build_report(showcase, Period(2025)).below_minimum] == ["so-noi-vu", "so-y-te",
                                                                                       "ubnd-xa-a"]
    assert report.over_quota == []


@pytest.mark.parametrize("period, total, units, below", [
    (Period(2024, 1), 3, {"so-noi-vu": 1, "ubnd-xa-a": 1, "so-y-te": 1, "ubnd-xa-b": 0}, ["ubnd-xa-b"]),
    (Period(2024, 2), 2, {"so-noi-vu": 1, "ubnd-xa-b": 1, "ubnd-xa-a": 0, "so-y-te": 0}, ["so-y-te", "ubnd-xa-a"]),
    (Period(2025, 1), 1, {"ubnd-xa-b": 1, "so-noi-vu": 0, "ubnd-xa-a": 0, "so-y-te": 0},
     ["so-y-te", "so-noi-vu", "ubnd-xa-a"]),
])
def test_half_years_count_by_published_date(showcase, period, total, units, below):
    report = build_report(showcase, period)
    assert report.total == total
    assert counts(report, "unit") == units
    assert sorted(row.key for row in report.below_minimum) == sorted(below)


def test_units_over_quota_name_every_profile(showcase):
    a1 = showcase.exemplars["a1-le-van-an"]
    extra = {slug: dataclasses.replace(a1, slug=slug, name=slug, published=dt.date(2024, 9, 1))
             for slug in ("a8-extra", "a9-extra")}
    extra["a10-withdrawn"] = dataclasses.replace(a1, slug="a10-withdrawn", status="withdrawn")
    showcase.exemplars.update(extra)
    report = build_report(showcase, Period(2024, 2))
    over = report.over_quota
    assert [(o.unit, o.count) for o in over] == [("so-noi-vu", 4)]
    assert over[0].slugs == ("a1-le-van-an", "a2-htx-hoa-binh", "a8-extra", "a9-extra")
    assert report.quota == 3
    text = render_markdown(report)
    assert "## Đơn vị vượt hạn mức năm 2024" in text
    assert "| Sở Nội vụ tỉnh Ninh Bình | 4 | Lê Văn An, Hợp tác xã Hòa Bình, a8-extra, a9-extra |" in text


def test_minimum_from_criteria_applies_to_years_only(showcase):
    showcase.criteria = dataclasses.replace(showcase.criteria, min_per_unit_per_year=2)
    assert [r.key for r in build_report(showcase, Period(2024)).below_minimum] == ["so-y-te", "ubnd-xa-a",
                                                                                   "ubnd-xa-b"]
    assert [r.key for r in build_report(showcase, Period(2024, 2)).below_minimum] == ["so-y-te", "ubnd-xa-a"]
    assert "chưa đủ 2 điển hình trong năm 2024" in render_markdown(build_report(showcase, Period(2024)))


def test_markdown_has_vietnamese_headings_and_tables(showcase):
    text = render_markdown(build_report(showcase, Period(2024, 1)))
    assert text.startswith("# Báo cáo điển hình tiên tiến 6 tháng đầu năm 2024\n")
    assert "từ ngày 01 tháng 01 năm 2024 đến ngày 30 tháng 6 năm 2024" in text
    assert "`" not in text.split("## Hồ sơ chưa")[0] and "H1" not in text  # no field names, codes or ids
    for heading in ("## Tổng hợp", "## Theo đơn vị đề xuất", "## Theo lĩnh vực", "## Theo phong trào thi đua",
                    "## Theo loại điển hình", "## Theo nhóm điển hình", "## Theo tỉnh, thành phố",
                    "## Đơn vị chưa có điển hình nào trong 6 tháng đầu năm 2024"):
        assert heading + "\n" in text
    assert "| Tổng số điển hình | 3 |" in text
    assert "| Do đơn vị cấp cơ sở đề xuất | 1 (33,3%) |" in text
    assert "- UBND xã Bình Minh\n" in text
    assert "Phạm Thị Năm" not in text and "a5-" not in text


def test_csv_rows_carry_period_section_key_label_count(showcase):
    text = render_csv(build_report(showcase, Period(2024)))
    rows = [row[:3] + row[4:] for row in csv.reader(io.StringIO(text), delimiter=";")]  # Excel (vi) splits on ";"
    assert rows[0] == ["Kỳ báo cáo", "Từ ngày", "Đến ngày", "Mã", "Tên", "Số lượng", "Ghi chú"]
    assert all(row[:3] == ["năm 2024", "01/01/2024", "31/12/2024"] for row in rows[1:])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    by_key = {(row[3], row[4]): row[3:] for row in rows[1:]}
    assert by_key[("Tổng hợp", "tong-so")][3] == "5"
    assert by_key[("Tổng hợp", "co-so")][3:] == ["2", "40,0%"]
    assert by_key[("Đơn vị đề xuất", "so-noi-vu")][2:4] == ["Sở Nội vụ tỉnh Ninh Bình", "2"]
    assert by_key[("Tỉnh, thành phố", "dak-lak")][3] == "3"
    assert by_key[("Tổng hợp", "ky-truoc")][2:4] == ["Tổng số điển hình năm 2023", "0"]
    assert ("Đơn vị chưa có điển hình nào trong năm 2025", "so-y-te") in {
        (row[3], row[4]) for row in csv.reader(io.StringIO(render_csv(build_report(showcase, Period(2025)))),
                                               delimiter=";")}


def test_script_prints_markdown_and_writes_csv_for_excel(repo, tmp_path_factory):
    out = run(repo, "--year", "2024")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Báo cáo điển hình tiên tiến năm 2024")
    target = tmp_path_factory.mktemp("out") / "bao-cao.csv"
    out = run(repo, "--half", "2024-H1", "--csv", "--output", str(target))
    assert out.returncode == 0, out.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel shows the diacritics
    assert "6 tháng đầu năm 2024;01/01/2024;30/06/2024;Tổng hợp;tong-so;Tổng số điển hình;3;" in raw.decode("utf-8-sig")


def test_script_lists_profiles_left_out_because_of_errors(repo):
    """Over quota, the validator rejects every profile involved: the report names them instead of hiding them."""
    text = (repo / "exemplars" / "a1-le-van-an.md").read_text(encoding="utf-8")
    for n, name in enumerate(["Đỗ Văn Một", "Đỗ Văn Hai"], start=8):
        (repo / "exemplars" / f"a{n}-extra.md").write_text(text.replace("Lê Văn An", name), encoding="utf-8")
    out = run(repo, "--year", "2024")
    assert out.returncode == 0
    assert "4 hồ sơ còn lỗi nên chưa được tính" in out.stderr
    assert "## Hồ sơ chưa được tính vì còn lỗi" in out.stdout
    assert "| exemplars/a8-extra.md | DH501 |" in out.stdout
    assert "| Tổng số điển hình | 3 |" in out.stdout  # a3, a4, a6: published in 2024 and valid


@pytest.mark.parametrize("args, expected", [
    ([], "cần một trong các tham số: --year --half --from"),
    (["--year", "2024", "--half", "2024-H1"], "không dùng --half cùng với --year"),
    (["--year", "hai nghìn"], "Kỳ báo cáo “hai nghìn” không hợp lệ"),
    (["--year", "2024-H1"], "--year nhận một năm"),
    (["--half", "2024"], "--half cần dạng 2024-1"),
    (["--half", "2024-H3"], "không hợp lệ"),
])
def test_bad_usage_exits_2(repo, args, expected):
    out = run(repo, *args)
    assert out.returncode == 2
    assert expected in out.stderr and "Traceback" not in out.stderr


def test_period_parsing_and_bounds():
    assert Period.parse("2024-h2") == Period(2024, 2)
    assert (Period(2024, 2).start, Period(2024, 2).end) == (dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    assert Period(2024).label == "năm 2024" and Period(2024, 1).label == "6 tháng đầu năm 2024"
