"""Column widths and row heights for CJK text.

Excel's width unit is the width of a '0' in the default font; a Chinese character in a
10-11 pt 宋体 is about two of those, which xlsxwriter's autofit does not know. Ledgers are
printed, so rows get explicit heights: Excel, WPS and LibreOffice then wrap and print the
same way (none of them auto-fits merged or pre-sized rows reliably).
"""

from __future__ import annotations

import math

LINE_HEIGHT = 13.5  # points per line of 10 pt 宋体
ROW_PADDING = 3.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def display_width(text: str) -> float:
    """Width in Excel units: wide (CJK, full-width) characters count 2, others 1.

    Computed from the UTF-8 length so 100,000 rows stay fast: CJK ideographs and
    full-width punctuation take 3 bytes, ASCII 1 (so width = chars + (bytes - chars) / 2).
    The few 2-byte characters (Latin accents, Greek) count 1.5, close enough for layout.
    """
    if text.isascii():
        return len(text)
    n = len(text)
    return n + (len(text.encode("utf-8")) - n) / 2


def line_count(text: str, width: float, size: float = 10.0) -> int:
    """Lines `text` takes when wrapped in a column `width` units wide, as Excel and WPS wrap
    it: the column's pixels less the cell's padding, a wide character one em of `size`
    points (13.3 pixels at 10 pt), a narrow one half that (宋体's Latin is half-width).
    A text that just fits stays on one line: its row is not made taller for nothing."""
    usable = max(_column_px(width) - CELL_PADDING_PX, 1)
    unit = size * 96 / 72 / 2  # pixels per width unit of text (half an em)
    lines = 0
    for part in text.split("\n"):
        lines += max(1, math.ceil(display_width(part) * unit / usable - 1e-9))
    return lines


CELL_PADDING_PX = 7  # Excel's text margins inside a cell and the grid line


def _column_px(width: float) -> int:
    # As ledgers.fit.column_px (kept here: fit imports nothing from this module's callers).
    return int(width * 12 + 0.5) if width < 1 else int(width * 7 + 0.5) + 5


def row_height(lines: int, line_height: float = LINE_HEIGHT) -> float:
    return min(MAX_ROW_HEIGHT, lines * line_height + ROW_PADDING)


def header_min_width(header: str) -> float:
    """Narrowest column that shows `header` in two lines (three for a long one), set in
    黑体, which runs about 5% wider than 宋体."""
    width = display_width(header)
    lines = 2 if width <= 14 else 3
    return max(6.0, math.ceil(width / lines) * 1.05 + 1.2)


def unbreakable(text: str) -> bool:
    """Codes, phone numbers and the like: wrapping them mid-way would garble them."""
    return len(text) <= 24 and text.isascii() and " " not in text


def fit_width(header: str, hint: float | None, values: list[str] | None) -> float:
    """A column's width: the clerk's hint, narrowed to the data when the data is shorter,
    widened for values that must not wrap (IDs, phones, dates), never under the header."""
    floor = header_min_width(header)
    if values is None:  # streamed: no look at the data
        return max(floor, hint or floor * 2)
    widest = 0.0
    solid = 0.0
    for v in values:
        w = display_width(v)
        widest = max(widest, w)
        if unbreakable(v):
            solid = max(solid, w)
    data = widest + 1.5
    width = min(data, hint) if hint else min(data, 40.0)
    return round(max(floor, width, solid + 1.5), 1)


SOFT_TEXT_MIN = 12.0  # running text narrowed to six characters a line at least
_SOLID_TYPES = ("date", "int", "float", "index")


def min_width(
    header: str, natural: float, values: list[str] | None, col_type: str = "text", *, blank: bool = False
) -> float:
    """The narrowest a column may be made to fit the paper: the header on two or three
    lines, dates, numbers and codes on one line (never broken), running text six
    characters a line; never wider than `natural`. A `blank` form's text columns may go
    down to their header's width (the hand that fills them in wraps as it writes)."""
    floor = header_min_width(header)
    if col_type in _SOLID_TYPES:
        return max(floor, natural)
    if blank:
        return min(natural, floor)
    solid = 0.0
    for v in values or ():
        if unbreakable(v):
            solid = max(solid, display_width(v) + 1.5)
    if values is None and natural <= SOFT_TEXT_MIN:
        solid = natural  # streamed: short columns (times, codes) keep their width
    return min(natural, max(floor, solid, min(natural, SOFT_TEXT_MIN)))
