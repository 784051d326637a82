"""The plain values rules work on (read once from the books by hzconsole.figures).

Named tuples, not dataclasses: the 首页's count at launch reads thousands of them (a
ten-year file's open problems, a quarter's patrols), and a tuple is made four times as
fast as a frozen dataclass, and its class in a fraction of the time."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class PatrolFact(NamedTuple):
    person_id: str
    river_id: str
    day: date
    minutes: int | None
    distance_km: float | None = None


class DutyFact(NamedTuple):
    """An appointment that carries the patrol duty: active on [start, end)."""

    person_id: str
    name: str
    level: str
    role: str
    river_id: str | None
    segment_id: str | None
    start: date
    end: date | None


class ProblemFact(NamedTuple):
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


class BoardFact(NamedTuple):
    id: str
    number: str
    river_id: str
    segment_id: str | None
    content_date: date
    condition: str


class RiverFact(NamedTuple):
    id: str
    name: str
    kind: str
    level: str
    catchment_km2: float | None
    length_km: float | None


class TaskFact(NamedTuple):
    id: str
    status: str
    deadline: date | None
    done: date | None
