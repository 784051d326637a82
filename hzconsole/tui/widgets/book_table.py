"""A table that shows a book of any size: it paints only the visible lines (Textual's line
API, as Toolong does) and asks the core for the rows it needs, a block at a time.

The table knows nothing of SQL: it is given a `fetch(offset, limit) -> Page` function (the
screen binds it to hzconsole.listing.page with the current filter and sort) and the
Listing whose columns it shows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hzconsole.listing import Listing, Page, Row
from hzconsole.store.errors import HzError

BLOCK = 100  # rows fetched at a time
KEEP_BLOCKS = 24  # blocks kept in memory (a few screens each way)
GAP = 2  # cells between columns
GROW_LIMIT = 40  # a column of dates, numbers, codes widens to its longest value, up to this
FREE_TEXT = 20  # a text column this wide holds free text: cut, marked by "..", never widened

Fetch = Callable[[int, int], Page]


class BookTable(ScrollView, can_focus=True):
    """Rows of a listing with a header line, a cursor, and sort marks in the header."""

    DEFAULT_CSS = """
    BookTable {
        height: 1fr;
        background: $surface;
    }
    BookTable > .book-table--header { background: $panel; text-style: bold; }
    BookTable > .book-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    BookTable:blur > .book-table--cursor { background: $block-cursor-blurred-background; }
    BookTable > .book-table--even { background: $surface; }
    BookTable > .book-table--odd { background: $surface-lighten-1; }
    BookTable > .book-table--empty { color: $text-muted; }
    """
    COMPONENT_CLASSES = {
        "book-table--header",
        "book-table--cursor",
        "book-table--even",
        "book-table--odd",
        "book-table--empty",
    }
    BINDINGS = [
        Binding("up", "cursor(-1)", "上移", show=False),
        Binding("down", "cursor(1)", "下移", show=False),
        Binding("pageup", "page(-1)", "上页", show=False),
        Binding("pagedown", "page(1)", "下页", show=False),
        Binding("home", "jump(0)", "首行", show=False),
        Binding("end", "jump(-1)", "末行", show=False),
        Binding("left", "pan(-8)", "左移", show=False),
        Binding("right", "pan(8)", "右移", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Highlighted(Message):
        """The cursor moved onto a row (None: the table is empty)."""

        def __init__(self, table: BookTable, row: Row | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class Chosen(Message):
        """Enter on a row."""

        def __init__(self, table: BookTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

    def __init__(self, listing: Listing, *, empty_text: str = "没有记录", id: str | None = None) -> None:
        super().__init__(id=id)
        self.listing = listing
        self.empty_text = empty_text
        self.total = 0
        self.sort: str | None = None
        self.descending = False
        self._fetch: Fetch | None = None
        self._failed = False
        self._blocks: OrderedDict[int, list[Row]] = OrderedDict()
        self._widths: list[int] = []
        self._line_width = 0
        self.set_listing(listing)

    def set_listing(self, listing: Listing) -> None:
        """Show another listing (other columns) in the same table."""
        self.listing = listing
        self._blocks.clear()
        self._widths = [max(c.width, cell_len(c.title) + 2) for c in listing.columns]
        self._update_line_width()

    def _update_line_width(self) -> None:
        self._line_width = sum(self._widths) + GAP * len(self._widths) + 1
        starts, at = [], 1
        for w in self._widths:
            starts.append(at)
            at += w + GAP
        self._starts = starts

    def _free_text(self, index: int) -> bool:
        col = self.listing.columns[index]
        return col.kind == "text" and col.width >= FREE_TEXT

    def _grow(self, rows: list[Row]) -> None:
        """Widen the columns whose values do not fit (a 文号, a date, a length): a value is
        never cut into one that looks right and is wrong (文号 without 号, 长度 "12.")."""
        grown = False
        for row in rows:
            for i, text in enumerate(row.cells(self.listing)):
                need = min(cell_len(text.replace("\n", " ")), GROW_LIMIT)
                if need > self._widths[i] and not self._free_text(i):
                    self._widths[i] = need
                    grown = True
        if grown:
            self._update_line_width()
            self.virtual_size = Size(self._line_width, self.total + 1)

    # -- data -----------------------------------------------------------------------------
    def load(self, fetch: Fetch, *, keep_cursor: bool = False) -> None:
        """Show the rows `fetch` gives (a new filter, sort or file); cursor to the top."""
        self._fetch = fetch
        self._failed = False
        self._blocks.clear()
        first = fetch(0, BLOCK)
        self._blocks[0] = first.rows
        self.total = first.total
        self._grow(first.rows)
        self.virtual_size = Size(self._line_width, self.total + 1)
        row = min(self.cursor_row, max(0, self.total - 1)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.cursor_row = row
        self.refresh()

    def reload(self) -> None:
        """Fetch again after a write, keeping the cursor where it was."""
        if self._fetch is not None:
            self.load(self._fetch, keep_cursor=True)

    def row_at(self, index: int) -> Row | None:
        if self._fetch is None or not 0 <= index < self.total:
            return None
        block = index // BLOCK
        rows = self._blocks.get(block)
        if rows is None:
            try:
                rows = self._fetch(block * BLOCK, BLOCK).rows
            except HzError as exc:
                # The file went away under us (a stick pulled out): say so once, paint blanks.
                if not self._failed:
                    self._failed = True
                    self.app.notify(exc.message, severity="error", timeout=10)
                return None
            self._blocks[block] = rows
            before = list(self._widths)
            self._grow(rows)
            if self._widths != before:
                self.refresh()  # this frame was begun with the narrower columns
            while len(self._blocks) > KEEP_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block)
        at = index - block * BLOCK
        return rows[at] if at < len(rows) else None

    @property
    def current(self) -> Row | None:
        return self.row_at(self.cursor_row)

    # -- cursor ---------------------------------------------------------------------------
    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor_row(self, old: int, new: int) -> None:
        if self.total and not 0 <= new < self.total:
            self.cursor_row = max(0, min(new, self.total - 1))
            return
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + self._body_height:
            self.scroll_to(y=new - self._body_height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def move_to(self, index: int) -> None:
        self.cursor_row = max(0, min(index, self.total - 1)) if self.total else 0

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor_row + step * self._body_height)

    def action_jump(self, where: int) -> None:
        self.move_to(self.total - 1 if where < 0 else where)

    def action_pan(self, cells: int) -> None:
        """Left / right: by whole columns, so that no column is shown cut at the left edge."""
        x = round(self.scroll_x)
        if cells > 0:
            target = next((s - 1 for s in self._starts if s - 1 > x), x)
        else:
            target = max((s - 1 for s in self._starts if s - 1 < x), default=0)
        self.scroll_to(x=max(0, target), animate=False, immediate=True)

    def key_enter(self, event: events.Key) -> None:
        row = self.current
        if row is not None:
            event.stop()
            self.post_message(self.Chosen(self, row))

    def on_click(self, event: events.Click) -> None:
        if event.y >= 1:
            self.move_to(round(self.scroll_y) + event.y - 1)
            if event.chain == 2 and self.current is not None:
                self.post_message(self.Chosen(self, self.current))

    # -- painting -------------------------------------------------------------------------
    def _header_text(self, index: int) -> str:
        col = self.listing.columns[index]
        if col.key == self.sort:
            return f"{col.title}{'（降）' if self.descending else '（升）'}"
        return col.title

    def _line(self, cells: list[str], style, left: int = 0, right: int = 1 << 30) -> Strip:
        """One line; a column not wholly within [left, right) (the visible cells) is left
        blank rather than shown cut ("发现日期 20" at the screen's edge)."""
        segments = [Segment(" ", style)]
        for i, (text, width) in enumerate(zip(cells, self._widths, strict=True)):
            start = self._starts[i]
            text = text.replace("\n", " ")
            if start < left or start + min(width, cell_len(text)) > right:
                text = ""
            elif cell_len(text) > width:
                # Only free text is cut, and marked as cut (the rest is in the detail pane).
                text = set_cell_size(text, width - 2).rstrip() + ".."
            # By terminal cells: a CJK character is two cells, one cut in half a space.
            segments.append(Segment(set_cell_size(text, width) + " " * GAP, style))
        return Strip(segments, self._line_width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("book-table--header")
            strip = self._line(
                [self._header_text(i) for i in range(len(self._widths))], style, scroll_x, scroll_x + width
            )
            return strip.crop_extend(scroll_x, scroll_x + width, style)
        index = round(self.scroll_y) + y - 1
        if self.total == 0:
            if y == 1:
                style = base + self.get_component_rich_style("book-table--empty")
                return Strip([Segment(set_cell_size(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            return Strip.blank(width, base)
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("book-table--cursor")
        else:
            style = base + self.get_component_rich_style("book-table--odd" if index % 2 else "book-table--even")
        strip = self._line(row.cells(self.listing), style, scroll_x, scroll_x + width)
        return strip.crop_extend(scroll_x, scroll_x + width, style)
