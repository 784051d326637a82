"""巡河台账: one line per patrol; 100,000 of them page from the file as they scroll by."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from textual.binding import Binding

from hzconsole.books import lookups
from hzconsole.books.lookups import Choice
from hzconsole.books.models import Patrol
from hzconsole.books.patrols import patrols
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import people
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec


def patrol_fields(screen: BookScreen, persons: Callable[[], list[Choice]] | None = None) -> list[FieldSpec]:
    """The fields of a patrol; `persons` the choices of 巡河人 (default: everyone)."""
    L = Patrol.label
    db = screen.db
    if persons is None:
        persons = lambda: lookups.people(db)  # noqa: E731
    return [
        FieldSpec("date", L("date"), "date", required=True),
        FieldSpec("person_id", L("person_id"), "pick", persons, required=True),
        FieldSpec("river_id", L("river_id"), "pick", lambda: lookups.rivers(db), required=True),
        FieldSpec(
            "segment_id",
            L("segment_id"),
            "pick",
            lambda: lookups.segments(db, screen.picked("river_id")),
            depends="river_id",
        ),
        FieldSpec("start_time", L("start_time"), placeholder="如 08:30"),
        FieldSpec("end_time", L("end_time"), placeholder="如 09:10"),
        FieldSpec("duration_min", L("duration_min"), "number"),
        FieldSpec("distance_km", L("distance_km"), "number"),
        FieldSpec("seen", L("seen")),
        FieldSpec("handled_on_spot", L("handled_on_spot"), "bool"),
        FieldSpec("notes", L("notes")),
    ]


class PatrolsScreen(BookScreen):
    """巡河台账"""

    MODE = "patrols"
    LISTING = "patrols"
    WHAT = "巡河记录"
    BOOK = patrols
    IMPORT_KINDS = ("patrols",)
    EXTRA_WRITES = ("batch", "record_problem")
    BINDINGS = [Binding("f5", "batch", "批量录入"), Binding("f7", "record_problem", "记问题")]

    def form_fields(self, record: Patrol | None) -> list[FieldSpec]:
        return patrol_fields(self)

    def new_values(self) -> dict[str, Any]:
        return {"date": self.today.isoformat(), "handled_on_spot": False}

    def detail(self, record_id: str) -> RenderableType:
        db = self.db
        p = patrols.get(db, record_id)
        L = Patrol.label
        return detail_table(
            [
                (L("date"), p.date),
                (L("person_id"), people.get(db, p.person_id).name),
                (L("river_id"), rivers.get(db, p.river_id).name),
                (L("segment_id"), segments.get(db, p.segment_id).name if p.segment_id else None),
                (L("start_time"), p.start_time),
                (L("end_time"), p.end_time),
                (L("duration_min"), p.duration_min),
                (L("distance_km"), p.distance_km),
                (L("seen"), p.seen),
                (L("handled_on_spot"), p.handled_on_spot),
                (L("notes"), p.notes),
            ]
        )

    def action_record_problem(self) -> None:
        """A problem found on the patrol under the cursor: the problem form with the patrol's
        day, river and segment, and the patrol linked (the ledger's 发现问题编号)."""
        record_id = self.record_to_change()
        if record_id is None:
            return
        from hzconsole.books.problems import next_number, problems
        from hzconsole.tui.screens.form import FormScreen
        from hzconsole.tui.screens.problems import problem_fields

        db = self.db
        patrol = patrols.get(db, record_id)
        values = {
            "number": next_number(db, patrol.date.year),
            "found_date": patrol.date.isoformat(),
            "river_id": patrol.river_id,
            "segment_id": patrol.segment_id,
            "source": "巡河发现",
            "category": "其他",
            "description": patrol.seen,
        }

        def save(form: dict[str, Any]) -> Any:
            return problems.add(db, {**form, "patrol_id": record_id})

        def done(result: Any) -> None:
            if result is not None:
                self.notify(
                    f"已登记问题 {result.number}\uff08{patrol.date.isoformat()}巡河发现\uff09\u3002"
                    "到问题清单按 F5 交办\u3002"
                )
                self.load(keep_cursor=True)

        who = people.get(db, patrol.person_id).name
        self.app.push_screen(
            FormScreen(
                f"记录巡河发现的问题\uff1a{patrol.date.isoformat()} {who}",
                problem_fields(self),
                values,
                save,
                check_required=False,
            ),
            done,
        )

    def action_batch(self) -> None:
        if not self.writable():
            return
        from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen

        def done(count: int | None) -> None:
            if count:
                self.notify(f"本次录入巡河记录 {count} 条。")
            self.load(keep_cursor=True)

        self.app.push_screen(PatrolEntryScreen(self), done)
