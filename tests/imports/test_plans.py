"""Plan import: the reference plan notice, web-page noise, Traditional text, .docx, units."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from hzconsole.books import narratives
from hzconsole.imports import preview_plan, run_plan_import
from hzconsole.imports.plan_text import parse_plan, read_units
from hzconsole.store.database import Database

from .conftest import REFERENCE, snapshot
from .plan_fixtures import FORMS

ZHANGSHU = REFERENCE / "zhangshu-2024-plan-notice.txt"
YANGJIANG = REFERENCE / "yangjiang-qa-2017-traditional.txt"
needs_reference = pytest.mark.skipif(not ZHANGSHU.exists(), reason="../shared/reference is not beside this clone")

SECTIONS = [
    "持续强化河湖长制",
    "加强水资源保护",
    "加强河湖岸线管护",
    "加强水污染防治",
    "加强水环境治理",
    "加强水生态修复",
    "加强执法监管",
]


def reference_tasks() -> dict[int, str]:
    """The 23 task paragraphs of the reference, as written (number stripped)."""
    out = {}
    for line in ZHANGSHU.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*(\d+)\.(.+)$", line)
        if m:
            out[int(m.group(1))] = m.group(2).strip()
    return out


@needs_reference
@pytest.mark.parametrize("form", FORMS)
def test_reference_plan_parses_whole(db: Database, form: str) -> None:
    f = FORMS[form]
    report = preview_plan(db, f(ZHANGSHU.read_text(encoding="utf-8")))
    plan = report.plan
    assert report.ok and not report.written
    assert (plan.title, plan.year, plan.issuer) == ("湘阴县樟树镇2024年实施河湖长制工作计划", 2024, "樟树镇人民政府")
    assert [s.title for s in plan.sections] == SECTIONS
    assert [len(s.tasks) for s in plan.sections] == [7, 3, 4, 3, 2, 2, 2]
    expected = reference_tasks()
    assert len(expected) == 23
    assert {t.seq: t.text for t in plan.tasks} == {seq: f(text) for seq, text in expected.items()}
    assert all(t.lead_units is None for t in plan.tasks)  # this plan names no units
    assert plan.preamble[0].startswith("2024年是新中国成立75周年")
    assert plan.noise == 2 and not plan.ignored
    assert report.counts["add"] == 23
    assert report.text().splitlines()[1:4] == [  # the report's own punctuation
        "计划\uff1a《湘阴县樟树镇2024年实施河湖长制工作计划》 2024年\uff0c印发单位\uff1a樟树镇人民政府",
        "章节 7 个\uff0c任务 23 项",
        "  持续强化河湖长制\uff087 项\uff09",
    ]


@needs_reference
@pytest.mark.parametrize("form", FORMS)
def test_reference_plan_imports_once(db: Database, form: str) -> None:
    text = FORMS[form](ZHANGSHU.read_text(encoding="utf-8"))
    report = run_plan_import(db, text)
    assert report.written, report.text()
    assert db.scalar("SELECT count(*) FROM plans") == 1
    assert db.scalar("SELECT count(*) FROM plan_sections") == 7
    assert [r[0] for r in db.query("SELECT seq FROM tasks ORDER BY seq")] == list(range(1, 24))
    plan_id = db.scalar("SELECT id FROM plans")
    assert narratives.get_text(db, f"plan:{plan_id}", "intro").startswith("2024年是新中国成立75周年")
    assert db.get_setting("import_log")[-1]["kind"] == "plan"
    before = snapshot(db)
    again = run_plan_import(db, ZHANGSHU)  # the file as stored: the same plan in another width
    assert again.ok and not again.written and again.counts["same"] == 23
    assert snapshot(db) == before
    # The same title and year with other text is refused, not merged.
    changed = text.replace("14.巩固非法码头整治成果。", "14.巩固码头整治成果。")
    refused = run_plan_import(db, changed)
    assert not refused.ok and "已有同名计划" in refused.fatal[0]
    assert snapshot(db) == before


@needs_reference
@pytest.mark.parametrize("form", FORMS)
def test_round_trip_reads_like_the_original(db: Database, tmp_path: Path, form: str) -> None:
    documents = pytest.importorskip("hzconsole.documents")
    docx = pytest.importorskip("docx")
    assert run_plan_import(db, FORMS[form](ZHANGSHU.read_text(encoding="utf-8"))).written
    out = tmp_path / "印发计划.docx"
    documents.generate_document(db, "plan", out, plan="樟树镇", date=date(2024, 6, 17))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于印发《湘阴县樟树镇2024年实施河湖长制工作计划》的通知" in text.replace("\n", "")
    for title in SECTIONS:
        assert title in text
    # The document sets punctuation full-width (,→,): compare the words, not the widths.
    body = unicodedata.normalize("NFKC", text.replace("\n", ""))
    for seq, task in reference_tasks().items():
        assert unicodedata.normalize("NFKC", f"{seq}.{task.rstrip('。')}") in body, seq
    assert "2024年是新中国成立75周年" in body


WEB_PAGE = """首页 > 政务公开 > 通知公告
當前位置:首頁 | 通知公告 | 正文
關於印發《白沙鎮2025年河湖長制工作要點》的通知
發布日期:2025-03-02  瀏覽次數:128
白沙鎮河長制辦公室
2025年3月1日
白沙鎮2025年河湖長制工作要點
為全面落實河湖長制,制定本要點。
一、強化河長履職
(一)壓實責任
1.落實鎮村兩級河長巡河制度,鎮級河長每月巡河不少於4次。(鎮河長辦牽頭,各村(社區)配合,各村級河長落實)
(1)建立巡河台賬;
(2)每月通報巡河情況。
2、開展河湖「清四亂」常態化整治(鎮水利站、鎮自然資源所牽頭,鎮綜治辦配合)。
(二)加強考核
3.將河長制工作納入年度考核。
二、加強水污染防治
4.開展入河排污口排查整治。(牽頭單位:鎮生態環境辦;配合單位:各村)
責任編輯:李四
分享到:微信 微博
【打印本頁】【關閉窗口】
網站標識碼:3609000001 贛ICP備12345678號
"""


@pytest.mark.parametrize("form", FORMS)
def test_web_page_in_traditional_characters(db: Database, form: str) -> None:
    f = FORMS[form]
    plan = parse_plan(f(WEB_PAGE).splitlines())
    assert (plan.title, plan.year, plan.issuer) == ("白沙镇2025年河湖长制工作要点", 2025, "白沙镇河长制办公室")
    assert [(s.title, [c.title for c in s.children]) for s in plan.sections] == [
        ("强化河长履职", ["压实责任", "加强考核"]),
        ("加强水污染防治", []),
    ]
    tasks = plan.tasks
    assert [t.seq for t in tasks] == [1, 2, 3, 4]
    assert tasks[0].text == f(
        "落实镇村两级河长巡河制度,镇级河长每月巡河不少于4次。\n(1)建立巡河台账;\n(2)每月通报巡河情况。"
    )
    # The units close the task's first paragraph, before its sub-items.
    assert (tasks[0].lead_units, tasks[0].coop_units, tasks[0].implementers) == (
        "镇河长办",
        f("各村(社区)"),
        "各村级河长",
    )
    assert (tasks[1].text, tasks[1].lead_units, tasks[1].coop_units) == (
        "开展河湖“清四乱”常态化整治。",
        "镇水利站、镇自然资源所",
        "镇综治办",
    )
    assert (tasks[3].lead_units, tasks[3].coop_units) == ("镇生态环境办", "各村")
    assert plan.noise >= 7 and not plan.ignored
    report = run_plan_import(db, f(WEB_PAGE))
    assert report.written and report.source == "粘贴的文本"
    assert db.scalar("SELECT count(*) FROM plan_sections") == 4


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "加强监管。(市水利局牵头,相关成员单位配合,各县(市、区)人民政府落实)",
            ("加强监管。", "市水利局", "相关成员单位", "各县(市、区)人民政府"),
        ),
        (
            "加强监管(市水利局牵头,相关成员单位配合,各县(市、区)人民政府落实)。",
            ("加强监管。", "市水利局", "相关成员单位", "各县(市、区)人民政府"),
        ),
        (
            "整治排污口(牵头单位:市生态环境局;配合单位:市住建局、市水利局;落实单位:各区县)",
            ("整治排污口", "市生态环境局", "市住建局、市水利局", "各区县"),
        ),
        ("打击非法采砂(市公安局负责,市水利局协助)", ("打击非法采砂", "市公安局", "市水利局", None)),
        ("推进“四化(常态化、规范化)”建设", ("推进“四化(常态化、规范化)”建设", None, None, None)),
        ("完成划界(含山塘、水库)。", ("完成划界(含山塘、水库)。", None, None, None)),
    ],
)
def test_units_in_a_trailing_parenthesis(text: str, expected: tuple, form: str) -> None:
    f = FORMS[form]
    u = read_units(f(text))
    assert (u.text, u.lead, u.coop, u.impl) == tuple(f(x) if x else x for x in expected)


@needs_reference
def test_a_text_that_is_no_plan(db: Database) -> None:
    report = preview_plan(db, YANGJIANG)
    assert not report.ok
    assert "没有找到编号的任务" in "".join(report.fatal)


@pytest.mark.parametrize("form", FORMS)
def test_docx_and_gbk_text_files(db: Database, tmp_path: Path, form: str) -> None:
    import docx

    page = FORMS[form](WEB_PAGE)
    document = docx.Document()
    for line in page.splitlines()[6:18]:
        document.add_paragraph(line)
    path = tmp_path / "工作要点.docx"
    document.save(str(path))
    report = preview_plan(db, path, year=2025)
    assert report.ok, report.text()
    assert report.plan.title == "白沙镇2025年河湖长制工作要点" and len(report.plan.tasks) == 4
    gbk = tmp_path / "要点.txt"
    gbk.write_bytes("\n".join(page.splitlines()[6:18]).encode("gb18030"))
    assert len(preview_plan(db, gbk).plan.tasks) == 4
    old = tmp_path / "旧格式.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "另存为 .docx" in preview_plan(db, old).fatal[0]
