"""Patrol compliance: did each chief patrol as often as the norms of his level require?

A period is assessed for a chief when (a) it ends within the report range and not after
`as_of` (a period still running is not yet missing), and (b) the chief held the duty for the
whole period (a chief appointed mid-month is not judged on that month). A patrol counts when
it lasted at least the norm's minimum; a patrol of unknown duration counts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from hzconsole.books.terms import LEVEL_RANK
from hzconsole.rules.facts import DutyFact, PatrolFact
from hzconsole.rules.periods import Period, period_of, periods_ending_in, short_label


class Norm(Protocol):
    # Read-only members: the rules only read a norm, and a settings model whose fields are
    # narrower (level: Literal[...]) then satisfies the protocol.
    @property
    def level(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def min_minutes(self) -> int: ...


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    done: int
    required: int

    @property
    def met(self) -> bool:
        return self.done >= self.required


@dataclass
class NormResult:
    period_kind: str
    count: int
    min_minutes: int
    periods: list[PeriodResult] = field(default_factory=list)

    @property
    def required(self) -> int:
        return sum(p.required for p in self.periods)

    @property
    def done(self) -> int:
        return sum(p.done for p in self.periods)

    @property
    def missing(self) -> list[Period]:
        return [p.period for p in self.periods if not p.met]


@dataclass
class ChiefCompliance:
    person_id: str
    name: str
    level: str
    river_id: str | None  # set when norms are assessed per river
    patrols: int  # valid patrols in the assessed window
    norms: list[NormResult]

    @property
    def required(self) -> int:
        """The strictest norm's total (4 a month beats 1 a 旬 when both apply)."""
        return max((n.required for n in self.norms), default=0)

    @property
    def done(self) -> int:
        return self.patrols

    @property
    def counted(self) -> int:
        """Patrols that count towards the strictest norm: in each period at most as many as
        it requires (8 patrols in one month of a quarter are not 8 of the 12 required), so
        that counted == required exactly when every period is met."""
        strictest = max(self.norms, key=lambda n: n.required, default=None)
        if strictest is None:
            return 0
        return sum(min(p.done, p.required) for p in strictest.periods)

    @property
    def missing(self) -> list[Period]:
        seen = {p for n in self.norms for p in n.missing}
        return sorted(seen)

    @property
    def shortfalls(self) -> list[PeriodResult]:
        """The unmet periods with their counts, one per period (a month and its 旬 are
        distinct periods), in calendar order."""
        seen: dict[Period, PeriodResult] = {}
        for n in self.norms:
            for p in n.periods:
                if not p.met and p.period not in seen:
                    seen[p.period] = p
        return [seen[k] for k in sorted(seen)]

    def shortfall_text(self, limit: int = 3, drop_year: int | None = None) -> str:
        """'10月巡2次/应4次、11月上旬巡0次/应1次等5个周期' — what a clerk reads at a glance.

        `drop_year` removes that year's prefix from labels inside a report of one year.
        """
        parts = []
        for p in self.shortfalls[:limit]:
            # A week by its days, as the 通报 writes it (9月28日—10月4日当周), never 第40周.
            label = short_label(p.period, drop_year)
            if p.period.kind == "week":
                label += "当周"
            parts.append(f"{label}巡{p.done}次/应{p.required}次")
        more = f"等{len(self.shortfalls)}个周期" if len(self.shortfalls) > limit else ""
        return "、".join(parts) + more

    @property
    def assessed(self) -> bool:
        return any(n.periods for n in self.norms)

    @property
    def compliant(self) -> bool:
        return self.assessed and not self.missing


def _merge(intervals: Iterable[tuple[date, date | None]]) -> list[tuple[date, date | None]]:
    merged: list[tuple[date, date | None]] = []
    for start, end in sorted(intervals, key=lambda iv: iv[0]):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last_start, last_end = merged[-1]
            new_end = None if last_end is None or end is None else max(last_end, end)
            merged[-1] = (last_start, new_end)
        else:
            merged.append((start, end))
    return merged


def _covers(intervals: list[tuple[date, date | None]], period: Period) -> bool:
    # Duty intervals are [start, end): the end date is the successor's first day.
    return any(s <= period.start and (e is None or e > period.end) for s, e in intervals)


def compliance(
    duties: Sequence[DutyFact],
    patrols: Sequence[PatrolFact],
    norms: Sequence[Norm],
    start: date,
    end: date,
    *,
    as_of: date | None = None,
    per_river: bool = False,
) -> list[ChiefCompliance]:
    """Compliance per chief (or per chief and river) for the range [start, end]."""
    last_day = min(end, as_of) if as_of else end
    norms_by_level: dict[str, list[Norm]] = defaultdict(list)
    for n in norms:
        norms_by_level[n.level].append(n)

    # Group duties per assessed unit: (person, level) or (person, level, river). A duty with
    # no river (总河长) cannot be judged per river: it is judged on all the person's patrols.
    units: dict[tuple, list[DutyFact]] = defaultdict(list)
    for d in duties:
        if d.level in norms_by_level:
            units[(d.person_id, d.level, d.river_id if per_river else None)].append(d)

    # Patrol days per person (and river), sorted, with minutes, for range counting.
    by_key: dict[tuple, list[tuple[date, int | None]]] = defaultdict(list)
    for p in patrols:
        by_key[(p.person_id, None)].append((p.day, p.minutes))
        if per_river:
            by_key[(p.person_id, p.river_id)].append((p.day, p.minutes))
    sorted_days: dict[tuple, tuple[list[date], list[int | None]]] = {}
    for key, items in by_key.items():
        items.sort(key=lambda it: it[0])
        sorted_days[key] = ([it[0] for it in items], [it[1] for it in items])

    period_cache: dict[str, list[Period]] = {}
    results = []
    for (person_id, level, river_id), unit_duties in units.items():
        intervals = _merge((d.start, d.end) for d in unit_duties)
        days, minutes = sorted_days.get((person_id, river_id), ([], []))
        norm_results = []
        window: tuple[date, date] | None = None
        for norm in norms_by_level[level]:
            if norm.period not in period_cache:
                period_cache[norm.period] = periods_ending_in(norm.period, start, last_day)
            nr = NormResult(norm.period, norm.count, norm.min_minutes)
            for period in period_cache[norm.period]:
                if not _covers(intervals, period):
                    continue
                lo, hi = bisect_left(days, period.start), bisect_right(days, period.end)
                done = sum(1 for m in minutes[lo:hi] if m is None or m >= norm.min_minutes)
                nr.periods.append(PeriodResult(period, done, norm.count))
                window = (
                    (period.start, period.end)
                    if window is None
                    else (min(window[0], period.start), max(window[1], period.end))
                )
            norm_results.append(nr)
        count = 0
        if window is not None:
            lo, hi = bisect_left(days, window[0]), bisect_right(days, window[1])
            floor = min((n.min_minutes for n in norms_by_level[level]), default=0)
            count = sum(1 for m in minutes[lo:hi] if m is None or m >= floor)
        results.append(
            ChiefCompliance(
                person_id=person_id,
                name=unit_duties[0].name,
                level=level,
                river_id=river_id,
                patrols=count,
                norms=norm_results,
            )
        )
    results.sort(key=lambda r: (LEVEL_RANK.get(r.level, 9), r.name, r.river_id or ""))
    return results


@dataclass(frozen=True)
class LevelCompliance:
    level: str
    chiefs: int
    compliant: int
    patrols: int
    required: int
    counted: int = 0  # see ChiefCompliance.counted

    @property
    def rate(self) -> float:
        return self.compliant / self.chiefs if self.chiefs else 1.0


def by_level(rows: Sequence[ChiefCompliance]) -> list[LevelCompliance]:
    """Compliance aggregated per level, counting only chiefs with assessed periods."""
    out = []
    for level in ("县级", "乡级", "村级"):
        mine = [r for r in rows if r.level == level and r.assessed]
        out.append(
            LevelCompliance(
                level=level,
                chiefs=len(mine),
                compliant=sum(r.compliant for r in mine),
                patrols=sum(r.done for r in mine),
                required=sum(r.required for r in mine),
                counted=sum(r.counted for r in mine),
            )
        )
    return out


@dataclass(frozen=True)
class StillToPatrol:
    """A chief whose period running today is not yet met: how many patrols it still needs."""

    person_id: str
    name: str
    level: str
    river_id: str | None
    period: Period
    done: int
    required: int

    @property
    def needed(self) -> int:
        return self.required - self.done


def still_to_patrol(
    duties: Sequence[DutyFact],
    patrols: Sequence[PatrolFact],
    norms: Sequence[Norm],
    today: date,
    *,
    per_river: bool = False,
) -> list[StillToPatrol]:
    """For every chief in office today and every norm of his level, the period that contains
    today (this week, 旬, month, quarter) when it is not met yet; the soonest ending first.
    Patrols are counted as compliance() counts them (long enough, the same person/river)."""
    norms_by_level: dict[str, list[Norm]] = defaultdict(list)
    for n in norms:
        norms_by_level[n.level].append(n)
    units: dict[tuple, str] = {}
    for d in duties:
        if d.level in norms_by_level and d.start <= today and (d.end is None or today < d.end):
            units.setdefault((d.person_id, d.level, d.river_id if per_river else None), d.name)
    mine: dict[str, list[PatrolFact]] = defaultdict(list)
    for p in patrols:
        mine[p.person_id].append(p)
    out = []
    for (person_id, level, river_id), name in units.items():
        for norm in norms_by_level[level]:
            period = period_of(norm.period, today)
            done = sum(
                1
                for p in mine.get(person_id, ())
                if (river_id is None or p.river_id == river_id)
                and period.start <= p.day <= today
                and (p.minutes is None or p.minutes >= norm.min_minutes)
            )
            if done < norm.count:
                out.append(StillToPatrol(person_id, name, level, river_id, period, done, norm.count))
    out.sort(key=lambda s: (s.period.end, LEVEL_RANK.get(s.level, 9), s.name, s.river_id or ""))
    return out
