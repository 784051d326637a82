"""A list as the console shows it (its filter and its order) written to an Excel file: what
the clerk sees on 巡河台账 after typing "zsz 2024-10" is what goes to the county. Cells are
written as text, as shown, so an ID or a phone number stays whole."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from xlsxwriter.workbook import Workbook

from hzconsole import listing
from hzconsole.ledgers.widths import display_width
from hzconsole.store.database import Database

BLOCK = 2000
MAX_WIDTH = 60


def export_listing(
    db: Database,
    name: str,
    out: Path,
    *,
    title: str,
    text: str = "",
    sort: str | None = None,
    descending: bool = False,
    today: date | None = None,
) -> int:
    """Write the rows of listing `name` matching `text`, in the given order, to `out`
    (built under a temporary name, then renamed: a pulled stick never leaves half a file).
    Returns the number of rows written."""
    lst = listing.LISTINGS[name]
    tmp = out.with_name(out.name + ".part")
    book = Workbook(
        str(tmp),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    try:
        sheet = book.add_worksheet(title[:31])
        bold = book.add_format({"bold": True, "font_name": "黑体", "border": 1})
        body = book.add_format({"font_name": "宋体", "border": 1})
        widths = [display_width(c.title) + 2 for c in lst.columns]
        sheet.write_row(0, 0, [c.title for c in lst.columns], bold)
        sheet.freeze_panes(1, 0)
        written, offset = 0, 0
        while True:
            page = listing.page(
                db, name, text=text, sort=sort, descending=descending, offset=offset, limit=BLOCK, today=today
            )
            for row in page.rows:
                cells = row.cells(lst)
                written += 1
                for col, value in enumerate(cells):
                    sheet.write_string(written, col, value, body)
                    widths[col] = max(widths[col], min(display_width(value) + 2, MAX_WIDTH))
            offset += len(page.rows)
            if not page.rows or offset >= page.total:
                break
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        book.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return written
