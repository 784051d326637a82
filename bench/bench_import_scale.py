"""Import at a decade's size: the same patrol workbook at several row counts, each step in a
process of its own so its peak memory is its own, beside the floor measured in the same run
(reading the workbook's cells alone).

    python bench/bench_import_scale.py                  # 20,000 and 100,000 rows
    python bench/bench_import_scale.py --rows 10000 300000

Per row count: the floors (read_workbook: reading the cells; insert: Database.insert of the
rows the import wrote, change log included, in one transaction), the dry run
(preview_import) and the import into a copy of the demo township without patrols
(run_import: every row validated and written in one transaction). Printed: seconds and peak
memory (MB) of each step. The import's own work is import − insert floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _bigdb import TODAY, demo_file, private_copy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

STEPS = ("floor", "preview", "import", "insert")


def child(step: str, book: str, db: str) -> None:
    """One step, in this process: prints {"seconds", "peak_mb"}."""
    from hzconsole.imports import preview_import, run_import
    from hzconsole.imports.workbook import read_workbook
    from hzconsole.store.database import open_database

    if step == "insert":
        # The other floor: the rows the import wrote, inserted again into a copy without
        # them, straight through Database.insert (change log included), one transaction.
        with open_database(Path(book)) as done:
            rows = [dict(r) for r in done.query("SELECT * FROM patrols")]
        from hzconsole.store.database import new_id

        start = time.perf_counter()
        with open_database(Path(db)) as database:
            database.conn.execute("PRAGMA cache_size = -65536")
            with database.transaction():
                for r in rows:
                    database.insert("patrols", {**r, "id": new_id()})
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak)}))
        return
    start = time.perf_counter()
    if step == "floor":
        grids = read_workbook(Path(book))
        assert sum(len(g.rows) for g in grids) > 0
    else:
        with open_database(Path(db)) as database:
            fn = preview_import if step == "preview" else run_import
            report = fn(database, "patrols", book)
            assert report.ok and (report.written or step == "preview"), report.text(limit=5)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--child", nargs=3, metavar=("STEP", "BOOK", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from bench_imports import build_workbook

    from hzconsole.store.database import open_database

    folder = Path(tempfile.mkdtemp(prefix="hz-bench-scale-"))
    os.environ["HZCONSOLE_DATA_DIR"] = str(folder / "data")
    empty = private_copy(demo_file(today=TODAY)[0], folder / "空.db")
    with open_database(empty) as db, db.transaction():
        db.conn.execute("UPDATE problems SET patrol_id = NULL")
        db.conn.execute("DELETE FROM patrols")
    figures: dict[str, dict[str, dict[str, float]]] = {}
    print(f"{'rows':>8} {'step':<8} {'seconds':>8} {'peak MB':>8}")
    for rows in args.rows:
        book = folder / f"巡河记录{rows}.xlsx"
        with open_database(empty, readonly=True) as db:
            build_workbook(book, db, rows)
        figures[str(rows)] = {}
        for step in STEPS:
            target = folder / f"{rows}-{step}.db"
            shutil.copyfile(empty, target)
            source = folder / f"{rows}-import.db" if step == "insert" else book
            out = subprocess.run(
                [sys.executable, __file__, "--child", step, str(source), str(target)],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            figures[str(rows)][step] = result
            print(f"{rows:>8,} {step:<8} {result['seconds']:>8.2f} {result['peak_mb']:>8}")
    print(json.dumps(figures))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
