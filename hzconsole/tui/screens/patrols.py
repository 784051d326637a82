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
        FieldSpec("segment_id", L("segment_id"), "pick",
                  lambda: lookups.segments(db, screen.picked("river_id")), depends="river_id"),
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
    EXTRA_WRITES = ("batch",)
    BINDINGS = [Binding("f5", "batch", "批量录入")]

    def form_fields(self, record: Patrol | None) -> list[FieldSpec]:
        return patrol_fields(self)

    def new_values(self) -> dict[str, Any]:
        return {"date": self.today.isoformat(), "handled_on_spot": False}

    def detail(self, record_id: str) -> RenderableType:
        assert self.db is not None
        db = self.db
        p = patrols.get(db, record_id)
        L = Patrol.label
        return detail_table([
            (L("date"), p.date), (L("person_id"), people.get(db, p.person_id).name),
            (L("river_id"), rivers.get(db, p.river_id).name),
            (L("segment_id"), segments.get(db, p.segment_id).name if p.segment_id else None),
            (L("start_time"), p.start_time), (L("end_time"), p.end_time),
            (L("duration_min"), p.duration_min), (L("distance_km"), p.distance_km),
            (L("seen"), p.seen), (L("handled_on_spot"), p.handled_on_spot), (L("notes"), p.notes),
        ])

    def action_batch(self) -> None:
        if not self.writable():
            return
        from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen

        def done(count: int | None) -> None:
            if count:
                self.notify(f"本次录入巡河记录 {count} 条。")
            self.load(keep_cursor=True)

        self.app.push_screen(PatrolEntryScreen(self), done)
