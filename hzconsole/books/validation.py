"""Validating input against a model, with every problem reported in Chinese at once."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from hzconsole.store.errors import FieldProblem, ValidationError

M = TypeVar("M", bound=pydantic.BaseModel)

_GENERIC = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "string_type": "应为文字",
    "extra_forbidden": "不是可填写的项目",
    "literal_error": "取值无效",
    "date_parsing": "不是有效的日期",
    "date_from_datetime_parsing": "不是有效的日期",
}


def problems_of(model: type[pydantic.BaseModel], exc: pydantic.ValidationError) -> list[FieldProblem]:
    """pydantic's errors as FieldProblems with Chinese labels and messages."""
    out = []
    for err in exc.errors(include_url=False):
        field = str(err["loc"][0]) if err["loc"] else ""
        info = model.model_fields.get(field)
        label = (info.title if info and info.title else field) if field else ""
        if err["type"] == "value_error":
            text = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            text = _GENERIC.get(err["type"], "格式不正确")
        out.append(FieldProblem(field, label, text))
    return out


def validate(model: type[M], data: dict[str, Any]) -> M:
    """Build a model from raw input; raises ValidationError listing every bad field."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(problems_of(model, exc)) from None
