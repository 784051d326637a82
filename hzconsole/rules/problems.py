"""Overdue problems and problems coming due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hzconsole.rules.facts import ProblemFact

DONE_STATUSES = ("已整改", "已销号")


@dataclass(frozen=True)
class Overdue:
    problem: ProblemFact
    days: int  # days past the deadline


def is_overdue(p: ProblemFact, today: date) -> bool:
    """Past its deadline and not yet 已整改/已销号 (as of `today`).

    For a date in the past, a problem fixed after that date still counted as open then.
    """
    if p.deadline is None or p.deadline >= today or p.found > today:
        return False
    fixed_by = p.fixed or p.closed
    return not (p.status in DONE_STATUSES and (fixed_by is None or fixed_by <= today))


def overdue(problems: Sequence[ProblemFact], today: date) -> list[Overdue]:
    out = [Overdue(p, (today - p.deadline).days) for p in problems if is_overdue(p, today)]  # type: ignore[operator]
    return sorted(out, key=lambda o: (-o.days, o.problem.number))


def due_soon(problems: Sequence[ProblemFact], today: date, days: int = 7) -> list[ProblemFact]:
    """Open problems whose deadline falls within the next `days` days (today included)."""
    limit = today + timedelta(days=days)
    out = [
        p for p in problems if p.status not in DONE_STATUSES and p.deadline is not None and today <= p.deadline <= limit
    ]
    return sorted(out, key=lambda p: (p.deadline, p.number))
