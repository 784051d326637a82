"""Where each line of a 公文 falls, computed the way Word (and WPS) will lay it out.

Everything in our documents sits on known metrics: exact line heights (579 twips on the
body grid), 16 pt full-width characters condensed by 0.25 pt (15.75 pt each), Times New Roman
digits and letters, no hanging punctuation, no automatic Chinese/Latin spacing, widow
control off. So the writer can break lines and pages itself, well enough to decide what
GB/T 9704 asks and Word cannot be told:

- the signature (署名, 成文日期) must share its page with body text, not stand alone;
- the 版记 goes on an even page (the back of the last sheet when printed double-sided),
  after a blank page when needed, and neither that blank page nor the 版记 page then gets a
  page number (GB/T 9704 7.5).

`Flow` collects the lines as the writer emits them; `Flow.paginate` places them. The
model is checked against LibreOffice rendering "as Word" in tests/documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hzconsole.cells import NO_LINE_END, NO_LINE_START
from hzconsole.documents.gongwen import page as pg
from hzconsole.documents.gongwen.measure import char_em

CAPACITY = pg.TEXT_HEIGHT  # twips of the text block's height

# Advance widths of Times New Roman (the Latin font of every run) in 1/1000 em.
_TIMES = {
    " ": 250,
    "!": 333,
    '"': 408,
    "#": 500,
    "$": 500,
    "%": 833,
    "&": 778,
    "'": 180,
    "(": 333,
    ")": 333,
    "*": 500,
    "+": 564,
    ",": 250,
    "-": 333,
    ".": 250,
    "/": 278,
    ":": 278,
    ";": 278,
    "<": 564,
    "=": 564,
    ">": 564,
    "?": 444,
    "@": 921,
    "[": 333,
    "\\": 278,
    "]": 333,
    "^": 469,
    "_": 500,
    "`": 333,
    "{": 480,
    "|": 200,
    "}": 480,
    "~": 541,
    "A": 722,
    "B": 667,
    "C": 667,
    "D": 722,
    "E": 611,
    "F": 556,
    "G": 722,
    "H": 722,
    "I": 333,
    "J": 389,
    "K": 722,
    "L": 611,
    "M": 889,
    "N": 722,
    "O": 722,
    "P": 556,
    "Q": 722,
    "R": 667,
    "S": 556,
    "T": 611,
    "U": 722,
    "V": 722,
    "W": 944,
    "X": 722,
    "Y": 722,
    "Z": 611,
    "a": 444,
    "b": 500,
    "c": 444,
    "d": 500,
    "e": 444,
    "f": 333,
    "g": 500,
    "h": 500,
    "i": 278,
    "j": 278,
    "k": 500,
    "l": 278,
    "m": 778,
    "n": 500,
    "o": 500,
    "p": 500,
    "q": 500,
    "r": 333,
    "s": 389,
    "t": 278,
    "u": 500,
    "v": 500,
    "w": 722,
    "x": 500,
    "y": 500,
    "z": 444,
}


def advance(ch: str, size: float, tracking: int = pg.CHAR_TRACKING) -> float:
    """The advance of one character in twips at `size` points, condensed by `tracking`."""
    if char_em(ch) == 1.0:
        return size * 20 + tracking
    return _TIMES.get(ch, 500) * size / 50 + tracking


def _units(text: str) -> list[str]:
    """Unbreakable pieces: each full-width character alone; a run of Latin letters and
    digits (with the half-width punctuation inside it) together; each space alone."""
    units: list[str] = []
    for ch in text:
        wide = char_em(ch) == 1.0
        if ch == " " or wide or not units or units[-1] == " " or char_em(units[-1][-1]) == 1.0:
            units.append(ch)
        else:
            units[-1] += ch
    return units


def break_lines(text: str, size: float, first: int, rest: int) -> list[str]:
    """`text` broken into lines as Word breaks it: `first` and `rest` are the widths (twips)
    of the first and the following lines. Chinese breaks between any two characters except
    before closing punctuation or after opening punctuation (the last character then goes
    down with the punctuation: nothing hangs past the margin); Latin words and numbers
    break only at spaces or next to Chinese."""
    units = _units(text)
    widths = [sum(advance(ch, size) for ch in u) for u in units]
    lines: list[str] = []
    start, width = 0, first
    while start < len(units):
        used, end = 0.0, start
        while end < len(units) and (end == start or units[end] == " " or used + widths[end] <= width + 0.5):
            used += widths[end]
            end += 1
        if end >= len(units):
            lines.append("".join(units[start:]).strip(" "))
            break
        cut = end
        while cut > start + 1 and (units[cut][0] in NO_LINE_START or units[cut - 1][-1] in NO_LINE_END):
            cut -= 1
        lines.append("".join(units[start:cut]).strip(" "))
        start, width = cut, rest
        while start < len(units) and units[start] == " ":
            start += 1
    return lines or [""]


def count_lines(text: str, size: float, first: int, rest: int) -> int:
    return len(break_lines(text, size, first, rest)) if text else 1


@dataclass
class Line:
    """One line of the flow: its height (twips) and what may not happen after it."""

    height: int
    tag: str = ""  # what the line belongs to (body, signature, imprint …), for tests
    text: str = ""  # the start of the paragraph on its first line, for tests
    glue: bool = False  # no page break between this line and the next
    break_before: bool = False  # the line starts a new page
    table: int | None = None  # the table this row belongs to
    header: bool = False  # a header row, repeated at the top of each page of its table


@dataclass
class Placed:
    page: int
    y: int  # twips from the top of the text block
    line: Line


@dataclass
class Flow:
    lines: list[Line] = field(default_factory=list)
    headers: dict[int, int] = field(default_factory=dict)  # table → header height
    items: list[tuple[int, int]] = field(default_factory=list)  # (first line, count) per paragraph/table
    kept: list[tuple[int, int]] = field(default_factory=list)  # items kept with the next by keep_last_item
    _tables: int = 0

    # -- building ------------------------------------------------------------------
    def paragraph(
        self,
        heights: list[int],
        *,
        tag: str = "",
        text: str = "",
        keep_next: bool = False,
        page_break: bool = False,
        widow: bool = False,
    ) -> None:
        """A paragraph of lines of the given heights. `keep_next`: its last line stays with
        the next line; `widow`: its first two and last two lines stay together."""
        start = len(self.lines)
        self.items.append((start, len(heights)))
        for i, h in enumerate(heights):
            self.lines.append(Line(h, tag, text if i == 0 else ""))
        if page_break:
            self.lines[start].break_before = True
        n = len(heights)
        if widow and n > 1:
            self.lines[start].glue = True
            self.lines[start + n - 2].glue = True
        if keep_next:
            self.lines[-1].glue = True

    def keep_last_item(self) -> None:
        """Keep the last paragraph (its last two lines: widow control) or the last table row
        with what comes next, as Word does with keepNext on a paragraph that may split."""
        _start, n = self.items[-1]
        self.kept.append(self.items[-1])
        self.lines[-1].glue = True
        if n > 1 and self.lines[-1].table is None:
            self.lines[-2].glue = True

    def table(self, rows: list[int], header_rows: int, *, tag: str = "table") -> None:
        """A table of unsplittable rows (heights in twips); header rows repeat on each page."""
        self._tables += 1
        tid = self._tables
        self.items.append((len(self.lines), len(rows)))
        self.headers[tid] = sum(rows[:header_rows])
        for i, h in enumerate(rows):
            self.lines.append(Line(h, tag, table=tid, header=i < header_rows, glue=i < header_rows))

    # -- placing -------------------------------------------------------------------
    def paginate(self, *, libreoffice: bool = False) -> list[Placed]:
        """Every line placed on its page, as Word places it. `libreoffice`: as LibreOffice
        places it — the one difference in our documents is a paragraph kept with the next
        (`keep_last_item`), which LibreOffice moves whole where Word moves its last lines."""
        if libreoffice and self.kept:
            saved = [ln.glue for ln in self.lines]
            for start, n in self.kept:
                for ln in self.lines[start : start + n]:
                    ln.glue = True
            try:
                return self.paginate()
            finally:
                for ln, glue in zip(self.lines, saved, strict=True):
                    ln.glue = glue
        placed: list[Placed] = []
        page, y, top = 1, 0, 0  # top: where the first line of this page went
        i = 0
        while i < len(self.lines):
            ln = self.lines[i]
            if ln.break_before and y > top:
                page, y, top = page + 1, 0, 0
            if y + ln.height > CAPACITY and y > top:
                # Move back to the start of the glued run this line ends, unless that run
                # already starts the page (a run longer than a page breaks where it must).
                j = i
                while j > 0 and self.lines[j - 1].glue and placed[j - 1].page == page and placed[j - 1].y > top:
                    j -= 1
                if j > 0 and self.lines[j - 1].glue and placed[j - 1].page == page:
                    j = i
                del placed[j:]
                i = j
                page, y = page + 1, 0
                first = self.lines[i]
                if first.table is not None and not first.header:
                    y = self.headers.get(first.table, 0)
                top = y
                continue
            placed.append(Placed(page, y, ln))
            y += ln.height
            i += 1
        return placed

    def end(self) -> tuple[int, int]:
        """The page of the last line and the room (twips) left below it — the least of
        Word's and LibreOffice's placements when they end on the same page (WPS may move a
        kept paragraph either way)."""
        ends = []
        for libreoffice in (False, True):
            placed = self.paginate(libreoffice=libreoffice)
            if not placed:
                return 1, CAPACITY
            last = placed[-1]
            ends.append((last.page, CAPACITY - (last.y + last.line.height)))
        (page, room), (other_page, other_room) = ends
        return page, min(room, other_room) if page == other_page else room
