"""任务清单: the numbered tasks of a plan, one per row.

The plan is named by the --plan option, else by the sheet's title, else by the file name;
an existing plan of that title is used and otherwise created (so re-importing the same
list finds the same plan). Sections (a 类别/章节 column) are found or created by title.
A task is known by its 序号 within the plan, or by its text when the sheet numbers nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hzconsole import text as tx
from hzconsole.books.models import Plan, PlanSection, Task
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, Op, SourceRow, year_from_title
from hzconsole.imports.headers import HeaderMatch, value_synonyms
from hzconsole.imports.kinds.common import model_titles
from hzconsole.imports.matching import name_key
from hzconsole.store.database import new_id

_SUFFIXES = ("主要任务分解表", "任务清单", "任务分解表", "任务分解", "工作任务清单", "台账", "清单", "任务表")


class TaskImporter(KindImporter):
    kind = "tasks"
    required = (("text", "measures"),)
    titles = model_titles(Task, {"plan_id": "", "section_id": ""})

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.statuses = value_synonyms("task_status")
        self.plan_id: str | None = None
        self.sections: dict[str, str] = {}  # title key -> section id
        self.section_seq = 0
        self.by_seq: dict[int, dict[str, Any]] = {}
        self.by_text: dict[str, dict[str, Any]] = {}
        self.max_seq = 0
        self.title_lines: list[str] = []

    def start_sheet(self, match: HeaderMatch) -> None:
        if not self.title_lines:
            self.title_lines = match.title_lines

    # -- the plan ----------------------------------------------------------------------
    def _plan(self, row: SourceRow) -> str:
        if self.plan_id is not None:
            return self.plan_id
        options = self.ctx.options
        title = options.plan or (self.title_lines[0] if self.title_lines else "") or _stem(self.ctx.source_name)
        title = tx.clean_text(title) or title
        year = options.year or year_from_title(title, *self.title_lines) or date.today().year
        plan = self._find_plan(title, year)
        if plan is not None:
            self.plan_id = plan["id"]
            self.ctx.report.notes.append(msg.PLAN_TARGET_EXISTING.format(title=plan["title"], year=plan["year"]))
            for s in self.db.query(
                "SELECT * FROM plan_sections WHERE plan_id = ? AND parent_id IS NULL", (plan["id"],)
            ):
                self.sections[name_key(s["title"])] = s["id"]
                self.section_seq = max(self.section_seq, s["seq"])
            for t in self.db.query("SELECT * FROM tasks WHERE plan_id = ?", (plan["id"],)):
                self.by_seq[t["seq"]] = dict(t)
                self.by_text.setdefault(name_key(t["text"]), dict(t))
                self.max_seq = max(self.max_seq, t["seq"])
            return self.plan_id
        record = self.validate(Plan, {"year": year, "title": _trim_title(title)}, row)
        self.plan_id = new_id()
        self.resolver.pending.add(self.plan_id)  # made by this row: later rows depend on it
        if record is not None:
            values = {**record.row(), "id": self.plan_id}
            row.result.ops.append(Op("insert", "plans", self.plan_id, values))
            row.result.notes.append(msg.NEW_PLAN.format(title=values["title"]))
            self.ctx.report.notes.append(msg.PLAN_TARGET_NEW.format(title=values["title"], year=year))
        return self.plan_id

    def _find_plan(self, title: str, year: int) -> dict[str, Any] | None:
        key = name_key(title)
        trimmed = name_key(_trim_title(title))
        hits = [dict(p) for p in self.db.query("SELECT * FROM plans") if name_key(p["title"]) in (key, trimmed)]
        if len(hits) > 1:
            hits = [p for p in hits if p["year"] == year] or hits
        return hits[0] if hits else None

    def _section(self, row: SourceRow, plan_id: str, title: str | None) -> str | None:
        if not title:
            return None
        key = name_key(title)
        if key in self.sections:
            return self.sections[key]
        self.section_seq += 1
        record = self.validate(
            PlanSection, {"plan_id": plan_id, "seq": self.section_seq, "title": title}, row, {"title": "section"}
        )
        if record is None:
            return None
        section_id = new_id()
        self.resolver.pending.add(section_id)
        row.result.ops.append(Op("insert", "plan_sections", section_id, {**record.row(), "id": section_id}))
        row.result.notes.append(msg.NEW_SECTION.format(title=record.title))
        self.sections[key] = section_id
        return section_id

    # -- the row -----------------------------------------------------------------------
    def plan_row(self, row: SourceRow) -> None:
        plan_id = self._plan(row)
        seq = row.seq("seq")
        text = row.text("text")
        measures = row.text("measures")
        if measures:
            # 主要任务 + 细化措施: the task is the measure, under the task it details.
            text = f"{text}\uff1a{measures}" if text and name_key(text) not in name_key(measures) else measures
        section_id = self._section(row, plan_id, row.text("section"))
        data = {
            "plan_id": plan_id,
            "section_id": section_id,
            "seq": seq,
            "text": text,
            "lead_units": row.text("lead_units"),
            "coop_units": row.text("coop_units"),
            "implementers": row.text("implementers"),
            "deadline": row.date("deadline"),
            "progress": row.text("progress"),
            "status": row.choice("status", self.statuses),
            "done_date": row.date("done_date"),
        }
        if section_id is None:
            del data["section_id"]  # a blank 类别 keeps the task where it is
        what = f"{seq}. " if seq else ""
        what += tx.clip(text or "", 24)
        existing = None
        if seq is not None:
            existing = self.by_seq.get(seq)
            seen: Any = ("task", seq)
            describe = (msg.WHAT_TASK, msg.WHAT_TASK_KEY)
        else:
            existing = self.by_text.get(name_key(text)) if text else None
            seen = ("task-text", name_key(text)) if text else None
            describe = (msg.WHAT_TASK, msg.WHAT_TASK_KEY2)
            if existing is not None:
                data["seq"] = existing["seq"]
            elif seen is not None and seen in self.seen:
                data["seq"] = self.seen[seen].values["seq"]
            else:
                self.max_seq += 1
                data["seq"] = self.max_seq
        if seq is not None and existing is None:
            self.max_seq = max(self.max_seq, seq)
        outcome, _id = self.upsert(
            Task, existing, data, row, keys={"section_id": "section"}, seen=seen, describe=describe
        )
        self.settle(row, [outcome], what)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def _trim_title(title: str) -> str:
    """'樟树镇2024年河湖长制工作计划任务清单' -> '樟树镇2024年河湖长制工作计划'."""
    for suffix in _SUFFIXES:
        if title.endswith(suffix) and len(title) > len(suffix) + 4:
            return title[: -len(suffix)]
    return title
