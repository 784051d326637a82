"""问题清单: problems and their flow 待交办 → 已交办 → 整改中 → 已整改 → 已销号.

Every transition is logged in problem_events (who, when, opinion) in the same transaction
as the status change; a transition not in TRANSITIONS is refused with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hzconsole.books.base import Book
from hzconsole.books.models import Problem, ProblemEvent, from_row
from hzconsole.books.rivers import check_place
from hzconsole.books.validation import validate
from hzconsole.store.database import Database
from hzconsole.store.errors import RuleError


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    needs_opinion: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("交办", ("待交办",), "已交办"),
        Transition("反馈", ("已交办", "整改中"), "整改中"),
        Transition("整改完成", ("已交办", "整改中"), "已整改"),
        Transition("销号", ("已整改",), "已销号"),
        Transition("退回", ("已交办", "已整改"), "", needs_opinion=True),
    )
}
_STATUS_BY_ACTION_ONLY = "问题状态只能通过交办、反馈、整改完成、销号、退回等操作改变"
# 退回 sends an assigned problem back to 待交办, a reported fix back to 整改中.
_RETURN_TO = {"已交办": "待交办", "已整改": "整改中"}


class ProblemBook(Book[Problem]):
    def add(self, db: Database, data: dict[str, Any] | Problem) -> Problem:
        """Add a problem. One entered past 待交办 (a paper ledger typed in, an import) gets a
        登记 event, so every status in the file has a history (`hzconsole check` wants one)."""
        with db.transaction():
            record = super().add(db, data)
            if record.status != "待交办":
                db.insert(
                    "problem_events",
                    {
                        "problem_id": record.id,
                        "action": "登记",
                        "from_status": None,
                        "to_status": record.status,
                        "actor": "台账录入",
                        "at": db.clock(),
                        "opinion": f"录入时状态为「{record.status}」",
                    },
                )
        return record

    def update(self, db: Database, record_id: str, changes: dict[str, Any]) -> Problem:
        if "status" in changes and changes["status"] != db.get(self.table, record_id)["status"]:
            raise RuleError(_STATUS_BY_ACTION_ONLY)
        return super().update(db, record_id, changes)

    def before_write(self, db: Database, new: Problem, old: Problem | None) -> None:
        db.get("rivers", new.river_id)
        check_place(db, new.river_id, new.segment_id)
        if old is not None and old.status != new.status:
            raise RuleError(_STATUS_BY_ACTION_ONLY)


problems = ProblemBook(Problem, order_by="found_date DESC, number")
# The events of the problems: written by `act` and by an import's history of a problem.
# Found by table name (book_for("problem_events")), so never named here again.
event_book = Book(ProblemEvent, order_by="at")


def allowed_actions(status: str) -> list[str]:
    return [a for a, t in TRANSITIONS.items() if status in t.sources]


def problem_number(year: int, seq: int) -> str:
    """How the office numbers problems: WT2024-001, WT2024-002 …"""
    return f"WT{year}-{seq:03d}"


def next_number(db: Database, year: int) -> str:
    """The next free problem number of a year."""
    prefix = f"WT{year}-"
    rows = db.query("SELECT number FROM problems WHERE number LIKE ?", (prefix + "%",))
    used = [int(r[0][len(prefix) :]) for r in rows if r[0][len(prefix) :].isdigit()]
    return problem_number(year, (max(used) if used else 0) + 1)


def act(
    db: Database,
    problem_id: str,
    action: str,
    *,
    actor: str,
    opinion: str | None = None,
    on: date | None = None,
    changes: dict[str, Any] | None = None,
) -> Problem:
    """Apply an action (交办/反馈/整改完成/销号/退回) to a problem, logging it.

    `changes` carries fields that go with the action, e.g. responsible_unit and deadline
    when assigning, evidence when reporting the fix.
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise RuleError(f"未知的操作「{action}」，可用操作：{'、'.join(TRANSITIONS)}")
    if not actor or not actor.strip():
        raise RuleError("请填写经办人")
    with db.transaction(actor=actor):
        problem = problems.get(db, problem_id)
        if problem.status not in transition.sources:
            can = "、".join(allowed_actions(problem.status)) or "无"
            raise RuleError(f"问题 {problem.number} 当前状态为「{problem.status}」，不能「{action}」。当前可以：{can}")
        if transition.needs_opinion and not (opinion and opinion.strip()):
            raise RuleError(f"「{action}」必须填写意见（说明原因）")
        target = transition.target or _RETURN_TO[problem.status]
        day = on or date.today()
        updates: dict[str, Any] = dict(changes or {})
        merged = {**problem.model_dump(), **updates}
        if action == "交办" and not (merged.get("responsible_unit") and merged.get("deadline")):
            raise RuleError("交办时必须填写责任单位和整改时限")
        if target == "已整改":
            updates.setdefault("fixed_date", day)
        if target == "已销号":
            updates.setdefault("closed_date", day)
        if action == "退回" and problem.status == "已整改":
            updates["fixed_date"] = None
        # Status is changed here only, past ProblemBook.before_write's guard; the record is
        # validated as it will be (a fix reported needs its date, a return clears it).
        record = validate(Problem, {**merged, **updates, "status": target})
        db.update("problems", problem_id, record.row())
        db.insert(
            "problem_events",
            {
                "problem_id": problem_id,
                "action": action,
                "from_status": problem.status,
                "to_status": target,
                "actor": actor.strip(),
                "at": db.clock(),
                "opinion": opinion,
            },
        )
    return problems.get(db, problem_id)


def events(db: Database, problem_id: str) -> list[ProblemEvent]:
    rows = db.query("SELECT * FROM problem_events WHERE problem_id = ? ORDER BY at, rowid", (problem_id,))
    return [from_row(ProblemEvent, dict(r)) for r in rows]
