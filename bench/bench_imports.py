"""Import bench: a 10,000-row patrol workbook (a year of a township's paper sheets, with a
title row and a two-level header) previewed, imported, and imported again, each beside its
floor: openpyxl reading the same cells, and SQLite inserting the same rows with the change log.

    python bench/bench_imports.py            # 10,000 rows
    python bench/bench_imports.py --rows 50000

Also times the plan import of the reference plan notice when ../shared/reference is there.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _bigdb import TODAY, demo_file, private_copy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(label: str, fn, results: dict) -> object:
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    print(f"  {label:<44} {results[label]:7.2f} s")
    return value


def build_workbook(path: Path, db, rows: int, seed: int = 7) -> None:
    """A year of patrols by the demo's chiefs, written as villages type them."""
    import openpyxl

    pairs = [
        (r["name"], r["unit"], r["river"])
        for r in db.query(
            "SELECT p.name, p.unit, r.name AS river FROM appointments a JOIN people p ON p.id = a.person_id"
            " JOIN rivers r ON r.id = a.river_id WHERE a.role = '河长' AND a.end_date IS NULL"
        )
    ]
    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("巡河记录")
    ws.append(["青石镇2024年巡河记录"])
    ws.append(
        [
            "序号",
            "巡河日期",
            "河长姓名",
            "单位",
            "所巡河湖",
            "巡河时间",
            None,
            "巡河里程(米)",
            "巡查情况",
            "是否现场处理",
        ]
    )
    ws.append([None, None, None, None, None, "开始", "结束"])
    start = date(2024, 1, 1)
    seen = set()
    n = 0
    while n < rows:
        name, unit, river = rng.choice(pairs)
        day = start + timedelta(days=rng.randrange(366))
        hour, minute = rng.randrange(7, 18), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
        key = (day, name, unit, river, hour, minute)
        if key in seen:
            continue
        seen.add(key)
        n += 1
        when = day.isoformat() if n % 3 else f"{day.year}.{day.month}.{day.day}"
        ws.append(
            [
                n,
                when,
                name,
                unit,
                river,
                f"{hour}:{minute:02d}",
                f"{hour + 1}:{minute:02d}",
                rng.randrange(300, 6000),
                rng.choice(("河面整洁", "无异常", "发现垃圾,已清理")),
                rng.choice(("是", "否")),
            ]
        )
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hz-bench-import-"))
    os.environ["HZCONSOLE_DATA_DIR"] = str(folder / "data")

    from hzconsole.imports import preview_import, preview_plan, run_import, run_plan_import
    from hzconsole.imports.workbook import read_workbook
    from hzconsole.store.database import new_id, open_database

    results: dict[str, float] = {}
    print(f"import bench: {args.rows:,} patrol rows, in {folder}")
    # The default demo township, cached; the bench empties its patrols, so it works on a copy.
    demo = open_database(private_copy(demo_file(today=TODAY)[0], folder / "青石镇.db"))
    # The books without the demo's own patrols, so every row is new.
    with demo.transaction():
        demo.conn.execute("UPDATE problems SET patrol_id = NULL")
        demo.conn.execute("DELETE FROM patrols")
    book = folder / "巡河记录.xlsx"
    timed("write the workbook (openpyxl, write-only)", lambda: build_workbook(book, demo, args.rows), results)
    print(f"  {'workbook size':<44} {book.stat().st_size / 1e6:7.2f} MB")

    timed("floor: read every cell (openpyxl read-only)", lambda: read_workbook(book), results)
    report = timed("preview_import (dry run)", lambda: preview_import(demo, "patrols", book), results)
    assert report.ok and report.counts["add"] == args.rows, report.text(limit=5)
    report = timed("run_import (validate + one transaction)", lambda: run_import(demo, "patrols", book), results)
    assert report.written
    again = timed("run_import again (all rows unchanged)", lambda: run_import(demo, "patrols", book), results)
    assert again.counts["same"] == args.rows and not again.written

    rows = [dict(r) for r in demo.query("SELECT * FROM patrols")]

    def raw_inserts() -> None:
        # The same rows once more, straight through Database.insert (logged, one transaction).
        with demo.transaction():
            for r in rows:
                demo.insert("patrols", {**r, "id": new_id()})

    timed("floor: Database.insert of the same rows", raw_inserts, results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {'peak memory of the process':<44} {peak:7.0f} MB")

    reference = ROOT.parent / "shared" / "reference" / "zhangshu-2024-plan-notice.txt"
    if reference.exists():
        timed("preview_plan (reference plan notice)", lambda: preview_plan(demo, reference), results)
        timed("run_plan_import (reference plan notice)", lambda: run_plan_import(demo, reference), results)
    per_row = results["run_import (validate + one transaction)"] / args.rows * 1e6
    print(f"  {'import time per row':<44} {per_row:7.0f} µs")
    print(json.dumps({k: round(v, 3) for k, v in results.items()}, ensure_ascii=False))
    demo.close()


if __name__ == "__main__":
    main()
