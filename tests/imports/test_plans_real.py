"""Plans as real upper levels publish them (tests/fixtures/real/plans, from
shared/reference/real-imports): full-width, half-width and mixed punctuation, Word automatic
numbering, task tables, decimal numbering, web-page noise, and responsibilities re-issued as
written. Every parser test runs on every punctuation form."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hzconsole import text as tx
from hzconsole.imports import preview_plan, run_plan_import
from hzconsole.imports.plan_text import parse_plan, read_units
from hzconsole.imports.plans import read_lines
from hzconsole.store.database import Database, create_database

from .plan_fixtures import (
    FORMS,
    LP,
    PINGDINGSHAN_HEADER,
    PINGDINGSHAN_MERGES,
    PINGDINGSHAN_RESP,
    PINGDINGSHAN_ROWS,
    REAL,
    RP,
    add_numbering,
    another_num,
    autonumbered_docx,
    decimal_outline_docx,
    numbered,
    real_text,
    table_docx,
)

BOTH = ["published", "stored"]  # the real excerpts: as printed, and folded to ASCII


def parse_file(path: Path):
    lines, _name, _path = read_lines(path)
    return parse_plan(lines)


def folded_tasks(plan) -> list[tuple]:
    return [
        (tx.ascii_forms(t.text), tx.ascii_forms(t.lead_units or ""), tx.ascii_forms(t.units_text or ""))
        for t in plan.tasks
    ]


# ---- the real excerpts, each with its true count --------------------------------------


@pytest.mark.parametrize("form", BOTH)
def test_p02_city_plan_three_principles(form: str) -> None:
    plan = parse_plan(real_text("P02_changchun_city_plan", form).splitlines())
    assert len(plan.tasks) == 3
    (section,) = plan.sections
    assert section.title == "总体要求" and [c.title for c in section.children] == ["指导思想", "基本原则"]
    assert [t.text[:12] for t in section.children[1].tasks] == [
        "坚持生态优先、绿色发展。",
        "坚持党政领导、部门联动。",
        "坚持问题导向、因地制宜。",
    ]
    assert plan.year == 2017  # from the page's "2017-08-07 来源:本站" line


@pytest.mark.parametrize("form", BOTH)
def test_p04_number_on_the_index_line(form: str) -> None:
    plan = parse_plan(real_text("P04_lishui_city_plan", form).splitlines())
    assert len(plan.tasks) == 1 and plan.tasks[0].text.startswith("坚持生态优先、绿色发展。")
    assert plan.doc_number == "丽政办发〔2017〕120号"  # 索引号 … 文号 丽政办发〔2017〕 120号
    assert plan.year == 2017 and plan.issuer == "丽水市人民政府办公室"
    assert tx.ascii_forms(plan.title) == "丽水市全面深化河长制工作方案(2017-2020年)"
    assert plan.title.endswith("(2017-2020年)" if form == "stored" else f"{LP}2017-2020年{RP}")


@pytest.mark.parametrize("form", BOTH)
def test_p07_sub_items_stay_in_their_task(form: str) -> None:
    plan = parse_plan(real_text("P07_plain_numbered_task_list", form).splitlines())
    assert len(plan.tasks) == 24 and [t.seq for t in plan.tasks] == list(range(1, 25))
    lines = plan.tasks[18].text.splitlines()
    assert [line[0] for line in lines] == ["\u2460", "\u2461", "\u2462"]  # ①②③ inside task 19
    assert plan.tasks[19].text.startswith("主要农作物") and not plan.ignored


@pytest.mark.parametrize("form", BOTH)
def test_p09_traditional_town_plan(form: str) -> None:
    plan = parse_plan(real_text("P09_town_plan_traditional", form).splitlines())
    assert len(plan.tasks) == 2
    assert plan.title == "河长制工作执行方案的全面深化与实施计划"
    assert [(s.title, [c.title for c in s.children]) for s in plan.sections] == [
        ("总体要求", []),
        ("目标任务", ["加强水污染防治"]),
    ]
    assert plan.tasks[0].text.startswith("工业污染整治。")


@pytest.mark.parametrize("form", BOTH)
def test_p11_decimal_numbering(form: str) -> None:
    plan = parse_plan(real_text("P11_template_decimal_numbering", form).splitlines())
    assert len(plan.tasks) == 32 and len(plan.sections) == 8
    assert [len(s.tasks) for s in plan.sections] == [4] * 8
    assert plan.title == "出台河长制工作方案参考模板"  # glued to 一、 on one line
    assert plan.sections[0].title == "出台河长制工作方案的背景分析"
    assert plan.tasks[0].text == "国家政策导向"
    # 2.1.1 … 2.1.3 belong to 2.1
    assert plan.tasks[4].text.splitlines() == [
        "河长制实施现状评估",
        "2.1.1组织体系建设情况",
        "2.1.2治理成效与短板",
        "2.1.3公众参与机制",
    ]
    assert tx.ascii_forms(plan.tasks[20].text) == "近期实施计划(2024-2025年)"
    assert tx.ascii_forms(plan.tasks[22].text) == "长期巩固阶段(2028年及以后)"  # a time, not a deadline


@pytest.mark.parametrize("form", BOTH)
def test_p13_numbered_breadcrumb_is_noise(form: str) -> None:
    plan = parse_plan(real_text("P13_county_patrol_requirements_nav", form).splitlines())
    assert len(plan.tasks) == 4
    assert [t.text[:6] for t in plan.tasks] == [
        "县、乡级、村",
        "乡级、村级河",
        "发起自主巡河",
        "县(市)级河" if form == "stored" else f"县{LP}市{RP}级河",
    ]
    assert (plan.title, plan.year, plan.doc_number) == ("巡河要求", 2022, None)  # 文号 〔〕号 is empty
    assert not plan.ignored


@pytest.mark.parametrize(
    "name",
    [
        "P02_changchun_city_plan",
        "P04_lishui_city_plan",
        "P07_plain_numbered_task_list",
        "P09_town_plan_traditional",
        "P11_template_decimal_numbering",
        "P13_county_patrol_requirements_nav",
    ],
)
def test_stored_and_published_forms_read_alike(name: str) -> None:
    """The same page folded to ASCII and as printed: the same tasks, each kept as written."""
    published = parse_plan(real_text(name, "published").splitlines())
    stored = parse_plan(real_text(name, "stored").splitlines())
    assert folded_tasks(published) == folded_tasks(stored)
    assert (published.year, published.doc_number) == (stored.year, stored.doc_number)
    assert [t.text for t in published.tasks] != [t.text for t in stored.tasks] or name.startswith("P11")
    assert all(tx.ascii_forms(t.text) == t.text for t in stored.tasks)


@pytest.mark.parametrize("form", BOTH)
def test_d2_word_automatic_numbering(form: str, tmp_path: Path) -> None:
    """The real P07 list typed with Word's List Number: the numbers exist only in numbering.xml
    (stored: the same file with its punctuation folded to ASCII)."""
    path = REAL / "D2_plain_list_word_autonumber.docx"
    if form == "stored":
        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                run.text = tx.ascii_forms(run.text)
        path = tmp_path / "D2.docx"
        document.save(str(path))
    plan = parse_file(path)
    assert plan.title == "河长制工作任务清单"
    assert len(plan.tasks) == 24 and [t.seq for t in plan.tasks] == list(range(1, 25))
    assert [line[0] for line in plan.tasks[18].text.splitlines()] == ["\u2460", "\u2461", "\u2462"]


# ---- .docx built with Word's machinery -------------------------------------------------


@pytest.mark.parametrize("form", BOTH)
def test_autonumbered_outline_docx(form: str, tmp_path: Path) -> None:
    """P02 with 一、 (一) 1、 as multi-level automatic numbering (chineseCounting, decimal)."""
    text = real_text("P02_changchun_city_plan", form)
    path = autonumbered_docx(tmp_path / "长春.docx", text)
    assert "一、总体要求" not in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    plan = parse_file(path)
    assert len(plan.tasks) == 3
    assert [c.title for c in plan.sections[0].children] == ["指导思想", "基本原则"]
    assert folded_tasks(plan) == folded_tasks(parse_plan(text.splitlines()))


@pytest.mark.parametrize("form", BOTH)
def test_list_number_style_docx(form: str, tmp_path: Path) -> None:
    """P07 numbered by the List Number paragraph style; ②③ typed, unnumbered."""
    path = autonumbered_docx(tmp_path / "清单.docx", real_text("P07_plain_numbered_task_list", form), by_style=True)
    plan = parse_file(path)
    assert len(plan.tasks) == 24
    assert len(plan.tasks[18].text.splitlines()) == 3


@pytest.mark.parametrize("form", FORMS)
def test_task_table_docx(form: str, tmp_path: Path) -> None:
    """The 平顶山 breakdown table: 类别 and 主要任务 merged down their rows."""
    f = FORMS[form]
    rows = [[f(c) for c in row] for row in PINGDINGSHAN_ROWS]
    path = table_docx(
        tmp_path / "分解表.docx",
        "平顶山市全面推行河长制主要任务分解表",
        PINGDINGSHAN_HEADER,
        rows,
        PINGDINGSHAN_MERGES,
        before=["平顶山市全面推行河长制工作方案"],
    )
    plan = parse_file(path)
    assert len(plan.tasks) == 3
    assert [s.title for s in plan.sections] == ["加强水资源保护"]
    first, second, third = plan.tasks
    assert first.text.startswith("严守水资源开发利用控制红线\uff1a实施水资源消耗总量")
    assert second.text.startswith("严守用水效率控制红线\uff1a") and third.text.startswith(
        "严守用水效率控制红线\uff1a抓好工业节水"
    )
    assert (third.lead_units, third.coop_units) == ("市工业和信息化委、水利局", "市发展改革委等")
    assert third.implementers == f(PINGDINGSHAN_RESP)  # as written, whatever the form


@pytest.mark.parametrize("form", FORMS)
def test_table_numbered_in_its_task_column(form: str, tmp_path: Path) -> None:
    f = FORMS[form]
    path = table_docx(
        tmp_path / "任务.docx",
        "2024年河湖长制重点任务",
        ["主要任务", "具体措施", "责任单位", "完成时限"],
        [
            ["1 加强水资源保护", f("落实最严格水资源管理制度,严控用水总量。"), "镇水利站", "2024年12月31日"],
            ["2 加强河湖岸线管护", f("开展“清四乱”常态化规范化,清理河道垃圾。"), f("各村(社区)"), "长期坚持"],
        ],
    )
    plan = parse_file(path)
    assert [(t.seq, t.text[:8]) for t in plan.tasks] == [(1, "加强水资源保护\uff1a"), (2, "加强河湖岸线管护")]
    assert plan.tasks[0].lead_units == "镇水利站" and plan.tasks[0].deadline == date(2024, 12, 31)
    assert plan.tasks[1].lead_units == f("各村(社区)")


# ---- layouts, in every punctuation form -----------------------------------------------

PAREN_ONLY = """2024年河道保洁工作安排
(1)每月组织一次河道清漂;
(2)汛前清理河障,汛后检查堤防;
(3)落实保洁员考核(镇水利站负责,各村配合)。
"""

SECTIONS_THEN_TASKS = """白沙镇2024年河长制工作要点
一、强化河长履职
1、落实巡河制度,镇级河长每月巡河不少于1次。
2、健全河长名录。
二、加强水环境治理
3、开展入河排污口排查。
"""

HEADINGS_INLINE = """青石镇河湖长制工作方案
一、总体要求
(一)指导思想。深入学习贯彻习近平生态文明思想,坚持节水优先、空间均衡。
(二)工作目标。到2025年底,全镇河湖面貌明显改善。
二、主要任务
1.落实河长巡河制度。
"""

ITEMS_IN_ONE = """2024年巡河工作计划
一、巡河要求
1.镇级河长每月巡河不少于1次;2.村级河长每周巡河不少于1次;3.发现问题当日上报(镇河长办负责)。
"""


@pytest.mark.parametrize("form", FORMS)
def test_tasks_numbered_only_in_parentheses(form: str) -> None:
    plan = parse_plan(FORMS[form](PAREN_ONLY).splitlines())
    assert [t.seq for t in plan.tasks] == [1, 2, 3]
    assert plan.tasks[1].text == FORMS[form]("汛前清理河障,汛后检查堤防;")
    assert (plan.tasks[2].lead_units, plan.tasks[2].coop_units) == ("镇水利站", "各村")


@pytest.mark.parametrize("form", FORMS)
def test_sections_followed_directly_by_tasks(form: str) -> None:
    plan = parse_plan(FORMS[form](SECTIONS_THEN_TASKS).splitlines())
    assert [(s.title, [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("强化河长履职", [1, 2]),
        ("加强水环境治理", [3]),
    ]
    assert plan.tasks[0].text == FORMS[form]("落实巡河制度,镇级河长每月巡河不少于1次。")


@pytest.mark.parametrize("form", FORMS)
def test_heading_with_its_text_inline(form: str) -> None:
    plan = parse_plan(FORMS[form](HEADINGS_INLINE).splitlines())
    assert [c.title for c in plan.sections[0].children] == ["指导思想", "工作目标"]
    assert len(plan.tasks) == 1 and plan.tasks[0].text == "落实河长巡河制度。"
    assert any("深入学习贯彻" in line for line in plan.ignored)  # the paragraph, not a heading


@pytest.mark.parametrize("form", FORMS)
def test_several_items_in_one_paragraph(form: str) -> None:
    plan = parse_plan(FORMS[form](ITEMS_IN_ONE).splitlines())
    assert [t.seq for t in plan.tasks] == [1, 2, 3]
    assert plan.tasks[0].text == FORMS[form]("镇级河长每月巡河不少于1次;")
    assert plan.tasks[2].text == "发现问题当日上报。" and plan.tasks[2].lead_units == "镇河长办"


# ---- responsibilities as written ---------------------------------------------------------

UNIT_CASES = [
    (
        "加强监管(市水利局牵头,相关成员单位配合,各县(市、区)人民政府,城乡一体化示范区、高新区管委会落实)。",
        ("加强监管。", "市水利局", "相关成员单位", "各县(市、区)人民政府,城乡一体化示范区、高新区管委会"),
    ),
    ("开展排查。(镇河长办负责,各村(社区)参与,各村级河长实施)", ("开展排查。", "镇河长办", "各村(社区)", "各村级河长")),
    (
        "整治排污口(牵头单位:市生态环境局;配合单位:市住建局,市水利局;落实单位:各区县)",
        ("整治排污口", "市生态环境局", "市住建局、市水利局", "各区县"),
    ),
    ("整治黑臭水体(县住建局牵头,2024年6月底前完成)", ("整治黑臭水体", "县住建局", None, None)),
    (
        "推进河湖划界(牵头单位:市水利局;责任单位:各县(市、区)人民政府)",
        ("推进河湖划界", "市水利局", None, "各县(市、区)人民政府"),
    ),
    (
        "开展入河排污口排查(市生态环境局、市水利局按职责分工负责)。",
        ("开展入河排污口排查。", "市生态环境局、市水利局", None, None),
    ),
    (
        "清理河障(县水利局、县自然资源局,县公安局牵头,各乡镇配合)",
        ("清理河障", "县水利局、县自然资源局,县公安局", "各乡镇", None),
    ),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", range(len(UNIT_CASES)))
def test_units_read_as_written(form: str, case: int) -> None:
    f = FORMS[form]
    written, expected = UNIT_CASES[case]
    u = read_units(f(written))
    assert (u.text, u.lead, u.coop, u.impl) == tuple(f(x) if x else x for x in expected)
    assert u.written == f(written[written.index("(") : written.rindex(")") + 1])  # verbatim, brackets too


@pytest.mark.parametrize("form", FORMS)
def test_a_parenthesis_naming_no_role_stays(form: str) -> None:
    f = FORMS[form]
    assert read_units(f("划定管理范围(2024年底前完成)")).deadline == date(2024, 12, 31)
    assert read_units(f("整治黑臭水体(县住建局牵头,2024年6月底前完成)")).deadline == date(2024, 6, 30)
    assert read_units(f("长期巩固阶段(2028年及以后)")).written is None
    assert read_units(f("完成划界(含山塘、水库)。")).written is None
    assert read_units(f("推进“四化(常态化、规范化)”建设")).text == f("推进“四化(常态化、规范化)”建设")


ROUND_TRIP = """关于印发《青石镇2024年河湖长制工作要点》的通知
各村(社区):
现将《青石镇2024年河湖长制工作要点》印发给你们,请认真贯彻落实。
青石镇河长制办公室
2024年3月1日
青石镇2024年河湖长制工作要点
为全面落实河湖长制,制定本要点。
一、强化河长履职
(一)压实责任
1.落实镇村两级河长巡河制度(镇河长办牵头,各村(社区)配合,各村级河长落实)。
2.加强监管。(市水利局牵头,相关成员单位配合,各县(市、区)人民政府,城乡一体化示范区、高新区管委会落实)
二、加强水污染防治
3.开展入河排污口排查整治(牵头单位:镇生态环境办;配合单位:各村)。
4.推进河湖“清四乱”常态化(镇水利站负责,2024年6月30日前完成)。
"""

_TASK_ROWS = "SELECT seq, text, lead_units, coop_units, implementers, units_text, deadline FROM tasks ORDER BY seq"


@pytest.mark.parametrize("form", FORMS)
def test_round_trip_keeps_the_parenthesis(db: Database, tmp_path: Path, form: str) -> None:
    """import plan → doc plan → import plan of the .docx: the same tasks, units and
    parenthesis, printed exactly as the upper level wrote it (a document sets ASCII
    punctuation full-width, so text imported half-width comes back full-width)."""
    documents = pytest.importorskip("hzconsole.documents")
    assert run_plan_import(db, FORMS[form](ROUND_TRIP)).written
    first = [tuple(r) for r in db.query(_TASK_ROWS)]
    assert first[1][5] == FORMS[form](
        "(市水利局牵头,相关成员单位配合,各县(市、区)人民政府,城乡一体化示范区、高新区管委会落实)"
    )
    assert first[3][6] == "2024-06-30"
    out = tmp_path / "印发计划.docx"
    documents.generate_document(db, "plan", out, plan="青石镇", date=date(2024, 6, 17))
    printed = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    printed_form = FORMS["全角"]
    for row in first:
        assert printed_form(f"{row[0]}.{row[1].rstrip('。')}{row[5]}。") in printed
    # The same file again: nothing new; into an empty file: the same rows.
    again = run_plan_import(db, out)
    assert again.ok and not again.written and again.counts["same"] == 4
    other = create_database(tmp_path / "另一个.db", "青石镇河长制办公室")
    try:
        assert run_plan_import(other, out).written
        again_rows = [tuple(r) for r in other.query(_TASK_ROWS)]
        assert again_rows == [tuple(printed_form(v) if isinstance(v, str) else v for v in row) for row in first]
    finally:
        other.close()


def test_changed_units_are_printed_from_the_fields(db: Database, tmp_path: Path) -> None:
    """When the clerk changes a task's units, the old parenthesis no longer holds."""
    from hzconsole.books.plans import tasks
    from hzconsole.documents.kinds.plan import task_units

    assert run_plan_import(db, FORMS["全角"](ROUND_TRIP)).written
    task = tasks.all(db, "seq = 1")[0]
    assert task_units(task) == task.units_text
    changed = tasks.update(db, task.id, {"lead_units": "镇水利站"})
    assert task_units(changed).startswith("(镇水利站牵头")


def test_import_report_of_a_real_docx(db: Database) -> None:
    report = preview_plan(db, REAL / "D2_plain_list_word_autonumber.docx", year=2018)
    assert report.ok and report.counts["add"] == 24


CITY_PLAN = """平顶山市全面推行河长制工作方案
一、总体要求
(一)指导思想。深入贯彻党的十九大精神,牢固树立新发展理念。
(二)基本原则
1.坚持生态优先、绿色发展。
2.坚持党政领导、部门联动。
二、主要任务
(一)加强水资源保护。落实最严格水资源管理制度,严守水资源开发利用控制红线。(市水利局牵头,市发展改革委、工业和信息化委配合,各县(市、区)人民政府,城乡一体化示范区、高新区管委会落实)
(二)加强河湖水域岸线管理保护
严格水域岸线等水生态空间管控,依法划定河湖管理范围。(市水利局牵头,市国土资源局配合,各县(市、区)人民政府落实)
三、保障措施
(一)加强组织领导。各级党委和政府要把推行河长制作为推进生态文明建设的重要举措。
"""


@pytest.mark.parametrize("form", FORMS)
def test_sub_sections_with_units_are_the_tasks(form: str) -> None:
    """二、主要任务 (一)…(二)… each naming its units: the tasks of a city plan."""
    f = FORMS[form]
    plan = parse_plan(f(CITY_PLAN).splitlines())
    assert [(s.title, [c.title for c in s.children], len(s.tasks)) for s in plan.sections] == [
        ("总体要求", ["指导思想", "基本原则"], 0),
        ("主要任务", [], 2),
        ("保障措施", ["加强组织领导"], 0),
    ]
    first, second = plan.sections[1].tasks
    assert first.text == "加强水资源保护。落实最严格水资源管理制度,严守水资源开发利用控制红线。".replace(",", f(","))
    assert first.implementers == f("各县(市、区)人民政府,城乡一体化示范区、高新区管委会")
    assert second.text.startswith("加强河湖水域岸线管理保护\n严格水域岸线") and second.lead_units == "市水利局"
    assert second.units_text == f("(市水利局牵头,市国土资源局配合,各县(市、区)人民政府落实)")
    assert [t.seq for t in plan.tasks] == [1, 2, 3, 4]
    assert not any("严格水域岸线" in line for line in plan.ignored)


LABELLED_LINES = """2024年河道整治任务
1)开展河道清淤。
责任单位:镇水利站
配合单位:各村
完成时限:2024年6月30日
2)清理河道障碍物(责任领导:张三;牵头单位:镇农业办;配合单位:各村(社区))。
"""


@pytest.mark.parametrize("form", FORMS)
def test_units_on_lines_of_their_own(form: str) -> None:
    plan = parse_plan(FORMS[form](LABELLED_LINES).splitlines())
    first, second = plan.tasks
    assert (first.text, first.lead_units, first.coop_units, first.deadline) == (
        "开展河道清淤。",
        "镇水利站",
        "各村",
        date(2024, 6, 30),
    )
    written = "(责任单位:镇水利站;配合单位:各村;完成时限:2024年6月30日)"  # the lines, in their own width
    assert first.units_text == (FORMS["全角"](written) if form == "全角" else written)
    assert (second.lead_units, second.coop_units) == ("镇农业办", FORMS[form]("各村(社区)"))  # not 张三
    assert not plan.ignored


@pytest.mark.parametrize("form", BOTH)
def test_decimal_outline_numbered_by_word(form: str, tmp_path: Path) -> None:
    """P11's 1.1 / 1.1.1 as legal levels of a list whose top level is 一、."""
    text = real_text("P11_template_decimal_numbering", form)
    path = decimal_outline_docx(tmp_path / "模板.docx", text)
    lines = read_lines(path)[0]
    assert "2.1.3 公众参与机制" in lines and "八\u3001河长制工作方案的结论与政策建议" in lines
    plan = parse_plan(lines)
    assert len(plan.tasks) == 32 and [len(s.tasks) for s in plan.sections] == [4] * 8
    # Word sets a tab after 2.1.1: the sub-items read "2.1.1 组织体系建设情况".
    assert [t.text.replace(" ", "") for t in plan.tasks] == [t.text for t in parse_plan(text.splitlines()).tasks]


@pytest.mark.parametrize("form", FORMS)
def test_circled_and_restarted_numbering(tmp_path: Path, form: str) -> None:
    """① ② numbered by Word under each task restart at ①; a list starting at 5 starts at 5."""
    f = FORMS[form]
    document = docx.Document()
    tasks = add_numbering(document, [("decimal", "%1\u3001"), ("decimalEnclosedCircle", "%2")])
    later = add_numbering(document, [("decimal", "%1.")], num_id=92, start=5)
    document.add_paragraph("2024年河湖保洁工作任务清单")
    for text, level in [
        ("清理河道垃圾。", 0),
        ("每周清漂一次;", 1),
        ("汛后全面清理。", 1),
        ("整治畜禽养殖污染。", 0),
        ("关闭禁养区养殖场;", 1),
    ]:
        numbered(document.add_paragraph(f(text)), tasks, level)
    numbered(document.add_paragraph("开展河湖健康评价。"), later)
    path = tmp_path / "清单.docx"
    document.save(str(path))
    lines = read_lines(path)[0]
    assert lines[1:] == [
        "1\u3001清理河道垃圾。",
        f("\u2460每周清漂一次;"),
        "\u2461汛后全面清理。",
        "2\u3001整治畜禽养殖污染。",
        f("\u2460关闭禁养区养殖场;"),
        "5.开展河湖健康评价。",
    ]
    plan = parse_plan(lines)
    assert [t.seq for t in plan.tasks] == [1, 2, 5]
    assert plan.tasks[0].text.splitlines() == ["清理河道垃圾。", f("\u2460每周清漂一次;"), "\u2461汛后全面清理。"]


OPINION = """关于全面推行河长制的实施意见
一、主要任务
1.加强水资源保护(市水利局牵头,市发展改革委等部门按职责分工负责)。
"""


@pytest.mark.parametrize("form", FORMS)
def test_opinion_titled_with_guanyu(form: str) -> None:
    plan = parse_plan(FORMS[form](OPINION).splitlines())
    assert plan.title == "关于全面推行河长制的实施意见"
    assert (plan.tasks[0].lead_units, plan.tasks[0].coop_units) == ("市水利局", "市发展改革委等部门")


def test_paragraphs_inside_content_controls(tmp_path: Path) -> None:
    """Templates wrap their text in content controls (w:sdt): the tasks inside still read."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("白沙镇2024年河长制工作要点")
    document.add_paragraph("一、强化河长履职")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>1.落实巡河制度。</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2.健全河长名录。</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(2, sdt)
    path = tmp_path / "要点.docx"
    document.save(str(path))
    assert [t.text for t in parse_file(path).tasks] == ["落实巡河制度。", "健全河长名录。"]


JOINT_NOTICE = """关于印发《青石县河(湖)长制工作实施方案》的通知
青办发〔2017〕19号
各乡(镇)党委、人民政府:
《青石县河(湖)长制工作实施方案》已经县委、县政府同意,现印发给你们,请结合实际认真贯彻执行。
中共青石县委办公室
青石县人民政府办公室
(此件发至乡)                  2017年6月13日
青石县河(湖)长制工作实施方案
一、总体要求
(一)指导思想。
全面贯彻党的十九大精神,牢固树立新发展理念。
二、主要任务
1.加强水资源保护(县水利局牵头)。
"""


@pytest.mark.parametrize("form", FORMS)
def test_joint_issuers_and_a_dated_distribution_line(form: str) -> None:
    f = FORMS[form]
    plan = parse_plan(f(JOINT_NOTICE).splitlines())
    assert (plan.title, plan.year, plan.doc_number) == (f("青石县河(湖)长制工作实施方案"), 2017, "青办发〔2017〕19号")
    assert plan.issuer == "中共青石县委办公室\u3001青石县人民政府办公室"
    assert plan.sections[0].children[0].title == "指导思想"  # its closing 。 is not part of it
    assert len(plan.tasks) == 1


@pytest.mark.parametrize("form", FORMS)
def test_table_with_number_and_category_in_one_cell(form: str, tmp_path: Path) -> None:
    """序号 and 类别 in one cell ("1 加强水资源保护"), as a page pasted into Word gives."""
    f = FORMS[form]
    path = table_docx(
        tmp_path / "分解.docx",
        "主要任务分解表",
        ["序号", "主要任务", "牵头单位", "责任单位"],
        [
            ["1 加强水资源保护", "严守水资源开发利用控制红线", "市水利局", f("各县(市、区)人民政府")],
            ["2", "严守用水效率控制红线", "市水利局", f("各县(市、区)人民政府")],
            ["3 加强河湖水域岸线管理保护", "划定河湖管理范围", "市水利局", "各县人民政府"],
        ],
    )
    plan = parse_file(path)
    assert [(s.title, [t.seq for t in s.tasks]) for s in plan.sections] == [
        ("加强水资源保护", [1, 2]),
        ("加强河湖水域岸线管理保护", [3]),
    ]
    assert plan.tasks[1].implementers == f("各县(市、区)人民政府")


META_TABLE_PAGE = """索引号
011314160/2025-24496
主题分类
水利
发文字号
效力状态
有效
发布日期
2025-05-20
青石镇全面推行河长制实施方案
  \u2022 发布时间:2025-05-20
  \u2022 【字体:
为贯彻落实上级关于全面推行河湖长制的决策部署,结合我镇实际制定本方案。
一、实施内容
(一)健全责任体系。建立镇村两级河湖长工作架构,镇党委书记担任总河长。
(二)强化重点任务。开展河道生态空间划界确权,推进农业面源污染治理。
二、工作安排
(一)2024年重点任务:完成河道基础信息普查;开展河道“清四乱”专项整治。
(二)2025年重点任务:构建常态化管护机制;建立生态补偿机制。
三、实施保障
镇财政每年安排专项经费,保障河道管护、信息化建设等项目实施。
"""


@pytest.mark.parametrize("form", FORMS)
def test_unnumbered_items_of_a_township_scheme(form: str) -> None:
    """A page whose meta data come label and value on separate lines, and whose plan numbers
    nothing below (一): those items are the tasks."""
    f = FORMS[form]
    plan = parse_plan(f(META_TABLE_PAGE).splitlines())
    assert (plan.title, plan.year) == ("青石镇全面推行河长制实施方案", 2025)
    assert [(s.title, len(s.tasks)) for s in plan.sections] == [("实施内容", 2), ("工作安排", 2), ("实施保障", 0)]
    assert plan.tasks[0].text == "健全责任体系。建立镇村两级河湖长工作架构,镇党委书记担任总河长。".replace(",", f(","))
    assert plan.tasks[2].text.startswith(f("2024年重点任务:完成"))
    assert plan.notice == ["有效"]  # what is left of the meta data: harmless


def test_plan_imported_before_the_parenthesis_was_kept(db: Database) -> None:
    """A file whose tasks have no units_text (imported by an older version) still finds the
    same plan the same, not different."""
    text = FORMS["全角"](ROUND_TRIP)
    assert run_plan_import(db, text).written
    from hzconsole.books.plans import tasks

    for task in tasks.all(db):
        tasks.update(db, task.id, {"units_text": None})
    again = run_plan_import(db, text)
    assert again.ok and not again.written and again.counts["same"] == 4


_PIECES = [
    "一\u3001加强管理",
    "\uff08一\uff09压实责任\u3002深入开展",
    "1\uff0e落实巡河\u3002\uff08镇河长办牵头\uff0c各村配合\uff09",
    "2\u3001清四乱\uff08\uff08\uff08",
    "1.1国家政策",
    "2.1.1组织",
    "\uff081\uff09细化\uff1b\uff082\uff09再细化",
    "\u2460禁养\uff1b",
    "\uff09\uff09\uff08牵头\uff09",
    "3.任务\uff08牵头单位\uff1a\uff1b配合单位\uff1a\uff09",
    "1. 当前位置\uff1a首页>政务",
    "索引号",
    "2025-05-20",
    "白沙镇2024年河长制工作计划",
    "\uff08镇水利站负责\uff0c2024年6月底前完成\uff09",
    "1)\uff08牵头\uff09",
    "责任单位\uff1a",
]


_RUNS = itertools.count(1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(
        st.one_of(st.text(max_size=30), st.sampled_from(_PIECES), st.sampled_from(_PIECES).map(tx.ascii_forms)),
        max_size=25,
    )
)
def test_random_plans_in_both_widths_import_or_refuse(db: Database, lines: list[str]) -> None:
    """Whatever the text, the import writes a valid plan or refuses with a message."""
    title = f"白沙镇2024年河长制工作计划之{next(_RUNS)}"  # a new plan each time: every example writes
    report = run_plan_import(db, "\n".join([title, *lines]) + "\n", title=title, year=2024)
    report.text()
    for task in report.plan.tasks if report.plan else []:
        assert task.text.strip()


def test_lists_sharing_a_definition_count_as_word_does(tmp_path: Path) -> None:
    """Two numIds of one abstract numbering continue each other (1 2 | 3); a numId with a
    start override restarts the list where it first appears (| 1 2)."""
    document = docx.Document()
    first = add_numbering(document, [("decimal", "%1\u3001")])
    same = another_num(document, first, 93)
    restarted = another_num(document, first, 94, restart_at=1)
    for text, num in [
        ("甲任务。", first),
        ("乙任务。", first),
        ("丙任务。", same),
        ("丁任务。", restarted),
        ("戊任务。", restarted),
    ]:
        numbered(document.add_paragraph(text), num)
    path = tmp_path / "列表.docx"
    document.save(str(path))
    assert [line[:2] for line in read_lines(path)[0]] == ["1\u3001", "2\u3001", "3\u3001", "1\u3001", "2\u3001"]


@pytest.mark.parametrize("layout", ["units on lines", "city plan", "task table"])
def test_every_layout_comes_back_the_same(db: Database, tmp_path: Path, layout: str) -> None:
    """Whatever layout a plan came in, the plan doc plan re-issues reads back as the same plan."""
    documents = pytest.importorskip("hzconsole.documents")
    full = FORMS["全角"]
    if layout == "task table":
        source: Path | str = table_docx(
            tmp_path / "分解表.docx",
            "平顶山市全面推行河长制主要任务分解表",
            PINGDINGSHAN_HEADER,
            [[full(c) for c in row] for row in PINGDINGSHAN_ROWS],
            PINGDINGSHAN_MERGES,
            before=["平顶山市2018年全面推行河长制工作方案"],
        )
    else:
        source = full(LABELLED_LINES if layout == "units on lines" else CITY_PLAN)
    first = run_plan_import(db, source, year=2024)
    assert first.written, first.text()
    out = tmp_path / "印发.docx"
    documents.generate_document(db, "plan", out, date=date(2024, 6, 17))
    again = run_plan_import(db, out)
    assert again.ok and not again.written and again.counts["same"] == len(first.plan.tasks)


@pytest.mark.parametrize("form", FORMS)
def test_table_with_a_two_row_header(form: str, tmp_path: Path) -> None:
    """责任单位 over 牵头 | 配合: the second header row names the columns, it is no task."""
    f = FORMS[form]
    path = tmp_path / "两行表头.docx"
    document = docx.Document()
    document.add_paragraph("2024年河湖长制重点任务清单")
    table = document.add_table(rows=4, cols=5)
    for j, name in enumerate(["序号", "工作任务", "责任单位", "", "完成时限"]):
        table.cell(0, j).text = name
    for j, name in ((2, "牵头"), (3, "配合")):
        table.cell(1, j).text = name
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(0, 4).merge(table.cell(1, 4))
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 2).text = "责任单位"
    for i, row in enumerate(
        [
            ["1", f("开展河道清淤(含山塘)"), "镇水利站", "各村", "2024年6月30日"],
            ["2", "清理河道障碍物", "镇农业办", f("各村(社区)"), "长期坚持"],
        ],
        2,
    ):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.save(str(path))
    plan = parse_file(path)
    assert [(t.seq, t.text, t.lead_units, t.coop_units) for t in plan.tasks] == [
        (1, f("开展河道清淤(含山塘)"), "镇水利站", "各村"),
        (2, "清理河道障碍物", "镇农业办", f("各村(社区)")),
    ]
    assert plan.tasks[0].deadline == date(2024, 6, 30) and plan.tasks[0].line > 0


BREADCRUMB_PAGE = """1. 当前位置:首页>政务公开>通知公告
2. 首页 > 水利局 > 河长制
索引号:113325000026455663/2023-00012 文号:青河办〔2023〕5号
发布日期:2023-03-02
青石镇2023年河长制工作要点
一、强化河长履职
1.落实巡河制度(镇河长办负责)。
"""


@pytest.mark.parametrize("form", FORMS)
def test_numbered_breadcrumbs_and_meta_lines(form: str) -> None:
    """A numbered breadcrumb is noise; 文号 and year come from the 索引号 / 发布日期 lines."""
    plan = parse_plan(FORMS[form](BREADCRUMB_PAGE).splitlines())
    assert [t.text for t in plan.tasks] == ["落实巡河制度。"] and plan.noise == 4
    assert (plan.title, plan.year, plan.doc_number) == ("青石镇2023年河长制工作要点", 2023, "青河办〔2023〕5号")
    untitled = parse_plan(FORMS[form](BREADCRUMB_PAGE.replace("青石镇2023年河长制工作要点\n", "")).splitlines())
    assert untitled.year == 2023  # the title had it; without one the page's date gives it
