"""The publication calendar: anniversaries from `calendar.yml`, a site page and an iCalendar feed.

Builds are deterministic, so "coming" is measured from the content, not the wall clock: the
reference date is the latest `published` date among the public profiles (the page says
so). With no profile yet, the page lists the anniversaries in calendar order instead.

The feed (`lich.ics`) is written with the maintained `icalendar` package, which takes care
of RFC 5545's CRLF line ends, line folding at 75 octets and text escaping: one all-day
event per entry, repeating every year unless the entry says `yearly: false`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import icalendar

from .generated import GeneratedFile
from .load import load_yaml_file
from .markup import Markdown, markdown_text
from .model import Showcase
from .problems import Problem, ProblemError
from .report import markdown_table
from .text import slugify

FILE = "calendar.yml"
PAGE = "lich/index.md"
FEED = "lich.ics"
ROUND_EVERY = 5  # 50, 75, 80, 120 years… are "năm tròn"
WINDOW_DAYS = 365


@dataclass(frozen=True)
class Event:
    date: dt.date
    name: str
    yearly: bool = True
    note: str = ""


@dataclass(frozen=True)
class Occurrence:
    date: dt.date
    event: Event

    @property
    def years(self) -> int | None:
        """How many years since the original date; None for a one-off event."""
        return self.date.year - self.event.date.year if self.event.yearly else None

    @property
    def is_round(self) -> bool:
        return bool(self.years) and self.years % ROUND_EVERY == 0


def load_calendar(root: Path) -> list[Event]:
    """The entries of `calendar.yml`; none when the file is absent; a located `ProblemError` when wrong."""
    path = Path(root) / FILE
    if not path.is_file():
        return []
    data, lines = load_yaml_file(path, FILE)

    def fail(message: str, *keys) -> ProblemError:
        return ProblemError(Problem("DH011", FILE, lines.get(keys) if keys else 1, message,
                                    "Mỗi mục cần `date: NĂM-THÁNG-NGÀY` và `name: …`; xem hướng dẫn ở đầu tệp."))

    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise fail("calendar.yml cần mục `events:` là một danh sách ngày kỷ niệm.")
    events = []
    for index, entry in enumerate(data["events"]):
        where = ("events", index)
        if not isinstance(entry, dict):
            raise fail("Mỗi ngày kỷ niệm là một nhóm `date`, `name`.", *where)
        unknown = sorted(set(entry) - {"date", "name", "yearly", "note"}, key=str)  # keys may be numbers
        if unknown:
            raise fail(f"Trường `{unknown[0]}` không dùng được; chỉ có `date`, `name`, `yearly`, `note`.",
                       *where, unknown[0])
        date, name = entry.get("date"), entry.get("name")
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise fail("`date` phải là một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 1948-06-11.", *where, "date")
        if not isinstance(name, str) or not name.strip():
            raise fail("Thiếu tên ngày kỷ niệm (`name`).", *where)
        yearly = entry.get("yearly", True)
        if not isinstance(yearly, bool):
            raise fail("`yearly` là `true` (hằng năm) hoặc `false` (một lần).", *where, "yearly")
        note = entry.get("note") or ""
        if not isinstance(note, str):
            raise fail("`note` phải là một đoạn chữ.", *where, "note")
        events.append(Event(date, " ".join(name.split()), yearly, note.strip()))
    return events


def occurrences(events: list[Event], start: dt.date, days: int = WINDOW_DAYS) -> list[Occurrence]:
    """Every occurrence on or after `start` and before `start + days`, by date."""
    end = start + dt.timedelta(days=days)
    found = []
    for event in events:
        years = range(start.year, end.year + 1) if event.yearly else [event.date.year]
        for year in years:
            day = _same_day_in(event.date, year)
            if start <= day < end and day >= event.date:
                found.append(Occurrence(day, event))
    return sorted(found, key=lambda o: (o.date, o.event.name))


def content_date(showcase: Showcase) -> dt.date | None:
    """The reference date of a build: the latest `published` date of a public profile."""
    return max((e.published for e in showcase.public_exemplars()), default=None)


def calendar_files(showcase: Showcase, site_url: str) -> Iterator[GeneratedFile]:
    """Generator for the site: the calendar page and the iCalendar feed."""
    events = load_calendar(showcase.root)
    today = content_date(showcase)
    yield GeneratedFile(PAGE, render_page(events, today, site_url))  # no "edit" pencil: a public page
    yield GeneratedFile(FEED, render_ics(events, today or _latest(events), site_url))


def render_page(events: list[Event], today: dt.date | None, site_url: str) -> str:
    out = ["# Lịch kỷ niệm", "",
           "Các kế hoạch tuyên truyền yêu cầu tập trung giới thiệu điển hình tiên tiến nhân dịp các ngày lễ lớn, "
           "ngày kỷ niệm. Trang này giúp biên tập viên chuẩn bị hồ sơ trước các dịp đó.", ""]
    if today is None:
        out += ["Chưa có hồ sơ nào được đăng. Các ngày kỷ niệm trong năm:", "",
                markdown_table(["Ngày", "Sự kiện", "Mốc gốc"],
                               [[f"{e.date:%d/%m}" if e.yearly else _vn(e.date), e.name, _vn(e.date)]
                                for e in sorted(events, key=lambda e: (e.date.month, e.date.day, e.name))]), ""]
    else:
        coming = occurrences(events, today)
        out += [f"Các ngày trong 12 tháng kể từ ngày {_vn(today)}, ngày đăng của hồ sơ mới nhất trên trang "
                "(trang được dựng lại mỗi khi có hồ sơ mới). Năm kỷ niệm tròn được in đậm.", ""]
        rounds = [o for o in coming if o.is_round]
        if rounds:
            out += ["## Năm kỷ niệm tròn", ""]
            out += [f"- **{o.years} năm** {markdown_text(o.event.name)} ({_vn(o.event.date)} – {_vn(o.date)})"
                    for o in rounds]
            out.append("")
        out += ["## 12 tháng tới", "",
                markdown_table(["Ngày", "Sự kiện", "Kỷ niệm"], [_row(o) for o in coming])
                if coming else "Không có ngày kỷ niệm nào trong 12 tháng tới.", ""]
    feed = site_url.rstrip("/") + "/" + FEED if site_url else FEED
    out += ["## Thêm vào lịch của bạn", "",
            f"Tải tệp [{FEED}](../{FEED}) và mở bằng ứng dụng lịch, hoặc thêm lịch theo địa chỉ "
            f"<{feed}> (Google Lịch: Cài đặt → Thêm lịch → Từ URL) để luôn có danh sách mới nhất.", "",
            "Danh sách do cơ quan cập nhật: ngày thành lập tỉnh, ngày truyền thống ngành, ngày đại hội thi đua.",
            ""]
    return "\n".join(out)


def render_ics(events: list[Event], stamp: dt.date, site_url: str) -> bytes:
    host = urlparse(site_url).hostname or "localhost"
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Dien hinh tien tien//Lich ky niem//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", "Lịch kỷ niệm – Điển hình tiên tiến")
    cal.add("x-wr-calname", "Lịch kỷ niệm – Điển hình tiên tiến")
    for event in sorted(events, key=lambda e: (e.date, e.name)):
        item = icalendar.Event()
        item.add("uid", f"{event.date:%Y%m%d}-{slugify(event.name)}@{host}")
        item.add("dtstamp", dt.datetime.combine(stamp, dt.time(), dt.timezone.utc))
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
        if event.yearly:
            item.add("rrule", {"freq": "yearly"})
        item.add("summary", _ics_text(event.name))
        item.add("description", _ics_text(" ".join(filter(None, [f"Mốc gốc: {_vn(event.date)}.", event.note]))))
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    return cal.to_ical()


def _ics_text(value: str) -> str:
    """icalendar escapes `\\`, `;`, `,` and line ends (RFC 5545 TEXT); other control characters,
    which TEXT does not allow and some calendar programs read as line ends, become spaces."""
    return _CONTROL.sub(" ", value)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]")


def _row(o: Occurrence) -> list[str]:
    mark = f"{o.years} năm ({_vn(o.event.date)})" if o.years else ("Lần đầu" if o.event.yearly else "Một lần")
    cells = [_vn(o.date), o.event.name, mark]
    # Event names are text (markdown_table escapes them); bold round years are the page's own Markdown.
    return [Markdown(f"**{markdown_text(c)}**") for c in cells] if o.is_round else cells


def _same_day_in(date: dt.date, year: int) -> dt.date:
    try:
        return date.replace(year=year)
    except ValueError:  # 29 February in a common year
        return dt.date(year, 2, 28)


def _latest(events: list[Event]) -> dt.date:
    return max((e.date for e in events), default=dt.date(1970, 1, 1))


def _vn(date: dt.date) -> str:
    return f"{date:%d/%m/%Y}"
