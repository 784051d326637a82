"""Turning what was typed into a form into the values the core's workflows take, with the
core's Chinese messages attached to the field (shown inline by FormScreen)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hzconsole import text as tx
from hzconsole.store.errors import FieldProblem, ValidationError


def day(
    values: dict[str, Any], field: str, label: str, *, default: date | None = None, default_year: int | None = None
) -> date:
    """A date field (required unless `default` is given)."""
    raw = values.get(field)
    if not raw:
        if default is not None:
            return default
        raise ValidationError([FieldProblem(field, label, "必须填写")])
    try:
        return tx.parse_date(raw, default_year=default_year)
    except ValueError as exc:
        raise ValidationError([FieldProblem(field, label, str(exc))]) from None


def number(values: dict[str, Any], field: str, label: str, *, low: int, high: int) -> int | None:
    raw = values.get(field)
    if raw in (None, ""):
        return None
    n = tx.cn_number(str(raw))
    if n is None or not low <= n <= high:
        raise ValidationError([FieldProblem(field, label, f"应为 {low} 到 {high} 之间的整数")])
    return n


def required(values: dict[str, Any], field: str, label: str) -> str:
    raw = values.get(field)
    if raw in (None, ""):
        raise ValidationError([FieldProblem(field, label, "必须填写")])
    return str(raw)
