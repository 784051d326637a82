"""Storage bench: a ten-year township file (≈200 rivers, 1,000 people, 100,000 patrols,
10,000 problems) and the time to create it, open it, and compute a year's compliance and
summary figures, each beside the raw SQL query that reads the same rows (the floor).

    python bench/bench_store.py                 # the cached ten-year file (bench/_bigdb.py)
    python bench/bench_store.py --fresh         # build it anew, and time the build
    python bench/bench_store.py --keep b.db     # build (or reuse) the file at this path

Aims (issue 2): opening < 0.2 s, a year's compliance < 1 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _bigdb import TODAY, row_counts, ten_year_file
from _timing import timed

YEAR = 2023  # the last full year of the ten


def raw(path: Path, sql: str, params: tuple = ()) -> Callable[[], Any]:
    """The floor: plain sqlite3 on a connection opened beforehand, all rows fetched."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)

    def run() -> Any:
        return conn.execute(sql, params).fetchall()

    return run


def line(what: str, seconds: float, floor: float | None = None, note: str = "") -> None:
    floor_text = f"   SQL floor {floor * 1000:8.1f} ms" if floor is not None else " " * 26
    print(f"  {what:<34} {seconds * 1000:9.1f} ms{floor_text}   {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the file at this path and keep it")
    parser.add_argument("--fresh", action="store_true", help="build the file anew (to time the build)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (median)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="hzbench-")
    os.environ.setdefault("HZCONSOLE_DATA_DIR", str(Path(tmp.name) / "data"))

    from hzconsole import figures
    from hzconsole.rules.compliance import by_level
    from hzconsole.rules.periods import year_range
    from hzconsole.store.database import open_database

    print(
        f"hzconsole storage bench — Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs"
    )
    path, seconds = ten_year_file(args.keep, fresh=args.fresh)
    if seconds is not None:
        line("create (demo generator, 1 transaction)", seconds)

    counts = row_counts(
        path,
        (
            "rivers",
            "segments",
            "people",
            "appointments",
            "signboards",
            "patrols",
            "problems",
            "problem_events",
            "tasks",
            "change_log",
        ),
    )
    print("  rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(f"  file: {path.stat().st_size / 1e6:.1f} MB")

    print(f"open (median of {args.repeat}):")
    floor, _ = timed(
        lambda: sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone(), args.repeat
    )
    seconds, _ = timed(lambda: open_database(path).close(), args.repeat)
    line("open_database (writer)", seconds, floor, "floor: connect + read the schema")
    seconds, _ = timed(lambda: open_database(path, readonly=True).close(), args.repeat)
    line("open_database (read-only)", seconds, floor)

    start, end = year_range(YEAR)
    s_iso, e_iso = start.isoformat(), end.isoformat()
    db = open_database(path, readonly=True)
    print(f"year {YEAR} (median of {args.repeat}):")
    floor, _ = timed(raw(path, "SELECT count(*) FROM patrols WHERE date BETWEEN ? AND ?", (s_iso, e_iso)), args.repeat)
    rows_floor, _ = timed(
        raw(
            path,
            "SELECT person_id, river_id, date, duration_min, distance_km FROM patrols WHERE date BETWEEN ? AND ?",
            (s_iso, e_iso),
        ),
        args.repeat,
    )
    seconds, rows = timed(lambda: figures.chief_compliance(db, start, end, as_of=TODAY), args.repeat)
    levels = by_level(rows)
    note = "; ".join(f"{lv.level} {lv.compliant}/{lv.chiefs}" for lv in levels)
    line("chief_compliance (one year)", seconds, floor, f"{len(rows)} chiefs, compliant {note}")
    line("  └ fetching that year's patrol rows", rows_floor)

    summary_sql = (
        "SELECT (SELECT count(*) FROM patrols WHERE date BETWEEN ?1 AND ?2),"
        " (SELECT count(*) FROM problems), (SELECT count(*) FROM appointments),"
        " (SELECT count(*) FROM signboards), (SELECT count(*) FROM rivers)"
    )
    floor, _ = timed(raw(path, summary_sql, (s_iso, e_iso)), args.repeat)
    seconds, s = timed(lambda: figures.summary(db, start, end), args.repeat)
    line(
        "summary (one year)",
        seconds,
        floor,
        f"patrols {s.patrols_total:,}, problems found {s.problems_found:,}, fixed {s.problems_fixed:,}, "
        f"overdue {s.problems_overdue}",
    )
    seconds, late = timed(lambda: figures.overdue_problems(db, TODAY), args.repeat)
    floor, _ = timed(
        raw(
            path,
            "SELECT count(*) FROM problems WHERE deadline < ? AND status NOT IN ('已整改','已销号')",
            (TODAY.isoformat(),),
        ),
        args.repeat,
    )
    line("overdue_problems (today)", seconds, floor, f"{len(late)} overdue")
    seconds, stale = timed(lambda: figures.stale_signboards(db, TODAY), args.repeat)
    line("stale_signboards (today)", seconds, None, f"{len(stale)} stale")
    db.close()

    from hzconsole.store.check import check_file

    seconds, report = timed(lambda: check_file(path))
    line("check_file (integrity + rules)", seconds, None, "healthy" if report.healthy else str(report.problems[:2]))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
