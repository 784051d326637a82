"""Stale signboards: the roster of a board's river (or segment) changed after the board's
content was last printed. Overdue when stale for longer than the office's limit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hzconsole.rules.facts import BoardFact, DutyFact

# Roles whose names and phones a board displays.
BOARD_ROLES = ("总河长", "副总河长", "河长", "副河长", "警长", "检察长")


@dataclass(frozen=True)
class StaleBoard:
    board: BoardFact
    since: date  # first roster change after the content date
    days: int  # days stale as of today
    overdue: bool  # stale for longer than the limit


def stale_boards(
    boards: Sequence[BoardFact], duties: Sequence[DutyFact], today: date, limit_days: int
) -> list[StaleBoard]:
    """Boards whose content predates a roster change on their river/segment (up to today)."""
    changes: dict[str, list[tuple[date, str | None]]] = defaultdict(list)
    for d in duties:
        if d.river_id is None or d.role not in BOARD_ROLES:
            continue
        for day in (d.start, d.end):
            if day is not None and day <= today:
                changes[d.river_id].append((day, d.segment_id))
    out = []
    for b in boards:
        relevant = [
            day
            for day, seg in changes.get(b.river_id, ())
            if day > b.content_date and (b.segment_id is None or seg is None or seg == b.segment_id)
        ]
        if relevant:
            since = min(relevant)
            days = (today - since).days
            out.append(StaleBoard(b, since, days, days > limit_days))
    return sorted(out, key=lambda s: (-s.days, s.board.number))
