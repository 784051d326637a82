"""巡河台账: one patrol per row.

Creates or updates patrols only. The chief, river and segment must already be in the books
(a row naming an unknown one is refused, never guessed). A patrol is known by date + chief
+ river + start time. The date and times may sit in separate columns, in one 巡河时间
column ('2024-06-17 08:30-09:30'), or under a two-level header 巡河时间 / 开始 · 结束.
"""

from __future__ import annotations

from typing import Any

from hzconsole import text as tx
from hzconsole.books.models import Patrol
from hzconsole.imports import cells
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, SourceRow
from hzconsole.imports.kinds.common import model_titles, present

_KEYS = {"person_id": "person", "river_id": "river", "segment_id": "segment", "date": "date"}


class PatrolImporter(KindImporter):
    kind = "patrols"
    required = (("date", "when"), "person", "river")
    titles = model_titles(Patrol, {"person_id": "person", "river_id": "river", "segment_id": "segment"})

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        # The days that have patrols in the file (3,650 in a decade): a row of any other day
        # is new without a query, which is most rows of a first import.
        self.days = {r[0] for r in self.db.query("SELECT DISTINCT date FROM patrols")}

    def plan_row(self, row: SourceRow) -> None:
        day, start, end = self._when(row)
        person_name = row.text("person")
        river_name, seg_name, river_id, segment_id = self.place(row)
        person_id = None
        if person_name:
            found = self.resolver.person(
                person_name, unit=row.text("unit"), phone=_phone(row.raw("phone")), river_id=river_id
            )
            if found.ok:
                person_id = found.id
            elif not found.candidates and (
                created := self.missing_person(row, person_name, row.text("unit"), _phone(row.raw("phone")))
            ):
                person_id = created
            else:
                self.ambiguous(row, "person", person_name, found, msg.PERSON_AMBIGUOUS_HINT)
        data = {
            "date": day,
            "person_id": person_id,
            "river_id": river_id,
            "segment_id": segment_id,
            "start_time": start,
            "end_time": end,
            "duration_min": row.numeric("duration_min", "分钟数"),
            "distance_km": row.numeric("distance_km", "里程"),
            "seen": row.text("seen"),
            "handled_on_spot": row.text("handled_on_spot"),
            "notes": _notes(row),
        }
        what = " ".join(x for x in (tx.cn_date(day) if day else None, person_name, river_name, seg_name, start) if x)
        if row.result.issues or person_id is None or river_id is None:
            # Still validate, so every other problem of the row is reported too.
            self.validate(
                Patrol, {**present(data), "person_id": person_id or "?", "river_id": river_id or "?"}, row, _KEYS
            )
            if person_id is None and not person_name:
                row.issue("person", msg.REQUIRED)
            if river_id is None and not river_name:
                row.issue("river", msg.REQUIRED)
            self.settle(row, ["refuse"], what)
            return
        record = self.validate(Patrol, data, row, _KEYS)
        if record is None:
            self.settle(row, ["refuse"], what)
            return
        what = " ".join(
            x
            for x in (
                tx.cn_date(record.date),
                self.resolver.people[person_id]["name"],
                river_name,
                seg_name,
                record.start_time,
            )
            if x
        )
        key = (record.date, person_id, river_id, record.start_time)
        existing = self._existing(row, record, key)
        if existing == "refuse":
            self.settle(row, ["refuse"], what)
            return
        outcome, _id = self.upsert(
            Patrol,
            existing,
            data,
            row,
            keys=_KEYS,
            seen=("patrol", *key),
            describe=(msg.WHAT_PATROL, msg.WHAT_PATROL_KEY),
            record=record,
        )
        self.settle(row, [outcome], what)

    def _when(self, row: SourceRow) -> tuple[Any, str | None, str | None]:
        day = row.date("date") if row.has("date") else None
        start = row.time("start_time")
        end = row.time("end_time")
        if row.has("time_range") and not cells.blank(row.raw("time_range")):
            try:
                s, e = cells.split_time_range(row.raw("time_range"))
                start, end = start or s, end or e
            except ValueError as exc:
                row.issue("time_range", exc)
        if row.has("when") and not cells.blank(row.raw("when")):
            try:
                d, s, e = cells.split_date_time(row.raw("when"), row.year)
                day, start, end = day or d, start or s, end or e
            except ValueError as exc:
                row.issue("when", exc)
        if day is None and "date" not in row.bad and "when" not in row.bad:
            row.issue("date" if row.has("date") else "when", msg.REQUIRED, Patrol.label("date"))
        return day, start, end

    def _existing(self, row: SourceRow, record: Patrol, key: tuple[Any, ...]) -> Any:
        if key[0].isoformat() not in self.days:
            return None
        rows = self.db.query(
            # '+river_id' keeps SQLite on the (date, person_id) index: the river index alone
            # would scan every patrol of the river.
            "SELECT * FROM patrols WHERE date = ? AND person_id = ? AND +river_id = ? AND start_time IS ?",
            (key[0].isoformat(), key[1], key[2], key[3]),
        )
        if len(rows) <= 1:
            return dict(rows[0]) if rows else None
        values = record.row()
        for r in rows:
            if all(cells.blank(values.get(k)) or str(values.get(k)) == str(r[k]) for k in ("seen", "segment_id")):
                return dict(r)
        row.issue(None, msg.EXISTING_MANY.format(n=len(rows), what=msg.WHAT_PATROL, key=msg.WHAT_PATROL_KEY))
        return "refuse"


def _notes(row: SourceRow) -> str | None:
    """备注, with the route (巡查起点和止点) in front: paper forms have a column for it."""
    route = row.text("route")
    notes = row.text("notes")
    if not route:
        return notes
    route = f"{row.header('route').rsplit('/', 1)[-1]}\uff1a{route}"
    return "\uff1b".join(x for x in (route, notes) if x)


def _phone(value: Any) -> str | None:
    if cells.blank(value):
        return None
    phone, _others = cells.to_phone(value)
    try:
        return tx.normalize_phone(phone or "")
    except ValueError:
        return None
