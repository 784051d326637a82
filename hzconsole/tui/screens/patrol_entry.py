"""Typing in a month of paper patrol sheets: keyboard only, Enter from field to field, the
last Enter saves and starts the next sheet with the date, the chief and the river kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from hzconsole.books import lookups
from hzconsole.books.patrols import patrols
from hzconsole.books.rivers import rivers
from hzconsole.store.errors import FieldProblem, HzError, ValidationError
from hzconsole.tui import inputs
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.widgets.picker import PickInput

if TYPE_CHECKING:
    from hzconsole.tui.screens.patrols import PatrolsScreen

KEPT = ("date", "person_id", "river_id", "segment_id")
RECENT_SHOWN = 6


def sheet_date(text: str, last: date) -> date:
    """'18' is the 18th of the month of the last sheet; '11.18' or '11月18日' of its year."""
    text = text.strip()
    if text.isdigit() and 1 <= int(text) <= 31:
        try:
            return last.replace(day=int(text))
        except ValueError:
            raise ValidationError([FieldProblem("date", "巡河日期", f"{last.month}月没有{text}日")]) from None
    return inputs.day({"date": text}, "date", "巡河日期", default_year=last.year)


class PatrolEntryScreen(FormScreen):
    BINDINGS = [Binding("escape", "finish", "结束录入")]

    def __init__(self, book_screen: PatrolsScreen) -> None:
        from hzconsole.tui.screens.patrols import patrol_fields

        self.book_screen = book_screen
        self.count = 0
        self.last_date = book_screen.today.replace(day=1)
        self.saved: list[str] = []
        super().__init__(
            "批量录入巡河记录(纸质巡河记录表)",
            patrol_fields(book_screen, chiefs_only=True),
            {"date": self.last_date.isoformat(), "handled_on_spot": False},
            self._save_one,
            note="日期可只填「日」(如 18,即同一月份);巡河人、河湖自动保留。"
                 "Enter 到下一项,最后一项按 Enter 保存并开始下一张,Esc 结束。",
            save_label="保存本张",
        )

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one(".form-box")
        box.mount(Label("本次已录入:0 条", id="entry-count", classes="form-note"))
        box.mount(Static("", id="entry-recent", classes="entry-recent"))

    def _save_one(self, values: dict[str, Any]) -> Any:
        db = self.book_screen.db
        assert db is not None
        day = sheet_date(values.get("date") or "", self.last_date)
        return patrols.add(db, {**values, "date": day})

    def action_save(self) -> None:
        values = self.values()
        for spec in self.fields:
            widget = self.widget_of(spec.name)
            if isinstance(widget, PickInput) and values[spec.name] is None and widget.text:
                self.show_problems({spec.name: "请从列表中选择(输入文字或拼音首字母后按 Enter)"}, [])
                return
        try:
            record = self._save(values)
        except ValidationError as exc:
            names = {s.name for s in self.fields}
            self.show_problems({p.field: p.message for p in exc.problems if p.field in names},
                               [p.text() for p in exc.problems if p.field not in names])
            return
        except HzError as exc:
            self.show_problems({}, [exc.message])
            return
        self.count += 1
        self.last_date = record.date
        db = self.book_screen.db
        river = rivers.get(db, record.river_id).name if db else ""
        self.saved.insert(0, f"{record.date.isoformat()}  {river}  {record.duration_min or ''}分钟  {record.seen or ''}")
        self.query_one("#entry-count", Label).update(f"本次已录入:{self.count} 条")
        self.query_one("#entry-recent", Static).update(Text("\n".join(self.saved[:RECENT_SHOWN]), style="dim"))
        self.show_problems({}, [])
        # Next sheet: keep date, chief, river and segment; clear what differs per patrol.
        for spec in self.fields:
            if spec.name in KEPT:
                continue
            widget = self.widget_of(spec.name)
            if isinstance(widget, Input):
                widget.value = "否" if spec.kind == "bool" else ""
        date_input = self.widget_of("date")
        date_input.value = self.last_date.isoformat()
        date_input.focus()
        date_input.select_all()  # typing the next day replaces it

    def on_pick_input_changed(self, event: PickInput.Changed) -> None:
        # Choosing the chief fills in the river he is chief of (the usual case).
        if event.picker.id == "f-person_id" and event.value:
            db = self.book_screen.db
            river_picker = self.widget_of("river_id")
            if db is not None and river_picker.value is None:
                duty = lookups.duty_rivers(db, event.value, self.last_date)
                if duty:
                    river_picker.set_value(duty[0])

    def action_finish(self) -> None:
        self.dismiss(self.count)
