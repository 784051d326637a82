"""Field types for the book models: each normalises input and fails with a Chinese message."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator

from hzconsole import text as tx
from hzconsole.books.terms import (
    BOARD_CONDITIONS,
    LEVEL_SYNONYMS,
    LEVELS,
    PROBLEM_CATEGORIES,
    PROBLEM_SOURCES,
    PROBLEM_STATUSES,
    REQUIRED,
    RIVER_KINDS,
    ROLES,
    TASK_STATUSES,
)


def _required_text(value: Any) -> str:
    if tx.blank(value):
        raise ValueError(REQUIRED)
    return tx.clean_text(str(value)) or ""


def _optional_text(value: Any) -> str | None:
    return None if tx.blank(value) else tx.clean_text(str(value))


def _person_name(value: Any) -> str:
    if tx.blank(value):
        raise ValueError(REQUIRED)
    name = tx.clean_name(str(value)) or ""
    if len(name) > 30:
        raise ValueError("姓名过长")
    return name


def _date(value: Any) -> date:
    if tx.blank(value):
        raise ValueError(REQUIRED)
    return tx.parse_date(value)


def _optional_date(value: Any) -> date | None:
    return None if tx.blank(value) else tx.parse_date(value)


def _phone(value: Any) -> str | None:
    return None if tx.blank(value) else tx.normalize_phone(str(value))


def _service_phone(value: Any) -> str | None:
    return None if tx.blank(value) else tx.normalize_phone(str(value), allow_service=True)


def _area(value: Any) -> float | None:
    return None if tx.blank(value) else tx.parse_number(value, what="面积")


def _length(value: Any) -> float | None:
    return None if tx.blank(value) else tx.parse_number(value, what="长度")


def _minutes(value: Any) -> int | None:
    if tx.blank(value):
        return None
    number = tx.parse_number(value, what="分钟数")
    if number != int(number):
        raise ValueError("分钟数应为整数")
    return int(number)


def _time(value: Any) -> str | None:
    if tx.blank(value):
        return None
    text = tx.ascii_forms(str(value)).strip().replace("：", ":").replace("时", ":").replace("点", ":").rstrip("分")
    text = text.replace(".", ":")  # 8.30, as on a keypad
    if text.isdigit() and len(text) in (3, 4):  # 0830, 830: typed without the colon
        text = f"{text[:-2]}:{text[-2:]}"
    parts = text.split(":")
    try:
        hour, minute = int(parts[0]), int(parts[1]) if len(parts) > 1 and parts[1] else 0
    except ValueError:
        raise ValueError(f"「{value}」不是有效的时间，请按 08:30 的格式填写") from None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"时间「{value}」不存在")
    return f"{hour:02d}:{minute:02d}"


def one_of(choices: tuple[str, ...], what: str, synonyms: dict[str, str] | None = None) -> BeforeValidator:
    """A field that must be one of `choices` (after normalising and synonyms)."""

    def check(value: Any) -> str:
        if tx.blank(value):
            raise ValueError(REQUIRED)
        text = tx.clean_text(str(value)) or ""
        text = (synonyms or {}).get(text, text)
        if text not in choices:
            raise ValueError(f"「{value}」不是有效的{what}，应为：{'、'.join(choices)}")
        return text

    return BeforeValidator(check)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if tx.blank(value):
        return False
    text = str(value).strip()
    if text in ("是", "已处理", "1", "true", "True", "Y", "y", "√", "✓"):
        return True
    if text in ("否", "未处理", "0", "false", "False", "N", "n", "×"):
        return False
    raise ValueError(f"「{value}」应填写“是”或“否”")


RequiredText = Annotated[str, BeforeValidator(_required_text)]
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]
PersonName = Annotated[str, BeforeValidator(_person_name)]
RequiredDate = Annotated[date, BeforeValidator(_date)]
OptionalDate = Annotated[date | None, BeforeValidator(_optional_date)]
Phone = Annotated[str | None, BeforeValidator(_phone)]
ServicePhone = Annotated[str | None, BeforeValidator(_service_phone)]
Area = Annotated[float | None, BeforeValidator(_area)]
Length = Annotated[float | None, BeforeValidator(_length)]
Minutes = Annotated[int | None, BeforeValidator(_minutes)]
ClockTime = Annotated[str | None, BeforeValidator(_time)]
YesNo = Annotated[bool, BeforeValidator(_bool)]
RiverKind = Annotated[str, one_of(RIVER_KINDS, "河湖类型")]
Level = Annotated[str, one_of(LEVELS, "层级", LEVEL_SYNONYMS)]
Role = Annotated[str, one_of(ROLES, "职责")]
BoardCondition = Annotated[str, one_of(BOARD_CONDITIONS, "公示牌状况")]
ProblemSource = Annotated[str, one_of(PROBLEM_SOURCES, "问题来源")]
ProblemCategory = Annotated[str, one_of(PROBLEM_CATEGORIES, "问题类别")]
ProblemStatus = Annotated[str, one_of(PROBLEM_STATUSES, "问题状态")]
TaskStatus = Annotated[str, one_of(TASK_STATUSES, "任务状态")]
