"""The rows each ledger sheet shows, read from the books (dicts keyed by column `source`).

The patrol ledger is the exception: it streams from hzconsole.books.patrols because it can
hold 100,000 rows; every other book is small enough (hundreds to tens of thousands of rows)
to read at once, which lets their column widths fit the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from hzconsole import figures
from hzconsole.books.terms import PATROL_ROLES, ROLES, in_force_sql, level_order_sql
from hzconsole.ledgers import messages as msg
from hzconsole.rules.boards import BOARD_ROLES
from hzconsole.store.database import Database

Row = dict[str, Any]

# Sort keys in the order the books list them (县 before 乡 before 村, 总河长 first).
_ROLE_SQL = "CASE {col} " + " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(ROLES)) + " ELSE 99 END"

# What each sheet can show: the columns of its table plus the names and figures we add.
SOURCES: dict[str, tuple[str, ...]] = {
    "rivers": (
        "index",
        "name",
        "code",
        "kind",
        "level",
        "catchment_km2",
        "length_km",
        "source",
        "mouth",
        "parent_name",
        "villages",
        "chiefs",
        "notes",
    ),
    "segments": ("index", "river_name", "name", "start_point", "end_point", "length_km", "villages", "chiefs", "notes"),
    "chiefs": (
        "index",
        "person_name",
        "post",
        "unit",
        "phone",
        "role",
        "level",
        "river_name",
        "segment_name",
        "start_date",
        "end_date",
        "end_reason",
        "state",
        "notes",
        "person_notes",
    ),
    "signboards": (
        "index",
        "number",
        "river_name",
        "segment_name",
        "location",
        "lat",
        "lon",
        "install_date",
        "content_date",
        "chiefs",
        "supervision_phone",
        "duties",
        "targets",
        "condition",
        "last_inspection",
        "stale",
        "stale_since",
        "stale_days",
        "notes",
    ),
    "patrols": (
        "index",
        "date",
        "person_name",
        "river_name",
        "segment_name",
        "start_time",
        "end_time",
        "duration_min",
        "distance_km",
        "seen",
        "handled_on_spot",
        "problem_numbers",
        "notes",
    ),
    "compliance": (
        "index",
        "name",
        "level",
        "river_name",
        "norm",
        "required",
        "done",
        "compliant",
        "missing_count",
        "missing",
    ),
    "problems": (
        "index",
        "number",
        "river_name",
        "segment_name",
        "location",
        "found_date",
        "source",
        "category",
        "description",
        "responsible_unit",
        "responsible_person",
        "deadline",
        "measures",
        "requirements",
        "status",
        "fixed_date",
        "closed_date",
        "evidence",
        "overdue",
        "overdue_days",
        "notes",
    ),
    "tasks": (
        "index",
        "seq",
        "section_title",
        "text",
        "lead_units",
        "coop_units",
        "implementers",
        "deadline",
        "progress",
        "status",
        "done_date",
        "plan_title",
    ),
}
SOURCES["appointments"] = SOURCES["chiefs"]

_DATE_KEYS = frozenset(
    {
        "start_date",
        "end_date",
        "install_date",
        "content_date",
        "last_inspection",
        "found_date",
        "deadline",
        "fixed_date",
        "closed_date",
        "done_date",
        "date",
    }
)


def _dates(row: Row) -> Row:
    for key in _DATE_KEYS & row.keys():
        value = row[key]
        if isinstance(value, str) and value:
            row[key] = date.fromisoformat(value)
    return row


def _rows(db: Database, sql: str, params: tuple = ()) -> list[Row]:
    return [_dates(dict(r)) for r in db.query(sql, params)]


def _chief_names(
    db: Database, today: date, roles: tuple[str, ...], levels: Mapping[str, str] | None = None
) -> tuple[dict, dict]:
    """Current chiefs per river (whole-river duties) and per segment: '张三（镇级河长）',
    the level as the office names it (`levels`)."""
    day = today.isoformat()
    marks = ",".join("?" * len(roles))
    rows = db.query(
        "SELECT a.river_id, a.segment_id, a.role, a.level, p.name FROM appointments a"
        " JOIN people p ON p.id = a.person_id"
        f" WHERE a.role IN ({marks}) AND {in_force_sql('a')}"
        f" ORDER BY {level_order_sql('a.level')}, {_ROLE_SQL.format(col='a.role')}, p.name",
        (*roles, day, day),
    )
    by_river: dict[str, list[str]] = defaultdict(list)
    by_segment: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        level = (levels or {}).get(r["level"], r["level"])
        label = msg.CHIEF_LABEL.format(name=r["name"], level=level, role=r["role"])
        if r["segment_id"]:
            by_segment[r["segment_id"]].append(label)
        elif r["river_id"]:
            by_river[r["river_id"]].append(label)
    return by_river, by_segment


def _with_chiefs(rows: list[Row], chiefs: dict[str, list[str]]) -> list[Row]:
    """Each row (a river or a segment) with its chiefs, as _chief_names labels them, one
    to a line: a name never breaks across lines in the cell."""
    for row in rows:
        row["chiefs"] = "\n".join(chiefs.get(row["id"], ()))
    return rows


def rivers(db: Database, today: date, levels: Mapping[str, str] | None = None) -> list[Row]:
    chiefs, _ = _chief_names(db, today, PATROL_ROLES, levels)
    return _with_chiefs(
        _rows(
            db,
            "SELECT r.*, pr.name AS parent_name FROM rivers r LEFT JOIN rivers pr ON pr.id = r.parent_id"
            f" ORDER BY {level_order_sql('r.level')}, r.kind, r.name, r.id",
        ),
        chiefs,
    )


def segments(db: Database, today: date, levels: Mapping[str, str] | None = None) -> list[Row]:
    _, chiefs = _chief_names(db, today, PATROL_ROLES, levels)
    return _with_chiefs(
        _rows(
            db,
            "SELECT s.*, r.name AS river_name FROM segments s JOIN rivers r ON r.id = s.river_id"
            f" ORDER BY {level_order_sql('r.level')}, r.name, s.name, s.id",
        ),
        chiefs,
    )


_APPOINTMENTS_SQL = (
    "SELECT a.*, p.name AS person_name, p.post, p.unit, p.phone, p.notes AS person_notes,"
    " r.name AS river_name, s.name AS segment_name"
    " FROM appointments a JOIN people p ON p.id = a.person_id"
    " LEFT JOIN rivers r ON r.id = a.river_id LEFT JOIN segments s ON s.id = a.segment_id"
)


def roster(db: Database, today: date) -> list[Row]:
    """Appointments in force on `today`: 县 → 乡 → 村, 总河长 first."""
    day = today.isoformat()
    return _rows(
        db,
        _APPOINTMENTS_SQL + f" WHERE {in_force_sql('a')}"
        f" ORDER BY {level_order_sql('a.level')}, {_ROLE_SQL.format(col='a.role')},"
        " p.name, r.name, s.name, a.id",
        (day, day),
    )


def appointment_history(db: Database, today: date) -> list[Row]:
    """Every appointment ever made, in the order they started."""
    out = _rows(db, _APPOINTMENTS_SQL + " ORDER BY a.start_date, p.name, a.id")
    for row in out:
        if row["start_date"] > today:
            row["state"] = msg.STATE_FUTURE
        elif row["end_date"] is not None and row["end_date"] <= today:
            row["state"] = msg.STATE_ENDED
        else:
            row["state"] = msg.STATE_ACTIVE
    return out


def signboards(db: Database, today: date, levels: Mapping[str, str] | None = None) -> list[Row]:
    """Boards with the chiefs they should show and, for stale ones, since when."""
    by_river, by_segment = _chief_names(db, today, BOARD_ROLES, levels)
    stale = {s.board.id: s for s in figures.stale_signboards(db, today)}
    out = _rows(
        db,
        "SELECT b.*, r.name AS river_name, s.name AS segment_name FROM signboards b"
        " JOIN rivers r ON r.id = b.river_id LEFT JOIN segments s ON s.id = b.segment_id"
        " ORDER BY b.number, b.id",
    )
    for row in out:
        names = list(by_river.get(row["river_id"], ()))
        if row["segment_id"]:
            names += by_segment.get(row["segment_id"], ())
        row["chiefs"] = "\n".join(names)
        s = stale.get(row["id"])
        row["is_stale"] = s is not None
        row["stale"] = (msg.STALE_OVERDUE if s.overdue else msg.YES) if s else msg.NO
        row["stale_since"] = s.since if s else None
        row["stale_days"] = s.days if s else None
    return out


def problems(db: Database, today: date, year: int | None = None) -> list[Row]:
    """Problems (found in `year`, or all), overdue ones with days past the deadline."""
    late = {o.problem.id: o.days for o in figures.overdue_problems(db, today)}
    sql = (
        "SELECT pr.*, r.name AS river_name, s.name AS segment_name FROM problems pr"
        " JOIN rivers r ON r.id = pr.river_id LEFT JOIN segments s ON s.id = pr.segment_id"
    )
    params: tuple = ()
    if year is not None:
        sql += " WHERE pr.found_date BETWEEN ? AND ?"
        params = (f"{year}-01-01", f"{year}-12-31")
    out = _rows(db, sql + " ORDER BY pr.found_date, pr.number, pr.id", params)
    for row in out:
        days = late.get(row["id"])
        row["is_overdue"] = days is not None
        row["overdue"] = msg.YES if days is not None else msg.NO
        row["overdue_days"] = days
    return out


def plans_of_year(db: Database, year: int) -> list[Row]:
    return [
        dict(r)
        for r in db.query(
            "SELECT id, year, title, issuer, doc_number FROM plans WHERE year = ? ORDER BY title, id", (year,)
        )
    ]


def tasks(db: Database, plan_id: str) -> list[Row]:
    """A plan's tasks in their numbered order, with the section each sits in."""
    return _rows(
        db,
        "SELECT t.*, sec.title AS section_title, p.title AS plan_title FROM tasks t"
        " JOIN plans p ON p.id = t.plan_id LEFT JOIN plan_sections sec ON sec.id = t.section_id"
        " WHERE t.plan_id = ? ORDER BY t.seq, t.id",
        (plan_id,),
    )


def duty_rivers(db: Database, start: date, end: date) -> dict[tuple[str, str], list[str]]:
    """River names of each (person, level)'s patrol duties overlapping [start, end]."""
    marks = ",".join("?" * len(PATROL_ROLES))
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in db.query(
        "SELECT DISTINCT a.person_id, a.level, r.name FROM appointments a JOIN rivers r ON r.id = a.river_id"
        f" WHERE a.role IN ({marks}) AND {in_force_sql('a', until='?')}"
        " ORDER BY r.name",
        (*PATROL_ROLES, end.isoformat(), start.isoformat()),
    ):
        out[(r["person_id"], r["level"])].append(r["name"])
    return out


# Which list of names a template column offers, by the column's source.
NAME_LIST_OF = {"river_name": "rivers", "parent_name": "rivers", "segment_name": "segments", "person_name": "people"}


def name_lists(db: Database) -> dict[str, list[str]]:
    """Names a blank template offers in drop-downs (rivers, segments, people), in pinyin
    order as a clerk looks them up."""
    from pypinyin import lazy_pinyin

    def names(sql: str) -> list[str]:
        return sorted({r[0] for r in db.conn.execute(sql)}, key=lambda n: (lazy_pinyin(n), n))

    return {
        "rivers": names("SELECT name FROM rivers"),
        "segments": names("SELECT name FROM segments"),
        "people": names("SELECT name FROM people"),
    }


# Patrol ledger columns that may be empty in a whole period, and the SQL that says so.
_PATROL_FILLED = {
    "segment_name": "segment_id IS NOT NULL",
    "start_time": "coalesce(start_time, '') <> ''",
    "end_time": "coalesce(end_time, '') <> ''",
    "duration_min": "duration_min IS NOT NULL",
    "distance_km": "distance_km IS NOT NULL",
    "seen": "coalesce(seen, '') <> ''",
    "notes": "coalesce(notes, '') <> ''",
}


def empty_patrol_sources(db: Database, start: date, end: date) -> set[str]:
    """The patrol ledger's columns no patrol dated within [start, end] fills (none when
    there is no patrol): one pass over the period's rows, before they are streamed."""
    cols = ", ".join(f"max({cond})" for cond in _PATROL_FILLED.values())
    row = db.conn.execute(
        f"SELECT count(*), {cols} FROM patrols WHERE date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ).fetchone()
    if not row or not row[0]:
        return set()
    empty = {source for source, filled in zip(_PATROL_FILLED, row[1:], strict=True) if not filled}
    found = db.scalar(
        "SELECT count(*) FROM problems pr JOIN patrols pa ON pa.id = pr.patrol_id WHERE pa.date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    return empty | ({"problem_numbers"} if not found else set())


def patrol_span(db: Database) -> tuple[date | None, date | None]:
    """The dates of the first and the last patrol the file holds (None, None when empty)."""
    first, last = db.conn.execute("SELECT min(date), max(date) FROM patrols").fetchone()
    return (date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None)
