"""河长名册: who holds which duty on which river, with the history of changes."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding

from hzconsole import listing
from hzconsole.books import lookups
from hzconsole.books.models import Appointment, Person
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, people
from hzconsole.books.terms import LEVELS, ROLES
from hzconsole.tui.screens.base import hz_db
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.book_table import BookTable
from hzconsole.tui.widgets.picker import PickInput


def person_fields() -> list[FieldSpec]:
    L = Person.label
    return [
        FieldSpec("name", L("name"), required=True),
        FieldSpec("post", L("post"), placeholder="如 镇党委书记、村委会主任"),
        FieldSpec("unit", L("unit")),
        FieldSpec("phone", L("phone"), placeholder="11位手机号或带区号的座机"),
        FieldSpec("notes", L("notes")),
    ]


class AppointmentForm(FormScreen):
    """The appointment form, where a person not yet in the file is added on the spot (F7):
    the new person is then the one chosen."""

    BINDINGS = [Binding("f7", "new_person", "新人员")]

    def action_new_person(self) -> None:
        db = hz_db(self)
        picker = self.widget_of("person_id")
        typed = picker.text if isinstance(picker, PickInput) and picker.value is None else ""

        def done(person: Any) -> None:
            if person is None or not isinstance(picker, PickInput):
                return
            picker.reset_choices()
            picker.set_value(person.id)
            self.focus_field("role")

        self.app.push_screen(
            FormScreen("新增人员", person_fields(), {"name": typed}, lambda v: people.add(db, v), check_required=False),
            done,
        )


class RosterScreen(BookScreen):
    """河长名册"""

    MODE = "roster"
    LISTING = "roster"
    WHAT = "任职"
    BOOK = appointments
    IMPORT_KINDS = ("chiefs",)
    FORM_TITLE = "任职"
    EXTRA_WRITES = ("add_person", "edit_person", "change")
    BINDINGS = [
        Binding("f5", "change", "人事调整"),
        Binding("f7", "add_person", "新人员"),
        Binding("ctrl+t", "edit_person", "改人员"),
        Binding("ctrl+l", "toggle_history", "含离任"),
    ]

    def action_toggle_history(self) -> None:
        self.LISTING = "roster_history" if self.LISTING == "roster" else "roster"
        self.sort, self.descending = None, False
        self.query_one(BookTable).set_listing(listing.LISTINGS[self.LISTING])
        self.load()
        self.notify("显示全部任职（含已离任）" if self.LISTING == "roster_history" else "只显示在任")

    def form_fields(self, record: Appointment | None) -> list[FieldSpec]:
        L = Appointment.label
        db = self.db
        return [
            FieldSpec("person_id", L("person_id"), "pick", lambda: lookups.people(db), required=True),
            FieldSpec("role", L("role"), "choice", ROLES, required=True),
            FieldSpec("level", L("level"), "choice", LEVELS, required=True),
            FieldSpec("river_id", L("river_id"), "pick", lambda: lookups.rivers(db)),
            FieldSpec(
                "segment_id",
                L("segment_id"),
                "pick",
                lambda: lookups.segments(db, self.picked("river_id")),
                depends="river_id",
            ),
            FieldSpec("start_date", L("start_date"), "date", required=True),
            FieldSpec("end_date", L("end_date"), "date"),
            FieldSpec("end_reason", L("end_reason")),
            FieldSpec("notes", L("notes")),
        ]

    def new_values(self) -> dict[str, Any]:
        return {"role": "河长", "level": "村级", "start_date": self.today.isoformat()}

    def detail(self, record_id: str) -> RenderableType:
        db = self.db
        appt = appointments.get(db, record_id)
        person = people.get(db, appt.person_id)
        P = Person.label
        head = detail_table(
            [
                (P("name"), person.name),
                (P("post"), person.post),
                (P("unit"), person.unit),
                (P("phone"), person.phone),
                (P("notes"), person.notes),
            ]
        )
        parts: list[RenderableType] = [head, Text("\n任职记录", style="bold")]
        for a in sorted(appointments.of_person(db, person.id or ""), key=lambda a: a.start_date):
            where = rivers.get(db, a.river_id).name if a.river_id else "全镇"
            if a.segment_id:
                where += " " + segments.get(db, a.segment_id).name
            until = f"至{a.end_date.isoformat()}" if a.end_date else "至今"
            reason = f"（{a.end_reason}）" if a.end_reason else ""
            mark = "* " if a.id == record_id else "  "
            parts.append(Text(f"{mark}{a.level}{a.role} {where}\n    {a.start_date.isoformat()}{until}{reason}"))
        return Group(*parts)

    def summary(self, record_id: str) -> str:
        appt = appointments.get(self.db, record_id)
        person = people.get(self.db, appt.person_id)
        return f"{person.name} {appt.level}{appt.role} {appt.start_date.isoformat()}起"

    def action_add_person(self) -> None:
        if not self.writable():
            return
        db = self.db

        def done(result: Any) -> None:
            if result is not None:
                self.notify(f"已新增人员 {result.name}。按 F2 为其新增任职。")

        self.app.push_screen(
            FormScreen("新增人员", person_fields(), {}, lambda v: people.add(db, v), check_required=False), done
        )

    def action_edit_person(self) -> None:
        record_id = self.record_to_change()
        if record_id is None:
            return
        db = self.db
        person = people.get(db, appointments.get(db, record_id).person_id)
        values = {k: v for k, v in person.model_dump().items()}

        def done(result: Any) -> None:
            if result is not None:
                self.notify("已保存。")
                self.load(keep_cursor=True)

        self.app.push_screen(
            FormScreen(
                f"编辑人员：{person.name}",
                person_fields(),
                values,
                lambda v: people.update(db, person.id or "", v),
                check_required=False,
            ),
            done,
        )

    def action_change(self) -> None:
        if not self.writable():
            return
        record_id = self.current_id()
        if record_id is None:
            return
        from hzconsole.tui.screens.appointment_change import start_change

        start_change(self, record_id)

    def action_add(self) -> None:
        if not self.writable():
            return
        self.app.push_screen(
            AppointmentForm(
                "新增任职",
                self.form_fields(None),
                self.new_values(),
                self.save_new,
                check_required=False,
                note="名单里没有这个人时按 F7 先新增人员\uff08已输入的姓名会带过去\uff09\u3002",
            ),
            self.after_save,
        )
