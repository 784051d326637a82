"""Reads the facts the rules need from a database, once, and runs the rules.

This is the one place screens, documents and the CLI get computed figures from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hzconsole.books import plain_settings
from hzconsole.books.plain_settings import CountedBy
from hzconsole.books.terms import PATROL_ROLES
from hzconsole.rules.boards import StaleBoard, stale_boards
from hzconsole.rules.compliance import ChiefCompliance, StillToPatrol, compliance
from hzconsole.rules.compliance import still_to_patrol as still_to
from hzconsole.rules.facts import BoardFact, DutyFact, PatrolFact, ProblemFact, RiverFact, TaskFact
from hzconsole.rules.problems import DONE_STATUSES, Overdue, due_soon, overdue
from hzconsole.store.database import Database, reads_file

if TYPE_CHECKING:
    from hzconsole.rules.summary import PeriodSummary

_d = date.fromisoformat
# Patrols of periods that end in a range may start before it (a week, a quarter).
PATROL_LOOKBACK = timedelta(days=92)


def counted_by(db: Database) -> CountedBy:
    """The settings the figures are counted by: read plainly when stored as the settings model
    writes them (the usual case, and no model to load), else by the model, which decides."""
    plain = plain_settings.counting(db)
    if plain is not None:
        return plain
    from hzconsole.books.settings import load_settings  # deferred: see books/plain_settings

    return load_settings(db)


def _opt(value: str | None) -> date | None:
    return _d(value) if value else None


@reads_file
def load_duties(db: Database, *, roles: tuple[str, ...] | None = None) -> list[DutyFact]:
    sql = (
        "SELECT a.person_id, p.name, a.level, a.role, a.river_id, a.segment_id, a.start_date, a.end_date"
        " FROM appointments a JOIN people p ON p.id = a.person_id"
    )
    params: tuple = ()
    if roles:
        sql += f" WHERE a.role IN ({','.join('?' * len(roles))})"
        params = roles
    return [DutyFact(r[0], r[1], r[2], r[3], r[4], r[5], _d(r[6]), _opt(r[7])) for r in db.conn.execute(sql, params)]


@reads_file
def load_patrols(db: Database, start: date, end: date) -> list[PatrolFact]:
    rows = db.conn.execute(
        "SELECT person_id, river_id, date, duration_min, distance_km FROM patrols WHERE date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    return [PatrolFact(r[0], r[1], _d(r[2]), r[3], r[4]) for r in rows]


@reads_file
def load_problems(db: Database, *, due_by: date | None = None, open_on: date | None = None) -> list[ProblemFact]:
    """Every problem, or (with both dates) only those with a deadline by `due_by` and not
    done by `open_on`: the ones that can be overdue or coming due then (the rules still judge
    them; a ten-year file's thousands of closed problems are not read)."""
    sql = (
        "SELECT id, number, river_id, status, found_date, deadline, fixed_date, closed_date,"
        " source, category FROM problems"
    )
    params: tuple = ()
    if due_by is not None and open_on is not None:
        done = ",".join("?" * len(DONE_STATUSES))
        sql += f" WHERE deadline <= ? AND (status NOT IN ({done}) OR coalesce(fixed_date, closed_date) > ?)"
        params = (due_by.isoformat(), *DONE_STATUSES, open_on.isoformat())
    rows = db.conn.execute(sql, params)
    return [ProblemFact(r[0], r[1], r[2], r[3], _d(r[4]), _opt(r[5]), _opt(r[6]), _opt(r[7]), r[8], r[9]) for r in rows]


@reads_file
def load_boards(db: Database) -> list[BoardFact]:
    rows = db.conn.execute("SELECT id, number, river_id, segment_id, content_date, condition FROM signboards")
    return [BoardFact(r[0], r[1], r[2], r[3], _d(r[4]), r[5]) for r in rows]


@reads_file
def load_rivers(db: Database) -> list[RiverFact]:
    rows = db.conn.execute("SELECT id, name, kind, level, catchment_km2, length_km FROM rivers")
    return [RiverFact(*r) for r in rows]


@reads_file
def load_tasks(db: Database, year: int | None = None) -> list[TaskFact]:
    sql = "SELECT t.id, t.status, t.deadline, t.done_date FROM tasks t JOIN plans p ON p.id = t.plan_id"
    params: tuple = ()
    if year is not None:
        sql += " WHERE p.year = ?"
        params = (year,)
    return [TaskFact(r[0], r[1], _opt(r[2]), _opt(r[3])) for r in db.conn.execute(sql, params)]


def chief_compliance(
    db: Database,
    start: date,
    end: date,
    *,
    as_of: date | None = None,
    settings: CountedBy | None = None,
    duties: list[DutyFact] | None = None,
    patrols: list[PatrolFact] | None = None,
) -> list[ChiefCompliance]:
    """Compliance of every chief for [start, end] under the office's norms. `duties` (the
    patrol duties) and `patrols` (dated `start - PATROL_LOOKBACK` to `end`) when the caller
    has read them already (the agenda reads them once for three figures)."""
    settings = settings or counted_by(db)
    if patrols is None:
        patrols = load_patrols(db, start - PATROL_LOOKBACK, end)
    return compliance(
        load_duties(db, roles=PATROL_ROLES) if duties is None else duties,
        patrols,
        settings.patrol_norms,
        start,
        end,
        as_of=as_of or date.today(),
        per_river=settings.norm_scope == "per_river",
    )


def still_to_patrol(
    db: Database,
    today: date,
    *,
    settings: CountedBy | None = None,
    duties: list[DutyFact] | None = None,
    patrols: list[PatrolFact] | None = None,
) -> list[StillToPatrol]:
    """Chiefs whose period running today (week, 旬, month, quarter) is not yet met.
    `duties` and `patrols` as for chief_compliance: patrols from `today - PATROL_LOOKBACK`
    on (earlier ones may be among them: only those of the running periods count)."""
    settings = settings or counted_by(db)
    return still_to(
        load_duties(db, roles=PATROL_ROLES) if duties is None else duties,
        load_patrols(db, today - PATROL_LOOKBACK, today) if patrols is None else patrols,
        settings.patrol_norms,
        today,
        per_river=settings.norm_scope == "per_river",
    )


@reads_file
def patrol_counts(db: Database, start: date, end: date) -> dict[str, int]:
    """Patrols in the ledger dated within [start, end], per person: the count the 首页 quotes
    is the count the 巡河台账 shows for those days."""
    rows = db.conn.execute(
        "SELECT person_id, count(*) FROM patrols WHERE date BETWEEN ? AND ? GROUP BY person_id",
        (start.isoformat(), end.isoformat()),
    )
    return {r[0]: r[1] for r in rows}


def chiefs_in_office(db: Database, today: date, *, duties: list[DutyFact] | None = None) -> dict[str, int]:
    """How many people hold a patrol duty today, per level (`duties`: the patrol duties,
    if read already)."""
    out: dict[str, set[str]] = {}
    for d in load_duties(db, roles=PATROL_ROLES) if duties is None else duties:
        if d.start <= today and (d.end is None or today < d.end):
            out.setdefault(d.level, set()).add(d.person_id)
    return {level: len(people) for level, people in out.items()}


@dataclass(frozen=True)
class TaskDue:
    id: str
    seq: int
    text: str
    status: str
    deadline: date


@reads_file
def tasks_due(db: Database, by: date) -> list[TaskDue]:
    """Plan tasks not done nor cancelled whose deadline falls by `by`, earliest first."""
    rows = db.conn.execute(
        "SELECT id, seq, text, status, deadline FROM tasks WHERE status IN ('未开始', '进行中')"
        " AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline, seq",
        (by.isoformat(),),
    )
    return [TaskDue(r[0], r[1], r[2], r[3], _d(r[4])) for r in rows]


@reads_file
def rivers_without_boards(db: Database) -> list[tuple[str, str, str]]:
    """(id, name, level) of the rivers with no 河长公示牌 at all: every river under a chief
    must have one where people can see it."""
    rows = db.conn.execute(
        "SELECT r.id, r.name, r.level FROM rivers r"
        " WHERE NOT EXISTS (SELECT 1 FROM signboards s WHERE s.river_id = r.id) ORDER BY r.name, r.id"
    )
    return [(r[0], r[1], r[2]) for r in rows]


def overdue_problems(db: Database, today: date | None = None) -> list[Overdue]:
    return overdue(load_problems(db), today or date.today())


def problems_due_soon(db: Database, today: date | None = None, days: int = 7) -> list[ProblemFact]:
    return due_soon(load_problems(db), today or date.today(), days)


def stale_signboards(db: Database, today: date | None = None, *, settings: CountedBy | None = None) -> list[StaleBoard]:
    settings = settings or counted_by(db)
    return stale_boards(load_boards(db), load_duties(db), today or date.today(), settings.signboard_update_days)


def summary(db: Database, start: date, end: date, *, as_of: date | None = None) -> PeriodSummary:
    """The figures of a period summary (工作总结) for [start, end]; `as_of` (today) judges
    overdue problems and stale boards of a period not yet over on that day."""
    # Deferred: only documents need it, and the 首页's count imports this module at launch.
    from hzconsole.rules.summary import period_summary

    settings = counted_by(db)
    return period_summary(
        start,
        end,
        rivers=load_rivers(db),
        duties=load_duties(db),
        boards=load_boards(db),
        patrols=load_patrols(db, start, end),
        problems=load_problems(db),
        tasks=load_tasks(db, end.year),
        board_limit_days=settings.signboard_update_days,
        as_of=as_of,
    )
