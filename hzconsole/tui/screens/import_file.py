"""Bringing an Excel ledger (or a plan document) into a book: the same dry-run report as
`hzconsole import --dry-run` first, and only then the import, all rows or none."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select

from hzconsole.store.errors import HzError
from hzconsole.tui.screens.base import hz_app
from hzconsole.tui.widgets.cells import plain_glyphs
from hzconsole.tui.widgets.plain import Label, Static
from hzconsole.tui.widgets.select import HzSelect

if TYPE_CHECKING:
    from hzconsole.imports.hints import Hint

PLAN_DOCUMENT = "plan"  # imports.PLAN: a .docx/.txt plan (the core is imported lazily)
KIND_TITLES = {
    "rivers": "河湖名录",
    "chiefs": "河长名册",
    "signboards": "公示牌台账",
    "patrols": "巡河台账",
    "problems": "问题清单",
    "tasks": "任务清单",
    PLAN_DOCUMENT: "工作计划（Word 或文本）",
}
REPORT_LIMIT = 200  # rows listed per section; the summary line counts them all
CHOOSER_LIMIT = 200  # files offered, newest first


def hints() -> dict[Hint, str]:
    """What the clerk can supply to an import, as this screen takes it (the CLI words the
    same hints by its options: cli/imports.py)."""
    # Deferred: importing hzconsole.imports loads the whole import engine.
    from hzconsole.imports.hints import Hint

    return {
        Hint.MAP: "对应关系不对时\uff0c按 F5 核对、改正每一列对应的字段\uff0c再预览",
        Hint.DEFAULT: "表中没有的字段\uff0c按 F5 在「默认值」一栏为全表填写\uff0c如 发现日期=2024年6月30日",
        Hint.ADD_MISSING: (
            "确认表中的新名称无误后\uff0c在「文件中没有的」一栏选「表中的新河湖、新人员一并新建」\uff0c再预览"
        ),
        Hint.YEAR: "在「年度」一栏填写年份\uff0c再预览",
        Hint.START_DATE: "按 F5 在「默认值」一栏填写任职日期\uff0c如 任职日期=2024年1月1日",
        Hint.PLAN_TITLE: "在「标题」一栏填写计划的标题\uff0c再预览",
        Hint.SHEET: "要导入隐藏的工作表\uff0c请在 WPS 或 Excel 中取消隐藏\uff0c保存后再导入",
    }


def candidate_folders(beside: Path | None) -> list[Path]:
    """Where a clerk's files are: beside the data file, the desktop, downloads, documents,
    and the top of every USB stick or other drive (E:\\, /media/..., /mnt/...)."""
    home = Path.home()
    folders = [beside] if beside else []
    for name in ("Desktop", "桌面", "Downloads", "下载", "Documents", "文档", ""):
        folders.append(home / name if name else home)
    if os.name == "nt":
        folders += [Path(f"{letter}:\\") for letter in "DEFGHIJKLMNOPQRSTUVWXYZ"]
    else:
        for mount in (Path("/media"), Path("/mnt"), Path("/run/media")):
            with contextlib.suppress(OSError):
                folders += [p for p in mount.iterdir() if p.is_dir()]
                folders += [q for p in mount.iterdir() if p.is_dir() for q in p.iterdir() if q.is_dir()]
    seen: set[Path] = set()
    out = []
    for folder in folders:
        with contextlib.suppress(OSError):
            if folder.is_dir() and folder.resolve() not in seen:
                seen.add(folder.resolve())
                out.append(folder)
    return out


def candidate_files(folders: list[Path], suffixes: tuple[str, ...]) -> list[Path]:
    """Files with one of `suffixes` in `folders` (not below them), newest first; Office's
    lock files (~$...) left out."""
    found: list[tuple[float, Path]] = []
    for folder in folders:
        with contextlib.suppress(OSError):
            for p in folder.iterdir():
                with contextlib.suppress(OSError):
                    if p.suffix.lower() in suffixes and not p.name.startswith("~$") and p.is_file():
                        found.append((p.stat().st_mtime, p))
    found.sort(key=lambda item: item[0], reverse=True)
    return [p for _t, p in found[:CHOOSER_LIMIT]]


class ImportScreen(ModalScreen[bool]):
    """Returns True when something was written."""

    BINDINGS = [
        Binding("f2", "preview", "预览"),
        Binding("f3", "run_import", "导入"),
        Binding("f4", "choose_file", "选择文件"),
        Binding("f5", "mapping", "表头对应"),
        Binding("escape", "close", "关闭"),
    ]

    def __init__(self, kind: str) -> None:
        super().__init__(classes="hz-modal")
        self.kind = kind
        self.previewed: tuple[Any, ...] | None = None  # the inputs the report is about
        self.can_import = False
        self.wrote = False
        self.report: Any = None
        self.maps: dict[str, str] = {}  # column letter -> field (as --map)
        self.defaults: dict[str, str] = {}  # field -> value (as --default)

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box import-box"):
            yield Label(f"导入{KIND_TITLES.get(self.kind, self.kind)}", classes="modal-title")
            with Horizontal(classes="form-row"):
                yield Label("文件", classes="form-label")
                hint = (
                    ".docx 或 .txt 文件"
                    if self.kind == PLAN_DOCUMENT
                    else ".xlsx 或 .xls 文件（WPS、Excel 保存的均可）"
                )
                yield Input(placeholder=hint + "\uff0c或按 F4 选择", id="import-path", compact=True)
            if self.kind == PLAN_DOCUMENT:  # what the document may not say: its title and year
                with Horizontal(classes="form-row"):
                    yield Label("标题", classes="form-label")
                    yield Input(placeholder="文件中找不到标题时填写（可不填）", id="import-title", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("年度", classes="form-label")
                hint = (
                    "文件中找不到年度时填写（可不填）"
                    if self.kind == PLAN_DOCUMENT
                    else "日期只写了月日时按哪一年（可不填）"
                )
                yield Input(placeholder=hint, id="import-year", compact=True)
            if self.kind != PLAN_DOCUMENT:
                with Horizontal(classes="form-row"):
                    yield Label("文件中没有的", classes="form-label")
                    yield HzSelect(
                        [("河湖、人员找不到时该行被拒绝", False), ("表中的新河湖、新人员一并新建", True)],
                        value=False,
                        allow_blank=False,
                        id="import-add-missing",
                        compact=True,
                    )
                with Horizontal(classes="form-row"):
                    yield Label("有被拒绝的行时", classes="form-label")
                    yield HzSelect(
                        [("全部不导入\uff08改正后重来\uff09", False), ("导入其余的行\uff0c被拒绝的另存为表格", True)],
                        value=False,
                        allow_blank=False,
                        id="import-skip-refused",
                        compact=True,
                    )
            yield Static(
                "先按 F2 预览\uff1a列出将新增、修改和不能导入的每一行\uff0c不写入任何数据。"
                "没有错误时再按 F3 导入\uff08全部写入\uff0c或全部不写\uff09。F5 核对、修改每一列对应的字段和默认值。",
                classes="form-note",
            )
            # The outcome stays in sight however long the report: a sheet of many columns
            # pushes the report's own 结论 below the box.
            yield Static("", id="import-outcome")
            with VerticalScroll(classes="message-body", id="import-report-box"):
                yield Static("", id="import-report")
            with Horizontal(classes="modal-buttons"):
                yield Button("预览（F2）", id="preview", variant="primary")
                yield Button("导入（F3）", id="run", disabled=True)
                yield Button("关闭（Esc）", id="close")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def action_choose_file(self) -> None:
        """F4: the files of this kind on the desktop, in downloads, beside the data file and
        on the USB sticks, newest first; the one chosen is previewed at once."""
        from hzconsole.tui.screens.dialogs import ChooseScreen

        db = hz_app(self).db
        suffixes = (".docx", ".txt") if self.kind == PLAN_DOCUMENT else (".xlsx", ".xls", ".xlsm")
        files = candidate_files(candidate_folders(db.path.parent if db else None), suffixes)
        if not files:
            self._show(
                Text(
                    "桌面\u3001下载\u3001数据文件所在文件夹和 U 盘上都没有找到这类文件\uff0c请直接填写文件路径\u3002",
                    style="bold red",
                ),
                can_import=False,
            )
            return

        def chosen(path: str | None) -> None:
            if path:
                self.query_one("#import-path", Input).value = path
                self.action_preview()

        options = [(str(p), f"{p.name}    {p.parent}") for p in files]
        self.app.push_screen(ChooseScreen("选择要导入的文件\uff08最新的在前\uff09", options), chosen)

    def _inputs(self) -> tuple[Any, ...]:
        """(path, year, title, maps, defaults[, add_missing, skip_refused]): what a report is about."""
        titles = self.query("#import-title")
        chosen = [
            self.query_one(f"#{w}", Select).value
            for w in ("import-add-missing", "import-skip-refused")
            if self.kind != PLAN_DOCUMENT
        ]
        return (
            self.query_one("#import-path", Input).value.strip().strip('"'),
            self.query_one("#import-year", Input).value.strip(),
            titles.first(Input).value.strip() if titles else "",
            tuple(sorted(self.maps.items())),
            tuple(sorted(self.defaults.items())),
            *chosen,
        )

    def _show(self, text: str | Text, *, can_import: bool, outcome: str = "", good: bool = False) -> None:
        """The report; `outcome` is its 结论 line, kept in sight above it (good: the file
        can go in, or went in)."""
        self.query_one("#import-report", Static).update(text)
        line = self.query_one("#import-outcome", Static)
        line.update(Text(outcome))
        line.display = bool(outcome)
        line.set_class(not good, "-refused")
        self.can_import = can_import
        self.query_one("#run", Button).disabled = not can_import

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        # A report is about the file and year it was made for; new input, new preview.
        if self.previewed is not None and self._inputs() != self.previewed:
            self._show(Text("填写的内容已改动，请重新预览（F2）。", style="dim"), can_import=False)
            self.previewed = None

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_preview()

    def action_preview(self) -> None:
        inputs = self._inputs()
        if not inputs[0]:
            self._show(Text("请填写要导入的文件。", style="bold red"), can_import=False)
            return
        self._show(Text("正在读取文件，请稍候", style="dim"), can_import=False)
        self.previewed = None  # F3 waits for this preview
        self._work(inputs, write=False)

    def action_mapping(self) -> None:
        if self.kind == PLAN_DOCUMENT or self.report is None or not self.report.columns:
            self.notify("请先按 F2 预览\uff0c再按 F5 核对表头对应。", severity="warning")
            return
        from hzconsole.tui.screens.import_mapping import MappingScreen

        def done(result: tuple[dict[str, str], dict[str, str]] | None) -> None:
            if result is None:
                return
            self.maps, self.defaults = result
            self.action_preview()

        self.app.push_screen(MappingScreen(self.report, self.maps, self.defaults), done)

    def action_run_import(self) -> None:
        # F3 with its button disabled would do nothing at all: say why.
        if self.previewed is None or self.previewed != self._inputs():
            self.notify("请先按 F2 预览\uff0c没有错误时再按 F3 导入\u3002", severity="warning")
            return
        if not self.can_import:
            if self.report is not None and self.report.written:
                self.notify("已经导入\u3002要再导入\uff0c请重新预览\uff08F2\uff09\u3002", severity="warning")
            else:
                self.notify("不能导入\uff1a请看预览的结论\uff0c改正后重新预览\uff08F2\uff09\u3002", severity="warning")
            return
        if not hz_app(self).writable():
            return
        self._show(Text("正在导入，请稍候", style="dim"), can_import=False)
        self._work(self._inputs(), write=True)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _work(self, inputs: tuple[Any, ...], write: bool) -> None:
        db = hz_app(self).db
        try:
            report = self._call(db, inputs, write)
        except HzError as exc:
            self.app.call_from_thread(self._show, Text(plain_glyphs(exc.message), style="bold red"), can_import=False)
            return
        self.app.call_from_thread(self._done, report, inputs, write)

    def _call(self, db: Any, inputs: tuple[Any, ...], write: bool) -> Any:
        from hzconsole import imports
        from hzconsole import text as tx

        path, year = Path(inputs[0]).expanduser(), inputs[1]
        number = tx.cn_number(year) if year else None
        if year and number is None:
            raise imports.ImportSetupError(f"年度「{year}」不是数字")
        if self.kind == PLAN_DOCUMENT:
            options = imports.ImportOptions(year=number, plan=inputs[2] or None)
        else:
            options = imports.ImportOptions(
                year=number,
                maps=dict(inputs[3]),
                defaults=dict(inputs[4]),
                add_missing=bool(inputs[5]),
                skip_refused=bool(inputs[6]),
            )
        return imports.import_file(db, self.kind, path, write=write, options=options)

    def _done(self, report: Any, inputs: tuple[Any, ...], wrote: bool) -> None:
        self.previewed = inputs
        self.report = report
        text = Text(plain_glyphs(report.text(limit=REPORT_LIMIT, hints=hints())))
        summary = plain_glyphs(report.summary())
        if wrote:
            self.wrote = self.wrote or bool(report.written)
            self.notify(report.summary(), severity="information" if report.written else "warning", timeout=8)
            self._show(text, can_import=False, outcome=summary, good=bool(report.written))
        else:
            skip = report.skip_refused and not report.fatal
            can = bool((report.ok or skip) and report.has_work)
            self._show(text, can_import=can, outcome=summary, good=can or report.ok)
        self.query_one("#import-report-box").scroll_home(animate=False)

    @on(Button.Pressed, "#preview")
    def _preview_pressed(self) -> None:
        self.action_preview()

    @on(Button.Pressed, "#run")
    def _run_pressed(self) -> None:
        self.action_run_import()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.wrote)
