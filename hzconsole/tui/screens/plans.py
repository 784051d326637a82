"""工作计划: plans, their sections and numbered tasks, with progress."""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual.binding import Binding

from hzconsole.books import lookups
from hzconsole.books.models import Plan, Task
from hzconsole.books.plans import plans, sections, tasks
from hzconsole.books.terms import TASK_STATUSES
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec, FormScreen


class PlansScreen(BookScreen):
    """工作计划"""

    MODE = "plans"
    LISTING = "tasks"
    WHAT = "任务"
    BOOK = tasks
    IMPORT_KINDS = ("plan", "tasks")
    EXTRA_WRITES = ("add_plan",)
    BINDINGS = [Binding("f5", "add_plan", "新增计划")]

    def form_fields(self, record: Task | None) -> list[FieldSpec]:
        L = Task.label
        db = self.db
        return [
            FieldSpec("plan_id", "所属计划", "pick", lambda: lookups.plans(db), required=True),
            FieldSpec(
                "section_id",
                "所属章节",
                "pick",
                lambda: lookups.sections(db, self.picked("plan_id")),
                depends="plan_id",
            ),
            FieldSpec("seq", L("seq"), "number", placeholder="不填则排在最后"),
            FieldSpec("text", L("text"), "long", required=True),
            FieldSpec("lead_units", L("lead_units")),
            FieldSpec("coop_units", L("coop_units")),
            FieldSpec("implementers", L("implementers")),
            FieldSpec("deadline", L("deadline"), "date"),
            FieldSpec("status", L("status"), "choice", TASK_STATUSES, required=True),
            FieldSpec("progress", L("progress")),
            FieldSpec("done_date", L("done_date"), "date"),
        ]

    def new_values(self) -> dict[str, Any]:
        choices = lookups.plans(self.db)
        return {"plan_id": choices[0].id if choices else None, "status": "未开始"}

    def save_new(self, values: dict[str, Any]) -> Any:
        if not values.get("seq") and values.get("plan_id"):
            values = {**values, "seq": lookups.next_task_seq(self.db, values["plan_id"])}
        return tasks.add(self.db, values)

    def detail(self, record_id: str) -> RenderableType:
        db = self.db
        t = tasks.get(db, record_id)
        plan = plans.get(db, t.plan_id)
        section = sections.get(db, t.section_id).title if t.section_id else None
        L = Task.label
        return detail_table(
            [
                ("计划", f"{plan.year}年 {plan.title}"),
                ("文号", plan.doc_number),
                ("章节", section),
                (L("seq"), t.seq),
                (L("text"), t.text),
                (L("lead_units"), t.lead_units),
                (L("coop_units"), t.coop_units),
                (L("implementers"), t.implementers),
                (L("deadline"), t.deadline),
                (L("status"), t.status),
                (L("progress"), t.progress),
                (L("done_date"), t.done_date),
            ]
        )

    def summary(self, record_id: str) -> str:
        t = tasks.get(self.db, record_id)
        return f"{t.seq}. {t.text}"

    def action_add_plan(self) -> None:
        if not self.writable():
            return
        db = self.db
        L = Plan.label
        fields = [
            FieldSpec("year", L("year"), "number", required=True),
            FieldSpec("title", L("title"), required=True),
            FieldSpec("issuer", L("issuer")),
            FieldSpec("doc_number", L("doc_number")),
            FieldSpec("notes", L("notes")),
        ]

        def done(result: Any) -> None:
            if result is not None:
                self.notify(f"已新增计划「{result.title}」。按 F2 为它新增任务。")

        self.app.push_screen(
            FormScreen(
                "新增工作计划", fields, {"year": str(self.today.year)}, lambda v: plans.add(db, v), check_required=False
            ),
            done,
        )
