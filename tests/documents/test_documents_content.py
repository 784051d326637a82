"""What the documents say when the books have little to say, or a great deal (issue 13
points 10 and 11): a clerk's warnings, no 巡河0次 pages, no 0%、0%、0%, no past deadline, a
long list grouped by village and level. Read back from the generated .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from hzconsole.books.patrols import patrols
from hzconsole.documents import generate_document
from hzconsole.documents.kinds import circular
from hzconsole.store.database import Database


def text_of(path: Path) -> str:
    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def _drop_patrols(db: Database, start: str, end: str, keep: int = 0) -> None:
    for p in patrols.all(db, "date BETWEEN ? AND ?", (start, end))[keep:]:
        patrols.delete(db, p.id)


def test_a_month_without_records_asks_for_them(demo_db: Database, tmp_path: Path):
    _drop_patrols(demo_db, "2024-10-01", "2024-10-31", keep=3)
    out = generate_document(demo_db, "circular", tmp_path / "通报.docx", year=2024, month=10, date="2024-11-05")
    assert any("可能还没有录入" in n for n in out.notes)
    body = text_of(out.path)
    assert "巡河0次" not in body and "未巡河" not in body and "附件" not in body
    assert "巡河记录3条" in body and "2024年11月12日前报送" in body
    assert out.pages <= 2


def test_a_long_list_of_chiefs_behind_is_grouped(demo_db: Database, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(circular, "LIST_LIMIT", 1)
    out = generate_document(demo_db, "circular", tmp_path / "通报.docx", year=2024, month=10, date="2024-11-05")
    assert any("按村\uff08社区\uff09和层级汇总" in n for n in out.notes)
    d = docx.Document(str(out.path))
    table = d.tables[-2] if len(d.tables) > 2 else d.tables[-1]
    heads = [c.text for c in table.rows[0].cells]
    assert heads[:4] == ["序号", "村\uff08社区\uff09/单位", "层级", "人数"]
    units = [row.cells[1].text for row in table.rows[1:]]
    assert len(units) == len(set(zip(units, [row.cells[2].text for row in table.rows[1:]], strict=True)))


def test_a_summary_without_patrols_or_problems_says_nothing_of_them(db: Database, tmp_path: Path):
    out = generate_document(db, "summary", tmp_path / "总结.docx", year=2024, date="2024-11-20")
    body = text_of(out.path)
    assert "巡河0次" not in body and "0%" not in body and "问题0个" not in body
    assert any("没有巡河记录" in n for n in out.notes) and any("没有登记河湖问题" in n for n in out.notes)


def test_a_forced_assignment_never_asks_for_a_past_deadline(demo_db: Database, tmp_path: Path):
    number, deadline = demo_db.query(
        "SELECT number, deadline FROM problems WHERE status IN ('已交办','整改中') AND deadline < '2024-11-20'"
        " ORDER BY number LIMIT 1"
    )[0]
    out = generate_document(
        demo_db, "assignment", tmp_path / "交办单.docx", problem=number, mode="交办", date="2024-11-20"
    )
    body = text_of(out.path)
    past = date.fromisoformat(deadline)
    assert f"请于{past.year}年{past.month}月{past.day}日前" not in body
    assert "请于2024年12月5日前" in body and f"原定{past.year}年{past.month}月{past.day}日" in body
    assert any("已过" in n for n in out.notes)


@pytest.mark.parametrize("kind", ["circular"])
def test_the_demo_circular_keeps_its_list(demo_db: Database, tmp_path: Path, kind: str):
    out = generate_document(demo_db, kind, tmp_path / "通报.docx", year=2024, month=10, date="2024-11-05")
    assert not out.notes
    assert "未达标时段" in text_of(out.path)


def test_plan_notice_wording_and_issuer(demo_db: Database, tmp_path: Path):
    """Issue 13 point 9: the common forms of a 印发通知; a superior's plan is passed on
    (转发) naming who issued it; our own plan by default says nothing it cannot know."""
    from hzconsole.books.plans import plans

    def first_line(**options) -> tuple[str, str]:
        out = generate_document(
            demo_db, "plan", tmp_path / f"计划{len(list(tmp_path.iterdir()))}.docx", date="2024-06-17", **options
        )
        d = docx.Document(str(out.path))
        body = [p.text for p in d.paragraphs if "给你们" in p.text]
        return out.title, body[0]

    title, line = first_line()
    assert title.startswith("关于印发《") and line.startswith("现将《") and "研究同意" not in line
    _title, line = first_line(wording="研究同意")
    assert "已经镇党委\u3001镇政府研究同意" in line
    _title, line = first_line(wording="会议审议", approver="镇第一次总河长会议")
    assert "已经镇第一次总河长会议审议通过" in line
    plan = plans.all(demo_db)[0]
    plans.update(demo_db, plan.id, {"issuer": "县河长制办公室", "doc_number": "县河办\u30142024\u30153号"})
    title, line = first_line()
    assert title.startswith("关于转发《")
    assert line.startswith("现将县河长制办公室《") and "\uff08县河办\u30142024\u30153号\uff09转发给你们" in line
