"""问题清单: problems and their flow 待交办 → 已交办 → 整改中 → 已整改 → 已销号; every action
(交办, 反馈, 整改完成, 销号, 退回) goes through the core with the opinion logged."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from hzconsole.books import lookups
from hzconsole.books.models import Problem
from hzconsole.books.problems import act, allowed_actions, events, next_number, problems
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.settings import load_settings
from hzconsole.books.terms import PROBLEM_CATEGORIES, PROBLEM_SOURCES
from hzconsole.tui import inputs
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.dialogs import ChooseScreen
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.cells import pad

ACTION_HELP = {
    "交办": "把问题交给责任单位，定下整改时限",
    "反馈": "记录责任单位反馈的整改进展",
    "整改完成": "责任单位报告已整改完毕",
    "销号": "核查整改到位，销号",
    "退回": "整改不到位或交办有误，退回（须说明原因）",
}


def action_fields(action: str) -> list[FieldSpec]:
    """What the clerk fills in for each action (beyond who and when)."""
    L = Problem.label
    common = [FieldSpec("actor", "经办人", required=True), FieldSpec("on", "日期", "date", required=True)]
    per_action = {
        "交办": [
            FieldSpec("responsible_unit", L("responsible_unit"), required=True),
            FieldSpec("responsible_person", L("responsible_person")),
            FieldSpec("deadline", L("deadline"), "date", required=True),
            FieldSpec("requirements", L("requirements")),
            FieldSpec("opinion", "交办意见"),
        ],
        "反馈": [FieldSpec("measures", L("measures")), FieldSpec("opinion", "反馈情况", required=True)],
        "整改完成": [FieldSpec("evidence", L("evidence")), FieldSpec("opinion", "整改情况")],
        "销号": [FieldSpec("opinion", "核查意见")],
        "退回": [FieldSpec("opinion", "退回原因", required=True)],
    }
    return common + per_action.get(action, [FieldSpec("opinion", "意见")])


def problem_fields(screen: BookScreen) -> list[FieldSpec]:
    """The fields of a problem (also recorded from a patrol, on 巡河台账)."""
    L = Problem.label
    db = screen.db
    return [
        FieldSpec("number", L("number"), required=True),
        FieldSpec("found_date", L("found_date"), "date", required=True),
        FieldSpec("river_id", L("river_id"), "pick", lambda: lookups.rivers(db), required=True),
        FieldSpec(
            "segment_id",
            L("segment_id"),
            "pick",
            lambda: lookups.segments(db, screen.picked("river_id")),
            depends="river_id",
        ),
        FieldSpec("location", L("location")),
        FieldSpec("source", L("source"), "choice", PROBLEM_SOURCES, required=True),
        FieldSpec("category", L("category"), "choice", PROBLEM_CATEGORIES, required=True),
        FieldSpec("description", L("description"), required=True),
        FieldSpec("responsible_unit", L("responsible_unit")),
        FieldSpec("responsible_person", L("responsible_person")),
        FieldSpec("deadline", L("deadline"), "date"),
        FieldSpec("measures", L("measures")),
        FieldSpec("requirements", L("requirements")),
        FieldSpec("evidence", L("evidence")),
        FieldSpec("notes", L("notes")),
    ]


class ProblemsScreen(BookScreen):
    """问题清单"""

    MODE = "problems"
    LISTING = "problems"
    WHAT = "问题"
    BOOK = problems
    IMPORT_KINDS = ("problems",)
    EXTRA_WRITES = ("handle", "slip")
    BINDINGS = [Binding("f5", "handle", "处理"), Binding("f7", "slip", "交办单")]
    last_actor = ""

    def form_fields(self, record: Problem | None) -> list[FieldSpec]:
        return problem_fields(self)

    def new_values(self) -> dict[str, Any]:
        return {
            "number": next_number(self.db, self.today.year),
            "found_date": self.today.isoformat(),
            "source": "巡河发现",
            "category": "其他",
        }

    def detail(self, record_id: str) -> RenderableType:
        db = self.db
        p = problems.get(db, record_id)
        L = Problem.label
        parts: list[RenderableType] = [
            detail_table(
                [
                    (L("number"), p.number),
                    (L("status"), p.status),
                    (L("river_id"), rivers.get(db, p.river_id).name),
                    (L("segment_id"), segments.get(db, p.segment_id).name if p.segment_id else None),
                    (L("location"), p.location),
                    (L("found_date"), p.found_date),
                    (L("source"), p.source),
                    (L("category"), p.category),
                    (L("description"), p.description),
                    (L("responsible_unit"), p.responsible_unit),
                    (L("responsible_person"), p.responsible_person),
                    (L("deadline"), p.deadline),
                    (L("measures"), p.measures),
                    (L("requirements"), p.requirements),
                    (L("fixed_date"), p.fixed_date),
                    (L("closed_date"), p.closed_date),
                    (L("evidence"), p.evidence),
                    (L("notes"), p.notes),
                ]
            )
        ]
        history = events(db, record_id)
        if history:
            parts.append(Text("\n办理记录", style="bold"))
            # A grid: a long opinion wraps under its own column, not under the date.
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for e in history:
                line = Text(f"{e.actor} {e.action}（{e.from_status or ''}->{e.to_status}）")
                if e.opinion:
                    line.append(f"\n{e.opinion}", style="dim")
                grid.add_row(Text(e.at[:10]), line)
            parts.append(grid)
        can = allowed_actions(p.status)
        if can:
            parts.append(Text(f"\n按 F5 处理：{'、'.join(can)}", style="dim"))
        return Group(*parts)

    async def action_slip(self) -> None:
        """The 交办单/督办单 of this problem, in the documents screen."""
        record_id = self.current_id()
        if record_id is None or self.open_db is None or not self.writable():
            return
        number = problems.get(self.db, record_id).number
        from hzconsole.tui.screens.documents import (
            DocumentsScreen,  # deferred: imported when first shown
        )

        screen = await self.hz.switch_to(DocumentsScreen)
        screen.call_later(lambda: screen.preselect("assignment", {"problem": number}))

    def action_handle(self) -> None:
        record_id = self.record_to_change()
        if record_id is None:
            return
        db = self.db
        problem = problems.get(db, record_id)
        can = allowed_actions(problem.status)
        if not can:
            self.notify(f"问题 {problem.number} 已{problem.status}，没有可办理的操作。", severity="warning")
            return

        def chosen(action: str | None) -> None:
            if action:
                self.open_action(record_id, action)

        self.app.push_screen(
            ChooseScreen(
                f"处理问题 {problem.number}（当前：{problem.status}）",
                [(a, f"{pad(a, 8)}  {ACTION_HELP.get(a, '')}") for a in can],
            ),
            chosen,
        )

    def open_action(self, record_id: str, action: str) -> None:
        db = self.db
        problem = problems.get(db, record_id)
        # 经办人: the office's 填报人 from 设置, else whoever did the last step this session.
        clerk = load_settings(db).clerk or self.last_actor
        values: dict[str, Any] = {"actor": clerk, "on": self.today.isoformat()}
        for key in ("responsible_unit", "responsible_person", "deadline", "requirements", "measures", "evidence"):
            value = getattr(problem, key)
            values[key] = value.isoformat() if hasattr(value, "isoformat") else value

        def save(form: dict[str, Any]) -> Any:
            on = inputs.day(form, "on", "日期", default_year=self.today.year)
            inputs.required(form, "actor", "经办人")
            changes = {k: v for k, v in form.items() if k not in ("actor", "on", "opinion") and v is not None}
            self.last_actor = form["actor"]
            return act(db, record_id, action, actor=form["actor"], opinion=form.get("opinion"), on=on, changes=changes)

        self.app.push_screen(
            FormScreen(
                f"{action}：{problem.number}",
                action_fields(action),
                values,
                save,
                note=f"{problem.description}\n{ACTION_HELP.get(action, '')}",
                save_label=action,
            ),
            self.after_save,
        )
