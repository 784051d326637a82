"""Export 100,000 patrol rows to an Excel ledger: time and peak memory, against the bare SQL.

    python bench/bench_ledgers.py [--keep DIR] [--scale 0.38]

Uses the ten-year township of bench/_bigdb.py (200 rivers, 1,000 people, 10 years, 10,000
problems, 400 boards, 200 roster changes, about 100,000 patrols; built once and cached),
then measures, each in a fresh process so the figures do not mix:

  sql        iterate the cursor of the query that feeds the patrol sheet (nothing else);
  sheet      the patrol sheet alone (streamed: the writer's own cost);
  ledger     the whole 巡河台账 as export_ledger writes it (patrol sheet + compliance sheet
             from figures.chief_compliance, which holds the period's patrol facts in memory);

over 1, 5 and 10 years of patrols (about 10k, 50k and 100k rows), so a flat peak shows the
writer's memory does not grow with the rows. Each is run twice: once for wall time and
ru_maxrss growth, once under tracemalloc for the Python peak (tracemalloc slows the run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _bigdb import PATROL_SCALE, TODAY, row_counts, ten_year_file


def _maxrss_mb() -> float:
    # Linux reports KiB, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def measure(db_path: Path, what: str, years: int, traced: bool) -> dict:
    """One measurement in this (fresh) process; prints a JSON line."""
    import tracemalloc

    from hzconsole.books.patrols import _LEDGER_SQL
    from hzconsole.ledgers import build as ledger_build
    from hzconsole.ledgers.export import LEDGER_KINDS, write_workbook
    from hzconsole.store.database import open_database

    start_day = date(TODAY.year - years + 1, 1, 1)
    db = open_database(db_path, readonly=True)
    rows = db.scalar(
        "SELECT count(*) FROM patrols WHERE date BETWEEN ? AND ?", (start_day.isoformat(), TODAY.isoformat())
    )
    out = Path(tempfile.mkdtemp()) / "巡河台账.xlsx"
    rss_before = _maxrss_mb()
    if traced:
        tracemalloc.start()
    t0 = time.perf_counter()
    if what == "sql":
        n = 0
        for _ in db.conn.execute(_LEDGER_SQL, (start_day.isoformat(), TODAY.isoformat())):
            n += 1
        assert n == rows
    else:
        period = f"{start_day.year}—{TODAY.year}年"

        def fill(ctx):
            ledger_build.patrols_between(ctx, start_day, TODAY, period, compliance=(what == "ledger"))

        write_workbook(db, LEDGER_KINDS["patrols"], out, fill, today=TODAY)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 1e6 if traced else None
    if traced:
        tracemalloc.stop()
    result = {
        "what": what,
        "years": years,
        "rows": rows,
        "seconds": seconds,
        "rss_growth_mb": _maxrss_mb() - rss_before,
        "traced_peak_mb": peak,
        "file_mb": out.stat().st_size / 1e6 if out.exists() else None,
    }
    print(json.dumps(result))
    db.close()
    return result


def run(db_path: Path, what: str, years: int, traced: bool) -> dict:
    cmd = [sys.executable, __file__, "--measure", what, "--db", str(db_path), "--years", str(years)]
    if traced:
        cmd.append("--traced")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the large database in")
    parser.add_argument(
        "--scale", type=float, default=PATROL_SCALE, help=f"demo patrol_scale ({PATROL_SCALE} ≈ 100,000 patrols)"
    )
    parser.add_argument("--measure", choices=("sql", "sheet", "ledger"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--years", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.db, args.measure, args.years, args.traced)
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="hz-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("HZCONSOLE_DATA_DIR", str(folder / "data"))
    db_path, seconds = ten_year_file(folder / f"bench-{args.scale}.db" if args.keep else None, patrol_scale=args.scale)
    n = row_counts(db_path, ("patrols",))["patrols"]
    built = f"built in {seconds:.1f} s" if seconds is not None else "reused"
    print(f"demo database: {n:,} patrols, {built} ({db_path.stat().st_size / 1e6:.0f} MB)")
    print(
        f"{'what':<8}{'years':>6}{'rows':>10}{'time s':>9}{'µs/row':>8}{'RSS+ MB':>9}{'py peak MB':>11}{'xlsx MB':>9}"
    )
    results: dict[tuple[str, int], dict] = {}
    for years in (1, 5, 10):
        for what in ("sql", "sheet", "ledger"):
            timed = run(db_path, what, years, traced=False)
            results[what, years] = timed
            traced = run(db_path, what, years, traced=True)
            per_row = timed["seconds"] / max(timed["rows"], 1) * 1e6
            file_mb = f"{timed['file_mb']:.1f}" if timed["file_mb"] else "-"
            print(
                f"{what:<8}{years:>6}{timed['rows']:>10,}{timed['seconds']:>9.2f}{per_row:>8.1f}"
                f"{timed['rss_growth_mb']:>9.1f}{traced['traced_peak_mb']:>11.1f}{file_mb:>9}"
            )

    sheet, floor = results["sheet", 10], results["sql", 10]
    print(
        f"→ ten years ({sheet['rows']:,} rows): the patrol sheet in {sheet['seconds']:.2f} s "
        f"(aim: under {AIM_SECONDS:.0f} s), {sheet['seconds'] / max(floor['seconds'], 1e-9):.1f}× its floor "
        f"(reading the rows: {floor['seconds']:.2f} s, same run)"
    )


# Issue 13: the ten-year patrol ledger took 16.5 s (xlsxwriter's per-cell calls); rows are
# now written as XML by ledgers/fastrows.py.
AIM_SECONDS = 5.0

if __name__ == "__main__":
    main()
