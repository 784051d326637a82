"""巡河台账: one record per patrol."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from hzconsole.books.base import Book
from hzconsole.books.models import Patrol
from hzconsole.books.rivers import check_place
from hzconsole.books.terms import PATROLLER_ROLES
from hzconsole.store.database import Database
from hzconsole.store.errors import FieldProblem


class PatrolBook(Book[Patrol]):
    def before_write(self, db: Database, new: Patrol, old: Patrol | None) -> None:
        db.get("people", new.person_id)
        db.get("rivers", new.river_id)
        check_place(db, new.river_id, new.segment_id)


def warnings(db: Database, values: dict[str, Any], *, exclude: str | None = None) -> list[FieldProblem]:
    """What is probably wrong with a patrol about to be saved, though it may be saved: the
    same sheet entered twice, or a patrol outside the patroller's term (it would count for
    no one in the compliance figures). `values` as saved (date a date, ids)."""
    out: list[FieldProblem] = []
    day, person, river = values.get("date"), values.get("person_id"), values.get("river_id")
    if not isinstance(day, date) or not person:
        return out
    same = db.query(
        "SELECT id, start_time FROM patrols WHERE person_id = ? AND date = ? AND river_id IS ?",
        (person, day.isoformat(), river),
    )
    start = values.get("start_time") or None
    twins = [r for r in same if r["id"] != exclude and (r["start_time"] or None) == start]
    if twins:
        at = f"\uff08开始时间 {start}\uff09" if start else ""
        out.append(
            FieldProblem("date", Patrol.label("date"), f"已有同一人同一天巡同一河湖的记录{at}\uff0c可能是重复录入")
        )
    marks = ",".join("?" * len(PATROLLER_ROLES))
    terms = db.query(
        f"SELECT start_date, end_date FROM appointments WHERE person_id = ? AND role IN ({marks}) ORDER BY start_date",
        (person, *PATROLLER_ROLES),
    )
    held = any(
        t["start_date"] <= day.isoformat() and (t["end_date"] is None or t["end_date"] > day.isoformat()) for t in terms
    )
    if terms and not held:
        span = "\u3001".join(f"{t['start_date']}至{t['end_date'] or '今'}" for t in terms)
        out.append(
            FieldProblem(
                "person_id",
                Patrol.label("person_id"),
                f"{day.isoformat()}不在任\uff08任职{span}\uff09\uff0c这次巡河不计入巡河考核",
            )
        )
    elif not terms:
        out.append(
            FieldProblem(
                "person_id",
                Patrol.label("person_id"),
                "没有河长\u3001巡河员或民间河长的任职\uff0c这次巡河不计入巡河考核",
            )
        )
    return out


patrols = PatrolBook(Patrol, order_by="date DESC, id")


# The patrol ledger's columns plus the names it shows; ordered so a ledger reads by date.
_LEDGER_SQL = (
    "SELECT pa.id, pa.date, pa.start_time, pa.end_time, pa.duration_min, pa.distance_km,"
    " pa.seen, pa.handled_on_spot, pa.notes, pa.person_id, pa.river_id, pa.segment_id,"
    " pe.name AS person_name, r.name AS river_name, s.name AS segment_name"
    " FROM patrols pa"
    " JOIN people pe ON pe.id = pa.person_id"
    " JOIN rivers r ON r.id = pa.river_id"
    " LEFT JOIN segments s ON s.id = pa.segment_id"
    " WHERE pa.date BETWEEN ? AND ?"
    " ORDER BY pa.date, pa.start_time, pe.name, pa.id"
)


def count_between(db: Database, start: date, end: date) -> int:
    """Patrols dated within [start, end]."""
    return int(
        db.scalar("SELECT count(*) FROM patrols WHERE date BETWEEN ? AND ?", (start.isoformat(), end.isoformat()))
    )


def iter_ledger_rows(db: Database, start: date, end: date, *, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Patrols dated within [start, end] with person/river/segment names, as dicts, streamed
    from a cursor in batches: memory stays flat however many patrols the file holds."""
    cursor = db.conn.execute(_LEDGER_SQL, (start.isoformat(), end.isoformat()))
    try:
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(batch):
            for row in rows:
                yield dict(zip(names, row, strict=True))
    finally:
        cursor.close()


def problem_numbers_between(db: Database, start: date, end: date) -> dict[str, list[str]]:
    """Numbers of the problems found on each patrol dated within [start, end] (bounded by the
    problem book, not the patrol book)."""
    out: dict[str, list[str]] = {}
    for patrol_id, number in db.conn.execute(
        "SELECT pr.patrol_id, pr.number FROM problems pr JOIN patrols pa ON pa.id = pr.patrol_id"
        " WHERE pa.date BETWEEN ? AND ? ORDER BY pr.number",
        (start.isoformat(), end.isoformat()),
    ):
        out.setdefault(patrol_id, []).append(number)
    return out
