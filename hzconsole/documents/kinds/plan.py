"""印发通知 of a plan: the notice, then the plan itself on a new page — sections as 一、
headings and numbered tasks with their lead units, like a township's annual 工作计划."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hzconsole.books import narratives
from hzconsole.books.models import Plan, Task
from hzconsole.books.plans import SectionTree, outline, plans
from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, OptionSpec, place_name
from hzconsole.documents.kinds.common import keep_words
from hzconsole.store.database import Database
from hzconsole.text import clean_text, cn_date


def find_plan(db: Database, wanted: str | None, year: int) -> Plan:
    """A plan by id, by year, or by (part of) its title; the date's year when not given."""
    every = plans.all(db)
    if wanted:
        text = wanted.strip()
        hits = [p for p in every if p.id == text]
        if not hits and text.isdigit() and len(text) == 4:
            hits = [p for p in every if p.year == int(text)]
        if not hits:
            hits = [p for p in every if text in p.title]
    else:
        hits = [p for p in every if p.year == year]
    if not hits:
        what = f"「{wanted}」" if wanted else f"{year}年的"
        raise DocumentError(f"没有找到{what}工作计划。请先在“工作计划”中录入或导入计划。")
    if len(hits) > 1:
        names = "、".join(f"《{p.title}》" for p in hits)
        raise DocumentError(f"找到多个工作计划：{names}。请写明要印发哪一个计划\uff08计划名称或年度\uff09。")
    return hits[0]


def task_units(task: Task) -> str:
    """(镇水利站牵头,各村(社区)配合落实,2024年6月28日前完成) — as upper-level plans
    name who does what in a trailing parenthesis.

    A task imported from an upper-level plan keeps that plan's parenthesis (units_text):
    it is printed exactly as written, a superior's assignment of responsibilities is
    never rewritten, unless the clerk has since changed the units themselves.
    """
    if task.units_text and _written_units_hold(task):
        return task.units_text
    parts = []
    if task.lead_units:
        parts.append(f"{task.lead_units}牵头")
    if task.coop_units and task.implementers and task.coop_units == task.implementers:
        parts.append(f"{task.coop_units}配合落实")
    else:
        if task.coop_units:
            parts.append(f"{task.coop_units}配合")
        if task.implementers:
            parts.append(f"{task.implementers}落实")
    if task.deadline:
        parts.append(f"{cn_date(task.deadline)}前完成")
    return f"({','.join(parts)})" if parts else ""


def _written_units_hold(task: Task) -> bool:
    """Whether the written parenthesis still names the units the task has."""
    from hzconsole.imports.plan_text import read_units

    written = read_units("\u4efb\u52a1" + (task.units_text or ""))  # 任务(…): a text before it
    same = all(
        clean_text(a) == clean_text(b)
        for a, b in (
            (written.lead, task.lead_units),
            (written.coop, task.coop_units),
            (written.impl, task.implementers),
        )
    )
    return same and (task.deadline is None or written.deadline in (None, task.deadline))


def _task_line(task: Task) -> dict[str, Any]:
    text = task.text.strip()
    units = task_units(task)
    # A parenthesis closes the sentence before the 。; units written as labels after the
    # sentence (…管理。牵头部门:镇水利站 …) keep the 。 that ends it.
    if text.endswith(("。", ".")) and (not units or units.startswith(("(", "\uff08"))):
        text = text[:-1]
    return {"seq": task.seq, "text": text, "units": units, "status": task.status}


def _section(node: SectionTree) -> dict[str, Any]:
    return {
        "title": node.section.title if node.section else "",
        "tasks": [_task_line(t) for t in sorted(node.tasks, key=lambda t: t.seq)],
        "children": [_section(c) for c in node.children],
    }


# How a township issues a plan: its own (印发), approved by the party committee and the
# government (研究同意) or by the 总河长 meeting (会议审议), or a superior's plan passed on
# to the villages (转发, naming who issued it).
WORDINGS = ("印发", "研究同意", "会议审议", "转发")


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    plan = find_plan(db, o["plan"], o["date"].year)
    tree = outline(db, plan.saved_id)
    root = _section(tree)
    tasks_total = sum(1 for _ in _walk(tree))
    if not tasks_total:
        raise DocumentError(f"《{plan.title}》还没有任何任务，不能印发。")
    intro = narratives.get_text(db, f"plan:{plan.id}", "intro")
    notes = []
    if not intro:
        notes.append(
            "计划开头的总体要求段落使用了模板中的默认文字（可在模板 plan.txt 中修改，"
            f"或保存为说明段落 plan:{plan.id} / intro）。"
        )
    signature = o.get("signature") or settings.office_name  # the file's 发文机关
    own = (
        not plan.issuer
        or plan.issuer in (settings.office_name, signature)
        or plan.issuer.startswith(place_name(settings))
    )
    wording = o.get("wording") or ("印发" if own else "转发")
    if wording == "转发" and own:
        raise DocumentError(f"《{plan.title}》是本单位的计划，不能转发；请选“印发”“研究同意”或“会议审议”。")
    town = "乡" if place_name(settings).endswith("乡") else "镇"
    approver = (
        o.get("approver") or {"研究同意": f"{town}党委、{town}政府", "会议审议": f"{town}总河长会议"}.get(wording, "")
    ).strip()
    context = {
        "plan": {
            "title": plan.title,
            "year": plan.year,
            "issuer": plan.issuer or signature,
            "number": plan.doc_number or "",
        },
        "wording": wording,
        "approver": approver,
        "place": place_name(settings),
        "intro": intro or "",
        "loose_tasks": root["tasks"],
        "sections": root["children"],
        "tasks_total": tasks_total,
    }
    return Draft("plan.txt", context, register_kind="通知", keep_words=keep_words(db, settings), notes=notes)


def _walk(node: SectionTree) -> Iterator[Task]:
    yield from node.tasks
    for child in node.children:
        yield from _walk(child)


KIND = DocumentKind(
    key="plan",
    title="印发工作计划的通知",
    options=[
        OptionSpec("plan", "工作计划", help="计划名称（或其中几个字）、年度或编号；默认成文日期当年的计划"),
        OptionSpec(
            "wording",
            "印发方式",
            kind="choice",
            choices=WORDINGS,
            help="印发：现将……印发给你们；研究同意：已经镇党委、镇政府研究同意；会议审议：已经镇总河长"
            "会议审议通过；转发：上级的计划转发给各村。默认：本单位的计划为印发，上级的为转发",
        ),
        OptionSpec("approver", "审议机关", help="研究同意或会议审议的机关，默认镇党委、镇政府或镇总河长会议"),
    ],
    build=build,
    example="hzconsole doc plan --db 台账.db -o 印发计划.docx --plan 2024 --date 2024-06-17",
)
