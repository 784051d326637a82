"""The figures a 工作总结 quotes, computed for a period [start, end] from the books."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from hzconsole.books.terms import (
    LEVEL_RANK,
    LEVELS,
    PATROL_ROLES,
    PROBLEM_CATEGORIES,
    PROBLEM_SOURCES,
    RIVER_KINDS,
    ROLES,
)
from hzconsole.rules.boards import stale_boards
from hzconsole.rules.facts import BoardFact, DutyFact, PatrolFact, ProblemFact, RiverFact, TaskFact
from hzconsole.rules.problems import is_overdue

CATCHMENT_THRESHOLD_KM2 = 50.0


@dataclass
class PeriodSummary:
    start: date
    end: date
    rivers_total: int = 0
    rivers_by_kind: dict[str, int] = field(default_factory=dict)
    rivers_by_level: dict[str, int] = field(default_factory=dict)
    rivers_catchment_50: int = 0  # 流域面积 ≥ 50 km²
    rivers_length_km: float = 0.0
    chiefs_total: int = 0  # distinct people holding a chief role at the end of the period
    chiefs_by_level: dict[str, int] = field(default_factory=dict)
    appointments_by_role: dict[str, int] = field(default_factory=dict)
    boards_total: int = 0
    boards_by_condition: dict[str, int] = field(default_factory=dict)
    boards_stale: int = 0
    patrols_total: int = 0
    patrols_by_level: dict[str, int] = field(default_factory=dict)
    patrol_km: float = 0.0
    patrol_hours: float = 0.0
    problems_found: int = 0
    problems_by_source: dict[str, int] = field(default_factory=dict)
    problems_by_category: dict[str, int] = field(default_factory=dict)
    problems_fixed: int = 0  # fixed within the period (any found date)
    problems_closed: int = 0  # 销号 within the period
    problems_found_fixed: int = 0  # of those found in the period, fixed by its end
    problems_overdue: int = 0  # open and past deadline at the end of the period
    problems_open: int = 0  # not fixed at the end of the period
    tasks_total: int = 0
    tasks_done: int = 0

    @property
    def fix_rate(self) -> float:
        """整改率: share of the problems found in the period that were fixed by its end."""
        return self.problems_found_fixed / self.problems_found if self.problems_found else 1.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        data["fix_rate"] = round(self.fix_rate, 4)
        data["rivers_length_km"] = round(self.rivers_length_km, 2)
        data["patrol_km"] = round(self.patrol_km, 2)
        data["patrol_hours"] = round(self.patrol_hours, 1)
        return data


def _active(d: DutyFact, day: date) -> bool:
    return d.start <= day and (d.end is None or day < d.end)


def period_summary(
    start: date,
    end: date,
    *,
    rivers: Sequence[RiverFact],
    duties: Sequence[DutyFact],
    boards: Sequence[BoardFact],
    patrols: Sequence[PatrolFact],
    problems: Sequence[ProblemFact],
    tasks: Sequence[TaskFact],
    board_limit_days: int = 30,
    as_of: date | None = None,
) -> PeriodSummary:
    """All figures of a period. `patrols` may hold more than the period: it is filtered.
    `as_of`: for a period not yet over, the day what is overdue, stale or still open is
    judged on (today, not a 31 December still to come); the period's end otherwise."""
    s = PeriodSummary(start, end)
    judged = min(end, as_of) if as_of else end
    s.rivers_total = len(rivers)
    kinds = Counter(r.kind for r in rivers)
    s.rivers_by_kind = {k: kinds.get(k, 0) for k in RIVER_KINDS}
    levels = Counter(r.level for r in rivers)
    s.rivers_by_level = {k: levels.get(k, 0) for k in LEVELS}
    s.rivers_catchment_50 = sum(1 for r in rivers if (r.catchment_km2 or 0) >= CATCHMENT_THRESHOLD_KM2)
    s.rivers_length_km = sum(r.length_km or 0 for r in rivers)

    active = [d for d in duties if _active(d, end)]
    chiefs: dict[str, set[str]] = defaultdict(set)
    for d in active:
        if d.role in PATROL_ROLES:
            chiefs[d.level].add(d.person_id)
    s.chiefs_by_level = {lv: len(chiefs.get(lv, ())) for lv in LEVELS}
    s.chiefs_total = len(set().union(*chiefs.values())) if chiefs else 0
    roles = Counter(d.role for d in active)
    s.appointments_by_role = {r: roles.get(r, 0) for r in ROLES}

    s.boards_total = len(boards)
    cond = Counter(b.condition for b in boards)
    s.boards_by_condition = {c: cond.get(c, 0) for c in ("完好", "损坏", "缺失")}
    s.boards_stale = len(stale_boards(boards, duties, judged, board_limit_days))

    # A patrol's level is the level of the patroller's duty on that river that day (or any
    # duty that day, the highest level first) — a chief may hold duties at two levels.
    duties_by_person: dict[str, list[DutyFact]] = defaultdict(list)
    for d in duties:
        if d.role in PATROL_ROLES:
            duties_by_person[d.person_id].append(d)
    by_level: Counter[str] = Counter()
    for p in patrols:
        if not (start <= p.day <= end):
            continue
        s.patrols_total += 1
        s.patrol_km += p.distance_km or 0
        s.patrol_hours += (p.minutes or 0) / 60
        mine = [d for d in duties_by_person.get(p.person_id, ()) if _active(d, p.day)]
        on_river = [d for d in mine if d.river_id == p.river_id] or mine
        level = min((d.level for d in on_river), key=lambda lv: LEVEL_RANK[lv], default="其他")
        by_level[level] += 1
    s.patrols_by_level = {lv: by_level.get(lv, 0) for lv in (*LEVELS, "其他")}

    found = [p for p in problems if start <= p.found <= end]
    s.problems_found = len(found)
    src = Counter(p.source for p in found)
    s.problems_by_source = {k: src.get(k, 0) for k in PROBLEM_SOURCES}
    cat = Counter(p.category for p in found)
    s.problems_by_category = {k: cat.get(k, 0) for k in PROBLEM_CATEGORIES}

    def fixed_by(p: ProblemFact, day: date) -> bool:
        when = p.fixed or p.closed
        return when is not None and when <= day

    s.problems_fixed = sum(1 for p in problems if (w := p.fixed or p.closed) and start <= w <= end)
    s.problems_closed = sum(1 for p in problems if p.closed and start <= p.closed <= end)
    s.problems_found_fixed = sum(1 for p in found if fixed_by(p, end))
    s.problems_overdue = sum(1 for p in problems if is_overdue(p, judged))
    s.problems_open = sum(1 for p in problems if p.found <= end and not fixed_by(p, end))

    s.tasks_total = len(tasks)
    s.tasks_done = sum(1 for t in tasks if t.status == "已完成" and (t.done is None or t.done <= end))
    return s
