"""The statistics page: the report's figures as tables with bars, script-free, style-free, reproducible."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from showcase.report import DIMENSIONS, Period, build_report
from showcase.repository import load_showcase
from showcase.stats_pages import stats_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report"


@pytest.fixture
def showcase(tmp_path):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "criteria.yml", tmp_path / "criteria.yml")
    return load_showcase(tmp_path, today=dt.date(2026, 1, 10)).showcase


def generate(showcase) -> dict[str, str]:
    return {f.src_uri: f.content for f in stats_files(showcase, "https://example.gov.vn/")}


def rows_of(page: str, caption: str) -> list[tuple[str, str]]:
    """(label, count) of the bar table with this caption."""
    table = page[page.index(f"<caption>{caption}</caption>"):]
    table = table[:table.index("</table>")]
    return re.findall(r'<th scope="row">([^<]*)</th><td class="sc-bars">.*?<span class="sc-num">([^<]*)</span>', table)


def test_one_page_with_a_bar_table_per_dimension_and_per_year(showcase):
    files = generate(showcase)
    assert set(files) == {"thong-ke/index.md"}  # no picture: the tables are the charts
    page = files["thong-ke/index.md"]
    assert "\n# Thống kê điển hình tiên tiến năm 2024\n" in page
    assert page.count('<table class="sc-stats sc-stats--bars">') == len(DIMENSIONS) + 1


def test_page_shows_the_same_figures_as_the_annual_report(showcase):
    page = generate(showcase)["thong-ke/index.md"]
    report = build_report(showcase, Period(2024))
    for dim, heading in DIMENSIONS.items():
        assert rows_of(page, f"Số điển hình theo {heading.lower()}, năm 2024") == \
            [(r.label, str(r.count)) for r in report.tables[dim]]
    assert '<th scope="row">Do đơn vị cấp cơ sở đề xuất</th><td class="sc-num">2 (40,0%)</td>' in page
    assert rows_of(page, "Số điển hình theo năm được lựa chọn") == [("2023", "1"), ("2024", "5")]  # a5 withdrawn


def test_bars_are_classes_never_inline_styles(showcase):
    """The CSP blocks inline styles: lengths and alignment are classes of thong-ke.css."""
    page = generate(showcase)["thong-ke/index.md"]
    assert "style=" not in page and "<script" not in page and "<svg" not in page
    widths = [int(w) for w in re.findall(r"sc-w-(\d+)", page)]
    assert widths and max(widths) == 100 and min(widths) >= 0
    css = (ROOT / "overrides/assets/stylesheets/thong-ke.css").read_text(encoding="utf-8")
    assert all(f".sc-w-{w} {{ width: {w}%; }}" in css for w in range(101))
    assert "prefers-color-scheme" not in css  # the site's toggle decides, not the phone's setting
    # Markdown tables would align with style="text-align: right"; none is left on the page.
    assert "| ---:" not in page and "---: |" not in page


def test_build_is_reproducible(showcase):
    assert generate(showcase) == generate(showcase)


def test_long_labels_are_never_cut(showcase):
    unit = showcase.units["so-y-te"]
    long_name = "Trung tâm Kiểm soát bệnh tật và Chăm sóc sức khỏe cộng đồng phường Buôn Ma Thuột, tỉnh Đắk Lắk"
    showcase.units["so-y-te"] = dataclasses.replace(unit, name=long_name)
    page = generate(showcase)["thong-ke/index.md"]
    assert f'<th scope="row">{long_name}</th>' in page
    assert "…" not in page


def test_public_words_only(showcase):
    """No command, file or field name on the public page."""
    page = generate(showcase)["thong-ke/index.md"]
    for word in ("scripts/", ".py", "`", "--year", "(trường", "status", "withdrawn"):
        assert word not in page, word


def test_empty_showcase_gives_a_page_without_charts(showcase):
    showcase.exemplars = {}
    files = generate(showcase)
    assert list(files) == ["thong-ke/index.md"]
    assert "Chưa có hồ sơ" in files["thong-ke/index.md"]
