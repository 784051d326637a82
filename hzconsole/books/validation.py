"""Validating input against a model, with every problem reported in Chinese at once."""

from __future__ import annotations

import typing
from typing import Any, TypeVar

import pydantic

from hzconsole.books.terms import REQUIRED
from hzconsole.store.errors import FieldProblem, ValidationError

M = TypeVar("M", bound=pydantic.BaseModel)

_GENERIC = {
    "missing": REQUIRED,
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "greater_than_equal": "数值太小，应不小于 {ge}",
    "greater_than": "数值太小，应大于 {gt}",
    "less_than_equal": "数值太大，应不大于 {le}",
    "less_than": "数值太大，应小于 {lt}",
    "string_type": "应为文字",
    "extra_forbidden": "不是可填写的项目",
    "literal_error": "取值无效，应为：{expected}",
    "date_parsing": "不是有效的日期",
    "date_from_datetime_parsing": "不是有效的日期",
    "list_type": "应为列表",
}


class FieldValueError(ValueError):
    """A ValueError raised by a whole-record check that belongs to one field (an end date
    before its start): reported on that field, so a form can show it beside the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _choices(expected: str) -> str:
    """pydantic's "'week', 'xun' or 'month'" as 周、旬、月."""
    from hzconsole.books.terms import PERIODS

    values = [v.strip().strip("'") for v in expected.replace(" or ", ", ").split(",")]
    return "、".join(PERIODS.get(v, v) for v in values if v)


def _label(model: type[pydantic.BaseModel], loc: tuple) -> tuple[str, str]:
    """(top-level field name, Chinese label) of an error location, nested ones included:
    ('patrol_norms', 0, 'count') -> 巡河频次要求第1条的次数."""
    if not loc:
        return "", ""
    field = str(loc[0])
    current: Any = model
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"第{part + 1}条")
            continue
        info = (
            current.model_fields.get(str(part))
            if isinstance(current, type) and issubclass(current, pydantic.BaseModel)
            else None
        )
        if info is None:
            parts.append(str(part))
            current = None
            continue
        parts.append(info.title or str(part))
        current = info.annotation
        for arg in typing.get_args(current) or ():
            if isinstance(arg, type) and issubclass(arg, pydantic.BaseModel):
                current = arg
    label = parts[0] + "".join(f"的{p}" if not p.startswith("第") else p for p in parts[1:])
    return field, label


def problems_of(model: type[pydantic.BaseModel], exc: pydantic.ValidationError) -> list[FieldProblem]:
    """pydantic's errors as FieldProblems with Chinese labels and messages."""
    out = []
    for err in exc.errors(include_url=False):
        field, label = _label(model, tuple(err["loc"]))
        ctx = err.get("ctx", {})
        if err["type"] == "value_error":
            error = ctx.get("error", err["msg"])
            text = str(error)
            if not field and isinstance(error, FieldValueError):
                field, label = _label(model, (error.field,))
        elif err["type"].endswith("_type") and err.get("input") is None:
            text = REQUIRED  # left blank (a list not chosen from): not "应为文字"
        else:
            template = _GENERIC.get(err["type"], "格式不正确")
            values = {
                k: _choices(v) if k == "expected" else (int(v) if isinstance(v, float) and v.is_integer() else v)
                for k, v in ctx.items()
            }
            try:
                text = template.format(**values)
            except (KeyError, IndexError):
                text = template.split("，")[0]
        out.append(FieldProblem(field, label, text))
    return out


def validate(model: type[M], data: dict[str, Any]) -> M:
    """Build a model from raw input; raises ValidationError listing every bad field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_of(model, exc)) from None
