"""Data rows written as XML straight into a constant_memory worksheet's row file.

xlsxwriter in constant_memory mode keeps one row in a table and writes it out when the next
row starts; each write_string() call checks, converts and stores one cell, and the row is
then serialised cell by cell. For 100,000 ledger rows that bookkeeping is most of the time
(measured: bench/bench_ledgers.py). A ledger's data rows are simple — text, numbers, dates,
blanks, each with a format — so this writer renders a whole row with one f-string per cell
into the same file, in the form xlsxwriter itself writes (inline strings, the cell formats'
xf indices, heights in whole pixels), and keeps the worksheet's own state (the current
row, the used range) as xlsxwriter would have: the title, headers, notes and foot lines
before and after the rows are still written through xlsxwriter.

Relies on xlsxwriter's constant_memory internals (`fh`, `previous_row`, `dim_*`,
`_write_single_row`), pinned by the lock file; tests read every ledger back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_EPOCH = date(1899, 12, 30).toordinal()
_ESCAPE = re.compile(r"[&<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_STRMAX = 32767


def _text(value: str) -> str:
    if len(value) > _STRMAX:
        value = value[:_STRMAX]
    if _ESCAPE.search(value):
        value = _ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], value)
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)
    return value


class RowWriter:
    """Writes data rows of one worksheet; rows must come in order, after its head."""

    def __init__(self, ws: Worksheet, yes: str = "是", no: str = "否") -> None:
        self.ws = ws
        self.yes, self.no = yes, no
        self.prefixes: list[str] = []  # '<c r="B' per column
        self.started = False

    def _start(self, row: int) -> None:
        ws = self.ws
        if not ws.constant_memory:  # pragma: no cover - ledgers always stream
            raise RuntimeError("RowWriter needs a constant_memory workbook")
        # Flush the last row written through xlsxwriter (the header) and make `row` current.
        if row > ws.previous_row:
            ws._write_single_row(row)
        self.started = True

    def write(self, row: int, values: Sequence[Any], xfs: Sequence[int], height: float | None) -> None:
        """One row: a value and a format's xf index per column from column A (text, a
        number, a date, True/False as 是/否, None or "" for a blank); `height` in points or
        None for the sheet's default."""
        ws = self.ws
        if not self.started:
            self._start(row)
        n = len(values)
        while len(self.prefixes) < n:
            self.prefixes.append(f'<c r="{xl_col_to_name(len(self.prefixes))}')
        r = row + 1
        out: list[str] = []
        add = out.append
        for value, xf, prefix in zip(values, xfs, self.prefixes, strict=False):
            s = f'{r}" s="{xf}"' if xf else f'{r}"'
            cls = value.__class__
            if value is None or value == "":
                add(f"{prefix}{s}/>")
                continue
            if cls is bool:
                value, cls = (self.yes if value else self.no), str
            if cls is str:
                t = _text(value)
                space = ' xml:space="preserve"' if t[0].isspace() or t[-1].isspace() else ""
                add(f'{prefix}{s} t="inlineStr"><is><t{space}>{t}</t></is></c>')
            elif cls is int:
                add(f"{prefix}{s}><v>{value}</v></c>")
            elif isinstance(value, datetime):
                serial = value.toordinal() - _EPOCH + (value.hour * 3600 + value.minute * 60 + value.second) / 86400
                add(f"{prefix}{s}><v>{serial:.16G}</v></c>")
            elif isinstance(value, date):
                add(f"{prefix}{s}><v>{value.toordinal() - _EPOCH}</v></c>")
            elif isinstance(value, int | float):
                add(f"{prefix}{s}><v>{value:.16G}</v></c>")
            else:
                t = _text(str(value))
                add(f'{prefix}{s} t="inlineStr"><is><t>{t}</t></is></c>')
        if height is None:
            head = f'<row r="{r}">'
        else:
            pixels = int(height * 4.0 / 3.0 + 0.5)  # as xlsxwriter's set_row rounds
            head = f'<row r="{r}" ht="{pixels * 0.75:.16g}" customHeight="1">'
        ws.fh.write(head + "".join(out) + "</row>")
        # The worksheet's own state, as if xlsxwriter had written the row.
        ws.previous_row = row + 1
        if ws.dim_rowmin is None or row < ws.dim_rowmin:
            ws.dim_rowmin = row
        if ws.dim_rowmax is None or row > ws.dim_rowmax:
            ws.dim_rowmax = row
        if ws.dim_colmin is None or ws.dim_colmin > 0:
            ws.dim_colmin = 0
        if ws.dim_colmax is None or n - 1 > ws.dim_colmax:
            ws.dim_colmax = n - 1
