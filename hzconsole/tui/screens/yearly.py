"""年度工作记录: the console's face of `hzconsole records` (hzconsole/books/yearly.py), the
facts of a year that the 工作总结 quotes and no book holds (meetings, 河长令, cleaning,
funding, 述职 and 考核 …). A screen of its own, opened from the command palette (Ctrl+P)
and from 设置 (F8): one year shown, F4 fills it in, F5 / F6 go a year back or on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from hzconsole.books import yearly
from hzconsole.store.errors import FieldProblem, HzError, ValidationError
from hzconsole.tui.screens.base import hz_app
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from hzconsole.tui.app import HzApp

NOT_FILLED = "\uff08未填写\uff09"
# The text records go into the summary's sentences as typed (templates/documents/summary.txt):
# the placeholder shows the words that fit there.
TEXT_HINTS = {
    "chief_reports": "一句话\uff0c如 镇\u3001村两级河长全部完成年度述职",
    "assessment": "接在\u300c在年度河长制工作考核中\uff0c我镇\u300d之后\uff0c如 被评为优秀等次",
}


def record_fields() -> list[FieldSpec]:
    """One field per record; the unit in the placeholder (a number is asked for)."""
    return [
        FieldSpec(
            kind.key,
            kind.label,
            "text",
            placeholder=(f"数字\uff0c单位\uff1a{kind.unit}" if kind.unit else TEXT_HINTS.get(kind.key, "文字")),
        )
        for kind in yearly.RECORDS
    ]


def save_year(db: Any, year: int, values: dict[str, Any]) -> dict[str, str]:
    """Every field checked first (all problems shown at once, under their fields), then
    the year saved in one transaction through the book."""
    typed = {key: "" if value is None else str(value) for key, value in values.items()}
    problems = []
    for key, value in typed.items():
        try:
            yearly.check_value(key, value)
        except HzError as exc:
            problems.append(FieldProblem(key, yearly.KINDS[key].label, exc.message))
    if problems:
        raise ValidationError(problems)
    saved = yearly.get_year(db, year)
    changed = {k: v for k, v in typed.items() if yearly.check_value(k, v) != saved.get(k, "")}
    if changed:
        yearly.set_values(db, year, changed)
    return yearly.get_year(db, year)


class YearlyRecordsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("f4", "edit", "填写"),
        Binding("f5", "year(-1)", "上一年"),
        Binding("f6", "year(1)", "下一年"),
        Binding("ctrl+z", "app.undo", "撤销"),
        Binding("escape", "close", "关闭"),
    ]

    def __init__(self, year: int) -> None:
        super().__init__(classes="hz-modal")
        self.year = year

    @property
    def hz(self) -> HzApp:
        return hz_app(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box message-box"):
            yield Label("", id="yearly-title", classes="modal-title")
            yield Static("工作总结引用这些数字和情况\uff1b其他台账里没有\uff0c请按年度填写\u3002", classes="form-note")
            with VerticalScroll(classes="message-body"):
                yield Static("", id="yearly-view")
            yield Label("F4 填写  F5 上一年  F6 下一年  Ctrl+Z 撤销  Esc 关闭", classes="modal-hint")

    def on_mount(self) -> None:
        self.show()
        self.query_one(VerticalScroll).focus()

    def show(self) -> None:
        self.query_one("#yearly-title", Label).update(f"{self.year}年度工作记录")
        db = self.hz.db
        if db is None:
            self.query_one("#yearly-view", Static).update("")
            return
        try:
            saved = yearly.get_year(db, self.year)
        except HzError as exc:
            self.query_one("#yearly-view", Static).update(Text(exc.message, style="bold red"))
            return
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for kind in yearly.RECORDS:
            value = saved.get(kind.key)
            table.add_row(kind.label, f"{value}{kind.unit}" if value else Text(NOT_FILLED, style="dim"))
        self.query_one("#yearly-view", Static).update(table)

    def action_year(self, step: int) -> None:
        self.year += step
        self.show()

    def on_screen_resume(self) -> None:
        self.show()  # back from the form or an undo

    def action_edit(self) -> None:
        if not self.hz.writable():
            return
        db, year = self.hz.db, self.year
        if db is None:  # writable() said so already
            return
        saved = yearly.get_year(db, year)

        def done(result: Any) -> None:
            if result is not None:
                self.notify(f"已保存{year}年度工作记录\u3002")
            self.show()

        self.app.push_screen(
            FormScreen(
                f"{year}年度工作记录",
                record_fields(),
                dict(saved),
                lambda values: save_year(db, year, values),
                note="数字项只填数字\uff08单位见框内提示\uff09\uff1b清空一项即删除该项\u3002",
                check_required=False,
            ),
            done,
        )

    def action_close(self) -> None:
        self.dismiss(None)
