"""Small helpers shared by the importers."""

from __future__ import annotations

from typing import Any

from hzconsole.books.models import Record


def model_titles(
    model: type[Record],
    rename: dict[str, str] | None = None,
    skip: tuple[str, ...] = ("id", "created_at", "updated_at"),
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(import key, (Chinese field title,)) for a model's fields: the canonical headers."""
    rename = rename or {}
    out = []
    for name, info in model.model_fields.items():
        if name in skip or not info.title:
            continue
        key = rename.get(name, name)
        if key:
            out.append((key, (info.title,)))
    return tuple(out)


def present(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}
