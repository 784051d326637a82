"""首页: what needs doing today. Every line leads to its record (Enter)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from hzconsole.agenda import Agenda, Item, agenda
from hzconsole.store.changelog import stamp
from hzconsole.store.errors import HzError
from hzconsole.tui import strings as S
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.county_home import TOWN_PREFIX
from hzconsole.tui.widgets.cells import column_width, pad, plain_glyphs, wrap_cells
from hzconsole.tui.widgets.plain import Static

if TYPE_CHECKING:
    from hzconsole.store.database import Database

SHOWN_PER_SECTION = 20
LISTING_MODE = {
    "roster": "roster",
    "problems": "problems",
    "signboards": "signboards",
    "tasks": "plans",
    "rivers": "rivers",
}


def _level_table(a: Agenda) -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(5):
        table.add_column(no_wrap=True)
    # 计入/应巡 counts at most what each period requires, so it reaches 应巡 exactly when
    # every chief met every period (a row read 8/8 beside 0 %).
    table.add_row(*(Text(t, style="bold") for t in ("层级", "考核人数", "达标", "计入次数/应巡", "达标率")))
    for lv in a.levels:
        if lv.chiefs:
            table.add_row(lv.level, str(lv.chiefs), str(lv.compliant), f"{lv.counted}/{lv.required}", f"{lv.rate:.0%}")
        elif a.in_office.get(lv.level):
            table.add_row(lv.level, "-", "-", "-", "本季度还没有结束的考核周期")
        else:
            table.add_row(lv.level, "-", "-", "-", "没有在任的河长")
    return table


# An office with no chief yet is told where to start, not that nothing is due.
START_HINT = (
    "还没有在任的河长\uff0c巡河达标无从计算\u3002请按以下顺序录入\uff1a\n"
    "  1. 按 2 到河湖名录\uff0cF2 新增河湖\uff08或 F9 导入 Excel 名录\uff09\uff1b\n"
    "  2. 按 3 到河长名册\uff0cF2 新增任职\uff08或 F9 导入\uff09\uff1b\n"
    "  3. 按 0 到设置\uff0c核对单位信息\u3001机关代字和巡河频次要求\u3002"
)


NOTE_MIN = 24  # cells the note needs beside the columns, else it goes on the next line


def item_prompts(items: list[Item], width: int) -> list[Text]:
    """The lines of one section: the items' columns lined up in terminal cells (a Chinese
    character is two; padding by characters left "WT2024-015 白沙河 非法采砂" and
    "WT2024-035 竹林溪 乱采" out of line), then the note, wrapped under itself."""
    if not items:
        return []
    ncols = max(len(i.cols) for i in items)
    # The last column of tasks is their text: it flows with the note instead of padding.
    aligned = ncols if all(cell_len(c) <= 16 for i in items for c in i.cols) else ncols - 1
    widths = [column_width([i.cols[c] for i in items if c < len(i.cols)], high=16) for c in range(aligned)]
    out = []
    for item in items:
        head = "  " + "".join(pad(col, w) + "  " for col, w in zip(item.cols, widths, strict=False))
        tail = " ".join(item.cols[aligned:])
        # The core's notes may hold the em dash of a week (11月18日—24日): ambiguous width,
        # drawn two cells wide in East Asian terminals; shown as "-".
        note = plain_glyphs(item.note)
        flow = f"{tail}  {note}" if tail else note
        indent = cell_len(head)
        if width - indent < NOTE_MIN:
            indent = 4
            head = head.rstrip() + "\n" + " " * indent
        lines = wrap_cells(flow, max(width - indent - 1, NOTE_MIN))
        text = Text(head)
        for n, line in enumerate(lines):
            if n:
                text.append("\n" + " " * indent)
            if tail and n == 0 and line.startswith(tail):
                text.append(tail)
                text.append(line[len(tail) :], style="dim")
            else:
                text.append(line, style="dim" if not tail or n else "")
        out.append(text)
    return out


class JumpList(OptionList):
    """The agenda lines; Enter goes to the record (shown in the footer)."""

    BINDINGS = [Binding("enter", "select", "查看")]


class HomeScreen(HzScreen):
    """首页"""

    MODE = "home"
    BINDINGS = [
        Binding("f5", "refresh", "刷新"),
        # On a county file: back from a township's books to the county's ranking, and the
        # county ledgers (hidden elsewhere by check_action).
        Binding("f3", "county_home", "回到全县汇总"),
        Binding("f7", "county_ledgers", "县汇总台账"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Item] = {}
        self.more: dict[str, str] = {}
        self.agenda: Agenda | None = None
        self._shown_for: tuple[int, int] | None = None
        self._counting: tuple[int, int] | None = None  # the count asked for and not yet ended
        self._shown_width = 0

    def compose_body(self) -> ComposeResult:
        with Vertical(id="home-body"):
            yield Static("", id="home-county")
            yield Static("", id="home-period", classes="section-title")
            yield Static("", id="home-levels")
            yield JumpList(id="home-items", compact=True)

    def on_file_changed(self) -> None:
        self.action_refresh()

    def on_show_again(self) -> None:
        # Worked out again only when the books changed (a write here or in another
        # console): on a ten-year file the agenda takes a noticeable fraction of a second.
        if self.open_db is not None and self._shown_for != (self.hz.generation, stamp(self.db)):
            self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        county = self.hz.county
        if action == "county_home":
            return county is not None and not county.overview
        if action == "county_ledgers":
            return county is not None and county.overview
        return True

    def action_county_home(self) -> None:
        self.hz.county_home()

    def action_county_ledgers(self) -> None:
        self.hz.export_county_ledgers()

    def _show_county_line(self) -> None:
        county = self.hz.county
        line = self.query_one("#home-county", Static)
        line.display = county is not None and county.township is not None
        if county is not None and county.township is not None:
            line.update(
                Text(
                    f"县汇总文件「{county.path.name}」中的{county.township.place}（只读）　按 F3 回到全县汇总",
                    style="bold",
                )
            )

    def _show_county(self, db: Database) -> None:
        """The county's 首页: the townships ranked; Enter reads one's books."""
        from hzconsole.tui.screens.county_home import county_title, totals_table, township_options

        try:
            self._shown_width = self._list_width()
            options, totals = township_options(db, self._shown_width)
        except HzError as exc:
            self.notify(exc.message, severity="error")
            return
        self.agenda = None
        self._shown_for = None
        self.query_one("#home-period", Static).update(county_title(db, len(options) - 1))
        self.query_one("#home-levels", Static).update(totals_table(totals))
        items = self.query_one("#home-items", OptionList)
        items.set_options(options)
        items.highlighted = next((i for i, p in enumerate(options) if not p.disabled), None)
        items.focus()

    def action_refresh(self) -> None:
        options = self.query_one("#home-items", OptionList)
        self.items.clear()
        db = self.open_db
        self._show_county_line()
        self.refresh_bindings()
        if db is not None and self.hz.county is not None and self.hz.county.overview:
            self._show_county(db)
            return
        if db is None:
            self.query_one("#home-period", Static).update(S.NO_FILE)
            self.query_one("#home-levels", Static).update("")
            options.clear_options()
            return
        self._shown_for = shown_for = (self.hz.generation, stamp(db))
        if not self.hz.painted:
            # The first frame is the whole 首页, counted at once: the count is bounded by the
            # township's size, not by its years (this quarter's patrols, the open problems,
            # the people): ~40 ms on a ten-year file. Painting a frame first and the figures
            # after cost a second full paint and more time to the figures (bench_tui --launch).
            try:
                self._counted(shown_for, agenda(db, self.hz.today))
            except HzError as exc:
                self._count_failed(shown_for, exc.message)
            self.post_message(self.Settled())
            return
        # Later (the file changed, or opened anew) the last figures stay on screen while a
        # thread counts the new ones.
        self._counting = shown_for
        if self.agenda is None:
            self.query_one("#home-period", Static).update(Text(S.HOME_COUNTING, style="dim"))
        self._count(db, shown_for)

    def counting(self) -> bool:
        return self._counting is not None

    @work(thread=True, exclusive=True, group="agenda", exit_on_error=False)
    def _count(self, db: Database, shown_for: tuple[int, int]) -> None:
        worker = get_current_worker()
        try:
            # A connection of its own: the session's stays the main thread's alone.
            with db.reader() as reader:
                a = agenda(reader, self.hz.today)
        except HzError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._count_failed, shown_for, exc.message)
            return
        else:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._counted, shown_for, a)
        finally:
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._count_ended, shown_for)

    def _count_ended(self, shown_for: tuple[int, int]) -> None:
        if self._counting == shown_for:  # not replaced by a newer count
            self._counting = None
            self.post_message(self.Settled())

    def _current(self, shown_for: tuple[int, int]) -> bool:
        # A newer count was asked for (the file changed meanwhile): this one is dropped.
        return self.is_attached and self._shown_for == shown_for and self.open_db is not None

    def _counted(self, shown_for: tuple[int, int], a: Agenda) -> None:
        if not self._current(shown_for):
            return
        self.agenda = a
        self._show_agenda(a)
        self.query_one("#home-items", OptionList).focus()

    def _count_failed(self, shown_for: tuple[int, int], message: str) -> None:
        if self._current(shown_for):
            self._shown_for = None  # counted again at the next visit
            self.notify(message, severity="error")

    def _show_agenda(self, a: Agenda) -> None:
        options = self.query_one("#home-items", OptionList)
        highlighted = options.highlighted
        self.items.clear()
        self._shown_width = width = self._list_width()
        self.query_one("#home-period", Static).update(Text(f"本期巡河达标情况：{a.period_label}", style="bold"))
        empty = not any(a.in_office.values())
        self.query_one("#home-levels", Static).update(Text(START_HINT) if empty else _level_table(a))
        prompts: list[Option] = []
        sections = [
            ("本周\u3001本旬\u3001本月还需巡河的河长", a.to_patrol, "roster"),
            ("未达到巡河要求的河长", a.behind, "roster"),
            ("逾期未整改的问题", a.overdue, "problems"),
            ("7天内到期的问题", a.due_soon, "problems"),
            ("超过期限未更新的公示牌", a.stale_boards, "signboards"),
            ("还没有公示牌的河湖", a.no_board, "rivers"),
            ("工作计划中到期和快到期的任务", a.tasks_due, "tasks"),
        ]
        self.more = {}
        for si, (title, items, listing_name) in enumerate(sections):
            prompts.append(Option(Text(f"{title}（{len(items)}）", style="bold underline"), disabled=True))
            if not items:
                prompts.append(Option(Text("  无", style="dim"), disabled=True))
            shown = items[:SHOWN_PER_SECTION]
            for n, (item, line) in enumerate(zip(shown, item_prompts(shown, width), strict=True)):
                key = f"s{si}-{n}"
                self.items[key] = item
                prompts.append(Option(line, id=key))
            if len(items) > SHOWN_PER_SECTION:
                key = f"s{si}-more"
                self.more[key] = LISTING_MODE[listing_name]
                prompts.append(
                    Option(
                        Text(
                            f"  还有 {len(items) - SHOWN_PER_SECTION} 项，"
                            f"到{S.SCREEN_TITLES[LISTING_MODE[listing_name]]}中查看",
                            style="italic",
                        ),
                        id=key,
                    )
                )
        options.set_options(prompts)
        first = next((i for i, p in enumerate(prompts) if not p.disabled), None)
        keep = highlighted is not None and highlighted < len(prompts) and not prompts[highlighted].disabled
        options.highlighted = highlighted if keep else first

    def _list_width(self) -> int:
        width = self.query_one("#home-items", OptionList).scrollable_content_region.width
        return (width or self.app.size.width - 4) - 1

    def on_resize(self) -> None:
        super().on_resize()
        # The notes are wrapped to the width: a new width, new lines (same agenda).
        if self.agenda is not None and self._shown_width != self._list_width():
            self.call_after_refresh(self._show_agenda, self.agenda)
        county = self.hz.county
        if (
            county is not None
            and county.overview
            and self.open_db is not None
            and self._shown_width != self._list_width()
        ):
            self.call_after_refresh(self._show_county, self.open_db)

    @on(OptionList.OptionSelected, "#home-items")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key.startswith(TOWN_PREFIX):
            self.hz.enter_township(key.removeprefix(TOWN_PREFIX))
            return
        item = self.items.get(key)
        if item is None:
            if key in self.more:
                self.hz.action_go(self.more[key])
            return
        await self.hz.go_to_record(LISTING_MODE[item.listing], item.record_id, item.find)
