"""河湖名录: rivers, with their segments on the same rows.

May create rivers and segments. A river is known by name + kind (by name alone when the
sheet has no kind column); a segment by its river and name. A river spread over several
rows (one per segment, its name often merged down) is one river: the rows must agree on
what they say about it. A parent river (上级河流) may be in the database or anywhere in
the same sheet.
"""

from __future__ import annotations

from typing import Any

from hzconsole.books.models import River, Segment
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, Op, SourceRow
from hzconsole.imports.headers import HeaderMatch, value_synonyms
from hzconsole.imports.kinds.common import model_titles
from hzconsole.imports.matching import Found, name_key
from hzconsole.store.database import new_id

_SEGMENT_KEYS = {
    "name": "seg_name",
    "start_point": "seg_start",
    "end_point": "seg_end",
    "length_km": "seg_length",
    "villages": "seg_villages",
    "notes": "seg_notes",
    "river_id": "name",
}


class RiverImporter(KindImporter):
    kind = "rivers"
    streams = False  # a parent named on a later row is linked (or refused) in finish()
    required = ("name",)
    titles = model_titles(River, {"parent_id": "parent"})
    # The second sheet of our rivers ledger lists segments: 所属河流 + 河段名称 + ….
    extra_layouts = (
        (
            "segments",
            ("name", "seg_name"),
            model_titles(
                Segment,
                {
                    "river_id": "name",
                    "name": "seg_name",
                    "start_point": "seg_start",
                    "end_point": "seg_end",
                    "length_km": "seg_length",
                    "villages": "seg_villages",
                    "notes": "seg_notes",
                },
            ),
        ),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.kinds = value_synonyms("kind")
        self.deferred: list[tuple[SourceRow, str, str]] = []  # (row, parent name, river id)
        self.noted: set[str] = set()
        self.layout = "rivers"

    def start_sheet(self, match: HeaderMatch) -> None:
        self.layout = match.layout
        if self.layout == "segments":
            return
        for key, note in (("kind", msg.DEFAULT_KIND_NOTE), ("level", msg.DEFAULT_LEVEL_NOTE)):
            if key not in match.columns and key not in self.noted:
                self.noted.add(key)
                self.ctx.report.notes.append(note)

    def plan_row(self, row: SourceRow) -> None:
        if self.layout == "segments":
            self._segment_row(row)
            return
        name = row.text("name")
        kind = row.choice("kind", self.kinds)
        data = {
            "name": name,
            "code": row.text("code"),
            "kind": kind,
            "level": row.text("level"),
            "catchment_km2": row.numeric("catchment_km2", "面积"),
            "length_km": row.numeric("length_km", "长度"),
            "source": row.text("source"),
            "mouth": row.text("mouth"),
            "villages": row.text("villages"),
            "notes": row.text("notes"),
        }
        seg_name = row.text("seg_name")
        if seg_name:
            # On a row that names a segment, 流经村 and 备注 describe the segment unless the
            # sheet has columns of its own for those.
            for key, seg_key in (("villages", "seg_villages"), ("notes", "seg_notes")):
                if not row.has(seg_key):
                    data[key] = None
        if not name:
            self.validate(River, data, row)
            self.settle(row, ["refuse"], "")
            return
        outcomes: list[str] = []
        river_id = self._plan_river(row, name, kind, data, outcomes)
        what = name
        if river_id and seg_name:
            what = f"{name} / {seg_name}"
            outcomes.append(self._plan_segment(row, river_id, seg_name))
        self.settle(row, outcomes, what)

    def _plan_river(
        self, row: SourceRow, name: str, kind: str | None, data: dict[str, Any], outcomes: list[str]
    ) -> str | None:
        key = name_key(name)
        ids = [
            i
            for i in self.resolver.rivers_by_name.get(key, [])
            if kind is None or self.resolver.rivers[i]["kind"] == kind
        ]
        if len(ids) > 1:
            labels = tuple(self.resolver.river_label(i) for i in ids)
            error = msg.RIVER_AMBIGUOUS.format(n=len(ids), name=name, candidates="、".join(labels))
            self.ambiguous(row, "name", name, Found(error=error, candidates=labels), msg.HINT_KIND)
            outcomes.append("refuse")
            return None
        existing = None
        if ids and self.resolver.stored(ids[0]):
            existing = self.db.get("rivers", ids[0])
        elif not ids:
            data = {**data, "id": new_id()}
        seen = ("river", ids[0] if ids else data["id"])
        parent = row.text("parent")
        parent_id = self._parent(parent) if parent else None
        if parent_id:
            data = {**data, "parent_id": parent_id}
        outcome, river_id = self.upsert(
            River,
            existing,
            data,
            row,
            keys={"parent_id": "parent"},
            seen=seen,
            describe=(msg.WHAT_RIVER, msg.WHAT_RIVER_KEY),
        )
        outcomes.append(outcome)
        if outcome == "refuse" or river_id is None:
            return None
        if outcome == "add":
            self.resolver.add_river(row.result.ops[-1].values)
        if parent_id is not None and parent_id == river_id:
            row.issue("parent", msg.PARENT_SELF)
        elif parent and parent_id is None and outcome != "dup":
            self.deferred.append((row, parent, river_id))
        return river_id

    def _segment_row(self, row: SourceRow) -> None:
        """A row of a segments sheet: the river must be in the books or in the river sheet."""
        name, seg_name = row.text("name"), row.text("seg_name")
        what = " / ".join(x for x in (name, seg_name) if x)
        river_id = None
        if not name:
            row.issue("name", msg.REQUIRED)
        else:
            ids = self.resolver.rivers_by_name.get(name_key(name), [])
            if len(ids) == 1:
                river_id = ids[0]
            elif ids:
                labels = tuple(self.resolver.river_label(i) for i in ids)
                error = msg.RIVER_AMBIGUOUS.format(n=len(ids), name=name, candidates="、".join(labels))
                self.ambiguous(row, "name", name, Found(error=error, candidates=labels), msg.HINT_KIND)
            else:
                self.ambiguous(row, "name", name, Found(error=msg.RIVER_NOT_FOUND.format(name=name)))
        if not seg_name:
            row.issue("seg_name", msg.REQUIRED)
        if river_id is None or not seg_name:
            self.settle(row, ["refuse"], what)
            return
        self.settle(row, [self._plan_segment(row, river_id, seg_name)], what)

    def _parent(self, name: str) -> str | None:
        ids = self.resolver.rivers_by_name.get(name_key(name), [])
        return ids[0] if len(ids) == 1 else None

    def _plan_segment(self, row: SourceRow, river_id: str, seg_name: str) -> str:
        data = {
            "river_id": river_id,
            "name": seg_name,
            "start_point": row.text("seg_start"),
            "end_point": row.text("seg_end"),
            "length_km": row.numeric("seg_length", "长度"),
            "villages": row.text("seg_villages" if row.has("seg_villages") else "villages"),
            "notes": row.text("seg_notes" if row.has("seg_notes") else "notes"),
        }
        found = self.resolver.segment(river_id, seg_name)
        existing = None
        if found.id is not None and self.resolver.stored(found.id):  # found.ok, narrowed
            existing = self.db.get("segments", found.id)
        elif not found.ok:
            data["id"] = new_id()
        seen = ("segment", found.id if found.ok else data["id"])
        outcome, _seg_id = self.upsert(
            Segment,
            existing,
            data,
            row,
            keys=_SEGMENT_KEYS,
            seen=seen,
            describe=(msg.WHAT_SEGMENT, msg.WHAT_SEGMENT_KEY),
        )
        if outcome == "add":
            self.resolver.add_segment(row.result.ops[-1].values)
        return outcome

    def finish(self) -> None:
        """Parents named before their own row: link them once every row is planned."""
        for row, parent, river_id in self.deferred:
            ids = self.resolver.rivers_by_name.get(name_key(parent), [])
            if len(ids) > 1:
                row.issue("parent", msg.PARENT_AMBIGUOUS.format(name=parent))
            elif not ids and (created := self.missing_river(row, parent)):
                self.ctx.tail_ops.append(Op("update", "rivers", river_id, {"parent_id": created}))
            elif not ids:
                row.issue("parent", msg.PARENT_NOT_FOUND.format(name=parent))
            elif ids[0] == river_id:
                row.issue("parent", msg.PARENT_SELF)
            else:
                # The parent is inserted by a later row, so the link is written after it.
                self.ctx.tail_ops.append(Op("update", "rivers", river_id, {"parent_id": ids[0]}))
