"""问题整改台账: one problem per row, known by its number (or, without one, by river +
found date + description).

Creates or updates problems; the river must already be in the books. A problem's status
only moves forward, through the same actions the console uses (交办 → 反馈 → 整改完成 →
销号), each logged as a problem event; a sheet that shows an earlier status than the books
is refused for that row. A new problem is logged with an 导入 event so its history says
where it came from. Problems without a number get the next WT<year>-NNN.
"""

from __future__ import annotations

import re
from collections import deque
from datetime import date
from typing import Any

from hzconsole import text as tx
from hzconsole.books.models import Problem
from hzconsole.books.problems import TRANSITIONS, problem_number
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, Op, SourceRow
from hzconsole.imports.headers import value_synonyms
from hzconsole.imports.kinds.common import model_titles, present
from hzconsole.imports.matching import name_key
from hzconsole.imports.report import FieldChange
from hzconsole.store.database import new_id, now_iso

_KEYS = {"river_id": "river", "segment_id": "segment"}


def status_path(current: str, target: str) -> list[tuple[str, str]] | None:
    """The actions (action, status reached) from `current` to `target`, shortest first;
    [] when equal, None when `target` lies behind (only 退回 goes back, and imports never
    send a problem back)."""
    if current == target:
        return []
    queue: deque[tuple[str, list[tuple[str, str]]]] = deque([(current, [])])
    visited = {current}
    while queue:
        status, path = queue.popleft()
        for t in TRANSITIONS.values():
            if not t.target or status not in t.sources or t.target in visited:
                continue
            step = [*path, (t.action, t.target)]
            if t.target == target:
                return step
            visited.add(t.target)
            queue.append((t.target, step))
    return None


class ProblemImporter(KindImporter):
    kind = "problems"
    required = ("river", "found_date", "description")
    titles = model_titles(Problem, {"river_id": "river", "segment_id": "segment", "patrol_id": ""})

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.numbers = {name_key(r["number"]): dict(r) for r in self.db.query("SELECT * FROM problems")}
        self.next_seq: dict[int, int] = {}
        # Status each problem will have once the rows planned so far are applied: two rows
        # reaching one problem (by number and by content) must not both plan its 交办.
        self.planned_status: dict[str, str] = {}
        self.sources = value_synonyms("source")
        self.categories = value_synonyms("category")
        self.statuses = value_synonyms("status")

    def plan_row(self, row: SourceRow) -> None:
        number = row.text("number")
        river_name, _seg_name, river_id, segment_id = self.place(row)
        data = {
            "number": number,
            "river_id": river_id,
            "segment_id": segment_id,
            "location": row.text("location"),
            "found_date": row.date("found_date"),
            "source": row.choice("source", self.sources),
            "category": row.choice("category", self.categories),
            "description": row.text("description"),
            "responsible_unit": row.text("responsible_unit"),
            "responsible_person": row.text("responsible_person"),
            "deadline": row.date("deadline"),
            "measures": row.text("measures"),
            "requirements": row.text("requirements"),
            "status": row.choice("status", self.statuses),
            "fixed_date": row.date("fixed_date"),
            "closed_date": row.date("closed_date"),
            "evidence": row.text("evidence"),
            "notes": row.text("notes"),
        }
        what = " ".join(x for x in (number, river_name, tx.clip(data["description"] or "", 16)) if x)
        if river_id is None:
            if not river_name:
                row.issue("river", msg.REQUIRED, Problem.label("river_id"))
            self.validate(Problem, {**present(data), "river_id": "?", "number": number or "?"}, row, _KEYS)
            self.settle(row, ["refuse"], what)
            return
        seen: tuple[Any, ...]  # the key a repeated row is known by within this import
        if number:
            seen = ("problem", name_key(number))
            existing = self.numbers.get(name_key(number))
            describe = (msg.WHAT_PROBLEM, msg.WHAT_PROBLEM_KEY)
        else:
            seen = ("problem", river_id, data["found_date"], name_key(data["description"]))
            existing = self._by_content(river_id, data["found_date"], data["description"])
            describe = (msg.WHAT_PROBLEM, msg.WHAT_PROBLEM_KEY2)
            if existing is not None:
                data["number"] = existing["number"]
            elif seen in self.seen:
                data["number"] = self.seen[seen].values["number"]
            elif isinstance(data["found_date"], date):
                data["number"] = self._next_number(data["found_date"].year)
                row.result.notes.append(msg.NUMBER_ASSIGNED.format(number=data["number"]))
            what = f"{data.get('number') or ''} {what}".strip()
        target = data["status"]
        if existing is None:
            outcome, problem_id = self.upsert(Problem, existing, data, row, keys=_KEYS, seen=seen, describe=describe)
            if outcome == "add":
                values = row.result.ops[-1].values
                self.numbers[name_key(values["number"])] = values
                row.result.ops.append(
                    Op(
                        "insert",
                        "problem_events",
                        new_id(),
                        {
                            "problem_id": problem_id,
                            "action": "导入",
                            "from_status": None,
                            "to_status": values["status"],
                            "actor": f"导入\uff1a{self.ctx.source_name}",
                            "at": now_iso(),
                            "opinion": msg.EVENT_OPINION.format(file=self.ctx.source_name),
                        },
                    )
                )
            self.settle(row, [outcome], what)
            return
        # An existing problem: fields first, then the status by its actions.
        current = self.planned_status.get(existing["id"], existing["status"])
        fields = {k: v for k, v in data.items() if k != "status"}
        outcome, problem_id = self.upsert(Problem, existing, fields, row, keys=_KEYS, seen=seen, describe=describe)
        outcomes = [outcome]
        if outcome not in ("refuse", "dup") and target and target != current:
            outcomes.append(self._plan_status(row, existing, data, current, target))
        self.settle(row, outcomes, what)

    def _plan_status(
        self, row: SourceRow, existing: dict[str, Any], data: dict[str, Any], current: str, target: str
    ) -> str:
        path = status_path(current, target)
        if path is None:
            row.issue("status", msg.STATUS_BACKWARDS.format(old=current, new=target))
            return "refuse"
        merged = {**existing, **{k: v for k, v in data.items() if v is not None}}
        if any(action == "交办" for action, _s in path) and not (
            merged.get("responsible_unit") and merged.get("deadline")
        ):
            row.issue("status", msg.STATUS_NEEDS_ASSIGN.format(new=target))
            return "refuse"
        for action, _status in path:
            on = None
            if action == "整改完成":
                on = data.get("fixed_date")
            elif action == "销号":
                on = data.get("closed_date")
            row.result.ops.append(Op("act", "problems", existing["id"], action=action, on=on))
        self.planned_status[existing["id"]] = target
        row.result.changes.append(FieldChange(Problem.label("status"), current, target))
        row.result.notes.append(msg.STATUS_STEPS.format(steps="→".join(a for a, _s in path)))
        return "change"

    def _by_content(self, river_id: str, found: Any, description: str | None) -> dict[str, Any] | None:
        if not isinstance(found, date) or not description:
            return None
        key = name_key(description)
        for r in self.db.query(
            "SELECT * FROM problems WHERE river_id = ? AND found_date = ?", (river_id, found.isoformat())
        ):
            if name_key(r["description"]) == key:
                return dict(r)
        return None

    def _next_number(self, year: int) -> str:
        if year not in self.next_seq:
            used = [int(m.group(1)) for k in self.numbers if (m := re.fullmatch(rf"wt{year}-(\d+)", k.lower()))]
            self.next_seq[year] = max(used, default=0)
        self.next_seq[year] += 1
        return problem_number(year, self.next_seq[year])
