"""The plain values rules work on (read once from the books by hzconsole.figures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PatrolFact:
    person_id: str
    river_id: str
    day: date
    minutes: int | None
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class DutyFact:
    """An appointment that carries the patrol duty: active on [start, end)."""

    person_id: str
    name: str
    level: str
    role: str
    river_id: str | None
    segment_id: str | None
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class ProblemFact:
    id: str
    number: str
    river_id: str
    status: str
    found: date
    deadline: date | None
    fixed: date | None
    closed: date | None
    source: str
    category: str


@dataclass(frozen=True, slots=True)
class BoardFact:
    id: str
    number: str
    river_id: str
    segment_id: str | None
    content_date: date
    condition: str


@dataclass(frozen=True, slots=True)
class RiverFact:
    id: str
    name: str
    kind: str
    level: str
    catchment_km2: float | None
    length_km: float | None


@dataclass(frozen=True, slots=True)
class TaskFact:
    id: str
    status: str
    deadline: date | None
    done: date | None
