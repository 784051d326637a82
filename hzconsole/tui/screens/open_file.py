"""Opening, creating and first-run choice of the data file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from hzconsole import recent_files
from hzconsole.tui.screens.base import hz_app
from hzconsole.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from hzconsole.tui.app import HzApp


def _path(text: str) -> Path:
    return Path(text.strip().strip('"').strip("'")).expanduser()


class OpenFileScreen(ModalScreen[bool]):
    """Ctrl+O: type a path, or pick one of the recent files. The focus starts on the path,
    so what is typed is never lost; Enter opens what was typed;
    the down key goes to the recent files, where Enter opens the one chosen.
    The file menu also holds what is done with other files: F5 merges another copy of the
    open file (the path typed or the recent file chosen), F6 rolls townships' files up."""

    BINDINGS = [
        Binding("escape", "cancel", "取消"),
        Binding("ctrl+n", "new", "新建"),
        Binding("f5", "merge", "合并另一份副本"),
        Binding("f6", "rollup", "汇总各乡镇文件"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box open-box"):
            yield Label("打开数据文件", classes="modal-title")
            yield Input(
                placeholder="文件路径，如 E:\\河长办\\2024 台账.db，按 Enter 打开",
                id="path",
                compact=True,
                select_on_focus=False,
            )
            yield Static("", id="open-error", classes="form-error")
            yield Label("最近打开的文件\uff08下键进入列表\uff0cEnter 打开\uff09\uff1a", classes="form-note")
            recent = recent_files.load()
            options = [Option(f"{p}{'' if p.exists() else '（找不到，U 盘没插？）'}", id=str(p)) for p in recent] or [
                Option("（还没有）", disabled=True)
            ]
            yield OptionList(*options, id="recent", compact=True, markup=False)
            yield Label(
                "Tab 切换  Ctrl+N 新建文件  Esc 取消\n"
                "F5 合并另一份副本\uff08上面输入或选中的文件\uff09  F6 汇总各乡镇文件",
                classes="modal-hint",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#path", Input))

    def on_key(self, event: events.Key) -> None:
        path = self.query_one("#path", Input)
        recent = self.query_one("#recent", OptionList)
        if self.focused is path and event.key == "down" and recent_files.load():
            event.stop()
            recent.focus()
            if recent.highlighted is None:
                recent.highlighted = 0
        elif self.focused is recent and event.is_printable and event.character:
            # A character typed on the list belongs to the path, not to nowhere.
            event.stop()
            event.prevent_default()
            path.focus()
            path.cursor_position = len(path.value)
            path.insert_text_at_cursor(event.character)

    @property
    def hz(self) -> HzApp:
        return hz_app(self)

    def _open(self, path: Path) -> None:
        if self.hz.open_path(path):
            self.dismiss(True)
        else:
            self.query_one("#open-error", Static).update(getattr(self.hz, "_open_error", "") or "")

    @on(Input.Submitted, "#path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(_path(event.value))
            return
        self.query_one("#open-error", Static).update("请输入文件路径\uff0c或按下键从最近打开的文件中选择。")

    @on(OptionList.OptionSelected, "#recent")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open(Path(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_new(self) -> None:
        self.dismiss(False)
        self.hz.action_new_file()

    def chosen_path(self) -> Path | None:
        """The file the clerk points at: the recent file highlighted (when on the list),
        else the path typed."""
        recent = self.query_one("#recent", OptionList)
        if self.focused is recent and recent.highlighted is not None:
            option = recent.get_option_at_index(recent.highlighted)
            if option.id:
                return Path(option.id)
        typed = self.query_one("#path", Input).value
        return _path(typed) if typed.strip() else None

    def action_merge(self) -> None:
        path = self.chosen_path()
        self.dismiss(False)
        self.hz.action_merge_copy(path)

    def action_rollup(self) -> None:
        self.dismiss(False)
        self.hz.action_rollup()


class NewFileScreen(ModalScreen[bool]):
    """A new, empty file: where, the office's name and its 机关代字 (printed in every 文号:
    without it a new office issued documents as 示河办)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box open-box"):
            yield Label("新建数据文件", classes="modal-title")
            yield Label("保存到（文件路径）：", classes="form-note")
            yield Input(placeholder="如 E:\\河长办\\2025 台账.db", id="path", compact=True)
            yield Label("单位名称：", classes="form-note")
            yield Input(placeholder="如 樟树镇河长制办公室", id="office", compact=True)
            yield Label("机关代字\uff08用于文号\uff09\uff1a", classes="form-note")
            yield Input(placeholder="如 樟河办\uff08文号为 樟河办〔2025〕1号\uff09", id="code", compact=True)
            yield Static("", id="open-error", classes="form-error")
            yield Label("Enter 下一项/新建  Esc 取消", classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _next(self) -> None:
        self.query_one("#office", Input).focus()

    @on(Input.Submitted, "#office")
    def _to_code(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    def _create(self) -> None:
        path_text = self.query_one("#path", Input).value.strip()
        office = self.query_one("#office", Input).value.strip()
        code = self.query_one("#code", Input).value.strip()
        error = self.query_one("#open-error", Static)
        if not path_text:
            error.update("请填写文件路径。")
            self.query_one("#path", Input).focus()
            return
        if not office:
            error.update("请填写单位名称。")
            self.query_one("#office", Input).focus()
            return
        if not code:
            error.update("请填写机关代字\uff08如 樟河办\uff09\uff0c发文编号要用。")
            return
        path = _path(path_text)
        if not path.suffix:
            path = path.with_suffix(".db")
        app = hz_app(self)
        if app.create_file(path, office, code):
            self.dismiss(True)
        else:
            error.update(f"没有新建：{path}")

    def action_cancel(self) -> None:
        self.dismiss(False)


class WelcomeScreen(ModalScreen[None]):
    """First run (or the file could not be opened): open, create, or try the demo."""

    BINDINGS = [Binding("escape", "dismiss_welcome", "关闭")]

    def __init__(self, error: str | None = None) -> None:
        super().__init__(classes="hz-modal")
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box welcome-box"):
            yield Label("欢迎使用河长办台账控制台", classes="modal-title")
            if self.error:
                yield Static(self.error, classes="form-error")
            yield Static("全部台账保存在一个数据文件里，可以放在 U 盘上带走。请选择：", classes="form-note")
            yield OptionList(
                Option("打开已有的数据文件", id="open"),
                Option("新建数据文件", id="new"),
                Option("试用演示数据（虚构的青石镇）", id="demo"),
                Option("退出", id="quit"),
                id="choices",
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        app = hz_app(self)
        choice = event.option.id
        if choice == "quit":
            app.exit()
            return
        if choice == "demo":
            if app.open_demo():
                self.dismiss(None)
            return

        def done(opened: bool | None) -> None:
            if opened:
                self.dismiss(None)

        app.push_screen(OpenFileScreen() if choice == "open" else NewFileScreen(), done)

    def action_dismiss_welcome(self) -> None:
        self.dismiss(None)
