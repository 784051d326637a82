"""问题交办单 / 督办单 for one problem of the problem ledger (一单四制: the problem, the
responsible unit and person, the deadline and the requirements)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hzconsole.books.problems import problems
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, InRegister, OptionSpec
from hzconsole.documents.kinds.common import keep_words
from hzconsole.figures import load_problems
from hzconsole.rules.problems import is_overdue
from hzconsole.store.database import Database
from hzconsole.text import cn_date

NEW_DEADLINE_DAYS = 15  # a 交办 whose time limit has passed gets this many days from its date
# How a 交办单 opens, by where the problem came from.
SOURCE_LEADS = {
    "巡河发现": "在河长巡河中发现以下问题",
    "群众举报": "接群众举报并经现场核实,发现以下问题",
    "上级交办": "上级河长办交办以下问题",
    "暗访督查": "在暗访督查中发现以下问题",
    "卫星遥感图斑": "经卫星遥感图斑核查,发现以下问题",
    "媒体曝光": "经媒体曝光并现场核实,发现以下问题",
}


def sentence(text: str) -> str:
    """The clerk's text as a sentence: ends with 。 (or its own closing punctuation)."""
    text = text.strip()
    if text and text[-1] not in "。!?;…!?;.":
        text += "。"
    return text


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    wanted = o["problem"].strip()
    hits = problems.all(db, "number = ? OR id = ?", (wanted, wanted))
    if not hits:
        raise DocumentError(f"问题清单中没有编号为「{wanted}」的问题。")
    p = hits[0]
    if p.status == "已销号":
        # A closed problem gets no new number; the slip issued for it is kept with its 文号.
        raise InRegister(
            f"问题 {p.number} 已经销号\uff0c不需要再交办或督办\u3002留档用的交办单"
            "\uff0c请在发文登记中找到当时的文号重新导出\u3002"
        )
    if not p.responsible_unit:
        raise DocumentError(f"问题 {p.number} 还没有填写责任单位，请先在问题清单中填写责任单位和整改时限。")
    fact = next(f for f in load_problems(db) if f.id == p.id)
    overdue = is_overdue(fact, o["date"])
    mode = o["mode"] or ("督办" if overdue else "交办")
    river = rivers.get(db, p.river_id).name
    segment = segments.get(db, p.segment_id).name if p.segment_id else ""
    deadline = p.deadline
    days_over = (o["date"] - deadline).days if deadline and overdue else 0
    notes = []
    if mode == "交办" and deadline and deadline < o["date"]:
        # A slip asking for work by a day already gone: a clerk gives a new time limit
        # (15 days, as for a problem without one) and says the old one passed.
        new = o["date"] + timedelta(days=NEW_DEADLINE_DAYS)
        notes.append(
            f"问题 {p.number} 的整改时限{cn_date(deadline)}已过，交办单写了新的时限{cn_date(new)}；"
            "请在问题清单中同步修改整改时限（或改为督办）。"
        )
        deadline_text = f"{cn_date(new)}(原定{cn_date(deadline)})"
        deadline = new
    else:
        deadline_text = cn_date(deadline) if deadline else ""
    context = {
        "mode": mode,
        "problem": {
            "number": p.number,
            "river": river,
            "segment": segment,
            "location": p.location or "",
            "found": cn_date(p.found_date),
            "source": p.source,
            "category": p.category,
            "description": p.description,
            "unit": p.responsible_unit,
            "person": p.responsible_person or "",
            "deadline": deadline_text,
            "due": cn_date(deadline) if deadline else "",
            "measures": sentence(p.measures or ""),
            "requirements": o["requirements"] or p.requirements or "",
            "status": p.status,
        },
        "overdue": overdue,
        "days_over": days_over,
        "lead": SOURCE_LEADS.get(p.source, "在河湖日常监管中发现以下问题"),
    }
    return Draft(
        "assignment.txt",
        context,
        register_kind=f"问题{mode}单",
        keep_words=(*keep_words(db, settings), river),
        notes=notes,
    )


KIND = DocumentKind(
    key="assignment",
    title="问题交办单/督办单",
    options=[
        OptionSpec("problem", "问题编号", required=True, help="问题清单中的编号，如 WT2024-003"),
        OptionSpec(
            "mode",
            "交办或督办",
            kind="choice",
            choices=("交办", "督办"),
            help="默认：已超过整改时限的为督办，否则为交办",
        ),
        OptionSpec("requirements", "整改要求", kind="longtext", help="默认取问题清单中的整改要求"),
    ],
    build=build,
    example="hzconsole doc assignment --db 台账.db -o 交办单.docx --problem WT2024-003",
)
