"""Choices for forms: which river, segment, person or plan a record points at, each with a
label the clerk recognises and a search key (characters and pinyin initials)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hzconsole.books.search import SEP, initials, matches, normalise_query
from hzconsole.books.terms import PATROL_ROLES, PATROLLER_ROLES, in_force_sql
from hzconsole.store.database import Database


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    key: str  # lower-case text and initials, see search.matches

    def matches(self, query: str) -> bool:
        return matches(self.key, normalise_query(query))


def _choice(rid: str, label: str, *names: str | None) -> Choice:
    parts = [label.lower()]
    parts += [initials(n) for n in names if n]
    return Choice(rid, label, SEP.join(p for p in parts if p))


def rivers(db: Database) -> list[Choice]:
    rows = db.query("SELECT id, name, kind, level FROM rivers ORDER BY name, id")
    return [_choice(r["id"], f"{r['name']}({r['kind']},{r['level']})", r["name"]) for r in rows]


def segments(db: Database, river_id: str | None) -> list[Choice]:
    if not river_id:
        return []
    rows = db.query("SELECT id, name FROM segments WHERE river_id = ? ORDER BY name, id", (river_id,))
    return [_choice(r["id"], r["name"], r["name"]) for r in rows]


def people(db: Database) -> list[Choice]:
    rows = db.query("SELECT id, name, post, unit FROM people ORDER BY name, id")
    return [
        _choice(r["id"], f"{r['name']}（{r['post'] or r['unit'] or '无职务'}）", r["name"], r["unit"]) for r in rows
    ]


def chiefs(db: Database, on: date) -> list[Choice]:
    """People holding a duty bound by the patrol norms on `on` (those who patrol)."""
    marks = ",".join("?" * len(PATROL_ROLES))
    rows = db.query(
        "SELECT DISTINCT pe.id, pe.name, a.level, pe.post, pe.unit FROM appointments a"
        " JOIN people pe ON pe.id = a.person_id"
        f" WHERE a.role IN ({marks}) AND {in_force_sql('a')}"
        " ORDER BY pe.name, pe.id",
        (*PATROL_ROLES, on.isoformat(), on.isoformat()),
    )
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["id"] in seen:
            continue
        seen.add(r["id"])
        out.append(_choice(r["id"], f"{r['name']}({r['level']},{r['post'] or r['unit'] or ''})", r["name"]))
    return out


def patrollers(db: Database, on: date) -> list[Choice]:
    """Who may have patrolled on `on`, for a patrol sheet of that day: those in office then
    (chiefs, then 巡河员 and 民间河长) first; then everyone who ever held such a duty, marked
    as not in office that day (an old sheet of a chief who has since left is still entered;
    the form warns about a sheet outside his term)."""
    marks = ",".join("?" * len(PATROLLER_ROLES))
    rows = db.query(
        "SELECT pe.id, pe.name, pe.post, pe.unit, a.role, a.level,"
        f" ({in_force_sql('a')}) AS in_force FROM appointments a"
        " JOIN people pe ON pe.id = a.person_id"
        f" WHERE a.role IN ({marks})"
        " ORDER BY pe.name, pe.id, a.start_date",
        (on.isoformat(), on.isoformat(), *PATROLLER_ROLES),
    )
    current: dict[str, Choice] = {}
    rank: dict[str, int] = {}
    former: dict[str, Choice] = {}
    for r in rows:
        pid = r["id"]
        if r["in_force"]:
            chief = r["role"] in PATROL_ROLES
            if pid in current and (rank[pid] == 0 or not chief):
                continue
            what = r["level"] if chief else r["role"]
            current[pid] = _choice(pid, f"{r['name']}（{what}，{r['post'] or r['unit'] or ''}）", r["name"])
            rank[pid] = 0 if chief else 1
        elif pid not in former:
            former[pid] = _choice(pid, f"{r['name']}（该日不在任）", r["name"])
    ordered = sorted(current.values(), key=lambda c: rank[c.id])  # stable: by name within
    return ordered + [c for pid, c in former.items() if pid not in current]


def duty_rivers(db: Database, person_id: str, on: date) -> list[str]:
    """The rivers a person is chief of on `on`, for a patrol form's default river."""
    rows = db.query(
        "SELECT DISTINCT river_id FROM appointments WHERE person_id = ? AND river_id IS NOT NULL"
        f" AND {in_force_sql()} ORDER BY start_date",
        (person_id, on.isoformat(), on.isoformat()),
    )
    return [r["river_id"] for r in rows]


def plans(db: Database) -> list[Choice]:
    rows = db.query("SELECT id, year, title FROM plans ORDER BY year DESC, title, id")
    return [_choice(r["id"], f"{r['year']}年 {r['title']}", r["title"]) for r in rows]


def sections(db: Database, plan_id: str | None) -> list[Choice]:
    if not plan_id:
        return []
    rows = db.query(
        "SELECT id, seq, title FROM plan_sections WHERE plan_id = ? AND parent_id IS NULL ORDER BY seq",
        (plan_id,),
    )
    return [_choice(r["id"], f"{r['seq']}. {r['title']}", r["title"]) for r in rows]


def next_task_seq(db: Database, plan_id: str) -> int:
    return int(db.scalar("SELECT coalesce(max(seq), 0) + 1 FROM tasks WHERE plan_id = ?", (plan_id,)))
