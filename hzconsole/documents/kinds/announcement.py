"""河长调整公告: the appointment changes (人事调整) of a period, and the signboards whose
content must be re-printed because of them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hzconsole import figures
from hzconsole.books.models import Appointment, Signboard
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, people
from hzconsole.books.settings import OfficeSettings
from hzconsole.books.signboards import signboards
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, OptionSpec, place_name
from hzconsole.documents.kinds.common import LEVEL_NAMES, keep_words
from hzconsole.rules.boards import BOARD_ROLES
from hzconsole.store.database import Database
from hzconsole.text import cn_date


def changes(db: Database, start: date, end: date) -> list[dict[str, Any]]:
    """Each change in [start, end]: who left and who took over the same duty (a change ends
    one appointment on the day the next begins), plus duties ended or begun alone."""
    roles = tuple(BOARD_ROLES)
    marks = ",".join("?" * len(roles))
    s, e = start.isoformat(), end.isoformat()
    began = appointments.all(db, f"role IN ({marks}) AND start_date BETWEEN ? AND ?", (*roles, s, e))
    ended = appointments.all(db, f"role IN ({marks}) AND end_date BETWEEN ? AND ?", (*roles, s, e))

    def key(a: Appointment) -> tuple:
        return (a.role, a.level, a.river_id, a.segment_id)

    ended_by = {(key(a), a.end_date): a for a in ended}
    names, seg_names = rivers.names(db), segments.names(db)
    out = []
    used: set[str] = set()
    for new in began:
        old = ended_by.get((key(new), new.start_date))
        if old is not None:
            used.add(old.saved_id)
        out.append(_row(db, new.start_date, new, old, names, seg_names))
    for old in ended:
        # end_date is set: `ended` was selected by it.
        if old.id not in used and old.end_date is not None:
            out.append(_row(db, old.end_date, None, old, names, seg_names))
    out.sort(key=lambda r: (r["day"], r["water"]))
    return out


def _row(
    db: Database,
    day: date,
    new: Appointment | None,
    old: Appointment | None,
    names: dict[str, str],
    seg_names: dict[str, str],
) -> dict[str, Any]:
    a = new or old
    assert a is not None
    water = seg_names.get(a.segment_id or "", "") or names.get(a.river_id or "", "") or "全镇"

    def who(x: Appointment | None) -> str:
        if x is None:
            return ""
        person = people.get(db, x.person_id)
        return f"{person.name}({person.post})" if person.post else person.name

    return {
        "day": day,
        "date": cn_date(day),
        "water": water,
        "level": LEVEL_NAMES[a.level],
        "role": a.role,
        "duty": f"{LEVEL_NAMES[a.level]}{a.role}",
        "old": who(old) or "—",
        "new": who(new) or "(待定)",
        "old_name": people.get(db, old.person_id).name if old else "",
        "new_name": people.get(db, new.person_id).name if new else "",
        "new_phone": (people.get(db, new.person_id).phone or "") if new else "",
        "river_id": a.river_id,
        "segment_id": a.segment_id,
    }


def shows(board: Signboard, change: dict[str, Any]) -> bool:
    """Whether a change made after the board was printed concerns it: its river, and its
    segment or the whole river."""
    if change["river_id"] != board.river_id or change["day"] <= board.content_date:
        return False
    return not (board.segment_id and change["segment_id"] and change["segment_id"] != board.segment_id)


def board_update(board: Signboard, rows: list[dict[str, Any]]) -> str:
    """What must change on a board: 镇级河长由朱胜德调整为崔兰玉 (one clause per change on
    its river or segment since its content was printed)."""
    parts = []
    for c in rows:
        if not shows(board, c):
            continue
        if c["old_name"] and c["new_name"]:
            parts.append(f"{c['duty']}由{c['old_name']}调整为{c['new_name']}")
        elif c["new_name"]:
            parts.append(f"增加{c['duty']}{c['new_name']}")
        else:
            parts.append(f"{c['duty']}{c['old_name']}已免去")
    return ";".join(dict.fromkeys(parts)) or "核对更新河长信息"


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    end = o["end"] or o["date"]
    start = o["start"] or date(end.year, 1, 1)
    if start > end:
        raise DocumentError("开始日期不能晚于结束日期。")
    rows = changes(db, start, end)
    if not rows:
        raise DocumentError(f"{cn_date(start)}至{cn_date(end)}没有河长调整，不需要发公告。")
    names, seg_names = rivers.names(db), segments.names(db)
    boards = {b.id: b for b in signboards.all(db)}
    stale = []
    every_change = None
    for sb in figures.stale_signboards(db, today=o["date"]):
        board = boards[sb.board.id]
        # The attachment lists the boards of this announcement's changes only; boards stale
        # from earlier changes were (or will be) announced with those.
        if not any(shows(board, c) for c in rows):
            continue
        if every_change is None:  # all changes a stale board may still show, once
            every_change = changes(db, date(1900, 1, 1), o["date"])
        water = seg_names.get(board.segment_id or "", "") or names.get(board.river_id, "")
        due = sb.since + timedelta(days=settings.signboard_update_days)
        stale.append(
            {
                "number": board.number,
                "water": water,
                "location": board.location or "",
                "content_date": cn_date(board.content_date),
                "since": cn_date(sb.since),
                "days": sb.days,
                "overdue": sb.overdue,
                "change": board_update(board, every_change),
                "due": "立即更新(已超期)" if sb.overdue else f"{cn_date(due)}前",
            }
        )
    context = {
        "place": place_name(settings),
        "changes": rows,
        "boards": stale,
        "start": start,
        "end": end,
        "limit_days": settings.signboard_update_days,
    }
    return Draft("announcement.txt", context, register_kind="公告", keep_words=keep_words(db, settings))


KIND = DocumentKind(
    key="announcement",
    title="河长调整公告",
    options=[
        OptionSpec("start", "调整开始日期", kind="date", help="默认成文日期当年1月1日"),
        OptionSpec("end", "调整截止日期", kind="date", help="默认成文日期"),
    ],
    build=build,
    example="hzconsole doc announcement --db 台账.db -o 河长调整公告.docx --start 2024-07-01 --end 2024-09-30",
)
