"""How many rows of the real ledgers (tests/fixtures/real/ledgers) land in the right fields:
each ledger, both punctuation forms, .xlsx and .xls, imported into a new file twice: as is,
and with the --map / --default / --add-missing a clerk would add after reading the dry run.
A row counts when every field checked for it holds the sheet's value.

    python bench/real_ledgers.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REAL = ROOT / "tests" / "fixtures" / "real" / "ledgers"


def cell(v: object) -> str:
    from hzconsole.imports.cells import as_text, fold

    return fold(as_text(v) or "").strip()


def same(a: object, b: object) -> bool:
    return cell(a) == cell(b)


def sheet_rows(path: Path, first: int) -> list[list]:
    """The sheet's records: rows below the header whose first cell is a 序号 or a code."""
    from hzconsole.imports.workbook import read_workbook

    return [
        r
        for r in read_workbook(path)[0].rows[first:]
        if r and r[0] is not None and (str(r[0]).strip().isdigit() or str(r[0]).startswith("AF"))
    ]


# ledger: (kind, file stem, first data row index, clerk options, check(row, db) -> right)
def check_l1(row: list, db) -> bool:
    got = db.query_one(
        "SELECT s.location, r.name FROM signboards s JOIN rivers r ON r.id = s.river_id WHERE s.number = ?", (row[21],)
    )
    return got is not None and same(got[0], row[5]) and same(got[1], row[1])


def check_l3(row: list, db) -> bool:
    got = db.query_one(
        "SELECT r.name, p.deadline, p.measures, p.responsible_unit, p.description FROM problems p"
        " JOIN rivers r ON r.id = p.river_id WHERE p.number = ?",
        (row[5],),
    )
    if got is None:
        return False
    deadline = str(row[19]).replace("/", "-")
    y, m, d = (int(x) for x in deadline.split("-"))
    return (
        same(got[0], row[1])
        and got[1] == f"{y:04d}-{m:02d}-{d:02d}"
        and same(got[2] or "", row[16] or "")
        and same(got[3], row[18])
        and (row[15] is None or same(got[4], row[15]))
    )


def check_l5(row: list, db) -> bool:
    got = db.query_one(
        "SELECT r.code, r.length_km, r.catchment_km2, p.name, r.source, r.mouth FROM rivers r"
        " LEFT JOIN rivers p ON p.id = r.parent_id WHERE r.name = ?",
        (row[1],),
    )
    return (
        got is not None
        and got[0] == row[0]
        and got[1] == row[5]
        and got[2] == row[6]
        and same(got[3], row[8])
        and same(got[4], row[9])
        and same(got[5], row[12])
    )


def check_l7(row: list, db) -> bool:
    from hzconsole.imports.cells import to_date

    got = db.query_one(
        "SELECT t.seen FROM patrols t JOIN people p ON p.id = t.person_id JOIN rivers r"
        " ON r.id = t.river_id WHERE t.date = ? AND p.name = ? AND r.name = ?",
        (to_date(row[1], 2024).isoformat(), row[2], row[3]),
    )
    return got is not None and same(got[0], row[5])


def check_l8(row: list, db) -> bool:
    got = db.query_one("SELECT text, lead_units, coop_units, implementers FROM tasks WHERE seq = ?", (row[0],))
    return (
        got is not None
        and cell(row[3]) in cell(got[0])
        and same(got[1], row[4])
        and same(got[2], row[5])
        and same(got[3], row[6])
    )


LEDGERS: list[tuple[str, str, int, list[str], Callable]] = [
    ("signboards", "L1_signboards", 1, ["--add-missing", "--default", "内容更新日期=2018年1月1日"], check_l1),
    (
        "problems",
        "L3_problems",
        1,
        [
            "--add-missing",
            "--map",
            "排水口编号=问题编号",
            "--map",
            "位置=具体位置",
            "--default",
            "发现日期=2016年11月30日",
            "--default",
            "问题描述=排水口待整治",
        ],
        check_l3,
    ),
    ("rivers", "L5_rivers", 1, ["--add-missing"], check_l5),
    ("patrols", "L7_patrols", 4, ["--add-missing"], check_l7),
    ("tasks", "L8_tasks", 2, ["--year", "2017"], check_l8),
]


def main() -> None:
    import contextlib
    import io

    folder = Path(tempfile.mkdtemp(prefix="hz-real-"))
    os.environ["HZCONSOLE_DATA_DIR"] = str(folder / "data")
    from hzconsole.cli import main as cli
    from hzconsole.store.database import create_database, open_database

    totals = {"as is": [0, 0], "as a clerk would": [0, 0]}
    print(f"{'ledger':<24} {'as is':>8} {'clerk':>8}")
    n = 0
    for kind, stem, first, options, check in LEDGERS:
        for form in ("fw", "hw"):
            for ext in ("xlsx", "xls"):
                path = REAL / f"{stem}.{form}.{ext}"
                rows = sheet_rows(path, first)
                line = f"{path.name:<24}"
                for label, opts in (("as is", []), ("as a clerk would", options)):
                    n += 1
                    db_path = folder / f"{n}.db"
                    create_database(db_path, "樟树镇河长制办公室").close()
                    with contextlib.redirect_stdout(io.StringIO()):
                        cli(["import", kind, str(path), "--db", str(db_path), *opts])
                    with open_database(db_path, readonly=True) as db:
                        right = sum(1 for r in rows if check(r, db))
                    totals[label][0] += right
                    totals[label][1] += len(rows)
                    line += f" {right:>4}/{len(rows):<3}"
                print(line)
    for label, (right, total) in totals.items():
        print(f"{label}: {right}/{total} rows in the right fields ({100 * right / total:.0f}%)")


if __name__ == "__main__":
    main()
