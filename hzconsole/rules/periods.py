"""Calendar periods of the patrol norms: week (Mon–Sun), 旬 (1–10, 11–20, 21–end), month,
quarter; with the Chinese labels documents use."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import NamedTuple

from hzconsole.text import cn_date


class Period(NamedTuple):
    # A named tuple: compliance hashes and sorts tens of thousands of periods on a ten-year
    # file's 首页, and a tuple's hash and order are C's (a dataclass's are Python's).
    start: date
    end: date  # inclusive
    kind: str
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def month_label(year: int, month: int) -> str:
    """2024年10月: how a month is named, as a period and in reports."""
    return f"{year}年{month}月"


def quarter_name(quarter: int) -> str:
    """第四季度: reports write the quarter in Chinese numerals."""
    return f"第{'一二三四'[quarter - 1]}季度"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_of(kind: str, day: date) -> Period:
    """The period of `kind` that contains `day`."""
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        iso_year, week, _ = start.isocalendar()
        return Period(start, start + timedelta(days=6), kind, f"{iso_year}年第{week}周")
    if kind == "xun":
        if day.day <= 10:
            return Period(day.replace(day=1), day.replace(day=10), kind, f"{day.year}年{day.month}月上旬")
        if day.day <= 20:
            return Period(day.replace(day=11), day.replace(day=20), kind, f"{day.year}年{day.month}月中旬")
        return Period(day.replace(day=21), _month_end(day.year, day.month), kind, f"{day.year}年{day.month}月下旬")
    if kind == "month":
        return Period(day.replace(day=1), _month_end(day.year, day.month), kind, month_label(day.year, day.month))
    if kind == "quarter":
        q = (day.month - 1) // 3
        start = date(day.year, q * 3 + 1, 1)
        return Period(start, _month_end(day.year, q * 3 + 3), kind, f"{day.year}年第{q + 1}季度")
    raise ValueError(f"unknown period kind {kind!r}")


def periods_ending_in(kind: str, start: date, end: date) -> list[Period]:
    """Periods whose last day falls within [start, end]: consecutive ranges (months of a
    year) each get every period exactly once, with no gaps."""
    out = []
    p = period_of(kind, start)
    if p.end < start:  # cannot happen, but keeps the loop honest
        p = period_of(kind, p.end + timedelta(days=1))
    while p.end <= end:
        out.append(p)
        p = period_of(kind, p.end + timedelta(days=1))
    return out


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def half_range(year: int, half: int) -> tuple[date, date]:
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), _month_end(year, month)


def quarter_range(year: int, quarter: int) -> tuple[date, date]:
    return date(year, quarter * 3 - 2, 1), _month_end(year, quarter * 3)


def short_label(period: Period, year: int | None = None) -> str:
    """How a report of `year` names a period: 10月, 10月中旬, 第三季度, and a week by its
    days, 9月30日—10月6日 (not an ISO week number, which no clerk counts in); the year is
    written only where it differs from `year`."""

    def day(d: date) -> str:
        return cn_date(d) if d.year != year else f"{d.month}月{d.day}日"

    if period.kind == "week":
        same_month = (period.start.year, period.start.month) == (period.end.year, period.end.month)
        end = f"{period.end.day}日" if same_month else day(period.end)
        return f"{day(period.start)}\u2014{end}"
    if period.kind == "quarter":
        name = quarter_name((period.start.month - 1) // 3 + 1)
        return name if period.start.year == year else f"{period.start.year}年{name}"
    label = period.label
    if period.start.year == year:
        label = label.removeprefix(f"{year}年")
    return label
