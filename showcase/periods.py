"""Reporting periods, defined once for the reports, the documents and the statistics page.

Which date counts: a profile belongs to a period when its `published` date (the day it went
public) falls inside the period, for every kind of period. One date for all, so the two
halves of a year always add up to the year. (The selection year decides only the quota:
"at most N per unit per year" is judged on the selection year, as the validator does.)

Kinds of period:

- a calendar year (1 January - 31 December) and its halves (January-June, July-December);
- the cut-off periods of Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ quan hành chính nhà
  nước), Article 12: the six-month report counts from 15 December of the previous year to
  14 June, the annual report from 15 December of the previous year to 14 December. We could
  not read the decree's text from here; the dates are the ones the issue quotes and the ones
  offices apply. The second half of a cut-off year (15 June - 14 December) is derived so
  that the two halves add up to the cut-off year;
- any range of days (`--from/--to`).

Every period knows the previous period of the same length, for the comparison table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

CUTOFF_DAY = 15  # the cut-off periods start on the 15th and end on the 14th
DECREE = "Nghị định số 09/2019/NĐ-CP"
_HALF = re.compile(r"^(\d{4})-(?:H|6T)?([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
MIN_YEAR, MAX_YEAR = 1945, 2999


def vi_date(day: dt.date) -> str:
    """'ngày 12 tháng 4 năm 2024'; days below 10 and the months 1 and 2 take a leading zero
    (Nghị định 30/2020/NĐ-CP, Phụ lục I), so 'ngày 05 tháng 01 năm 2025'."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class Period:
    year: int  # the reporting year (for a range, the year of its last day)
    half: int | None = None  # 1: first six months, 2: last six months, None: the whole year
    cutoff: bool = False  # the cut-off dates of Nghị định 09/2019/NĐ-CP instead of the calendar
    days: tuple[dt.date, dt.date] | None = None  # an explicit range (first, last), both included

    # -- construction --------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, cutoff: bool = False) -> Period:
        """'2024' (a year) or '2024-1' / '2024-H1' (a half); raises ValueError in Vietnamese."""
        value = str(text).strip()
        if _YEAR.match(value):
            return cls(_year(value), None, cutoff)
        match = _HALF.match(value)
        if match:
            return cls(_year(match[1]), int(match[2]), cutoff)
        raise ValueError(f"Kỳ báo cáo “{text}” không hợp lệ: viết dạng 2024 (cả năm), "
                         "2024-1 (6 tháng đầu năm) hoặc 2024-2 (6 tháng cuối năm).")

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> Period:
        if last < first:
            raise ValueError(f"Ngày kết thúc ({short_date(last)}) trước ngày bắt đầu ({short_date(first)}).")
        return cls(last.year, None, False, (first, last))

    # -- bounds ----------------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        if self.days:
            return self.days[0]
        if self.cutoff:
            return dt.date(self.year, 6, CUTOFF_DAY) if self.half == 2 else dt.date(self.year - 1, 12, CUTOFF_DAY)
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        if self.days:
            return self.days[1]
        if self.cutoff:
            return dt.date(self.year, 6, CUTOFF_DAY - 1) if self.half == 1 else dt.date(self.year, 12, CUTOFF_DAY - 1)
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    def includes(self, exemplar) -> bool:
        return self.start <= exemplar.published <= self.end

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if self.days:
            before = self.start - dt.timedelta(days=1)
            return Period.between(before - dt.timedelta(days=self.length - 1), before)
        if self.half == 1:
            return Period(self.year - 1, 2, self.cutoff)
        if self.half == 2:
            return Period(self.year, 1, self.cutoff)
        return Period(self.year - 1, None, self.cutoff)

    # -- words -----------------------------------------------------------------------------

    @property
    def is_annual(self) -> bool:
        return self.days is None and self.half is None

    @property
    def label(self) -> str:
        """"năm 2024", "6 tháng đầu năm 2024", "kỳ từ ngày 01/03/2025 đến ngày 31/05/2025"."""
        if self.days:
            return f"kỳ từ ngày {short_date(self.start)} đến ngày {short_date(self.end)}"
        if self.half is None:
            return f"năm {self.year}"
        return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {self.year}"


    @property
    def rule(self) -> str:
        """Which profiles the period counts, in words for the report's reader."""
        span = f"từ {vi_date(self.start)} đến {vi_date(self.end)}"
        text = f"các điển hình được đăng công khai {span}"
        if self.cutoff:
            kind = "hằng năm" if self.half is None else "6 tháng"
            text += f" (thời gian chốt số liệu báo cáo định kỳ {kind} theo {DECREE})"
        return text


def parse_day(text: str) -> dt.date:
    """'2025-03-01' or '01/03/2025'; raises ValueError in Vietnamese."""
    value = str(text).strip()
    match = _ISO.match(value)
    parts = (match[1], match[2], match[3]) if match else None
    if parts is None and (match := _VN.match(value)):
        parts = (match[3], match[2], match[1])
    if parts is None:
        raise ValueError(f"Ngày “{text}” không hợp lệ: viết dạng 2025-03-01 hoặc 01/03/2025.")
    try:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"Ngày “{text}” không có thật trên lịch.") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"Ngày “{text}” nằm ngoài khoảng năm {MIN_YEAR}-{MAX_YEAR}.")
    return day


def _year(text: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Năm {year} nằm ngoài khoảng {MIN_YEAR}-{MAX_YEAR}.")
    return year
