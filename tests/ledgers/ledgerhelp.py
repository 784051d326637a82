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


def norm(header: str | None) -> str:
    """A header as the definition writes it: no line break, half-width brackets."""
    return (header or "").replace("\n", "").replace("\uff08", "(").replace("\uff09", ")")


def header_row(ws) -> int:
    """The lowest header row: 4 when the headers take two rows (序号 merged over both)."""
    return 4 if "A3:A4" in {str(r) for r in ws.merged_cells.ranges} else 3


def headers(ws) -> list[str]:
    """The sheet's column headers (lowest row; a header merged over both rows from row 3)."""
    lower = header_row(ws)
    out = []
    for i in range(1, ws.max_column + 1):
        value = ws.cell(lower, i).value or (ws.cell(3, i).value if lower == 4 else None)
        if value is None:
            break
        out.append(norm(value))
    return out


def table(ws) -> list[dict]:
    """The sheet's records as dicts keyed by header (definition spelling)."""
    heads = headers(ws)
    return [dict(zip(heads, row, strict=True)) for row in data_rows(ws, header_row(ws) + 1, len(heads))]


def records(sheets) -> list[dict]:
    """The records of a ledger printed over one sheet or several parts (each repeating 序号):
    the parts' columns joined row by row."""
    parts = [table(ws) for ws in sheets]
    out = [dict(r) for r in parts[0]]
    for part in parts[1:]:
        assert [r["序号"] for r in part] == [r["序号"] for r in out]
        for whole, piece in zip(out, part, strict=True):
            whole.update(piece)
    return out


def visible(path: Path) -> list:
    return [ws for ws in load(path).worksheets if ws.sheet_state == "visible"]
