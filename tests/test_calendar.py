"""The publication calendar: calendar.yml, the coming anniversaries, the iCalendar feed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest

from showcase.calendar import (Event, calendar_files, content_date, load_calendar, occurrences, render_ics,
                               render_page)
from showcase.problems import ProblemError
from showcase.repository import load_showcase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report"
SITE = "https://example.gov.vn/dien-hinh/"


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    for name in ("criteria.yml", "calendar.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def showcase(repo):
    return load_showcase(repo, today=dt.date(2026, 1, 10)).showcase


def files(showcase) -> dict[str, str | bytes]:
    return {f.src_uri: f.content for f in calendar_files(showcase, SITE)}


def test_shipped_calendar_has_the_anniversaries_the_plans_name():
    events = {(e.date, e.yearly) for e in load_calendar(ROOT)}
    for day in ("1948-06-11", "1975-04-30", "1945-09-02", "1944-12-22", "1975-03-10", "1890-05-19", "1904-11-22"):
        assert (dt.date.fromisoformat(day), True) in events, day
    names = [e.name for e in load_calendar(ROOT)]
    assert "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc" in names


def test_coming_anniversaries_with_round_years():
    coming = occurrences(load_calendar(ROOT), dt.date(2024, 11, 1))
    seen = {(o.date, o.years, o.is_round) for o in coming}
    assert (dt.date(2024, 11, 22), 120, True) in seen  # Đắk Lắk
    assert (dt.date(2024, 12, 22), 80, True) in seen  # Quân đội nhân dân Việt Nam
    assert (dt.date(2025, 3, 10), 50, True) in seen
    assert (dt.date(2025, 6, 11), 77, False) in seen
    assert (dt.date(2025, 9, 2), 80, True) in seen
    assert all(dt.date(2024, 11, 1) <= o.date < dt.date(2025, 11, 1) for o in coming)
    assert [o.date for o in coming] == sorted(o.date for o in coming)


def test_leap_day_and_one_off_events():
    leap = Event(dt.date(2000, 2, 29), "Sự kiện ngày nhuận")
    congress = Event(dt.date(2025, 10, 20), "Đại hội Thi đua yêu nước tỉnh lần thứ VII", yearly=False)
    coming = occurrences([leap, congress], dt.date(2025, 1, 1))
    assert [(o.date, o.years) for o in coming] == [(dt.date(2025, 2, 28), 25), (dt.date(2025, 10, 20), None)]
    assert occurrences([congress], dt.date(2026, 1, 1)) == []
    assert "| 20/10/2025 | Đại hội Thi đua yêu nước tỉnh lần thứ VII | Một lần |" in render_page(
        [congress], dt.date(2025, 1, 1), SITE)


def test_page_counts_from_the_latest_published_profile_not_the_wall_clock(showcase):
    assert content_date(showcase) == dt.date(2025, 1, 15)  # a7; withdrawn a5 does not count
    page = files(showcase)["lich/index.md"]
    assert "12 tháng kể từ ngày 15/01/2025" in page
    assert "## Năm kỷ niệm tròn" in page
    assert "- **80 năm** Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/09/1945 – 02/09/2025)" in page
    assert "| **02/09/2025** | **Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam** | **80 năm (02/09/1945)** |" \
        in page
    assert "| 11/06/2025 | Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc | 77 năm (11/06/1948) |" in page
    assert "](../lich.ics)" in page and "<https://example.gov.vn/dien-hinh/lich.ics>" in page
    assert files(showcase) == files(showcase)


def test_without_profiles_the_page_lists_the_year_in_order(showcase):
    showcase.exemplars = {s: dataclasses.replace(e, status="withdrawn") for s, e in showcase.exemplars.items()}
    page = files(showcase)["lich/index.md"]
    assert "Chưa có hồ sơ nào được đăng" in page
    assert page.index("| 10/03 |") < page.index("| 30/04 |") < page.index("| 22/12 |")


def test_ics_is_rfc5545_and_round_trips(showcase):
    raw = files(showcase)["lich.ics"]
    assert isinstance(raw, bytes)
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    cal = icalendar.Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == len(load_calendar(ROOT))
    assert len({str(e["uid"]) for e in events}) == len(events)
    by_name = {str(e["summary"]): e for e in events}
    call = by_name["Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"]
    assert call.decoded("dtstart") == dt.date(1948, 6, 11)
    assert call["rrule"]["FREQ"] == ["YEARLY"]
    assert str(call["dtstamp"].to_ical(), "ascii") == "20250115T000000Z"


def test_one_off_event_does_not_repeat():
    congress = Event(dt.date(2025, 10, 20), "Đại hội, lần thứ VII; tỉnh", yearly=False)
    cal = icalendar.Calendar.from_ical(render_ics([congress], dt.date(2025, 1, 1), SITE))
    (event,) = cal.walk("VEVENT")
    assert "rrule" not in event
    assert str(event["summary"]) == "Đại hội, lần thứ VII; tỉnh"


@pytest.mark.parametrize("text, line, message", [
    ("events:\n  - date: 1948-13-40\n    name: X\n", 2, None),
    ("events:\n  - date: 11/6/1948\n    name: X\n", 2, "`date` phải là một ngày"),
    ("events:\n  - date: 1948-06-11\n", 2, "Thiếu tên"),
    ("events:\n  - date: 1948-06-11\n    name: X\n    repeat: yes\n", 4, "Trường `repeat`"),
    ("events:\n  - date: 1948-06-11\n    name: X\n    yearly: hằng năm\n", 4, "`yearly` là `true`"),
    ("su-kien: []\n", 1, "cần mục `events:`"),
])
def test_errors_name_the_line_in_vietnamese(tmp_path, text, line, message):
    (tmp_path / "calendar.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ProblemError) as caught:
        load_calendar(tmp_path)
    problem = caught.value.problem
    assert (problem.path, problem.line) == ("calendar.yml", line)
    if message:
        assert message in problem.message


def test_missing_calendar_file_gives_no_events(tmp_path):
    assert load_calendar(tmp_path) == []
