"""工作计划 / 任务清单: a plan, its sections (一、 and (一)) and numbered tasks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hzconsole.books.base import Book
from hzconsole.books.models import Plan, PlanSection, Task
from hzconsole.books.validation import validate
from hzconsole.store.database import Database


class TaskBook(Book[Task]):
    def before_write(self, db: Database, new: Task, old: Task | None) -> None:
        db.get("plans", new.plan_id)


plans = Book(Plan, order_by="year DESC, title")
sections = Book(PlanSection, order_by="plan_id, seq")
tasks = TaskBook(Task, order_by="plan_id, seq")


@dataclass
class SectionTree:
    """A section with its sub-sections and tasks, in order (for documents and screens)."""

    section: PlanSection | None
    children: list[SectionTree] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def outline(db: Database, plan_id: str) -> SectionTree:
    """The plan as a tree: root (section None) → sections → sub-sections, tasks at each."""
    secs = sections.all(db, "plan_id = ?", (plan_id,))
    nodes = {s.id: SectionTree(s) for s in secs}
    root = SectionTree(None)
    for s in secs:
        (nodes.get(s.parent_id, root)).children.append(nodes[s.id])
    for t in tasks.all(db, "plan_id = ?", (plan_id,)):
        (nodes.get(t.section_id, root)).tasks.append(t)
    return root


def create_plan(db: Database, plan: dict[str, Any], tree: list[dict[str, Any]]) -> Plan:
    """Create a plan with its sections and tasks in one transaction.

    `tree` is a list of sections: {"title", "tasks": [task fields...], "children": [...]}.
    Tasks are numbered in order across the whole plan (1., 2., … as plans number them).
    """
    with db.transaction():
        saved = plans.add(db, validate(Plan, plan))
        counter = 0

        def add_sections(items: list[dict[str, Any]], parent: str | None) -> None:
            nonlocal counter
            for i, item in enumerate(items, 1):
                sec = sections.add(db, {"plan_id": saved.id, "parent_id": parent, "seq": i, "title": item["title"]})
                for task in item.get("tasks", []):
                    counter += 1
                    tasks.add(db, {**task, "plan_id": saved.id, "section_id": sec.id, "seq": counter})
                add_sections(item.get("children", []), sec.id)

        add_sections(tree, None)
    return saved
