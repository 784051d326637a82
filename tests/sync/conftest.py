"""Helpers for the merge and roll-up tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl


def workbook(path: Path, rows: Sequence[Sequence[Any]], *, merges: Iterable[str] = ()) -> Path:
    """An .xlsx of `rows` (None = empty cell) with these merged ranges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path
