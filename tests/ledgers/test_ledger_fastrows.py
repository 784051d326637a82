"""Rows written as XML by ledgers/fastrows.py read back exactly as the same rows written
through xlsxwriter's own write_* calls: values, types, formats, heights (issue 13 point 12:
the fast writer keeps every feature of the cells it writes)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
from xlsxwriter.workbook import Workbook

from hzconsole.ledgers.fastrows import RowWriter

ROWS = [
    [1, "WT2024-001", "青石河", None, date(2024, 6, 17), 45, 2.5, "=1+1", True, "<r>上游段</r>"],
    [
        2,
        "  前后有空格  ",
        "A&B<c>",
        "",
        datetime(2024, 6, 17, 8, 30),
        0,
        1e-7,
        "12345678901234567890",
        False,
        "含\x07控制字符",
    ],
    [
        3,
        "河道内有杂草\uff0c已通知保洁员清理\n第二行",
        "x" * 40000,
        None,
        date(1900, 3, 1),
        -3,
        186.5,
        "@镇政府",
        True,
        "+86 138",
    ],
]
HEIGHTS = [None, 27.0, 40.5]


def _book(path: Path, fast: bool) -> None:
    wb = Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("台账")
    text = wb.add_format({"font_name": "宋体", "text_wrap": True, "border": 1, "num_format": "@"})
    day = wb.add_format({"num_format": "yyyy-mm-dd", "border": 1})
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm", "border": 1})
    plain = wb.add_format({"border": 1, "bg_color": "#FDE9D9"})
    ws.write_string(0, 0, "标题")  # a head written through xlsxwriter first
    formats = [plain, text, text, text, day, plain, plain, text, text, text]
    writer = RowWriter(ws)
    for r, (values, height) in enumerate(zip(ROWS, HEIGHTS, strict=True), start=2):
        fmts = list(formats)
        if isinstance(values[4], datetime):
            fmts[4] = when
        if fast:
            writer.write(r, values, [f._get_xf_index() for f in fmts], height)
            continue
        if height is not None:
            ws.set_row(r, height)
        for c, (value, fmt) in enumerate(zip(values, fmts, strict=True)):
            if value is None or value == "":
                ws.write_blank(r, c, None, fmt)
            elif isinstance(value, bool):
                ws.write_string(r, c, "是" if value else "否", fmt)
            elif isinstance(value, str):
                if value.startswith("<r>"):
                    ws.write_rich_string(r, c, value[:1], value[1:2], value[2:], fmt)
                else:
                    ws.write_string(r, c, value, fmt)
            elif isinstance(value, datetime | date):
                ws.write_datetime(r, c, value, fmt)
            else:
                ws.write_number(r, c, value, fmt)
    ws.write_string(len(ROWS) + 3, 0, "填报人\uff1a")  # a foot written through xlsxwriter after
    wb.close()


def _read(path: Path) -> list:
    ws = openpyxl.load_workbook(path).active
    out = []
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            out.append(
                (
                    c.coordinate,
                    c.value,
                    c.data_type,
                    c.number_format,
                    c.font.name,
                    c.fill.fgColor.rgb,
                    c.border.left.style,
                    c.alignment.wrap_text,
                )
            )
    heights = {r: ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)}
    return [out, heights, ws.dimensions]


def test_fast_rows_read_back_as_xlsxwriters(tmp_path: Path) -> None:
    _book(tmp_path / "slow.xlsx", fast=False)
    _book(tmp_path / "fast.xlsx", fast=True)
    slow, fast = _read(tmp_path / "slow.xlsx"), _read(tmp_path / "fast.xlsx")
    assert fast == slow
    cells = {c[0]: c for c in fast[0]}
    assert cells["H3"][1:3] == ("=1+1", "s") and cells["J3"][1] == "<r>上游段</r>"
    assert cells["B4"][1] == "  前后有空格  " and cells["A5"][1] == 3
    assert len(cells["C5"][1]) == 32767
