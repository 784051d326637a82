"""巡河情况通报 for a month or a quarter: compliance per level, who is behind and in which
periods, with a summary table in the body and the list of chiefs behind as an attachment."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hzconsole import figures
from hzconsole.books import patrols as patrol_book
from hzconsole.books.roster import people
from hzconsole.books.settings import OfficeSettings
from hzconsole.books.terms import PERIODS
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, OptionSpec, place_name
from hzconsole.documents.kinds.common import LEVEL_NAMES, YEAR_OPTION, keep_words
from hzconsole.rules.compliance import PeriodResult, by_level
from hzconsole.rules.periods import (
    month_label,
    month_range,
    quarter_name,
    quarter_range,
    short_label,
)
from hzconsole.store.database import Database


def period_of(o: dict[str, Any]) -> tuple[date, date, str]:
    """The reported range: --month or --quarter of --year; by default the month before the
    document's date (a circular for October is written in early November)."""
    if o["month"] is not None and o["quarter"] is not None:
        raise DocumentError("月份和季度只能选一个。")
    if o["month"] is None and o["quarter"] is None:
        last = o["date"].replace(day=1) - timedelta(days=1)
        year = o["year"] or last.year
        start, end = month_range(year, last.month)
        return start, end, month_label(year, last.month)
    year = o["year"] or o["date"].year
    if o["month"] is not None:
        if not 1 <= o["month"] <= 12:
            raise DocumentError("月份应为 1 到 12。")
        start, end = month_range(year, o["month"])
        return start, end, month_label(year, o["month"])
    if not 1 <= o["quarter"] <= 4:
        raise DocumentError("季度应为 1 到 4。")
    start, end = quarter_range(year, o["quarter"])
    return start, end, f"{year}年{quarter_name(o['quarter'])}"


def norms_text(settings: OfficeSettings) -> str:
    """镇级河长每月巡河不少于4次、每旬不少于1次;村级河长每周巡河不少于1次"""
    parts = []
    for level in ("县级", "乡级", "村级"):
        mine = [n for n in settings.patrol_norms if n.level == level]
        if mine:
            rules = "、".join(f"每{PERIODS[n.period]}不少于{n.count}次" for n in mine)
            parts.append(f"{LEVEL_NAMES[level]}河长{rules}")
    return ";".join(parts)


def shortfall_label(result: PeriodResult) -> str:
    """One unmet period as a clerk writes it: 10月中旬未巡河, 10月巡河2次(应4次),
    9月30日—10月6日当周未巡河 (weeks by their dates, not ISO week numbers)."""
    p = result.period
    name = short_label(p, p.start.year) + ("当周" if p.kind == "week" else "")
    if result.done == 0:
        return f"{name}未巡河"
    return f"{name}巡河{result.done}次(应{result.required}次)"


def _ordered(results: list[PeriodResult]) -> list[PeriodResult]:
    """A month before its 旬, periods in calendar order."""
    return sorted(results, key=lambda r: (r.period.start, -r.period.end.toordinal()))


def shortfalls_text(results: list[PeriodResult], limit: int = 4) -> str:
    """The unmet periods of one chief for the attachment, at most `limit` named."""
    ordered = _ordered(results)
    text = "、".join(shortfall_label(r) for r in ordered[:limit])
    return text + (f"等{len(ordered)}个时段" if len(ordered) > limit else "")


def gaps_text(results: list[PeriodResult]) -> str:
    """有1周未巡河 / 有2个旬未巡河: how a chief with enough patrols still fell short."""
    words = {"week": "周", "xun": "个旬", "month": "个月", "quarter": "个季度"}
    parts = []
    for kind, word in words.items():
        missed = [r for r in results if r.period.kind == kind]
        if missed:
            none = all(r.done == 0 for r in missed)
            parts.append(f"有{len(missed)}{word}{'未巡河' if none else '巡河次数不足'}")
    return "、".join(parts)


def behind_text(behind: list[dict[str, Any]], county: int = 0, limit: int = 8) -> str:
    """县级河长1名,镇级河长雷新巡河2次(应巡4次)、黎海巡河1次(应巡4次),村级河长熊国巡河2次
    (应巡4次): county chiefs counted only; beyond `limit` names only the township chiefs
    are named and the rest counted."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for b in behind:
        groups.setdefault(b["level"], []).append(b)
    parts = [f"县级河长{county}名"] if county else []
    for level, rows in groups.items():
        if len(behind) > limit and level != "镇级":
            parts.append(f"{level}河长{len(rows)}名")
            continue
        named = "、".join(
            f"{b['name']}巡河{b['done']}次(应巡{b['required']}次)"
            if b["done"] < b["required"]
            else f"{b['name']}{b['gaps']}"
            for b in rows
        )
        parts.append(f"{level}河长{named}")
    return ",".join(parts)


SPARSE_SHARE = 0.2  # fewer patrols than this share of those required: records not typed in yet
LIST_LIMIT = 40  # more chiefs behind than this: the attachment is grouped by village and level


def group_behind(behind: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The chiefs behind, one row per village (or unit) and level, as a 文秘 condenses a long
    list: 白沙村 | 村级 | 3 | 张三(2/4)、李四(0/4)、王五(1/4). Villages in the roster's order
    of first appearance, township chiefs first."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for b in sorted(behind, key=lambda b: 0 if b["level"] == "镇级" else 1):
        key = (b["unit"] or "其他", b["level"])
        row = rows.setdefault(key, {"unit": key[0], "level": key[1], "count": 0, "names": []})
        row["count"] += 1
        row["names"].append(f"{b['name']}({b['done']}/{b['required']})")
    return [{**r, "names": "、".join(r["names"])} for r in rows.values()]


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    start, end, label = period_of(o)
    if start > o["date"]:
        raise DocumentError(f"{label}还没有开始，不能通报。")
    rows = figures.chief_compliance(db, start, end, as_of=o["date"], settings=settings)
    assessed = [r for r in rows if r.assessed]
    if not assessed:
        raise DocumentError(f"{label}没有可考核的河长（考核时段尚未结束，或名册中没有河长）。")
    levels = []
    for lv in by_level(rows):
        if lv.chiefs:
            levels.append(
                {
                    "level": LEVEL_NAMES[lv.level],
                    "chiefs": lv.chiefs,
                    "compliant": lv.compliant,
                    "behind": lv.chiefs - lv.compliant,
                    "rate": lv.rate,
                    "patrols": lv.patrols,
                    "required": lv.required,
                }
            )
    behind = []
    for r in assessed:
        # A township office does not name county leaders in its own circular: they are
        # counted in the figures, not listed.
        if r.compliant or r.level == "县级":
            continue
        person = people.get(db, r.person_id)
        behind.append(
            {
                "name": r.name,
                "level": LEVEL_NAMES[r.level],
                "post": person.post or person.unit or "",
                "unit": person.unit or "",
                "done": r.done,
                "required": r.required,
                "missing": shortfalls_text(r.shortfalls),
                "gaps": gaps_text(r.shortfalls),
            }
        )
    total = len(assessed)
    compliant = sum(1 for r in assessed if r.compliant)
    patrols_total = sum(r.done for r in assessed)  # patrols counted towards the norms
    required_total = sum(r.required for r in assessed)
    records = patrol_book.count_between(db, start, min(end, o["date"]))
    notes = []
    # Records not yet typed in: a circular naming every chief for 0 patrols would be wrong.
    # A clerk reports what arrived and asks the villages for the rest.
    sparse = required_total > 0 and patrols_total < SPARSE_SHARE * required_total
    if sparse:
        notes.append(
            f"{label}只登记了{records}条巡河记录（应巡{required_total}次），巡河记录可能还没有录入完整；"
            "通报没有列未达标名单，改为要求各村（社区）补报。录入后可重新生成。"
        )
    grouped = group_behind(behind) if len(behind) > LIST_LIMIT else []
    if grouped:
        notes.append(f"未达标河长{len(behind)}名，附件按村（社区）和层级汇总，只列姓名和巡河次数。")
    context = {
        "period_label": label,
        "place": place_name(settings),
        "norms": norms_text(settings),
        "start": start,
        "end": min(end, o["date"]),
        "levels": levels,
        "behind": behind,
        "chiefs_total": total,
        "compliant_total": compliant,
        "behind_total": total - compliant,
        "rate_total": compliant / total if total else 1.0,
        "patrols_total": patrols_total,
        "required_total": required_total,
        "sparse": sparse,
        "records": records,
        "report_by": o["date"] + timedelta(days=7),
        "grouped": grouped,
        "township_behind": [b["name"] for b in behind if b["level"] == "镇级"],
        "behind_text": behind_text(behind, county=sum(1 for r in assessed if r.level == "县级" and not r.compliant)),
    }
    return Draft("circular.txt", context, register_kind="通报", keep_words=keep_words(db, settings), notes=notes)


KIND = DocumentKind(
    key="circular",
    title="巡河情况通报",
    options=[
        YEAR_OPTION,
        OptionSpec("month", "月份", kind="int", help="通报哪个月（1-12）；与季度二选一，都不填则通报上个月"),
        OptionSpec("quarter", "季度", kind="int", help="通报哪个季度（1-4）"),
    ],
    build=build,
    example="hzconsole doc circular --db 台账.db -o 10月巡河通报.docx --year 2024 --month 10",
)
