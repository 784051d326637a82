"""工作总结 for a year or a half year, in the structure of township summaries: 基本情况,
工作开展情况, 存在的问题, 下一步工作计划. Every figure comes from `figures.summary` (and
the compliance rules); the narrative paragraphs are the clerk's, kept in the file
(narratives, scope "summary:2024" or "summary:2024H1"), so the summary can be regenerated.
A paragraph the clerk has not written yet takes the default wording of
templates/documents/summary-narratives.txt, and the clerk is told which."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from hzconsole import figures
from hzconsole.books import narratives, yearly
from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, OptionSpec, place_name
from hzconsole.documents.kinds.announcement import changes
from hzconsole.documents.kinds.common import LEVEL_NAMES, YEAR_OPTION, keep_words
from hzconsole.documents.templating import TemplateError, pct, render
from hzconsole.rules.compliance import by_level
from hzconsole.rules.periods import half_range, year_range
from hzconsole.store.database import Database
from hzconsole.text import cn_date

NARRATIVE_KEYS = {
    "intro": "开头段落",
    "highlights": "其他工作和亮点",
    "problems": "存在的问题",
    "next_steps": "下一步工作计划",
}
KIND_UNITS = {"河流": "条", "湖泊": "个", "水库": "座", "山塘": "口", "渠道": "条", "小微水体": "处"}
# How a summary names each kind of problem, with its measure word (排污口问题8个,
# 黑臭水体5处, 非法采砂4起); the four 乱 are counted together as “四乱”.
CATEGORY_WORDS = {
    "乱占": ("乱占", "个"),
    "乱采": ("乱采", "个"),
    "乱堆": ("乱堆", "个"),
    "乱建": ("乱建", "个"),
    "垃圾": ("垃圾问题", "个"),
    "排污口": ("排污口问题", "个"),
    "黑臭水体": ("黑臭水体", "处"),
    "非法采砂": ("非法采砂", "起"),
    "非法捕捞": ("非法捕捞", "起"),
    "其他": ("其他问题", "个"),
}
FOUR_CHAOS = ("乱占", "乱采", "乱堆", "乱建")
SOURCE_WORDS = {
    "巡河发现": "河长巡河发现",
    "群众举报": "群众举报",
    "上级交办": "上级交办",
    "暗访督查": "暗访督查发现",
    "卫星遥感图斑": "卫星遥感图斑",
    "媒体曝光": "媒体曝光",
}
_SECTION = re.compile(r"^\[(\w+)\]\s*$")


def scope_of(year: int, half: int | None) -> str:
    return f"summary:{year}" + (f"H{half}" if half else "")


def _counts(counts: dict[str, int], unit: str | dict[str, str], names: dict[str, str] | None = None) -> str:
    """{'巡河发现': 3, '群众举报': 0, …} → 巡河发现3个 (zeros left out: a clerk drops them)."""
    names = names or {}
    parts = [
        f"{names.get(k, k)}{v}{unit if isinstance(unit, str) else unit.get(k, '个')}" for k, v in counts.items() if v
    ]
    return "、".join(parts)


def categories_text(counts: dict[str, int]) -> str:
    """“四乱”问题22个(乱占8个、乱采7个、乱堆3个、乱建4个),排污口问题8个、黑臭水体5处 …"""
    chaos = {k: counts.get(k, 0) for k in FOUR_CHAOS}
    parts = []
    if sum(chaos.values()):
        inner = _counts({CATEGORY_WORDS[k][0]: v for k, v in chaos.items()}, "个")
        parts.append(f"\u201c四乱\u201d问题{sum(chaos.values())}个({inner})")
    rest = [
        f"{CATEGORY_WORDS[k][0]}{v}{CATEGORY_WORDS[k][1]}"
        for k, v in counts.items()
        if v and k not in FOUR_CHAOS and k in CATEGORY_WORDS
    ]
    rest += [f"{k}{v}个" for k, v in counts.items() if v and k not in CATEGORY_WORDS]
    return "、".join(parts + rest)


def rates_text(rates: dict[str, float]) -> str:
    """县级、镇级、村级河长巡河达标率分别为100%、75%、58.3% (one level: 镇级河长巡河达标率75%)."""
    if not rates:
        return ""
    if len(rates) == 1:
        ((level, rate),) = rates.items()
        return f"{level}河长巡河达标率{pct(rate)}"
    return f"{'、'.join(rates)}河长巡河达标率分别为{'、'.join(pct(r) for r in rates.values())}"


def default_narratives(context: dict[str, Any], template_dir: Path | None = None) -> dict[str, str]:
    """The default wording of each narrative, from summary-narratives.txt ([key] sections)."""
    text = render("summary-narratives.txt", context, extra=template_dir)
    out: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if m := _SECTION.match(line.strip()):
            current = m.group(1)
            out[current] = []
        elif current is not None:
            out[current].append(line)
    missing = [k for k in NARRATIVE_KEYS if k not in out]
    if missing:
        raise TemplateError(f"公文模板「summary-narratives.txt」缺少段落 [{'] ['.join(missing)}]，文档没有生成。")
    return {k: "\n".join(v).strip() for k, v in out.items()}


def figures_context(db: Database, settings: OfficeSettings, start: date, end: date, as_of: date) -> dict[str, Any]:
    s = figures.summary(db, start, end)
    levels = {lv.level: lv for lv in by_level(figures.chief_compliance(db, start, end, as_of=as_of, settings=settings))}
    roles = s.appointments_by_role
    rate = {LEVEL_NAMES[k]: v.rate for k, v in levels.items() if v.chiefs}
    chiefs = {LEVEL_NAMES[k]: v for k, v in s.chiefs_by_level.items()}
    helpers = {r: roles.get(r, 0) for r in ("巡河员", "保洁员", "民间河长", "河长助理", "警长", "检察长")}
    patrols = {LEVEL_NAMES.get(k, k): v for k, v in s.patrols_by_level.items() if k in LEVEL_NAMES}
    return {
        "rivers_total": s.rivers_total,
        "rivers_kinds": _counts(s.rivers_by_kind, KIND_UNITS),
        "rivers_catchment_50": s.rivers_catchment_50,
        "rivers_below_50": s.rivers_by_kind.get("河流", 0)
        - min(s.rivers_catchment_50, s.rivers_by_kind.get("河流", 0)),
        "rivers_length_km": s.rivers_length_km,
        "chiefs_total": s.chiefs_total,
        "chiefs": chiefs,
        "chiefs_text": _counts({f"{k}河长": v for k, v in chiefs.items()}, "名"),
        "helpers": helpers,
        "helpers_text": _counts(helpers, "名"),
        "boards_total": s.boards_total,
        "boards": s.boards_by_condition,
        "boards_text": _counts(s.boards_by_condition, "块"),
        "boards_stale": s.boards_stale,
        "patrols_total": s.patrols_total,
        "patrols": patrols,
        "patrols_text": _counts({f"{k}河长": v for k, v in patrols.items()}, "次"),
        "patrol_km": s.patrol_km,
        "patrol_hours": s.patrol_hours,
        "compliance_rate": rate,
        "compliance_text": rates_text(rate),
        "problems_found": s.problems_found,
        "problems_sources": _counts(s.problems_by_source, "个", SOURCE_WORDS),
        "problems_categories": categories_text(s.problems_by_category),
        "problems_fixed": s.problems_fixed,
        "problems_found_fixed": s.problems_found_fixed,
        "problems_fixed_older": max(0, s.problems_fixed - s.problems_found_fixed),
        "problems_closed": s.problems_closed,
        "problems_open": s.problems_open,
        "problems_overdue": s.problems_overdue,
        "fix_rate": s.fix_rate,
        "tasks_total": s.tasks_total,
        "tasks_done": s.tasks_done,
        "tasks_rate": s.tasks_done / s.tasks_total if s.tasks_total else 1.0,
    }


# Which fixed problems make a summary concrete: the weightiest kinds first.
CASE_ORDER = ("黑臭水体", "排污口", "非法采砂", "乱建", "乱占", "乱采", "乱堆", "垃圾", "非法捕捞", "其他")
CASES = 3  # cases a summary names
DOCS_NAMED = 2  # documents of the year named with their 文号
_SLIP_KINDS = ("问题交办单", "问题督办单")


def cases_text(db: Database, start: date, end: date) -> str:
    """青石河茶园村河段排污口问题、白沙河高岭村河段乱堆问题: problems fixed within the
    period, weightiest kinds first, one per river and kind, named by river and place."""
    rows = db.query(
        "SELECT p.category, p.location, r.name AS river, s.name AS segment FROM problems p"
        " JOIN rivers r ON r.id = p.river_id LEFT JOIN segments s ON s.id = p.segment_id"
        " WHERE coalesce(p.fixed_date, p.closed_date) BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    )
    rank = {c: i for i, c in enumerate(CASE_ORDER)}
    picked: list[str] = []
    seen: set[str] = set()  # one case per river and per kind: three different stories
    for r in sorted(rows, key=lambda r: (rank.get(r["category"], 99), r["river"])):
        if r["river"] in seen or r["category"] in seen:
            continue
        seen |= {r["river"], r["category"]}
        word = CATEGORY_WORDS.get(r["category"], (r["category"], ""))[0]
        word = word if word.endswith(("问题", "水体", "采砂", "捕捞")) else word + "问题"
        place = r["segment"] or r["location"] or ""
        place = place[len(r["river"]) :] if place.startswith(r["river"]) else place  # 白沙河高岭村段
        picked.append(f"{r['river']}{place}{word}")
        if len(picked) == CASES:
            break
    return "\u3001".join(picked)


def register_context(db: Database, start: date, end: date, own_title: str) -> dict[str, Any]:
    """The documents issued within the period (发文登记): how many, two named with their
    文号, and the 交办单/督办单 counted apart."""
    rows = db.query(
        "SELECT doc_number, title, kind FROM documents WHERE status = '已发文'"
        " AND date BETWEEN ? AND ? ORDER BY year, seq",
        (start.isoformat(), end.isoformat()),
    )
    slips = {k: sum(1 for r in rows if r["kind"] == k) for k in _SLIP_KINDS}
    docs = [r for r in rows if r["kind"] not in _SLIP_KINDS and r["title"] != own_title]
    named = [r for r in docs if r["kind"] in ("通知", "通报")][:DOCS_NAMED] or docs[:DOCS_NAMED]
    return {
        "docs_total": len(docs),
        "docs_named": "\u3001".join(f"《{r['title']}》({r['doc_number']})" for r in named),
        "assigned": slips["问题交办单"],
        "supervised": slips["问题督办单"],
    }


def last_years_narratives(db: Database, year: int, half: int | None) -> dict[str, str]:
    """The clerk's paragraphs of the same summary a year before: offered where this year's
    are not written yet (a clerk starts from last year's and changes what changed)."""
    return narratives.get_all(db, scope_of(year - 1, half))


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    year = o["year"] or o["date"].year
    half = o["half"]
    if half not in (None, 1, 2):
        raise DocumentError("半年只能填 1（上半年）或 2（下半年）。")
    start, end = half_range(year, half) if half else year_range(year)
    if o["date"] < start:
        raise DocumentError(f"{year}年{'上半年' if half == 1 else '下半年' if half else ''}还没有开始，不能写总结。")
    as_of = min(end, o["date"])
    label = f"{year}年" + ({1: "上半年", 2: "下半年"}.get(half, "") if half else "")
    place = place_name(settings)
    context: dict[str, Any] = {
        # A summary reports upward: to the county office unless the clerk says otherwise.
        "recipients": o["recipients"] or "县河长制办公室",
        "place": place,
        "year": year,
        "half": half,
        "period_label": label,
        "start": start,
        "end": end,
        "as_of": as_of,
        "as_of_label": f"截至{cn_date(as_of)}" if as_of < end else "",
        "changes_total": len(changes(db, start, as_of)),
        **figures_context(db, settings, start, as_of, as_of),
    }
    context["report"] = o.get("form") == "报告"  # the 报告 form: its wording says 报告
    saved = yearly.get_year(db, year)  # meetings, 河长令, cleaning … typed by the clerk
    context["y"] = {k.key: saved.get(k.key, "") for k in yearly.RECORDS}
    context["cases"] = cases_text(db, start, as_of)
    context.update(register_context(db, start, as_of, f"{place}{label}河长制工作总结"))
    context["big_rivers"] = [
        r["name"]
        for r in db.query("SELECT name FROM rivers WHERE catchment_km2 >= 50 ORDER BY catchment_km2 DESC, name")
    ]
    levels_now = figures.chief_compliance(db, start, as_of, as_of=as_of, settings=settings)
    assessed = [r for r in levels_now if r.assessed]
    context["overall_rate"] = (sum(1 for r in assessed if r.compliant) / len(assessed)) if assessed else None
    scope = KIND.narrative_scope(o, o["date"])  # the period the console's form shows, too
    assert scope is not None
    given = {k: v for k, v in (o.get("narratives") or {}).items()}
    unknown = [k for k in given if k not in NARRATIVE_KEYS]
    if unknown:
        raise DocumentError(
            f"没有说明段落「{'、'.join(unknown)}」，可写的段落："
            + "、".join(f"{k}({v})" for k, v in NARRATIVE_KEYS.items())
        )
    stored = narratives.get_all(db, scope)
    last_year = last_years_narratives(db, year, half)
    defaults = default_narratives(context, o.get("template_dir"))
    texts, used_default, used_last = {}, [], []
    for key, label_cn in NARRATIVE_KEYS.items():
        text = (given.get(key) or stored.get(key) or "").strip()
        if not text and (last_year.get(key) or "").strip():
            text = last_year[key].strip().replace(f"{year - 1}年", f"{year}年")
            used_last.append(label_cn)
        if not text:
            text = defaults[key]
            used_default.append(label_cn)
        texts[key] = text
    context["narratives"] = texts
    notes = []
    if context["report"] and not o.get("signer"):
        notes.append("报告是上行文，应写明签发人，版头中文号居左、签发人居右。")
    # Nothing to say is not said: no 巡河0次, no 达标率分别为0%、0%、0%.
    if not context["patrols_total"]:
        notes.append(f"{label}没有巡河记录：总结中没有写巡河次数和达标率。请先录入巡河记录再生成。")
    if not (context["problems_found"] or context["problems_fixed"] or context["problems_open"]):
        notes.append(f"{label}没有登记河湖问题：总结中没有写问题整改情况。")
    if used_last:
        notes.append(
            f"以下段落沿用了{year - 1}年总结中经办人写的文字（年份已改为{year}年）：{'、'.join(used_last)}。"
            "请按今年的情况修改后保存。"
        )
    if not saved:
        notes.append(
            f"{year}年度工作记录（会议、河长令、保洁、宣传、资金等）还没有填写，总结中没有写这些内容；"
            "请在年度工作记录中填写后再生成。"
        )
    if used_default:
        notes.append(
            f"以下段落还没有填写，使用了默认文字：{'、'.join(used_default)}。请修改后重新生成"
            f"（说明段落保存在数据文件中，范围 {scope}）。"
        )
    return Draft(
        "summary.txt",
        context,
        register_kind="报告" if context["report"] else "工作总结",
        keep_words=keep_words(db, settings),
        notes=notes,
        narratives={(scope, k): v for k, v in given.items() if v.strip()},
    )


KIND = DocumentKind(
    key="summary",
    title="工作总结",
    options=[
        YEAR_OPTION,
        OptionSpec("half", "半年", kind="int", help="1 为上半年，2 为下半年；不填为全年"),
        OptionSpec(
            "form",
            "文种",
            kind="choice",
            choices=("文件", "报告"),
            help="文件：工作总结；报告：向县河长办报送的《关于……工作情况的报告》（写明签发人）",
        ),
        OptionSpec(
            "narratives",
            "说明段落",
            kind="narratives",
            help="经办人写的段落：intro 开头、highlights 其他工作、problems 存在的问题、"
            "next_steps 下一步工作计划；会保存在数据文件中，下次生成时沿用",
        ),
    ],
    build=build,
    paragraphs=tuple(NARRATIVE_KEYS.items()),
    scope=scope_of,
    example="hzconsole doc summary --db 台账.db -o 2024年工作总结.docx --year 2024 --problems-file 问题.txt",
)
