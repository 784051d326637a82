"""Normalising what the clerk types or imports: full-width forms, Traditional characters,
Chinese numerals, dates and phone numbers. Pure functions, shared by books and imports."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

# Full-width digits and Latin letters become half-width (official documents use Arabic
# half-width digits); full-width punctuation is kept: it is correct in Chinese text.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH[0x3000] = 0x20  # ideographic space

# Characters that are distinct surnames or words in Simplified use too: converting them in a
# personal name would change the name (於 is a surname distinct from 于, 乾 from 干, 甯 from
# 宁 …). Not 鍾/餘/範: their Simplified form (钟, 余, 范) is how the same person's name is
# written on the mainland, and imports match people by name.
_NAME_KEEP = set("於乾藉瞭夥甯")

# Every full-width ASCII form (digits, letters and punctuation such as （）．－／：) for
# fields that are codes, not prose: dates, times, phone numbers, quantities.
_ALL_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_ALL_FULLWIDTH[0x3000] = 0x20


def blank(value: object) -> bool:
    """Not filled in: nothing, or only spaces (a form field, a spreadsheet cell)."""
    return value is None or (isinstance(value, str) and not value.strip())


def halfwidth(text: str) -> str:
    """Full-width digits/letters/space to half-width; everything else unchanged."""
    return text.translate(_FULLWIDTH)


def ascii_forms(text: str) -> str:
    """Full-width digits, letters *and punctuation* to ASCII (for dates, phones, numbers)."""
    return text.translate(_ALL_FULLWIDTH)


@cache
def _zhconv() -> Any:
    """zhconv, imported when first needed. It tries pkg_resources first (deprecated, and 60 ms
    of imports on every start); with that blocked it opens its dictionary by path."""
    import sys

    # A None entry in sys.modules makes `import pkg_resources` fail (the import system's
    # documented rule); typeshed types the values as modules only, hence the wider alias.
    modules: dict[str, Any] = sys.modules
    saved = modules.get("pkg_resources")
    modules["pkg_resources"] = None
    try:
        import zhconv
    finally:
        if saved is None:
            del modules["pkg_resources"]
        else:
            modules["pkg_resources"] = saved
    return zhconv


@lru_cache(maxsize=1 << 16)
def to_simplified(text: str) -> str:
    """Traditional to Simplified Chinese (phrase-aware). Cached: an import of 100,000 rows
    converts the same names and remarks over and over, and zhconv is slow."""
    return _zhconv().convert(text, "zh-cn")


def clean_text(text: str | None) -> str | None:
    """Normalise a free-text field: half-width digits, Simplified characters, trimmed.

    Empty strings become None so 'not filled in' has one representation.
    """
    if text is None:
        return None
    text = to_simplified(halfwidth(str(text))).strip()
    return text or None


def clean_name(text: str | None) -> str | None:
    """Like clean_text for personal names, but characters that are names in their own
    right in Simplified use (於, 乾 …) are left as typed."""
    if text is None:
        return None
    text = halfwidth(str(text)).strip()
    out = "".join(ch if ch in _NAME_KEEP else _zhconv().convert(ch, "zh-cn") for ch in text)
    out = re.sub(r"\s+", "", out) if re.fullmatch(r"[\u4e00-\u9fff\s·]+", out) else out
    return out or None


_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(text: str) -> int | None:
    """'十七' -> 17, '二〇二四' -> 2024, '三十一' -> 31, '17' -> 17; None if not a number."""
    text = halfwidth(text.strip())
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百千" for ch in text):
        return None
    if all(ch in _CN_DIGITS for ch in text):  # digit by digit: 二〇二四
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


# The date messages, shared with the import layer (which adds its own for cells).
NOT_A_DATE = "「{value}」不是有效的日期，请按 2024-06-17 或 2024年6月17日 的格式填写"
DATE_IMPOSSIBLE = "日期「{value}」不存在（请检查月份和日期）"

_CN_NUM = r"[0-9〇零○一二两三四五六七八九十]+"
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$"),
    re.compile(rf"^({_CN_NUM})年({_CN_NUM})月({_CN_NUM})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(value: object, *, default_year: int | None = None) -> date:
    """Parse the ways a date is typed: 2024-06-17, 2024.6.17, 2024/6/17, 2024年6月17日,
    二〇二四年六月十七日, 20240617, and 6月17日 when `default_year` is given.

    Raises ValueError with a Chinese message.
    """
    if isinstance(value, datetime):  # Excel cells and pickers give midnight datetimes
        return value.date()
    if isinstance(value, date):
        return value
    text = ascii_forms(str(value)).replace("。", ".").strip()
    # "2024/6/17 0:00:00" or "2024-06-17 08:30": a date typed or exported with a time.
    text = re.sub(r"^(\S+?)[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", r"\1", text)
    text = text.replace(" ", "")
    text = text.replace("年", "年").rstrip("。.")
    if "T" in text and re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        text = text.split("T", 1)[0]
    parts: tuple[int, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            year, month, day = (cn_number(g) for g in m.groups())
            if year is not None and month is not None and day is not None:
                parts = (year, month, day)
            break
    if parts is None and default_year is not None:
        m = re.match(rf"^({_CN_NUM})月({_CN_NUM})[日号]?$", text) or re.match(r"^(\d{1,2})[-./](\d{1,2})$", text)
        if m:
            month, day = cn_number(m.group(1)), cn_number(m.group(2))
            if month is not None and day is not None:
                parts = (default_year, month, day)
    if parts is None:
        raise ValueError(NOT_A_DATE.format(value=value))
    year, month, day = parts
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValueError(DATE_IMPOSSIBLE.format(value=value)) from None
    if not 1990 <= result.year <= 2100:
        raise ValueError(f"日期「{value}」的年份不合理")
    return result


def clip(text: str, width: int) -> str:
    """At most `width` characters, a cut marked with …: a long entry named in one line."""
    return text if len(text) <= width else text[:width] + "…"


def cn_date(d: date) -> str:
    """2024年6月17日 (no zero padding), as official documents write dates."""
    return f"{d.year}年{d.month}月{d.day}日"


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SERVICE = re.compile(r"^(1\d{2}|1\d{4})$")  # 110, 12345, 12314 (水利部监督举报)


def normalize_phone(value: str, *, allow_service: bool = False) -> str:
    """A mobile (11 digits) or a landline with area code (0797-1234567); spaces and
    full-width digits tolerated. Raises ValueError with a Chinese message."""
    text = ascii_forms(str(value)).strip()
    text = re.sub(r"[\s()()]", lambda m: "-" if m.group() in ")）" else "", text)
    text = text.replace("—", "-").replace("－", "-").strip("-")
    if text.startswith("+86"):
        text = text[3:].lstrip("-")
    digits = text.replace("-", "")
    if _MOBILE.match(digits):
        return digits
    if _LANDLINE.match(text) or (_LANDLINE.match(digits) and len(digits) in (10, 11, 12)):
        if "-" not in text:
            area = 3 if digits[:2] in {"01", "02"} else 4
            return f"{digits[:area]}-{digits[area:]}"
        return text
    if allow_service and _SERVICE.match(digits):
        return digits
    raise ValueError(f"「{value}」不是有效的电话号码：手机号应为 11 位数字，固定电话应带区号（如 0795-1234567）")


# Units a quantity may be typed with, per kind of quantity, as a factor to the unit the
# field stores (km², km, minutes): "300米" in a length in km is 0.3, not 300.
_UNITS: dict[str, dict[str, float]] = {
    "面积": {"平方公里": 1, "平方千米": 1, "km²": 1, "km2": 1, "公顷": 0.01, "平方米": 1e-6, "m²": 1e-6, "m2": 1e-6},
    "长度": {"公里": 1, "千米": 1, "km": 1, "米": 0.001, "m": 0.001},
    "分钟数": {"分钟": 1, "分": 1, "min": 1, "小时": 60, "h": 60},
}
_ANY_UNIT = {u: 1.0 for units in _UNITS.values() for u in units}


def unit_factors(what: str) -> dict[str, float]:
    """The units a quantity of this kind ('长度', '面积', '分钟数') may be typed with, as a
    factor to the unit the field stores."""
    return _UNITS[what]


def parse_number(value: object, *, what: str = "数值") -> float:
    """A non-negative number typed with full-width digits, units, commas or as Chinese
    numerals: '12.5公里', '300米' (0.3 for a length in km), '五十'."""
    if isinstance(value, bool):
        raise ValueError(f"「{value}」不是有效的{what}")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = ascii_forms(str(value)).strip().replace(",", "")
        factor = 1.0
        units = _UNITS.get(what, _ANY_UNIT)
        for unit in sorted(units, key=len, reverse=True):
            if text.lower().endswith(unit.lower()) and len(text) > len(unit):
                text, factor = text[: -len(unit)].strip(), units[unit]
                break
        try:
            number = float(text)
        except ValueError:
            whole = cn_number(text)  # 五十, 一百二十
            if whole is None:
                raise ValueError(f"「{value}」不是有效的{what}") from None
            number = float(whole)
        number = round(number * factor, 6)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"「{value}」不是有效的{what}")
    if number < 0:
        raise ValueError(f"{what}不能是负数")
    return number
