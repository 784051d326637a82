"""Real plans the importer was not built on (tests/fixtures/real/plans/heldout-like: county and
township 工作要点, 实施方案, a town's 工作安排 as text, as Word automatic numbering and as a task
table), each with its tasks and units read off it by hand (truth.json), in both punctuation
forms. bench/plans_real_imports.py prints the same scores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import docx
import pytest

from hzconsole import text as tx
from hzconsole.cli.imports import hints as cli_hints
from hzconsole.imports import run_plan_import
from hzconsole.imports.hints import Hint
from hzconsole.imports.plan_text import parse_plan, read_units
from hzconsole.imports.plans import read_lines
from hzconsole.store.database import Database, create_database
from hzconsole.tui.screens.import_file import hints as console_hints

from .plan_fixtures import FORMS

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "plans" / "heldout-like"
TRUTH = json.loads((HELDOUT / "truth.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in HELDOUT.iterdir() if p.suffix in (".txt", ".docx"))
H4 = "H4_town_2020_work_arrangement"


def _units(value: str | None) -> str | None:
    return tx.ascii_forms(value).replace(",", "\u3001") if value else None


@pytest.mark.parametrize("name", FILES)
def test_each_plan_reads_with_its_true_tasks_and_units(name: str) -> None:
    truth = TRUTH[name.split(".")[0].replace("H5_town_2020_work_arrangement_table", H4)]
    plan = parse_plan(read_lines(HELDOUT / name)[0])
    starts = [tx.ascii_forms(e["start"]) for e in truth]
    got = [
        (
            start if tx.ascii_forms(t.text).startswith(start) else t.text[:20],
            _units(t.lead_units),
            _units(t.coop_units),
            _units(t.implementers),
        )
        for t, start in zip(plan.tasks, starts, strict=False)
    ]
    assert len(plan.tasks) == len(truth)
    assert got == [
        (start, _units(e.get("lead")), _units(e.get("coop")), _units(e.get("impl")))
        for e, start in zip(truth, starts, strict=True)
    ]


@pytest.mark.parametrize("form", FORMS)
def test_a_note_after_the_full_stop_in_a_parenthesis(form: str) -> None:
    """湖口县: (牵头单位:县河长办,配合单位:各乡(镇)政府。以下均需…负责,不再列出。) — the note
    is kept in the written parenthesis, it names no unit."""
    f = FORMS[form]
    written = f("(牵头单位:县河长办,配合单位:各乡(镇)政府。以下均需各乡(镇)政府负责,不再列出。)")
    found = read_units(f("压实河湖长责任。有效提升河湖面貌。") + written)
    assert (found.lead, found.coop, found.impl, found.written) == ("县河长办", f("各乡(镇)政府"), None, written)
    found = read_units(f("强化河长办职能作用。(牵头单位:县河长办,配合单位:各有关县级责任单位。)"))
    assert (found.lead, found.coop) == ("县河长办", "各有关县级责任单位")


@pytest.mark.parametrize("form", FORMS)
def test_units_in_labels_after_the_sentence(form: str) -> None:
    """A town's 工作安排: 牵头部门 / 协作部门 / 主体责任单位 after the task, no parenthesis."""
    f = FORMS[form]
    run = f("牵头部门:镇水利站 协作部门:镇工业办公室,镇城建办 主体责任单位:各村(居)")
    found = read_units(f("落实区域用水安排管理。") + run)
    assert (found.text, found.lead, found.coop, found.impl, found.written) == (
        "落实区域用水安排管理。",
        "镇水利站",
        "镇工业办公室\u3001镇城建办",
        f("各村(居)"),
        run,
    )
    glued = read_units(f("落实区域用水安排管理") + run + "\u3002")  # as a document re-issues it
    assert (glued.lead, glued.impl, glued.written) == ("镇水利站", f("各村(居)"), run)
    # A label inside the sentence, with the sentence going on, is not a task's units.
    assert read_units(f("明确责任单位:各村,并按月报送进度。")).written is None


def test_the_colophon_line_of_an_issued_plan_is_not_text() -> None:
    plan = parse_plan(
        [
            "\u4e00\u3001\u5f3a\u5316\u6cb3\u957f\u5236",
            "1.\u843d\u5b9e\u5de1\u6cb3\u5236\u5ea6\u3002",
            "太平镇河长制办公室\t2020年3月1日印发",
        ]
    )
    assert len(plan.tasks) == 1 and not plan.ignored


_ROWS = "SELECT seq, text, lead_units, coop_units, implementers, units_text FROM tasks ORDER BY seq"


def test_labelled_units_come_back_as_written(db: Database, tmp_path: Path) -> None:
    """import plan (Word, automatic numbering, labels after each task) → doc plan → import
    plan of the .docx: the same tasks and units, the labels printed as the town wrote them."""
    documents = pytest.importorskip("hzconsole.documents")
    assert run_plan_import(db, HELDOUT / f"{H4}.published.docx").written
    first = [tuple(r) for r in db.query(_ROWS)]
    assert first[0][5] == FORMS["全角"]("牵头部门:镇水利站 协作部门:镇工业办公室,镇城建办 主体责任单位:各村(居)")
    out = tmp_path / "印发.docx"
    documents.generate_document(db, "plan", out, plan="2020", date=date(2020, 3, 1))
    printed = [p.text for p in docx.Document(str(out)).paragraphs]
    assert f"1.{first[0][1]}{first[0][5]}\u3002" in printed  # 。 between the sentence and the labels
    again = run_plan_import(db, out)
    assert again.ok and not again.written and again.counts["same"] == 5
    other = create_database(tmp_path / "另一个.db", "太平镇河长制办公室")
    try:
        assert run_plan_import(other, out).written
        assert [tuple(r) for r in other.query(_ROWS)] == first
    finally:
        other.close()


@pytest.mark.parametrize("form", ["published", "stored"])
def test_title_from_the_reading_bar_of_a_page(form: str) -> None:
    """丁湖镇: the only title is the page's 正在阅读:【栏目】标题 line; no year anywhere."""
    plan = parse_plan(read_lines(HELDOUT / f"H7_dinghu_patrol_requirements_web.{form}.txt")[0])
    assert (plan.title, plan.year, len(plan.tasks), plan.ignored) == ("丁湖镇巡河工作具体要求", None, 3, [])


def test_the_report_says_what_is_missing_and_counts_tasks(db: Database) -> None:
    """The clerk reads which option supplies a missing year, and tasks counted as tasks."""
    from hzconsole.imports import preview_plan

    path = HELDOUT / "H7_dinghu_patrol_requirements_web.published.txt"
    report = preview_plan(db, path)
    text = report.text(hints=cli_hints())
    assert "--year" in text and "\uff08未找到年度\uff09" in text and "?" not in text
    assert report.all_hints() == [Hint.YEAR] and "--year" not in report.text()
    assert "在「年度」一栏填写年份" in report.text(hints=console_hints())
    assert "工作计划(文本)" not in text
    report = run_plan_import(db, path, year=2024)
    assert report.written and "新增任务 3 项" in report.summary() and "行" not in report.summary()
    assert "与已有计划相同的任务 3 项" in preview_plan(db, path, year=2024).summary()


@pytest.mark.parametrize("form", ["published", "stored"])
def test_arabic_numbered_sections_of_a_town_report(form: str) -> None:
    """北海镇 (Traditional, a page's meta table with | between cells): 1、基本情况 / 2、开展工作情况
    are the sections, (二)河长制工作下部计划 holds the three 1、 tasks; the year is the 发布日期."""
    plan = parse_plan(read_lines(HELDOUT / f"H8_beihai_town_traditional_web.{form}.txt")[0])
    assert [s.title for s in plan.sections] == ["基本情况", "开展工作情况"]
    assert [c.title for c in plan.sections[1].children] == [
        "加大宣传力度" + FORMS["全角" if form == "published" else "半角"](",") + "确保工作落实",
        "河长制工作下部计划",
    ]
    assert len(plan.tasks) == 3 and plan.year == 2018


@pytest.mark.parametrize("form", FORMS)
def test_items_under_a_sub_section_stay_tasks(form: str) -> None:
    """Short 1、 items between (二) and (三) are that sub-section's items, not sections."""
    text = FORMS[form](
        "某镇河长制工作方案\n(一)指导思想\n坚持节水优先。\n(二)基本原则\n1、坚持生态优先\n"
        "2、坚持党政领导\n(三)主要任务\n1、开展巡河。\n2、清理河道。"
    )
    plan = parse_plan(text.splitlines())
    assert [s.title for s in plan.sections] == ["指导思想", "基本原则", "主要任务"] and len(plan.tasks) == 4
