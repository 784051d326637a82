"""The demo township: deterministic for a seed, and as described in the issue."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

from hzconsole import figures
from hzconsole.books.terms import PROBLEM_STATUSES
from hzconsole.demo import create_demo
from hzconsole.rules.compliance import by_level
from hzconsole.store.check import check_file
from hzconsole.store.database import BOOK_TABLES, Database

DEMO_TODAY = date(2024, 11, 20)  # as tests/conftest.py builds the session's demo file


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every book table and the change log, sorted, without what is random by design: the
    file's own id and the ids of log entries and batches."""
    conn = sqlite3.connect(path)
    out = {}
    for table in BOOK_TABLES:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        if table == "settings":
            rows = [r for r in rows if r[0] != "file_id"]
        out[table] = sorted(rows, key=repr)
    out["change_log"] = sorted(
        conn.execute(
            "SELECT at, actor, table_name, row_id, op, before, after FROM change_log WHERE row_id <> 'file_id'"
        ).fetchall(),
        key=repr,
    )
    conn.close()
    return out


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    a, b, c = tmp_path / "一.db", tmp_path / "二.db", tmp_path / "三.db"
    create_demo(a, seed=7, today=DEMO_TODAY).close()
    create_demo(b, seed=7, today=DEMO_TODAY).close()
    create_demo(c, seed=8, today=DEMO_TODAY).close()
    first, second = _dump(a), _dump(b)
    for table in first:
        assert first[table] == second[table], table
    assert _dump(c)["people"] != first["people"]
    # Books only: the change log holds one entry per run of inserts, not one per row.
    assert sum(len(rows) for table, rows in first.items() if table != "change_log") > 3000


def test_demo_township_is_as_described(demo_db: Database) -> None:
    db = demo_db
    today = DEMO_TODAY
    count = lambda sql: db.scalar(sql)  # noqa: E731
    assert count("SELECT count(*) FROM rivers") == 20
    assert count("SELECT count(DISTINCT river_id) FROM segments") >= 5
    assert 55 <= count("SELECT count(*) FROM people") <= 75
    assert count("SELECT count(*) FROM appointments WHERE end_date IS NOT NULL") >= 8  # past
    assert count("SELECT count(*) FROM appointments WHERE end_date IS NULL") >= 50  # current
    # Every role a township has, at every level.
    roles = {r[0] for r in db.query("SELECT DISTINCT role FROM appointments")}
    assert {"总河长", "副总河长", "河长", "巡河员", "保洁员", "民间河长", "警长"} <= roles
    levels = {r[0] for r in db.query("SELECT DISTINCT level FROM appointments")}
    assert levels == {"县级", "乡级", "村级"}

    assert count("SELECT count(*) FROM signboards") == 40
    stale = figures.stale_signboards(db, today)
    assert 0 < len(stale) < 40

    first, last, n = db.query_one("SELECT min(date), max(date), count(*) FROM patrols")
    assert date.fromisoformat(first) >= today - timedelta(days=366)
    assert date.fromisoformat(last) <= today
    assert n > 2000
    rows = figures.chief_compliance(db, today - timedelta(days=365), today, as_of=today)
    behind = [r for r in rows if r.assessed and not r.compliant]
    keeping = [r for r in rows if r.compliant]
    assert behind and keeping and len(keeping) > len(behind)
    assert all(lv.chiefs for lv in by_level(rows))

    assert count("SELECT count(*) FROM problems") == 50
    statuses = {r[0]: r[1] for r in db.query("SELECT status, count(*) FROM problems GROUP BY status")}
    assert set(statuses) == set(PROBLEM_STATUSES)
    assert figures.overdue_problems(db, today)

    assert count("SELECT count(*) FROM plans") == 1
    assert count("SELECT count(*) FROM tasks") == 20
    assert count("SELECT count(*) FROM plan_sections") == 7
    assert check_file(db.path).healthy
