"""Normalising what the clerk types or imports: full-width forms, Traditional characters,
Chinese numerals, dates and phone numbers. Pure functions, shared by books and imports."""

from __future__ import annotations

import re
from datetime import date

import zhconv

# Full-width digits and Latin letters become half-width (official documents use Arabic
# half-width digits); full-width punctuation is kept: it is correct in Chinese text.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FULLWIDTH[0x3000] = 0x20  # ideographic space

# Characters that are distinct surnames or words in Simplified use too: converting them in a
# personal name would change the name (於 is a surname distinct from 于, 乾 from 干 …).
_NAME_KEEP = set("於乾藉餘鍾鐘範噹蒐瞭夥甯")


def halfwidth(text: str) -> str:
    """Full-width digits/letters/space to half-width; everything else unchanged."""
    return text.translate(_FULLWIDTH)


def to_simplified(text: str) -> str:
    """Traditional to Simplified Chinese (phrase-aware)."""
    return zhconv.convert(text, "zh-cn")


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
    out = "".join(ch if ch in _NAME_KEEP else zhconv.convert(ch, "zh-cn") for ch in text)
    out = re.sub(r"\s+", "", out) if re.fullmatch(r"[\u4e00-\u9fff\s·]+", out) else out
    return out or None


_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


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
    if isinstance(value, date):
        return value
    text = halfwidth(str(value)).strip().replace(" ", "")
    text = text.replace("年", "年").rstrip("。.")
    if "T" in text and re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        text = text.split("T", 1)[0]
    parts: tuple[int, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            nums = [cn_number(g) for g in m.groups()]
            if None not in nums:
                parts = (nums[0], nums[1], nums[2])  # type: ignore[assignment]
            break
    if parts is None and default_year is not None:
        m = re.match(rf"^({_CN_NUM})月({_CN_NUM})[日号]?$", text) or re.match(
            r"^(\d{1,2})[-./](\d{1,2})$", text
        )
        if m:
            month, day = cn_number(m.group(1)), cn_number(m.group(2))
            if month is not None and day is not None:
                parts = (default_year, month, day)
    if parts is None:
        raise ValueError(f"「{value}」不是有效的日期,请按 2024-06-17 或 2024年6月17日 的格式填写")
    year, month, day = parts
    try:
        result = date(year, month, day)
    except ValueError:
        raise ValueError(f"日期「{value}」不存在(请检查月份和日期)") from None
    if not 1990 <= result.year <= 2100:
        raise ValueError(f"日期「{value}」的年份不合理")
    return result


def cn_date(d: date) -> str:
    """2024年6月17日 (no zero padding), as official documents write dates."""
    return f"{d.year}年{d.month}月{d.day}日"


_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SERVICE = re.compile(r"^(1\d{2}|1\d{4})$")  # 110, 12345, 12314 (水利部监督举报)


def normalize_phone(value: str, *, allow_service: bool = False) -> str:
    """A mobile (11 digits) or a landline with area code (0797-1234567); spaces and
    full-width digits tolerated. Raises ValueError with a Chinese message."""
    text = halfwidth(str(value)).strip()
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
    raise ValueError(
        f"「{value}」不是有效的电话号码:手机号应为 11 位数字,固定电话应带区号(如 0795-1234567)"
    )


def parse_number(value: object, *, what: str = "数值") -> float:
    """A non-negative number typed with full-width digits, units or commas: '12.5公里'."""
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = halfwidth(str(value)).strip().replace(",", "").replace(",", "")
        text = re.sub(r"(平方公里|平方千米|km²|km2|公里|千米|km|米|m|分钟|min)$", "", text, flags=re.I)
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"「{value}」不是有效的{what}") from None
    if number < 0:
        raise ValueError(f"{what}不能是负数")
    return number
