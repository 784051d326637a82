"""What needs doing today (the console's 首页): patrol compliance of the current quarter so
far, chiefs behind the norm, overdue problems and those due within a week, signboards stale
past the limit, and plan tasks coming due. Every item names the record it is about, so a
screen can jump to it. Computed from the books by the rules, never stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from hzconsole import figures
from hzconsole.books.terms import PATROL_ROLES, in_force_sql
from hzconsole.rules.compliance import LevelCompliance, by_level
from hzconsole.rules.periods import period_of, short_label
from hzconsole.rules.problems import due_soon, overdue
from hzconsole.store.database import Database

TASK_HORIZON_DAYS = 30
SOON_DAYS = 7


@dataclass(frozen=True)
class Item:
    """One line of the agenda: what it says, and where it leads (a listing and a record).
    `cols` are the parts a screen lines up in columns (number, river, category …); `note`
    follows them."""

    cols: tuple[str, ...]
    note: str
    listing: str
    record_id: str
    find: str  # text that finds the record in the listing

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cols if c)


@dataclass
class Agenda:
    today: date
    period_label: str
    levels: list[LevelCompliance]
    in_office: dict[str, int] = field(default_factory=dict)  # chiefs holding office today, per level
    to_patrol: list[Item] = field(default_factory=list)  # this week / 旬 / month not yet met
    behind: list[Item] = field(default_factory=list)
    overdue: list[Item] = field(default_factory=list)
    due_soon: list[Item] = field(default_factory=list)
    stale_boards: list[Item] = field(default_factory=list)
    no_board: list[Item] = field(default_factory=list)  # rivers with no signboard at all
    tasks_due: list[Item] = field(default_factory=list)


def _appointments(db: Database, today: date) -> dict[tuple[str, str], str]:
    """(person, level) → the roster row to show: the appointment in force today (the earliest
    started, if several), else the latest one (ended since). Read in one query, not one per
    chief: a ten-year file has hundreds of chiefs on the agenda."""
    day = today.isoformat()
    rows = db.query(
        f"SELECT person_id, level, id, start_date, {in_force_sql()} AS current FROM appointments"
        " ORDER BY current, CASE WHEN current THEN NULL ELSE start_date END, start_date DESC, id DESC",
        (day, day),
    )
    # Ordered so that the row wanted for each (person, level) comes last and is kept.
    return {(r[0], r[1]): r[2] for r in rows}


def _this(kind: str) -> str:
    return {"week": "本周", "xun": "本旬", "month": "本月", "quarter": "本季度"}.get(kind, "本期")


def agenda(db: Database, today: date | None = None) -> Agenda:
    """The agenda of `today` (default: the real today)."""
    today = today or date.today()
    quarter = period_of("quarter", today)
    label = f"{quarter.label}\uff08截至{today.month}月{today.day}日\uff09"
    # Read once for the three figures of the chiefs (the console waits for the agenda).
    settings = figures.counted_by(db)
    duties = figures.load_duties(db, roles=PATROL_ROLES)
    patrols = figures.load_patrols(db, quarter.start - figures.PATROL_LOOKBACK, today)
    rows = figures.chief_compliance(
        db, quarter.start, today, as_of=today, settings=settings, duties=duties, patrols=patrols
    )
    out = Agenda(
        today=today,
        period_label=label,
        levels=by_level(rows),
        in_office=figures.chiefs_in_office(db, today, duties=duties),
    )
    rivers = {r.id: r.name for r in figures.load_rivers(db)}
    appointments = _appointments(db, today)

    for need in figures.still_to_patrol(db, today, settings=settings, duties=duties, patrols=patrols):
        appt = appointments.get((need.person_id, need.level))
        if appt is None:
            continue
        p = need.period
        days = (p.end - today).days
        left = "今天截止" if days == 0 else f"还剩{days}天"
        out.to_patrol.append(
            Item(
                (need.name, need.level, *([rivers.get(need.river_id, "")] if need.river_id else [])),
                f"{_this(p.kind)}\uff08{short_label(p, today.year)}\uff09已巡{need.done}次/应{need.required}次"
                f"\uff0c还差{need.needed}次\uff0c{left}",
                "roster",
                appt,
                need.name,
            )
        )

    # The count quoted is the count the 巡河台账 shows for the quarter so far (every patrol),
    # not only those of the periods already ended.
    counts = figures.patrol_counts(db, quarter.start, today)
    for r in rows:
        if not r.assessed or r.compliant:
            continue
        appt = appointments.get((r.person_id, r.level))
        if appt is None:
            continue
        out.behind.append(
            Item(
                (r.name, r.level),
                f"本季度已巡河{counts.get(r.person_id, 0)}次\uff1b未达标\uff1a{r.shortfall_text(drop_year=today.year)}",
                "roster",
                appt,
                r.name,
            )
        )

    # Read once for both lists: those that can be overdue today or due within SOON_DAYS.
    problem_facts = figures.load_problems(db, due_by=today + timedelta(days=SOON_DAYS), open_on=today)
    for o in overdue(problem_facts, today):
        prob = o.problem
        out.overdue.append(
            Item(
                (prob.number, rivers.get(prob.river_id, ""), prob.category),
                f"逾期{o.days}天（时限{prob.deadline.isoformat() if prob.deadline else ''}，{prob.status}）",
                "problems",
                prob.id,
                prob.number,
            )
        )
    for prob in due_soon(problem_facts, today, SOON_DAYS):
        days = (prob.deadline - today).days if prob.deadline else 0
        when = "今天到期" if days == 0 else f"{days}天后到期"
        out.due_soon.append(
            Item(
                (prob.number, rivers.get(prob.river_id, ""), prob.category),
                f"{when}（{prob.deadline.isoformat() if prob.deadline else ''}，{prob.status}）",
                "problems",
                prob.id,
                prob.number,
            )
        )
    for s in figures.stale_signboards(db, today, settings=settings):
        if not s.overdue:
            continue
        b = s.board
        out.stale_boards.append(
            Item(
                (b.number, rivers.get(b.river_id, "")),
                f"名册{s.since.isoformat()}已调整，公示牌{s.days}天未更新",
                "signboards",
                b.id,
                b.number,
            )
        )
    for river_id, name, level in figures.rivers_without_boards(db):
        out.no_board.append(Item((name, level), "没有河长公示牌", "rivers", river_id, name))
    for t in figures.tasks_due(db, today + timedelta(days=TASK_HORIZON_DAYS)):
        days = (t.deadline - today).days
        when = f"已超期{-days}天" if days < 0 else ("今天到期" if days == 0 else f"{days}天后到期")
        out.tasks_due.append(
            Item(
                (f"{t.seq}.", t.text),
                f"{when}\uff08{t.deadline.isoformat()}\uff0c{t.status}\uff09",
                "tasks",
                t.id,
                t.text[:12],
            )
        )
    return out
