"""Turning spreadsheet cells into field input: dates typed every which way, Excel serials,
times, phone numbers stored as numbers, lengths in metres.

Each converter returns what the book's pydantic model accepts (so the model's own Chinese
messages apply) or raises ValueError with a Chinese message of its own.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from hzconsole import text as tx
from hzconsole.imports import messages as msg
from hzconsole.imports.hints import Hint, NeedsInput
from hzconsole.text import blank

# Brackets and marks that are not in the full-width ASCII block but mean the same.
_CJK_FORMS = str.maketrans(
    {"\u3010": "(", "\u3011": ")", "\u3014": "(", "\u3015": ")", "\ufe59": "(", "\ufe5a": ")", "\u3000": " "}
)


def fold(text: str) -> str:
    """Text as compared, never as stored: full-width digits, letters and punctuation
    (\uff08 \uff09 \uff0c \uff1a \uff1b \uff0e \uff0f \uff0d ...) and 【】〔〕 brackets to ASCII.

    Real ledgers mix both forms (填表人\uff1a / 填表人:), so every parser folds its input at
    the boundary and keeps the original text for storage and output.
    """
    return tx.ascii_forms(text).translate(_CJK_FORMS)


_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap-year bug)
# Serials 1990-01-01 .. 2100-12-31: a number in a date column outside this is not a date.
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415


def as_text(value: Any) -> str | None:
    """Any cell as text: 360981001.0 -> '360981001', a datetime -> '2024年6月17日'."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return tx.cn_date(value.date())
        return f"{tx.cn_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return tx.cn_date(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value).strip()


def serial_to_date(serial: float) -> date:
    return _EXCEL_EPOCH + timedelta(days=int(serial))


_WEEKDAY = re.compile(r"[((]?(星期|周|礼拜)[一二三四五六日天][))]?$")
_DATE_PREFIX = re.compile(
    r"^\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日号]?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]?|\d{8})"
)


def to_date(value: Any, year: int | None) -> date | None:
    """A date cell: a datetime, an Excel serial, 20240617, 6.17 (month.day) or any text
    form text.parse_date knows (2024.6.17, 2024年6月17日, 6月17日 with `year`)."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        raise ValueError(msg.TIME_NOT_DATE.format(value=as_text(value)))
    if isinstance(value, bool):
        raise ValueError(msg.NOT_A_DATE.format(value=value))
    if isinstance(value, int | float):
        return _number_date(value, year)
    return _text_date(str(value), year)


@lru_cache(maxsize=4096)
def _text_date(value: str, year: int | None) -> date | None:
    # Cached: a year of patrols has 366 dates, typed the same way 100,000 times.
    text = fold(value).strip()
    text = _WEEKDAY.sub("", text).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _number_date(float(text), year)
    if re.fullmatch(r"\d{1,2}\.\d{1,2}", text):
        return _month_day(text, year, value)
    try:
        return tx.parse_date(text, default_year=year)
    except ValueError:
        if year is None and re.match(r"^\d{1,2}\s*月\s*\d{1,2}\s*[日号]?$", text):
            raise NeedsInput(msg.DATE_NEEDS_YEAR.format(value=value), Hint.YEAR) from None
        raise


def _number_date(value: float, year: int | None) -> date:
    if _SERIAL_MIN <= value <= _SERIAL_MAX:
        return serial_to_date(value)
    if 19900101 <= value <= 21001231 and float(value).is_integer():
        return tx.parse_date(str(int(value)))
    if 1 <= value < 13 and not float(value).is_integer():
        # 6.17 typed into a General cell: the month and day, the year from the sheet.
        return _month_day(f"{value:.2f}".rstrip("0"), year, value)
    raise ValueError(msg.NOT_A_DATE.format(value=as_text(value)))


def _month_day(text: str, year: int | None, original: Any) -> date:
    if year is None:
        raise NeedsInput(msg.DATE_NEEDS_YEAR.format(value=as_text(original)), Hint.YEAR)
    month, day = (int(p) for p in text.split("."))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(msg.DATE_IMPOSSIBLE.format(value=as_text(original))) from None


def split_date_time(value: Any, year: int | None) -> tuple[date | None, str | None, str | None]:
    """A 巡河时间 cell that may hold a date, a time range or both:
    '2024-06-17 08:30-09:30' -> (date, '08:30', '09:30'); '8:30-9:10' -> (None, ...)."""
    if blank(value):
        return None, None, None
    if isinstance(value, datetime):
        start = None if value.time() == time(0, 0) else f"{value:%H:%M}"
        return value.date(), start, None
    if isinstance(value, date):
        return value, None, None
    if isinstance(value, time | float) and not isinstance(value, bool) and (isinstance(value, time) or 0 <= value < 1):
        return None, to_time(value), None
    if isinstance(value, int | float):
        return to_date(value, year), None, None
    text = fold(str(value)).strip()
    m = _DATE_PREFIX.match(text)
    day = None
    if m:
        day = to_date(m.group(1), year)
        text = text[m.end() :].strip()
    start, end = split_time_range(text) if text else (None, None)
    return day, start, end


_RANGE_SEP = re.compile(r"\s*(?:-|~|～|—|–|至|到)+\s*")


def split_time_range(value: Any) -> tuple[str | None, str | None]:
    """'08:30-09:30' / '8:30至9:10' / '8时30分~9时' -> ('08:30', '09:30')."""
    if blank(value):
        return None, None
    if isinstance(value, (time | datetime, float)):
        return to_time(value), None
    text = fold(str(value)).strip()
    parts = [p for p in _RANGE_SEP.split(text) if p]
    if len(parts) == 1:
        return to_time(parts[0]), None
    if len(parts) == 2:
        return to_time(parts[0]), to_time(parts[1])
    raise ValueError(msg.BAD_TIME_RANGE.format(value=value))


def to_time(value: Any) -> str | None:
    """A time cell as 'HH:MM' input for the model: a time, a datetime, a day fraction
    (0.354 = 08:30), or text such as 8:30, 8时30分, 8点半."""
    if blank(value):
        return None
    if isinstance(value, str):
        return _text_time(value)
    return _to_time(value)


@lru_cache(maxsize=4096)
def _text_time(value: str) -> str | None:
    return _to_time(value)


def _to_time(value: Any) -> str | None:
    if isinstance(value, datetime):
        return f"{value:%H:%M}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, bool):
        raise ValueError(msg.BAD_TIME.format(value=value))
    if isinstance(value, int | float):
        if 0 <= value < 1:
            minutes = round(value * 24 * 60)
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        if isinstance(value, int) and 0 <= value <= 23:
            return f"{value:02d}:00"
        raise ValueError(msg.BAD_TIME.format(value=as_text(value)))
    text = fold(str(value)).strip()
    text = re.sub(r"^(上午|早上|早)", "", text)
    afternoon = bool(re.match(r"^(下午|晚上)", text))
    text = re.sub(r"^(下午|晚上|中午)", "", text)
    text = text.replace("点半", ":30").replace("时半", ":30").replace("点", ":").replace(".", ":")
    text = re.sub(r":(\d{2}):\d{2}$", r":\1", text)  # 08:30:00
    if afternoon:
        m = re.match(r"^(\d{1,2})(.*)$", text)
        if m and int(m.group(1)) < 12:
            text = f"{int(m.group(1)) + 12}{m.group(2)}"
    return text


def _suffixes(what: str) -> tuple[tuple[str, float], ...]:
    # Longest first, so 千米 is read before 米 and km before m.
    return tuple(sorted(tx.unit_factors(what).items(), key=lambda unit: -len(unit[0])))


_LENGTH_UNITS = _suffixes("长度")
_TIME_UNITS = _suffixes("分钟数")


def to_number(value: Any, scale: float = 1.0, what: str = "数值") -> float | str | None:
    """A number cell, converted by the column's unit (米 -> 公里) unless the cell names its
    own unit ('1.2公里' in a 米 column, '1.5小时' in a 分钟 column)."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(msg.NOT_A_NUMBER.format(value=value))
    if isinstance(value, int | float):
        return round(value * scale, 6)
    text = fold(str(value)).strip()
    units = _TIME_UNITS if what == "分钟数" else _LENGTH_UNITS if what in ("里程", "长度") else ()
    for suffix, factor in units:
        if text.lower().endswith(suffix) and re.search(r"\d", text):
            number = tx.parse_number(text[: -len(suffix)].strip(), what=what)
            return round(number * factor, 6)
    if scale != 1.0:
        return round(tx.parse_number(text, what=what) * scale, 6)
    return text


_PHONE_SPLIT = re.compile(r"\s*[/、,,;;]\s*|\s{2,}")


def to_phone(value: Any) -> tuple[str | None, str | None]:
    """(phone, other phones): numbers typed as numbers lose nothing; a cell holding two
    numbers (手机/座机) keeps the first valid one and returns the rest for the notes."""
    if blank(value):
        return None, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    parts = [p for p in _PHONE_SPLIT.split(fold(text)) if p]
    if len(parts) <= 1:
        return text, None
    for i, part in enumerate(parts):
        try:
            phone = tx.normalize_phone(part)
        except ValueError:
            continue
        return phone, "、".join(p for j, p in enumerate(parts) if j != i)
    return text, None


def mapped(value: Any, synonyms: dict[str, str]) -> Any:
    """A choice cell with the table's common spellings (镇级 -> 乡级) replaced."""
    if blank(value):
        return None
    text = tx.clean_text(as_text(value)) or ""
    text = re.sub(r"\s+", "", text)
    folded = {fold(k): v for k, v in synonyms.items()}
    return synonyms.get(text) or folded.get(fold(text), text)
