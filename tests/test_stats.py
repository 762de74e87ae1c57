"""The statistics page: the report's figures as static, script-free, reproducible SVG charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from showcase.report import DIMENSIONS, Period, build_report, markdown_table
from showcase.repository import load_showcase
from showcase.stats_pages import stats_files

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def showcase(tmp_path):
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    shutil.copy(ROOT / "criteria.yml", tmp_path / "criteria.yml")
    return load_showcase(tmp_path, today=dt.date(2026, 1, 10)).showcase


def generate(showcase) -> dict[str, str]:
    return {f.src_uri: f.content for f in stats_files(showcase, "https://example.gov.vn/")}


def test_page_and_one_chart_per_dimension_and_per_year(showcase):
    files = generate(showcase)
    assert set(files) == {"thong-ke/index.md", "thong-ke/nam.svg", *(f"thong-ke/{d}.svg" for d in DIMENSIONS)}
    page = files["thong-ke/index.md"]
    assert page.startswith("# Thống kê điển hình tiên tiến năm 2024\n")
    for target in re.findall(r"!\[[^\]]+\]\(([^)]+)\)", page):
        assert f"thong-ke/{target}" in files


def test_page_shows_the_same_figures_as_the_annual_report(showcase):
    page = generate(showcase)["thong-ke/index.md"]
    report = build_report(showcase, Period(2024))
    for dim, heading in DIMENSIONS.items():
        table = markdown_table([heading, "Số điển hình"], [[r.label, r.count] for r in report.tables[dim]])
        assert table in page
    assert "| Do đơn vị cấp cơ sở đề xuất | 2 (40,0%) |" in page  # counted by publication date (showcase.periods)
    assert "| 2023 | 1 |\n| 2024 | 5 |" in page  # per selection year; the withdrawn a5 is not counted


def test_charts_carry_the_counts_and_no_script(showcase):
    files = generate(showcase)
    for name, content in files.items():
        if not name.endswith(".svg"):
            continue
        root = ET.fromstring(content.encode("utf-8"))
        assert root.tag == f"{SVG}svg"
        assert not root.findall(f".//{SVG}script"), name
        assert "<!--" not in content and "<script" not in content
        assert not re.search(r"(?:href|src)=\"(?:https?:)?//", content), f"{name} loads something from a host"
    unit_chart = ET.fromstring(files["thong-ke/unit.svg"].encode("utf-8"))
    assert unit_chart.find(f"{SVG}title").text == "Số điển hình theo đơn vị đề xuất"
    texts = [t.text for t in unit_chart.iter(f"{SVG}text")]
    assert "Sở Nội vụ tỉnh Ninh Bình" in texts and "Sở Y tế tỉnh Đắk Lắk" in texts
    values = [t.text for t in unit_chart.iter(f"{SVG}text") if "value" in (t.get("class") or "")]
    assert sorted(values) == ["1", "1", "1", "2"]  # 2024 by publication date: a1 a2 | a3 | a4 | a6


def test_build_is_reproducible(showcase):
    assert generate(showcase) == generate(showcase)


def test_long_labels_are_shortened_on_the_chart_only(showcase):
    unit = showcase.units["so-y-te"]
    long_name = "Trung tâm Kiểm soát bệnh tật và Chăm sóc sức khỏe cộng đồng tỉnh Đắk Lắk"
    showcase.units["so-y-te"] = dataclasses.replace(unit, name=long_name)
    files = generate(showcase)
    assert long_name in files["thong-ke/index.md"]
    assert long_name not in files["thong-ke/unit.svg"]
    assert "Trung tâm Kiểm soát bệnh tật và Chăm sóc sức…" in files["thong-ke/unit.svg"]


def test_empty_showcase_gives_a_page_without_charts(showcase):
    showcase.exemplars = {}
    files = generate(showcase)
    assert list(files) == ["thong-ke/index.md"]
    assert "Chưa có hồ sơ" in files["thong-ke/index.md"]
