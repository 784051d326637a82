"""How a ledger sheet goes on paper: no text under 9 pt once printed.

Ledgers print "one page wide": Excel, WPS and LibreOffice shrink the whole sheet until its
columns fit the paper. Cells are 10 pt, and the columns are made to fit the paper without
shrinking (see MIN_SCALE). What fits is decided here, per sheet, in this order:

1. the columns as wide as their data wants, on A4 portrait when that needs no shrinking
   (a narrow register reads best upright), else on A4 landscape;
2. text columns narrowed towards their minimum (their text wraps onto more lines; headers
   wrap between words; dates, numbers and codes never wrap);
3. the same on A3, only where the ledger's definition says the office prints A3
   (`paper = "A3"`);
4. the columns split over two pages' width (or more), each page repeating the key columns
   (序号 and the record's number) at its left, pages numbered across so the two halves
   of the same rows follow each other: one table still, which sorts, filters and imports
   as one; the parts print at PART_SCALE.

Widths are in Excel's unit (the width of a "0" in the workbook's default font, Calibri
11: 7 pixels, plus 5 pixels of padding per column, at 96 pixels per inch).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Columns are fitted to the paper at 100 %: 10 pt cells print at 10 pt in Excel and WPS.
# LibreOffice draws the same columns 5-9 % wider than Excel (it takes the default font's
# digit width unrounded: Calibri 11 is 7.43 pixels where Excel takes 7, and rounds its
# zoom down to a whole percent), so there the text prints at 9.1 pt and more.
MIN_SCALE = 1.0
# A sheet printed over several pages' width is printed at a fixed scale (fit-to-page would
# ignore the page breaks); its parts are fitted into PART_ROOM of the page so LibreOffice's
# wider columns still fit: 10 pt cells print at 9.2 pt.
PART_SCALE = 92
PART_ROOM = 0.97
MARGIN_IN = 0.4  # left and right margins (sheet.py sets the same)
# Paper sizes in millimetres (portrait) and their Excel paper codes.
PAPERS: dict[str, tuple[float, float, int]] = {"A4": (210.0, 297.0, 9), "A3": (297.0, 420.0, 8)}


def column_px(width: float) -> int:
    """A column's width on screen in pixels, as Excel computes it (and xlsxwriter)."""
    if width < 1:
        return int(width * 12 + 0.5)
    return int(width * 7 + 0.5) + 5


def sheet_pt(widths: Sequence[float]) -> float:
    """The printed width at 100 % of columns this wide (points)."""
    return sum(column_px(w) for w in widths) * 0.75


def printable_pt(paper: str, orientation: str) -> float:
    short, long = PAPERS[paper][:2]
    across = long if orientation == "landscape" else short
    return across / 25.4 * 72 - 2 * MARGIN_IN * 72


def scale(widths: Sequence[float], paper: str, orientation: str) -> float:
    """The print scale fit-to-width gives these columns (1.0 when they fit as they are)."""
    return min(1.0, printable_pt(paper, orientation) / max(sheet_pt(widths), 1.0))


@dataclass(frozen=True)
class Part:
    """One sheet of a ledger: which columns (indices into the definition), how wide, on
    which paper."""

    columns: tuple[int, ...]
    widths: tuple[float, ...]
    paper: str
    orientation: str

    @property
    def scale(self) -> float:
        return scale(self.widths, self.paper, self.orientation)


def narrowed(natural: Sequence[float], minimum: Sequence[float], room_pt: float) -> list[float] | None:
    """The widths that fill `room_pt`: the widest columns give way first (every column is
    capped at one level, never under its minimum), so names and short text stay on one
    line and running text wraps; None when even the minimum is too wide."""
    lows = [min(m, n) for m, n in zip(minimum, natural, strict=True)]
    if sheet_pt(natural) <= room_pt:
        return list(natural)
    if sheet_pt(lows) > room_pt:
        return None
    lo, hi = 0.0, max(natural)  # the cap
    for _ in range(40):
        mid = (lo + hi) / 2
        if sheet_pt([max(m, min(n, mid)) for m, n in zip(lows, natural, strict=True)]) <= room_pt:
            lo = mid
        else:
            hi = mid
    # Rounded down to hundredths: a width rounded up could take the pixel that overflows.
    return [math.floor(max(m, min(n, lo)) * 100) / 100 for m, n in zip(lows, natural, strict=True)]


def _one(
    natural: Sequence[float], minimum: Sequence[float], papers: Sequence[str], orientation: str, room: float = 1.0
) -> tuple[list[float], str, str] | None:
    """Widths, paper and orientation for these columns on one page's width, or None.
    `room` below 1 keeps a share of the page free (parts printed at PART_SCALE)."""
    for paper in papers:
        if orientation in ("auto", "portrait"):
            across = printable_pt(paper, "portrait") * room
            if orientation == "portrait":
                widths = narrowed(natural, minimum, across / MIN_SCALE)
                if widths is not None:
                    return widths, paper, "portrait"
                continue
            if sheet_pt(natural) <= across:
                return list(natural), paper, "portrait"
        widths = narrowed(natural, minimum, printable_pt(paper, "landscape") * room / MIN_SCALE)
        if widths is not None:
            return widths, paper, "landscape"
    return None


def plan(
    natural: Sequence[float],
    minimum: Sequence[float],
    *,
    keys: Sequence[int] = (0,),
    paper: str = "A4",
    orientation: str = "auto",
    split: bool = True,
    groups: Sequence[str | None] = (),
) -> list[Part]:
    """The pages' widths a ledger of these columns prints on (see the module docstring):
    one Part, or several that share the paper and orientation and repeat `keys` (leading
    columns), breaking between `groups` (upper headers) where it can. `split` False (entry
    templates, which a village fills in on one page) narrows to the minimum and accepts what
    that gives."""
    papers = ["A4", "A3"] if paper == "A3" else ["A4"]
    n = len(natural)
    whole = _one(natural, minimum, papers, orientation)
    if whole is not None:
        widths, p, o = whole
        return [Part(tuple(range(n)), tuple(widths), p, o)]
    # Keys must lead: they are repeated at the left of every page.
    keys = [k for i, k in enumerate(sorted(keys)) if k == i and k < n - 1] or [0]
    if not split or n <= len(keys) + 1:
        o = "portrait" if orientation == "portrait" else "landscape"
        lows = [min(m, x) for m, x in zip(minimum, natural, strict=True)]
        return [Part(tuple(range(n)), tuple(lows), papers[-1], o)]
    o = "portrait" if orientation == "portrait" else "landscape"
    rest = list(range(len(keys), n))

    def fits(chunk: list[int]) -> tuple[list[float], str, str] | None:
        cols = [*keys, *chunk]
        return _one([natural[i] for i in cols], [minimum[i] for i in cols], papers, o, PART_ROOM)

    chunks: list[list[int]] | None = None
    # Two pages: the break that fits both and balances them.
    best = None
    group = list(groups) + [None] * (n - len(groups))
    for k in range(1, len(rest)):
        if fits(rest[:k]) and fits(rest[k:]):
            balance = abs(sheet_pt([natural[i] for i in rest[:k]]) - sheet_pt([natural[i] for i in rest[k:]]))
            if group[rest[k]] is not None and group[rest[k]] == group[rest[k - 1]]:
                balance += 10_000  # an upper header cut by the page edge: only if nothing else fits
            if best is None or balance < best[0]:
                best = (balance, [rest[:k], rest[k:]])
    if best is not None:
        chunks = best[1]
    else:  # wider still: as many columns per page as fit
        chunks = []
        chunk: list[int] = []
        for i in rest:
            if chunk and fits([*chunk, i]) is None:
                chunks.append(chunk)
                chunk = []
            chunk.append(i)
        chunks.append(chunk)
    out = []
    paper_used = max((fits(c) or ([], papers[-1], o))[1] for c in chunks)  # A4 < A3 as text
    for chunk in chunks:
        cols = [*keys, *chunk]
        one = _one([natural[i] for i in cols], [minimum[i] for i in cols], [paper_used], o, PART_ROOM)
        widths = one[0] if one else [min(minimum[i], natural[i]) for i in cols]
        out.append(Part(tuple(cols), tuple(widths), paper_used, o))
    # The keys' widths are one column's: the narrowest any page gave them.
    shared = [min(p.widths[j] for p in out) for j in range(len(keys))]
    return [Part(p.columns, tuple(shared) + p.widths[len(keys) :], p.paper, p.orientation) for p in out]
