"""The 工作总结 beside the six real township summaries of 2023 (issue 13 point 3): about as
many figures, in sentences; rivers and cases from the books; the year's facts the books do
not hold from the yearly records; last year's paragraphs offered."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from hzconsole.books import narratives, yearly
from hzconsole.cli import main
from hzconsole.documents import generate_document
from hzconsole.store.database import Database, open_database

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "work-summaries-2023.txt"
# A figure: a number with its unit or a percentage; not a date, a year, a 文号 or a heading number.
_DATES = re.compile(r"\d{4}年(\d{1,2}月(\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|〔\d{4}〕\d+号|\d{4}\u2014\d{4}")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:%|[\u4e00-\u9fff])")


def figures_in(text: str) -> int:
    return len(_FIGURE.findall(_DATES.sub("", text)))


def body_of(path: Path) -> str:
    d = docx.Document(str(path))
    paras = [p.text for p in d.paragraphs]
    start = next(i for i, t in enumerate(paras) if t.endswith("\uff1a") and "河长制办公室" in t) + 1
    end = max(i for i, t in enumerate(paras) if t.startswith("四、")) + 2
    return "\n".join(paras[start:end])


def real_summaries() -> list[str]:
    if not REFERENCE.exists():
        pytest.skip("reference summaries not available")
    text = REFERENCE.read_text(encoding="utf-8")
    parts = re.split(r"2023年河长制工作总结篇\d+", text)[1:]
    return [p for p in parts if len(p) > 500]


def test_figures_like_a_real_summary(demo_db: Database, tmp_path: Path):
    out = generate_document(demo_db, "summary", tmp_path / "总结.docx", year=2024, date="2024-11-20")
    ours = figures_in(body_of(out.path))
    theirs = [figures_in(t) for t in real_summaries()]
    assert len(theirs) >= 5
    # As many as the real ones quote, give or take (they quote 2 to about 40): not 72.
    assert ours <= max(theirs) and ours <= 25, (ours, theirs)


def test_yearly_records_are_kept_and_quoted(demo_path: Path, tmp_path: Path, capsys):
    assert (
        main(
            [
                "records",
                str(demo_path),
                "--year",
                "2024",
                "--set",
                "meetings=4",
                "--set",
                "cleaners=36",
                "--set",
                "清理河道垃圾和漂浮物=126.5",
                "--set",
                "funding=85",
            ]
        )
        == 0
    )
    assert "清理河道垃圾和漂浮物:126.5吨" in capsys.readouterr().out
    assert main(["records", str(demo_path), "--year", "2024", "--set", "meetings=四次"]) == 1
    assert "应填写数字" in capsys.readouterr().err
    out = tmp_path / "总结.docx"
    assert (
        main(["doc", "summary", "--db", str(demo_path), "-o", str(out), "--year", "2024", "--date", "2024-11-20"]) == 0
    )
    body = body_of(out)
    assert "召开河长制工作会议4次" in body and "聘用河道保洁员36名" in body
    assert "累计清理河道垃圾和漂浮物126.5吨" in body and "投入河长制工作资金85万元" in body
    assert "河长令" not in body and "宣传活动" not in body  # not filled: not written


def test_a_summary_without_yearly_records_says_so(demo_db: Database, tmp_path: Path):
    out = generate_document(demo_db, "summary", tmp_path / "总结.docx", year=2024, date="2024-11-20")
    assert any("年度工作记录" in n for n in out.notes)
    assert "召开河长制工作会议" not in body_of(out.path)


def test_register_and_slips_are_quoted(demo_db: Database, tmp_path: Path):
    generate_document(
        demo_db,
        "notice",
        tmp_path / "n.docx",
        title="关于开展汛前河道清障的通知",
        body="请各村清障。",
        date="2024-05-10",
    )
    number = demo_db.scalar("SELECT number FROM problems WHERE status IN ('已交办','整改中') ORDER BY number")
    generate_document(demo_db, "assignment", tmp_path / "a.docx", problem=number, date="2024-11-20")
    out = generate_document(demo_db, "summary", tmp_path / "总结.docx", year=2024, date="2024-11-20")
    body = body_of(out.path)
    assert re.search(r"印发《关于开展汛前河道清障的通知》\uff08青河办\u30142024\u3015\d+号\uff09", body)
    assert re.search(r"印发(问题交办单|督办单)\d份", body) or re.search(r"督办单\d份", body)


def test_last_years_paragraphs_are_offered(demo_db: Database, tmp_path: Path):
    narratives.set_text(demo_db, "summary:2023", "next_steps", "2023年下一步:一是抓好巡河。")
    out = generate_document(demo_db, "summary", tmp_path / "总结.docx", year=2024, date="2024-11-20")
    assert "2024年下一步:一是抓好巡河。".replace(":", "\uff1a") in body_of(out.path)
    assert any("沿用了2023年" in n for n in out.notes)
    assert narratives.get_text(demo_db, "summary:2024", "next_steps") is None  # offered, not saved


def test_yearly_book_refuses_unknown_records(db: Database):
    with pytest.raises(yearly.YearlyRecordError):
        yearly.set_values(db, 2024, {"boats": "3"})
    yearly.set_values(db, 2024, {"meetings": "4", "assessment": "被评为优秀等次"})
    yearly.set_values(db, 2024, {"meetings": ""})
    assert yearly.get_year(db, 2024) == {"assessment": "被评为优秀等次"}


def test_kinds_carry_their_paragraphs_and_scope() -> None:
    """Front ends read a kind's paragraphs and period scope from the kind itself (issue 16)."""
    from hzconsole.documents import DOCUMENT_KINDS

    summary = DOCUMENT_KINDS["summary"]
    assert [key for key, _ in summary.paragraphs] == ["intro", "highlights", "problems", "next_steps"]
    assert summary.scope is not None
    assert summary.scope(2024, 1) == "summary:2024H1"
    assert summary.scope(2024, None) == "summary:2024"
    for kind in DOCUMENT_KINDS.values():
        keeps = any(spec.kind == "narratives" for spec in kind.options)
        assert bool(kind.paragraphs) == keeps and (kind.scope is not None) == keeps, kind.key


def test_the_kind_says_which_period_its_paragraphs_belong_to(demo_path: Path, tmp_path: Path) -> None:
    """One rule for the console's form and the document: the year typed, else the year of
    the document's date, else today's; the half year when it is 1 or 2."""
    from datetime import date

    from hzconsole.documents import DOCUMENT_KINDS

    summary, notice = DOCUMENT_KINDS["summary"], DOCUMENT_KINDS["notice"]
    today = date(2025, 3, 1)
    assert summary.narrative_scope({"year": "2024", "half": "1"}, today) == "summary:2024H1"
    assert summary.narrative_scope({"year": 2024, "half": 2}, today) == "summary:2024H2"
    assert summary.narrative_scope({"year": "二〇二四", "half": "3"}, today) == "summary:2024"
    assert summary.narrative_scope({"date": "2023-12-30"}, today) == "summary:2023"
    assert summary.narrative_scope({"date": date(2023, 12, 30)}, today) == "summary:2023"
    assert summary.narrative_scope({}, today) == "summary:2025"
    assert notice.narrative_scope({"year": "2024"}, today) is None
    # The document keeps the paragraphs it was given under that same period.
    with open_database(demo_path) as db:
        generate_document(
            db,
            "summary",
            tmp_path / "总结.docx",
            year=2024,
            half=1,
            date=date(2024, 7, 5),
            narratives={"intro": "上半年开头。"},
        )
        assert narratives.get_all(db, summary.narrative_scope({"year": 2024, "half": 1}, today) or "") == {
            "intro": "上半年开头。"
        }
