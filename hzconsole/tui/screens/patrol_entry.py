"""Typing in a month of paper patrol sheets: keyboard only, Enter from field to field, the
last Enter saves and starts the next sheet with the date, the chief and the river kept."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.widgets import Input

from hzconsole.books import lookups
from hzconsole.books.patrols import patrols
from hzconsole.books.patrols import warnings as patrol_warnings
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import people
from hzconsole.store.errors import FieldProblem, HzError, ValidationError
from hzconsole.tui import inputs
from hzconsole.tui.screens.form import FormScreen, refused
from hzconsole.tui.widgets.cells import pad
from hzconsole.tui.widgets.picker import PickInput
from hzconsole.tui.widgets.plain import Label, Static

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
        self._warned: tuple[Any, ...] | None = None  # the sheet last warned about
        db = book_screen.db
        super().__init__(
            "批量录入巡河记录（纸质巡河记录表）",
            patrol_fields(book_screen, lambda: lookups.patrollers(db, self.sheet_day())),
            {"date": self.last_date.isoformat(), "handled_on_spot": False},
            self._save_one,
            note="日期可只填「日」（如 18，即同一月份）；巡河人、河湖自动保留。"
            "Enter 到下一项，最后一项按 Enter 保存并开始下一张，Esc 结束。",
            save_label="保存本张",
        )

    def on_mount(self) -> None:
        super().on_mount()
        box = self.query_one(".form-box")
        box.mount(Label("本次已录入：0 条", id="entry-count", classes="form-note"))
        box.mount(Static("", id="entry-recent", classes="entry-recent"))
        self._fit_height()

    def on_resize(self) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        # At 24 lines the two lines of how-to (also in F1 and the README) give way to the
        # sheets just saved, which the clerk checks against the paper.
        notes = self.query(".form-box > .form-note")
        if notes:
            notes.first().display = self.app.size.height >= 30

    def default_year(self) -> int:
        # '12.18' typed in January for last December's sheets is in the year of the last sheet.
        return self.last_date.year

    def sheet_day(self) -> date:
        """The day typed in the sheet's date (the last sheet's while it does not read as one):
        who was in office is looked up as of this day."""
        try:
            text = self.widget_of("date").value if self.is_mounted else ""
            return sheet_date(text or "", self.last_date)
        except (ValidationError, NoMatches):  # not a day yet, or the form not yet built
            return self.last_date

    def _checked(self, values: dict[str, Any]) -> dict[str, Any]:
        """The sheet as it would be saved; refused (ValidationError) when its date is after
        today; a patrol already entered, or outside the patroller's term, is only warned
        about: a second F2 (or Enter on the last field) saves it as it is."""
        db = self.book_screen.db
        assert db is not None
        day = sheet_date(values.get("date") or "", self.last_date)
        today = self.book_screen.today
        if day > today:
            raise ValidationError(
                [
                    FieldProblem(
                        "date", "巡河日期", f"{day.isoformat()}晚于今天\uff08{today.isoformat()}\uff09\uff0c请核对"
                    )
                ]
            )
        return {**values, "date": day}

    def _save_one(self, values: dict[str, Any]) -> Any:
        db = self.book_screen.db
        assert db is not None
        return patrols.add(db, self._checked(values))

    @on(Input.Changed, "#f-date")
    def _date_changed(self) -> None:
        # The chiefs of another day: the list of 巡河人 is asked again (the one chosen stays).
        picker = self.widget_of("person_id")
        if isinstance(picker, PickInput):
            picker.reset_choices()
            if picker.value is not None:
                with picker.input.prevent(Input.Changed):
                    picker.input.value = picker._label_of(picker.value)

    def action_save(self) -> None:
        values = self.values()
        problems = self.missing(values)
        if problems:
            self.show_problems(problems, [])
            return
        db = self.book_screen.db
        try:
            checked = self._checked(values)
            sheet = tuple(sorted((k, str(v)) for k, v in checked.items()))
            warned = patrol_warnings(db, checked) if db is not None else []
            if warned and sheet != self._warned:
                self._warned = sheet
                self.show_problems(
                    {p.field: "提醒\uff1a" + p.message for p in warned},
                    ["确认无误请再按 F2\uff08或在最后一项按 Enter\uff09保存本张\u3002"],
                )
                return
            record = self._save(values)
        except ValidationError as exc:
            names = {s.name for s in self.fields}
            self.show_problems(
                {p.field: p.message for p in exc.problems if p.field in names},
                [p.text() for p in exc.problems if p.field not in names],
            )
            return
        except HzError as exc:
            self.show_problems({}, [refused(exc)])
            return
        self._warned = None
        self.count += 1
        self.last_date = record.date
        self.saved.insert(0, self._saved_line(record))
        self.query_one("#entry-count", Label).update(f"本次已录入：{self.count} 条（最近的在上面）")
        shown = RECENT_SHOWN if self.app.size.height >= 30 else 2  # 80x24: the form must fit
        self.query_one("#entry-recent", Static).update(Text("\n".join(self.saved[:shown]), style="dim"))
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
        self.focus_field("date")
        date_input.select_all()  # typing the next day replaces it
        self.mark_unchanged()

    def _saved_line(self, record: Any) -> str:
        """One line per saved sheet, in columns (cells, not characters: names are CJK)."""
        db = self.book_screen.db
        person = people.get(db, record.person_id).name if db else ""
        river = rivers.get(db, record.river_id).name if db else ""
        times = "-".join(t for t in (record.start_time, record.end_time) if t)
        minutes = f"{record.duration_min}分钟" if record.duration_min is not None else ""
        cells = [(record.date.isoformat(), 10), (person, 8), (river, 10), (times, 11), (minutes, 8)]
        line = "".join(pad(text, width) + " " for text, width in cells)
        return (line + (record.seen or "")).rstrip()

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
        """Esc ends the session; a sheet typed but not saved is not dropped without asking."""
        if not self.changed:
            self.dismiss(self.count)
            return
        from hzconsole.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.count)

        self.app.push_screen(
            ConfirmScreen(
                "结束录入",
                "本张还没有保存（按 F2 或在最后一项按 Enter 保存）。\n\n放弃本张并结束录入吗？",
                yes="放弃本张",
            ),
            answered,
        )
