"""The screen of one book: a filter line, the paged table, and the detail of the record under
the cursor; add, edit, delete (confirmed) and undo. Concrete screens say which listing and
book they show, which fields their forms have, and what their detail pane says."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input

from hzconsole import listing
from hzconsole.books.base import Book
from hzconsole.listing import Page, Row
from hzconsole.store.errors import HzError, NotFoundError
from hzconsole.tui import strings as S
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.dialogs import ChooseScreen, ConfirmScreen
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.book_table import BookTable
from hzconsole.tui.widgets.plain import Label, Static

WRITE_ACTIONS = {"add", "edit", "delete", "undo", "import_file"}


def detail_table(pairs: list[tuple[str, Any]]) -> Table:
    """Label / value lines for the detail pane (blank values left out)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, float):
            value = f"{value:g}"
        # Text, not str: Rich would read "[/]" in what the clerk typed as markup.
        grid.add_row(Text(label), Text(str(value)))
    return grid


def form_value(value: Any) -> Any:
    """A record's value as a form shows it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


class BookScreen(HzScreen):
    LISTING = ""  # the roster switches it per screen (含离任)
    WHAT: ClassVar[str] = "记录"
    BOOK: ClassVar[Book[Any] | None] = None
    FORM_TITLE: ClassVar[str] = ""
    IMPORT_KINDS: ClassVar[tuple[str, ...]] = ()  # what "导入" brings into this book

    # Every command is on a function key, Ctrl or Del/Ins: a letter typed on a list always
    # goes to the filter (half of all surnames begin with a letter that used to be a command:
    # "dy" deleted, "cdm" opened 人事调整). F5 and F7 are each screen's own actions.
    BINDINGS = [
        Binding("f2,insert", "add", "新增"),
        Binding("f4", "edit", "编辑"),
        Binding("f8,delete", "delete", "删除"),
        Binding("ctrl+z", "undo", "撤销"),
        Binding("f6", "sort", "排序"),
        Binding("f9", "import_file", "导入"),
        # Also from the filter (where Ctrl+E would be "end of line"): the list as filtered.
        Binding("ctrl+e", "export", "导出", priority=True),
        Binding("ctrl+r", "reverse", "逆序", show=False),
        Binding("f3", "toggle_detail", "详情", show=False),
        Binding("slash", "focus_filter", "筛选", show=False),
        Binding("escape", "clear_filter", "清除筛选", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.sort: str | None = None
        self.descending = False

    # -- layout ---------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        lst = listing.LISTINGS[self.LISTING]
        with Horizontal(id="book-body"):
            with Vertical(id="book-main"):
                with Horizontal(id="filter-bar"):
                    # Not selected on focus: a character typed on the list goes into the filter
                    # and focuses it; selecting then would make the next character replace it.
                    yield Input(placeholder=S.FILTER_PLACEHOLDER, id="filter", compact=True, select_on_focus=False)
                    yield Label("", id="count")
                yield BookTable(lst, id="table")
            with VerticalScroll(id="detail"):
                yield Static("", id="detail-body")

    @property
    def table(self) -> BookTable:
        return self.query_one(BookTable)

    @property
    def today(self) -> date:
        return self.hz.today

    def on_mount(self) -> None:
        self.table.focus()

    # -- data -----------------------------------------------------------------------------
    def fetch(self, offset: int, limit: int) -> Page:
        if self.open_db is None:
            return Page([], 0, offset)
        return listing.page(
            self.db,
            self.LISTING,
            text=self.text,
            sort=self.sort,
            descending=self.descending,
            offset=offset,
            limit=limit,
            today=self.today,
        )

    def load(self, *, keep_cursor: bool = False) -> None:
        table = self.table
        lst = listing.LISTINGS[self.LISTING]
        indexed = bool(self.text.strip()) or self.sort is not None or self.descending
        if lst.fast and indexed and self.open_db is not None and not listing.ready(self.db, self.LISTING, self.today):
            # A large book's index is still being built: say so and keep typing free;
            # the list follows as soon as it is ready (with whatever has been typed by then).
            self.query_one("#count", Label).update(S.PREPARING)
            self._after_index(keep_cursor)
            return
        table.sort, table.descending = self.sort, self.descending
        try:
            table.load(self.fetch, keep_cursor=keep_cursor)
        except HzError as exc:
            self.notify(exc.message, severity="error")
        self._show_count()
        self._show_detail(table.current)

    def _show_count(self) -> None:
        table = self.table
        text = (S.COUNT_FILTERED if self.text.strip() else S.COUNT).format(total=table.total)
        if self.sort:
            title = listing.LISTINGS[self.LISTING].column(self.sort).title
            text += "  " + S.SORT.format(column=title, direction="（降）" if self.descending else "（升）")
        self.query_one("#count", Label).update(text)

    def on_file_changed(self) -> None:
        self.text = ""
        self.sort, self.descending = None, False
        with self.query_one("#filter", Input).prevent(Input.Changed):
            self.query_one("#filter", Input).value = ""
        self.load()
        self._warm()

    def on_show_again(self) -> None:
        self.load(keep_cursor=True)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _after_index(self, keep_cursor: bool) -> None:
        db = self.open_db
        if db is not None:
            listing.warm(db, self.LISTING, self.today)
            self.app.call_from_thread(self.load, keep_cursor=keep_cursor)

    @work(thread=True, exclusive=True, group="warm", exit_on_error=False)
    def _warm(self) -> None:
        # Build the search index while the clerk reads the first page, so the first
        # keystroke in the filter does not wait for it.
        db = self.open_db
        if db is not None and listing.LISTINGS[self.LISTING].fast:
            listing.warm(db, self.LISTING, self.today)

    # -- detail ---------------------------------------------------------------------------
    def detail(self, record_id: str) -> RenderableType:
        """The detail pane of one record (screens override)."""
        assert self.BOOK is not None
        record = self.BOOK.get(self.db, record_id)
        model = type(record)
        pairs = [
            (model.label(k), v)
            for k, v in record.model_dump().items()
            if k not in ("id", "created_at", "updated_at") and not k.endswith("_id")
        ]
        return detail_table(pairs)

    def _show_detail(self, row: Row | None) -> None:
        body = self.query_one("#detail-body", Static)
        if row is None or self.open_db is None:
            body.update(Text(S.NO_FILE if self.open_db is None else "", style="dim"))
            return
        try:
            body.update(self.detail(row.id))
        except NotFoundError:
            body.update("")
        except HzError as exc:
            body.update(Text(exc.message, style="bold red"))

    @on(BookTable.Highlighted)
    def _highlighted(self, event: BookTable.Highlighted) -> None:
        self._show_detail(event.row)

    @on(BookTable.Chosen)
    def _chosen(self, event: BookTable.Chosen) -> None:
        self.action_edit()

    # -- filter and sort ------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.text = event.value
        self.load()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_focus_filter(self) -> None:
        """/ : the filter, its text selected (typing replaces it, an arrow key keeps it)."""
        filt = self.query_one("#filter", Input)
        filt.focus()
        filt.select_all()

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        if self.focused is filt:
            self.table.focus()
        elif filt.value:
            filt.value = ""

    def on_key(self, event: events.Key) -> None:
        # Typing on the list starts a filter with that character (Chinese from an input
        # method included). No letter is a command, so a name typed here never acts; the
        # digits switch screens only while the list (not the filter) has the focus. A
        # character that reached the list just as "/" moved the focus to the filter goes
        # there too.
        filt = self.query_one("#filter", Input)
        if self.focused is filt and event.key in ("down", "up", "pagedown", "pageup"):
            self.table.focus()
            return
        if (
            self.focused in (self.table, filt)
            and event.is_printable
            and event.character
            and (event.character.isalpha() or event.key not in self.active_bindings)
        ):
            event.stop()
            event.prevent_default()
            if self.focused is not filt:
                filt.cursor_position = len(filt.value)  # typing on the list adds to the filter
            filt.focus()
            filt.insert_text_at_cursor(event.character)

    def action_sort(self) -> None:
        cols = listing.LISTINGS[self.LISTING].columns
        options = [("", S.NATURAL_ORDER)] + [(c.key, c.title) for c in cols]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            if key == "":
                self.sort, self.descending = None, False
            elif key == self.sort:
                self.descending = not self.descending
            else:
                self.sort, self.descending = key, False
            self.load()

        self.app.push_screen(
            ChooseScreen("按哪一列排序", options, current=self.sort or "", note="再选同一列则升降互换"), chosen
        )

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.load()

    def action_toggle_detail(self) -> None:
        self.query_one("#detail").toggle_class("-hidden")

    # -- writing --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_file" and not self.IMPORT_KINDS:
            return False
        if action in WRITE_ACTIONS or action in getattr(self, "EXTRA_WRITES", ()):
            db = self.open_db
            if db is None:
                return None  # shown dimmed in the footer
            # Read-only: the key still runs, so that it can say why nothing can be changed.
        return True

    def writable(self) -> bool:
        return self.hz.writable()

    def record_to_change(self) -> str | None:
        """The selected record's id when the file may be changed, else None (each refusal
        says why: read-only file, or nothing selected)."""
        if not self.writable():
            return None
        record_id = self.current_id()
        if record_id is None or self.open_db is None:
            return None
        return record_id

    def current_id(self) -> str | None:
        row = self.table.current
        if row is None:
            self.notify(S.NOTHING_SELECTED, severity="warning")
            return None
        return row.id

    def form_fields(self, record: Any | None) -> list[FieldSpec]:
        return []

    def new_values(self) -> dict[str, Any]:
        return {}

    def picked(self, name: str) -> Any:
        """The value of a field in the form now open (a segment list follows the river)."""
        form = self.app.screen
        if isinstance(form, FormScreen) and form.is_mounted:
            return form.current(name)
        return None

    def values_of(self, record: Any) -> dict[str, Any]:
        return {k: form_value(v) for k, v in record.model_dump().items()}

    def save_new(self, values: dict[str, Any]) -> Any:
        assert self.BOOK is not None
        return self.BOOK.add(self.db, values)

    def save_edit(self, record_id: str, values: dict[str, Any]) -> Any:
        assert self.BOOK is not None
        return self.BOOK.update(self.db, record_id, values)

    def summary(self, record_id: str) -> str:
        """One line naming the record (delete confirmation)."""
        row = self.table.current
        lst = listing.LISTINGS[self.LISTING]
        return "  ".join(c for c in (row.cells(lst) if row else [])[:4] if c)

    def action_add(self) -> None:
        if not self.writable():
            return
        self.app.push_screen(
            FormScreen(
                f"新增{self.FORM_TITLE or self.WHAT}",
                self.form_fields(None),
                self.new_values(),
                self.save_new,
                check_required=False,
            ),
            self.after_save,
        )

    def action_edit(self) -> None:
        if not self.writable():
            return
        record_id = self.current_id()
        if record_id is None or self.BOOK is None or self.open_db is None:
            return
        record = self.BOOK.get(self.db, record_id)
        self.app.push_screen(
            FormScreen(
                f"编辑{self.FORM_TITLE or self.WHAT}",
                self.form_fields(record),
                self.values_of(record),
                partial(self.save_edit, record_id),
                check_required=False,
            ),
            self.after_save,
        )

    def after_save(self, result: Any) -> None:
        if result is None:
            return
        self.notify(S.SAVED)
        self.load(keep_cursor=True)
        record_id = getattr(result, "id", None)
        if record_id:
            self.select(record_id)

    def select(self, record_id: str) -> bool:
        """Move the cursor to a record if the current filter shows it."""
        if self.open_db is None:
            return False
        at = listing.position(
            self.db,
            self.LISTING,
            record_id,
            text=self.text,
            sort=self.sort,
            descending=self.descending,
            today=self.today,
        )
        if at is None:
            return False
        self.table.move_to(at)
        return True

    def show_record(self, record_id: str, find: str) -> None:
        filt = self.query_one("#filter", Input)
        with filt.prevent(Input.Changed):
            filt.value = find
        self.text = find
        self.load()
        if not self.select(record_id):
            with filt.prevent(Input.Changed):
                filt.value = ""
            self.text = ""
            self.load()
            self.select(record_id)
        self.table.focus()

    def action_delete(self) -> None:
        if not self.writable():
            return
        record_id = self.current_id()
        if record_id is None or self.BOOK is None:
            return
        message = S.CONFIRM_DELETE.format(what=self.WHAT, summary=self.summary(record_id))

        def answered(yes: bool | None) -> None:
            if not yes or self.BOOK is None or self.open_db is None:
                return
            try:
                self.BOOK.delete(self.db, record_id)
            except HzError as exc:
                self.notify(exc.message, severity="error", timeout=8)
                return
            self.notify(S.DELETED)
            self.load(keep_cursor=True)

        self.app.push_screen(ConfirmScreen(f"删除{self.WHAT}", message, yes="删除"), answered)

    def action_undo(self) -> None:
        self.hz.action_undo()

    def action_export(self) -> None:
        """The list as shown (filter and order) to an Excel file beside the data file."""
        db = self.open_db
        if db is None:
            self.notify(S.NO_FILE, severity="warning")
            return
        import re

        what = re.sub(r'[\\/:*?"<>|\s]+', "", self.text)[:20]
        title = S.SCREEN_TITLES.get(self.MODE, self.WHAT)
        stem = f"{title}{'-' + what if what else ''}-{self.today.isoformat()}"
        out = db.path.parent / f"{stem}.xlsx"
        n = 2
        while out.exists():
            out = db.path.parent / f"{stem}({n}).xlsx"
            n += 1
        self.notify(f"正在导出{title}\uff0c请稍候")
        self._export(db, out, title)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, db: Any, out: Any, title: str) -> None:
        from hzconsole.ledgers.listing_export import export_listing

        try:
            rows = export_listing(
                db,
                self.LISTING,
                out,
                title=title,
                text=self.text,
                sort=self.sort,
                descending=self.descending,
                today=self.today,
            )
        except HzError as exc:
            self.app.call_from_thread(self.notify, exc.message, severity="error", timeout=10)
            return
        except OSError as exc:
            self.app.call_from_thread(
                self.notify, f"不能写入 {out}\uff1a{exc.strerror or exc}", severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self.notify, f"已导出 {rows} 条到 {out}", timeout=10)

    def action_import_file(self) -> None:
        """Bring an Excel ledger (or, for plans, a plan document) into this book."""
        if not self.writable() or not self.IMPORT_KINDS:
            return
        from hzconsole.tui.screens.import_file import KIND_TITLES, ImportScreen

        def done(wrote: bool | None) -> None:
            if wrote:
                self.load(keep_cursor=True)

        if len(self.IMPORT_KINDS) == 1:
            self.app.push_screen(ImportScreen(self.IMPORT_KINDS[0]), done)
            return

        def chosen(kind: str | None) -> None:
            if kind:
                self.app.push_screen(ImportScreen(kind), done)

        self.app.push_screen(ChooseScreen("导入什么", [(k, KIND_TITLES[k]) for k in self.IMPORT_KINDS]), chosen)
