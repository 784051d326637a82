"""合并另一份副本 and 汇总各乡镇文件: the console's face of `hzconsole merge` and
`hzconsole rollup` (hzconsole/sync).

F2 lists what the merge would do and every conflict field by field (本文件 / 对方 / 原来),
with a choice per conflict that starts empty: nothing is decided for the clerk. F3 merges
once every conflict has a choice and the clerk confirms (a backup first, one action that
Ctrl+Z undoes).

Screens of their own, on plain Textual widgets, so the console can offer them from its file
menu (Ctrl+O) without depending on them; MergeScreen's app provides `db` (the open file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from hzconsole.store.errors import HzError
from hzconsole.tui.screens.base import NoFileOpen
from hzconsole.tui.widgets.select import HzSelect

if TYPE_CHECKING:
    from hzconsole.store.database import Database
    from hzconsole.tui.app import HzApp

SHOWN_ACTIONS = 200  # writes listed; the summary line counts them all


class MergeScreen(ModalScreen[bool]):
    """Returns True when the merge was written."""

    BINDINGS = [
        Binding("f2", "preview", "预览"),
        Binding("f3", "merge", "合并"),
        Binding("ctrl+z", "app.undo", "撤销"),
        Binding("escape", "close", "关闭"),
    ]
    DEFAULT_CSS = """
    MergeScreen { align: center middle; }
    MergeScreen > Vertical { width: 96%; height: 92%; background: $panel; padding: 1 2; }
    MergeScreen #merge-report-box { height: 1fr; }
    MergeScreen .merge-conflict { height: auto; margin-top: 1; }
    MergeScreen .merge-choice { height: auto; }
    MergeScreen .merge-choice Label { width: 10; }
    MergeScreen .merge-choice Select { width: 44; }
    MergeScreen #merge-buttons { height: auto; margin-top: 1; }
    """

    def __init__(self, path: Path | str | None = None) -> None:
        """`path`: the other copy, when chosen before (typed or picked in Ctrl+O)."""
        super().__init__()
        self.start_path = "" if path is None else str(path)
        self.plan: Any = None
        self.theirs: Path | None = None
        self.wrote = False

    @property
    def db(self) -> Database:
        """The open file: the app offers merging only into an open, writable file."""
        db = cast("HzApp", self.app).db
        if db is None:
            raise NoFileOpen("MergeScreen needs an open file and none is open")
        return db

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("合并另一份副本")
            yield Label("另一份副本\uff08对方的文件\uff09\uff1a")
            yield Input(
                self.start_path,
                compact=True,
                placeholder="另一份副本的路径，如 E:\\水利站\\台账.db（只读，不会改动）",
                id="merge-path",
            )
            yield Static(
                "按 F2 预览\uff1a列出对方的改动和每一处冲突\uff08不写入\uff09\u3002"
                "每处冲突都选定后按 F3 合并\uff1b合并前先备份\uff0c合并后可以按 Ctrl+Z 撤销\u3002",
                id="merge-note",
            )
            with VerticalScroll(id="merge-report-box"):
                yield Static("", id="merge-report")
                yield Vertical(id="merge-choices")
            with Horizontal(id="merge-buttons"):
                yield Button("预览（F2）", id="merge-preview", variant="primary")
                yield Button("合并（F3）", id="merge-run", disabled=True)
                yield Button("关闭（Esc）", id="merge-close")

    def on_mount(self) -> None:
        self.query_one("#merge-path", Input).focus()
        if self.start_path:
            self.action_preview()  # the copy was chosen already: show what merging it would do

    def _show(self, text: str | Text, *, ready: bool = False) -> None:
        self.query_one("#merge-report", Static).update(text)
        self.query_one("#merge-run", Button).disabled = not ready

    @on(Input.Changed, "#merge-path")
    def _path_changed(self) -> None:
        if self.plan is not None:  # a preview is about the file it was made for
            self.plan = None
            self.query_one("#merge-choices").remove_children()
            self._show(Text("文件已改动，请重新预览（F2）。", style="dim"))

    @on(Input.Submitted, "#merge-path")
    def _submitted(self) -> None:
        self.action_preview()

    def action_preview(self) -> None:
        path = self.query_one("#merge-path", Input).value.strip().strip('"')
        if not path:
            self._show(Text("请填写另一份副本的路径。", style="bold red"))
            return
        self._show(Text("正在比较两个文件，请稍候", style="dim"))
        self._plan(Path(path).expanduser())

    @work(thread=True, exclusive=True, group="merge", exit_on_error=False)
    def _plan(self, path: Path) -> None:
        from hzconsole.sync.merge import open_for_reading, plan_merge

        try:
            with open_for_reading(path) as other:
                plan = plan_merge(self.db, other)
        except HzError as exc:
            self.app.call_from_thread(self._show, Text(exc.message, style="bold red"))
            return
        self.app.call_from_thread(self._planned, plan, path)

    def _planned(self, plan: Any, path: Path) -> None:
        from hzconsole.sync.merge import CHOICE_NAMES

        self.plan, self.theirs = plan, path
        box = self.query_one("#merge-choices")
        box.remove_children()
        if plan.nothing_to_do:
            self._show("两个文件没有需要合并的改动（对方的改动本文件都已有）。")
            return
        lines = [plan.summary()]
        lines += [f"  {a.describe()}" for a in plan.actions[:SHOWN_ACTIONS]]
        if len(plan.actions) > SHOWN_ACTIONS:
            lines.append(f"  等共 {len(plan.actions)} 项")
        if plan.conflicts:
            lines.append(
                f"\n下面 {len(plan.conflicts)} 处冲突请逐一选择\uff08Tab 到下一处\uff0cEnter 打开选项\uff09\uff0c"
                "全部选定后按 F3 合并\u3002"
            )
        self._show("\n".join(lines), ready=not plan.conflicts)
        for c in plan.conflicts:
            names = {**CHOICE_NAMES, **c.labels}
            # Each conflict with its own choice right under it; the keys the CLI's --decide
            # takes (ours = …) are not the console's business.
            described = "\n".join(line for line in c.describe().splitlines() if not line.startswith("  可选\uff1a"))
            box.mount(
                Vertical(
                    Static(Text(described), classes="merge-conflict-text"),
                    Horizontal(
                        Label("  采用\uff1a"),
                        HzSelect(
                            [(names[k], k) for k in c.choices], prompt="请选择", compact=True, id=f"merge-c{c.number}"
                        ),
                        classes="merge-choice",
                    ),
                    classes="merge-conflict",
                )
            )
        if plan.conflicts:
            self.call_after_refresh(self._focus_first_choice)

    def _focus_first_choice(self) -> None:
        for c in self.plan.conflicts if self.plan is not None else []:
            found = self.query(f"#merge-c{c.number}")
            if found:
                found.first(Select).focus()
            else:  # the choices are still being mounted (a loaded PC): once they are
                self.call_after_refresh(self._focus_first_choice)
            return

    def conflicts_text(self) -> str:
        """What the conflicts say, as shown (tests read it)."""
        return "\n".join(str(w.content) for w in self.query(".merge-conflict-text").results(Static))

    def decisions(self) -> dict[int, str]:
        out = {}
        for c in self.plan.conflicts if self.plan is not None else []:
            value = self.query_one(f"#merge-c{c.number}", Select).value
            if isinstance(value, str):
                out[c.number] = value
        return out

    @on(Select.Changed)
    def _chosen(self) -> None:
        if self.plan is not None:
            self.query_one("#merge-run", Button).disabled = len(self.decisions()) < len(self.plan.conflicts)

    def action_merge(self) -> None:
        if self.plan is None or self.theirs is None or self.plan.nothing_to_do:
            return
        decisions = self.decisions()
        if len(decisions) < len(self.plan.conflicts):
            self.notify("还有冲突没有选择，没有合并。", severity="warning")
            return
        from hzconsole.tui.screens.dialogs import ConfirmScreen

        plan, theirs = self.plan, self.theirs
        chosen = f"\uff0c{len(decisions)} 处冲突按您的选择" if decisions else ""

        def answered(yes: bool | None) -> None:
            # The preview may have been redone (another path typed) while the dialog was up.
            if yes and self.plan is plan and self.theirs is theirs:
                self.query_one("#merge-run", Button).disabled = True
                self._apply(theirs, decisions)

        self.app.push_screen(
            ConfirmScreen(
                "合并另一份副本",
                f"把「{theirs.name}」的 {len(plan.actions)} 项改动合并到本文件{chosen}\uff1f\n\n"
                "合并前先自动备份\uff1b合并后可以按 Ctrl+Z 撤销整次合并\u3002",
                yes="合并",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="merge", exit_on_error=False)
    def _apply(self, theirs: Path, decisions: dict[int, str]) -> None:
        from hzconsole.sync.merge import apply_merge

        try:
            result = apply_merge(self.db, theirs, self.plan, decisions)
        except HzError as exc:
            self.app.call_from_thread(self._show, Text(exc.message, style="bold red"))
            return
        self.app.call_from_thread(self._applied, result)

    def _applied(self, result: Any) -> None:
        self.wrote = True
        kept = "\n".join(f"  {line}" for line in result.kept)
        self._show(
            f"已合并：写入 {result.written} 条记录。合并前的文件已备份到：\n  {result.backup}\n"
            + (kept + "\n" if kept else "")
            + "如需反悔\uff0c按 Ctrl+Z 撤销这次合并\u3002"
        )
        self.notify(f"已合并，写入 {result.written} 条记录。", timeout=8)
        self.plan = None
        self.query_one("#merge-choices").remove_children()

    @on(Button.Pressed, "#merge-preview")
    def _preview_pressed(self) -> None:
        self.action_preview()

    @on(Button.Pressed, "#merge-run")
    def _run_pressed(self) -> None:
        self.action_merge()

    @on(Button.Pressed, "#merge-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.wrote)


def township_paths(text: str) -> list[Path]:
    """Files typed by the clerk: paths separated by ';' or new lines; a folder stands for
    the .db files in it."""
    out: list[Path] = []
    for part in text.replace("\uff1b", ";").replace("\n", ";").split(";"):
        part = part.strip().strip('"')
        if not part:
            continue
        path = Path(part).expanduser()
        out.extend(sorted(path.glob("*.db")) if path.is_dir() else [path])
    return out


class RollupScreen(ModalScreen[bool]):
    """县里汇总各乡镇文件: `hzconsole rollup` in the console. Returns True when a county
    file was written."""

    BINDINGS = [
        Binding("f2", "rollup", "汇总"),
        Binding("f3", "ledgers", "导出县汇总台账"),
        Binding("f4", "view", "查看县汇总"),
        Binding("escape", "close", "关闭"),
    ]
    DEFAULT_CSS = """
    RollupScreen { align: center middle; }
    RollupScreen > Vertical { width: 96%; height: 92%; background: $panel; padding: 1 2; }
    RollupScreen #rollup-report-box { height: 1fr; margin-top: 1; }
    RollupScreen #rollup-buttons { height: auto; margin-top: 1; }
    """

    def __init__(self, today: date | None = None) -> None:
        """`today`: the console's day, which judges the townships' figures (as everywhere
        in the console); None is the calendar's."""
        super().__init__()
        self.today = today
        self.wrote = False
        self.county: Path | None = None  # the county file written last
        self.year: int | None = None
        self.report: Any = ""
        self._reopen: Path | None = None  # the open file is the county file rolled into

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("汇总各乡镇的台账文件")
            yield Label("乡镇文件\uff1a")
            yield Input(placeholder="乡镇文件所在的文件夹，或几个文件（用分号隔开）", id="rollup-files", compact=True)
            yield Label("县汇总文件\uff1a")
            yield Input(
                placeholder="县汇总文件，如 D:\\县河长办\\县汇总.db（已有则更新）", id="rollup-out", compact=True
            )
            yield Label("年度\uff1a")
            yield Input(placeholder="年度（不填为今年）", id="rollup-year", compact=True)
            yield Static("乡镇文件只读取，不会改动；读不了的文件列出原因并跳过。按 F2 汇总。", id="rollup-note")
            with VerticalScroll(id="rollup-report-box"):
                yield Static("", id="rollup-report")
            with Horizontal(id="rollup-buttons"):
                yield Button("汇总（F2）", id="rollup-run", variant="primary")
                yield Button("导出县汇总台账\uff08F3\uff09", id="rollup-open", disabled=True)
                yield Button("关闭（Esc）", id="rollup-close")

    def on_mount(self) -> None:
        self.query_one("#rollup-files", Input).focus()

    def _show(self, text: RenderableType) -> None:
        self.query_one("#rollup-report", Static).update(text)

    def action_rollup(self) -> None:
        from hzconsole import text as tx

        files = township_paths(self.query_one("#rollup-files", Input).value)
        out = self.query_one("#rollup-out", Input).value.strip().strip('"')
        year_text = self.query_one("#rollup-year", Input).value.strip()
        year = tx.cn_number(year_text) if year_text else None
        if not files or not out:
            self._show(Text("请填写乡镇文件和县汇总文件。", style="bold red"))
            return
        if year_text and year is None:
            self._show(Text(f"年度「{year_text}」不是数字。", style="bold red"))
            return
        self._show(Text(f"正在汇总 {len(files)} 个文件，请稍候", style="dim"))
        target = Path(out).expanduser()
        from hzconsole.tui.app import HzApp

        app = self.app
        if (
            isinstance(app, HzApp)
            and app.db is not None
            and target.exists()
            and target.resolve() == app.db.path.resolve()
        ):
            # Rolling up into the county file open here: the console lets go of it (it is
            # its writer) and opens it again once the roll-up is written.
            app.close_db()
            self._reopen = target
        self._run(files, target, year)

    @work(thread=True, exclusive=True, group="rollup", exit_on_error=False)
    def _run(self, files: list[Path], out: Path, year: int | None) -> None:
        from hzconsole.store.database import open_database
        from hzconsole.sync.rollup import county_figures, ranked, rollup

        try:
            result = rollup(files, out, year=year, today=self.today)
            with open_database(out, readonly=True) as db:
                towns = ranked(county_figures(db))
        except HzError as exc:
            self.app.call_from_thread(self._reopened)
            self.app.call_from_thread(self._show, Text(exc.message, style="bold red"))
            return
        lines = [
            f"已汇总：{t.figures.office}  {t.path}" if t.ok and t.figures else f"已跳过：{t.path}：{t.message}"
            for t in result.townships
        ]
        lines.append(f"县汇总文件：{out}（共 {len(towns)} 个乡镇，{result.year}年）")
        # A grid, not padded text: padding counts characters, a Chinese name takes two cells.
        table = Table(box=None, padding=(0, 2), show_edge=False)
        for title in ("排名", "乡镇", "巡河达标率", "问题整改率", "超期问题"):
            table.add_column(title, justify="left" if title == "乡镇" else "right", no_wrap=True)
        for n, t in enumerate(towns, 1):
            table.add_row(str(n), t.place, f"{t.patrol_rate:.1%}", f"{t.fix_rate:.1%}", str(t.overdue))
        tail = (
            (
                "按 F4 在控制台中查看县汇总\uff08各乡镇排名和台账\uff09\uff0cF3 导出带乡镇列的县汇总台账"
                "\uff08Excel\uff09\u3002县级通报在查看县汇总时到公文台账\uff089\uff09生成\u3002"
            )
            if result.read
            else ""
        )
        report = Group(Text("\n".join(lines)), table, Text(tail))
        self.app.call_from_thread(self._done, report, out if result.read else None, result.year)

    def _done(self, report: Any, county: Path | None, year: int) -> None:
        self._reopened()
        self.report = report
        self._show(report)
        if county is not None:
            self.wrote, self.county, self.year = True, county, year
            self.query_one("#rollup-open", Button).disabled = False

    def _reopened(self) -> None:
        if self._reopen is not None:
            cast("HzApp", self.app).open_path(self._reopen, announce=False)
            self._reopen = None

    def action_view(self) -> None:
        """Open the county file just written in the console: its 首页 ranks the townships."""
        if self.county is None:
            self.notify("请先汇总\uff08F2\uff09\u3002", severity="warning")
            return
        county = self.county
        self.dismiss(self.wrote)
        app = cast("HzApp", self.app)
        if app.db is None or app.db.path.resolve() != county.resolve():
            app.open_path(county)
        app.action_go("home")

    def action_ledgers(self) -> None:
        """The county ledgers (a 乡镇 column) beside the county file, as `rollup --ledgers`."""
        if self.county is None:
            self.notify("请先汇总\uff08F2\uff09\u3002", severity="warning")
            return
        self.query_one("#rollup-open", Button).disabled = True
        self._export(self.county, self.year)

    @work(thread=True, exclusive=True, group="rollup", exit_on_error=False)
    def _export(self, county: Path, year: int | None) -> None:
        from hzconsole.store.database import open_database
        from hzconsole.sync.county_ledgers import export_all

        folder = county.parent / f"{county.stem}台账"
        written: list[str] = []
        try:
            with open_database(county) as db:
                written = [str(p) for p in export_all(db, folder=folder, year=year, today=self.today)]
        except (HzError, OSError) as exc:
            message = exc.message if isinstance(exc, HzError) else f"没有导出\uff1a{exc}"
            self.app.call_from_thread(self.notify, message, severity="error", timeout=10)
        else:
            self.app.call_from_thread(self.notify, f"已导出 {len(written)} 个县汇总台账到 {folder}", timeout=10)
        self.app.call_from_thread(self._exported, written)

    def _exported(self, written: list[str]) -> None:
        self.query_one("#rollup-open", Button).disabled = False
        if written:
            self._show(Group(self.report, Text("\n已导出县汇总台账\uff1a\n" + "\n".join(f"  {w}" for w in written))))

    def report_text(self) -> str:
        """The report as plain text (tests read it)."""
        from io import StringIO

        from rich.console import Console

        console = Console(width=200, file=StringIO(), color_system=None)
        with console.capture() as cap:
            console.print(self.query_one("#rollup-report", Static).content)
        return cap.get()

    @on(Button.Pressed, "#rollup-open")
    def _open_pressed(self) -> None:
        self.action_ledgers()

    @on(Button.Pressed, "#rollup-run")
    def _run_pressed(self) -> None:
        self.action_rollup()

    @on(Button.Pressed, "#rollup-close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.wrote)
