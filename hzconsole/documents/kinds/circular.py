"""巡河情况通报 for a month or a quarter: compliance per level, who is behind and in which
periods, with a summary table in the body and the list of chiefs behind as an attachment."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hzconsole import figures
from hzconsole.books.fields import PERIODS
from hzconsole.books.roster import people
from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, OptionSpec, place_name
from hzconsole.documents.kinds.common import keep_words
from hzconsole.rules.compliance import by_level
from hzconsole.rules.periods import month_range, quarter_range
from hzconsole.store.database import Database

LEVEL_NAMES = {"县级": "县级", "乡级": "镇级", "村级": "村级"}  # how a township writes them


def period_of(o: dict[str, Any]) -> tuple[date, date, str]:
    """The reported range: --month or --quarter of --year; by default the month before the
    document's date (a circular for October is written in early November)."""
    if o["month"] is not None and o["quarter"] is not None:
        raise DocumentError("月份和季度只能选一个。")
    if o["month"] is None and o["quarter"] is None:
        last = o["date"].replace(day=1) - timedelta(days=1)
        year = o["year"] or last.year
        start, end = month_range(year, last.month)
        return start, end, f"{year}年{last.month}月"
    year = o["year"] or o["date"].year
    if o["month"] is not None:
        if not 1 <= o["month"] <= 12:
            raise DocumentError("月份应为 1 到 12。")
        start, end = month_range(year, o["month"])
        return start, end, f"{year}年{o['month']}月"
    if not 1 <= o["quarter"] <= 4:
        raise DocumentError("季度应为 1 到 4。")
    start, end = quarter_range(year, o["quarter"])
    return start, end, f"{year}年第{'一二三四'[o['quarter'] - 1]}季度"


def norms_text(settings: OfficeSettings) -> str:
    """镇级河长每月巡河不少于4次、每旬不少于1次;村级河长每周巡河不少于1次"""
    parts = []
    for level in ("县级", "乡级", "村级"):
        mine = [n for n in settings.patrol_norms if n.level == level]
        if mine:
            rules = "、".join(f"每{PERIODS[n.period]}不少于{n.count}次" for n in mine)
            parts.append(f"{LEVEL_NAMES[level]}河长{rules}")
    return ";".join(parts)


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    start, end, label = period_of(o)
    if start > o["date"]:
        raise DocumentError(f"{label}还没有开始,不能通报。")
    rows = figures.chief_compliance(db, start, end, as_of=o["date"], settings=settings)
    assessed = [r for r in rows if r.assessed]
    if not assessed:
        raise DocumentError(f"{label}没有可考核的河长(考核时段尚未结束,或名册中没有河长)。")
    levels = []
    for lv in by_level(rows):
        if lv.chiefs:
            levels.append({"level": LEVEL_NAMES[lv.level], "chiefs": lv.chiefs, "compliant": lv.compliant,
                           "behind": lv.chiefs - lv.compliant, "rate": lv.rate, "patrols": lv.patrols,
                           "required": lv.required})
    behind = []
    for r in assessed:
        if r.compliant:
            continue
        person = people.get(db, r.person_id)
        behind.append({
            "name": r.name, "level": LEVEL_NAMES[r.level], "post": person.post or person.unit or "",
            "done": r.done, "required": r.required,
            "missing": "、".join(p.label.removeprefix(f"{start.year}年") for p in r.missing),
        })
    total = len(assessed)
    compliant = sum(1 for r in assessed if r.compliant)
    context = {
        "period_label": label, "place": place_name(settings), "norms": norms_text(settings),
        "start": start, "end": min(end, o["date"]), "levels": levels, "behind": behind,
        "chiefs_total": total, "compliant_total": compliant, "behind_total": total - compliant,
        "rate_total": compliant / total if total else 1.0,
        "patrols_total": sum(r.done for r in assessed),
        "township_behind": [b["name"] for b in behind if b["level"] == "镇级"],
    }
    return Draft("circular.txt", context, register_kind="通报", keep_words=keep_words(db, settings))


KIND = DocumentKind(
    key="circular",
    title="巡河情况通报",
    options=[
        OptionSpec("year", "年度", kind="int", help="默认成文日期所在年"),
        OptionSpec("month", "月份", kind="int", help="通报哪个月(1-12);与季度二选一,都不填则通报上个月"),
        OptionSpec("quarter", "季度", kind="int", help="通报哪个季度(1-4)"),
    ],
    build=build,
    example="hzconsole doc circular --db 台账.db -o 10月巡河通报.docx --year 2024 --month 10",
)
