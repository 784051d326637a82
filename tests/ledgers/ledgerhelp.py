"""Reading ledgers back with openpyxl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

DEMO_TODAY = date(2024, 11, 20)  # as tests/conftest.py builds the demo


def load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def data_rows(ws, first_row: int, columns: int) -> list[list]:
    """The table body: rows from `first_row` until the first row whose 序号 is not a number."""
    out = []
    for row in ws.iter_rows(min_row=first_row, max_col=columns, values_only=True):
        if not isinstance(row[0], int):
            break
        out.append(list(row))
    return out
