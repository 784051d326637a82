"""Finding the rivers, segments and people a ledger names, by name.

Names are compared after normalising (half-width, Simplified, brackets unified, no spaces),
so 青石河 (上游) and 青石河(上游) are one name. Records created earlier in the same import
are found as well, so a roster that names a new person on two rows creates one person.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from hzconsole import text as tx
from hzconsole.imports import messages as msg
from hzconsole.imports.cells import fold
from hzconsole.store.database import Database

_BRACKETS = str.maketrans({"(": "(", ")": ")", "【": "(", "】": ")", "[": "(", "]": ")"})


def name_key(name: Any) -> str:
    """The form in which two names are compared."""
    if name is None:
        return ""
    return _name_key(str(name))


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
    text = tx.to_simplified(fold(name)).translate(_BRACKETS)
    return re.sub(r"\s+", "", text)


@dataclass
class Found:
    """The outcome of a lookup: one id, or why not (with the candidates to show)."""

    id: str | None = None
    error: str | None = None
    candidates: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. segment's river_id

    @property
    def ok(self) -> bool:
        return self.id is not None


def _close(name: str, pool: list[str]) -> str:
    near = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    return "、".join(near)


class Resolver:
    """Name lookups over the books, loaded once per import."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rivers: dict[str, dict[str, Any]] = {}
        self.rivers_by_name: dict[str, list[str]] = {}
        for r in db.query("SELECT id, name, kind, level FROM rivers"):
            self._add_river(dict(r))
        self.segments: dict[str, dict[str, Any]] = {}
        self.segments_by_name: dict[str, list[str]] = {}
        for s in db.query("SELECT id, river_id, name FROM segments"):
            self._add_segment(dict(s))
        self.people: dict[str, dict[str, Any]] = {}
        self.people_by_name: dict[str, list[str]] = {}
        for p in db.query("SELECT id, name, post, unit, phone FROM people"):
            self._add_person(dict(p))
        self._rivers_of_person: dict[str, set[str]] | None = None
        self.pending: set[str] = set()  # ids of records this import will create

    # -- registering (records of the database, and those this import creates) ----------
    def _add_river(self, row: dict[str, Any]) -> None:
        self.rivers[row["id"]] = row
        self.rivers_by_name.setdefault(name_key(row["name"]), []).append(row["id"])

    def _add_segment(self, row: dict[str, Any]) -> None:
        self.segments[row["id"]] = row
        key = name_key(row["name"])
        self.segments_by_name.setdefault(key, []).append(row["id"])
        # 青石河青石村段 is also written 青石村段 where the river is understood.
        river = self.rivers.get(row["river_id"])
        prefix = name_key(river["name"]) if river else ""
        if prefix and key.startswith(prefix) and len(key) > len(prefix):
            self.segments_by_name.setdefault(key[len(prefix) :], []).append(row["id"])

    def _add_person(self, row: dict[str, Any]) -> None:
        self.people[row["id"]] = row
        self.people_by_name.setdefault(name_key(row["name"]), []).append(row["id"])

    def add_river(self, row: dict[str, Any]) -> None:
        self.pending.add(row["id"])
        self._add_river({k: row.get(k) for k in ("id", "name", "kind", "level")})

    def add_segment(self, row: dict[str, Any]) -> None:
        self.pending.add(row["id"])
        self._add_segment({k: row.get(k) for k in ("id", "river_id", "name")})

    def add_person(self, row: dict[str, Any]) -> None:
        self.pending.add(row["id"])
        self._add_person({k: row.get(k) for k in ("id", "name", "post", "unit", "phone")})

    def update_person(self, person_id: str, changes: dict[str, Any]) -> None:
        self.people[person_id].update({k: v for k, v in changes.items() if k in ("post", "unit", "phone")})

    def stored(self, record_id: str) -> bool:
        """True for a record already in the database (not one this import creates)."""
        return record_id not in self.pending

    # -- labels ------------------------------------------------------------------------
    def river_label(self, river_id: str) -> str:
        r = self.rivers[river_id]
        return f"{r['name']}\uff08{r['kind']}\uff0c{r['level']}\uff09"

    def segment_label(self, segment_id: str) -> str:
        s = self.segments[segment_id]
        return (
            f"{self.rivers[s['river_id']]['name']}{s['name']}"
            if not s["name"].startswith(self.rivers[s["river_id"]]["name"])
            else s["name"]
        )

    def person_label(self, person_id: str) -> str:
        p = self.people[person_id]
        bits = [b for b in (p.get("unit"), p.get("post"), p.get("phone")) if b]
        return p["name"] + "\uff08" + "\uff0c".join(bits) + "\uff09" if bits else p["name"]

    # -- rivers and segments -----------------------------------------------------------
    def river(self, name: str, kind: str | None = None) -> Found:
        """A river by name (and kind when the sheet gives one); a segment's name also finds
        its river, since ledgers often name the segment in the 河湖 column."""
        key = name_key(name)
        ids = self.rivers_by_name.get(key, [])
        if kind:
            ids = [i for i in ids if self.rivers[i]["kind"] == kind]
        if len(ids) == 1:
            return Found(ids[0])
        if len(ids) > 1:
            labels = tuple(self.river_label(i) for i in ids)
            return Found(
                error=msg.RIVER_AMBIGUOUS.format(n=len(ids), name=name, candidates="、".join(labels)), candidates=labels
            )
        segs = self.segments_by_name.get(key, [])
        if len(segs) == 1:
            seg = self.segments[segs[0]]
            return Found(seg["river_id"], extra={"segment_id": seg["id"]})
        if len(segs) > 1:
            labels = tuple(self.segment_label(i) for i in segs)
            return Found(
                error=msg.SEGMENT_AMBIGUOUS.format(n=len(segs), name=name, candidates="、".join(labels)),
                candidates=labels,
            )
        close = _close(key, [r["name"] for r in self.rivers.values()])
        if close:
            return Found(error=msg.RIVER_NOT_FOUND_CLOSE.format(name=name, close=close))
        return Found(error=msg.RIVER_NOT_FOUND.format(name=name))

    def segment(self, river_id: str | None, name: str) -> Found:
        """A segment of a river by name; '青石村段' also matches '青石河青石村段'."""
        key = name_key(name)
        if river_id is None:
            ids = self.segments_by_name.get(key, [])
            if len(ids) == 1:
                return Found(ids[0], extra={"river_id": self.segments[ids[0]]["river_id"]})
            if len(ids) > 1:
                labels = tuple(self.segment_label(i) for i in ids)
                return Found(
                    error=msg.SEGMENT_AMBIGUOUS.format(n=len(ids), name=name, candidates="、".join(labels)),
                    candidates=labels,
                )
            return Found(error=msg.SEGMENT_NOT_FOUND.format(river="", name=name))
        river_name = self.rivers[river_id]["name"]
        own = [s for s in self.segments.values() if s["river_id"] == river_id]
        for s in own:
            sk = name_key(s["name"])
            if sk == key or sk == name_key(river_name) + key:
                return Found(s["id"], extra={"river_id": river_id})
        names = "、".join(s["name"] for s in own)
        if names:
            return Found(error=msg.SEGMENT_NOT_FOUND_CLOSE.format(river=river_name, name=name, close=names))
        return Found(error=msg.SEGMENT_NOT_FOUND.format(river=river_name, name=name))

    # -- people ------------------------------------------------------------------------
    def rivers_of_person(self, person_id: str) -> set[str]:
        if self._rivers_of_person is None:
            self._rivers_of_person = {}
            for r in self.db.query("SELECT person_id, river_id FROM appointments WHERE river_id IS NOT NULL"):
                self._rivers_of_person.setdefault(r["person_id"], set()).add(r["river_id"])
        return self._rivers_of_person.get(person_id, set())

    def person(
        self, name: str, *, unit: str | None = None, phone: str | None = None, river_id: str | None = None
    ) -> Found:
        """An existing person by name, told apart from namesakes by phone, then unit, then
        by who is a chief of the river the row is about."""
        key = name_key(name)
        ids = list(self.people_by_name.get(key, []))
        if not ids:
            close = _close(key, [p["name"] for p in self.people.values()])
            if close:
                return Found(error=msg.PERSON_NOT_FOUND_CLOSE.format(name=name, close=close))
            return Found(error=msg.PERSON_NOT_FOUND.format(name=name))
        if len(ids) == 1:
            return Found(ids[0])
        narrowed = ids
        if phone:
            by_phone = [i for i in narrowed if self.people[i].get("phone") == phone]
            if by_phone:
                narrowed = by_phone
        if len(narrowed) > 1 and unit:
            by_unit = [i for i in narrowed if name_key(self.people[i].get("unit")) == name_key(unit)]
            if by_unit:
                narrowed = by_unit
        if len(narrowed) > 1 and river_id:
            by_river = [i for i in narrowed if river_id in self.rivers_of_person(i)]
            if by_river:
                narrowed = by_river
        if len(narrowed) == 1:
            return Found(narrowed[0])
        labels = tuple(self.person_label(i) for i in narrowed)
        return Found(
            error=msg.PERSON_AMBIGUOUS.format(n=len(labels), name=name, candidates="、".join(labels)), candidates=labels
        )
