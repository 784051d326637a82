"""export_ledger's contract: never overwrite without force, never leave a half file, refuse
options a ledger does not take, report progress; and the CLI over it."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

import pytest
from ledgerhelp import DEMO_TODAY, load, table

from hzconsole.books import patrols as patrol_book
from hzconsole.cli import main
from hzconsole.ledgers import LEDGER_KINDS, LedgerError, export_ledger
from hzconsole.ledgers import build as ledger_build
from hzconsole.store.database import Database, open_database


def test_public_kinds() -> None:
    books = ["rivers", "chiefs", "signboards", "patrols", "problems", "tasks"]
    assert list(LEDGER_KINDS) == books + [f"template-{b}" for b in books]
    patrols = LEDGER_KINDS["patrols"]
    assert (patrols.key, patrols.title, patrols.needs_year, patrols.needs_month) == ("patrols", "巡河台账", True, True)
    assert not LEDGER_KINDS["rivers"].needs_year and LEDGER_KINDS["template-rivers"].template
    assert all(k.title for k in LEDGER_KINDS.values())


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder of its own (the `db` fixture's file sits in tmp_path)."""
    folder = tmp_path / "导出 台账"
    folder.mkdir()
    return folder


def test_existing_output_needs_force(db: Database, out_dir: Path) -> None:
    out = out_dir / "名录 2024.xlsx"
    out.write_bytes(b"clerk's own file")
    with pytest.raises(LedgerError, match="已存在") as refused:
        export_ledger(db, "rivers", out)
    assert "--force" not in refused.value.message  # how to overwrite is each front end's to say
    assert out.read_bytes() == b"clerk's own file"
    export_ledger(db, "rivers", out, force=True)
    assert load(out).worksheets[0].title == "河湖名录"
    assert [p.name for p in out_dir.iterdir()] == [out.name]


def test_failed_export_leaves_no_file(db: Database, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx, **kw):
        ledger_build.rivers(ctx, **kw)
        raise RuntimeError("disk pulled")

    monkeypatch.setitem(inspect.getmodule(export_ledger)._BUILDERS, "rivers", broken)
    with pytest.raises(RuntimeError):
        export_ledger(db, "rivers", out_dir / "河湖.xlsx")
    assert list(out_dir.iterdir()) == []


def test_bad_requests_are_refused_in_chinese(db: Database, out_dir: Path) -> None:
    with pytest.raises(LedgerError, match="没有名为「boats」的台账"):
        export_ledger(db, "boats", out_dir / "a.xlsx")
    with pytest.raises(LedgerError, match="不按年度导出"):
        export_ledger(db, "rivers", out_dir / "a.xlsx", year=2024)
    with pytest.raises(LedgerError, match="不按月份导出"):
        export_ledger(db, "problems", out_dir / "a.xlsx", month=3)
    with pytest.raises(LedgerError, match="月份应为"):
        export_ledger(db, "patrols", out_dir / "a.xlsx", year=2024, month=13)
    with pytest.raises(LedgerError, match="不存在"):
        export_ledger(db, "rivers", out_dir / "没有这个文件夹" / "a.xlsx")
    assert list(out_dir.iterdir()) == []


def test_progress_reaches_the_total(demo_db: Database, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_ledger(
        demo_db,
        "patrols",
        tmp_path / "p.xlsx",
        year=2024,
        today=DEMO_TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls and calls[-1][0] == calls[-1][1] > 1000
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_patrol_rows_are_streamed(demo_db: Database) -> None:
    start, end = date(2024, 6, 1), date(2024, 6, 30)
    rows = patrol_book.iter_ledger_rows(demo_db, start, end, batch=7)
    assert inspect.isgenerator(rows)
    first = next(rows)
    assert {"date", "person_name", "river_name", "seen"} <= first.keys()
    rest = list(rows)
    assert 1 + len(rest) == patrol_book.count_between(demo_db, start, end) > 7
    assert all(start.isoformat() <= r["date"] <= end.isoformat() for r in rest)


def test_month_ledger_holds_only_that_month(demo_db: Database, tmp_path: Path) -> None:
    out = export_ledger(demo_db, "patrols", tmp_path / "6月.xlsx", year=2024, month=6, today=DEMO_TODAY)
    ws = load(out).worksheets[0]
    dates = [r["巡河日期"] for r in table(ws)]
    assert len(dates) == patrol_book.count_between(demo_db, date(2024, 6, 1), date(2024, 6, 30))
    assert {(d.year, d.month) for d in dates} == {(2024, 6)}


def test_cli_exports_and_refuses_overwrite(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "问题 台账.xlsx"
    assert main(["ledger", "problems", "--db", str(demo_path), "-o", str(out), "--year", "2024"]) == 0
    assert "已导出问题整改台账" in capsys.readouterr().out
    assert load(out).worksheets[0].title.startswith("问题整改台账")
    assert main(["ledger", "problems", "--db", str(demo_path), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["ledger", "problems", "--db", str(demo_path), "-o", str(out), "--force"]) == 0
    assert main(["ledger", "boats", "--db", str(demo_path), "-o", str(out)]) == 1
    assert "没有名为「boats」的台账" in capsys.readouterr().err


def test_cli_help_lists_every_kind(capsys) -> None:
    assert main(["ledger", "--help"]) == 0
    text = capsys.readouterr().out
    for key, kind in LEDGER_KINDS.items():
        assert key in text and kind.title in text
    assert "示例" in text


def test_all_years_patrol_ledger_from_the_cli(demo_path: Path, tmp_path: Path, capsys) -> None:
    """Issue 13 point 11: every patrol the file holds, whatever its year, in one sheet."""
    out = tmp_path / "历年巡河台账.xlsx"
    assert main(["ledger", "patrols", "--db", str(demo_path), "-o", str(out), "--all-years"]) == 0
    assert "已导出巡河台账" in capsys.readouterr().out
    sheets = load(out).worksheets
    assert [ws.title for ws in sheets] == ["巡河台账"]  # no compliance sheet over years
    with open_database(demo_path, readonly=True) as db:
        first, last, count = db.query("SELECT min(date), max(date), count(*) FROM patrols")[0]
    assert sheets[0]["A1"].value == f"青石镇河长制办公室{first[:4]}\u2014{last[:4]}年巡河台账"
    assert len(table(sheets[0])) == count
    assert (
        main(["ledger", "patrols", "--db", str(demo_path), "-o", str(out), "--all-years", "--year", "2024", "--force"])
        == 1
    )
    assert main(["ledger", "rivers", "--db", str(demo_path), "-o", str(out), "--all-years", "--force"]) == 1
