"""Document bench: the time to write a year's 工作总结 from a ten-year township file
(≈200 rivers, 1,000 people, 100,000 patrols, 10,000 problems), beside the time of the
queries that feed it.

    python bench/bench_documents.py                 # the cached ten-year file (bench/_bigdb.py)
    python bench/bench_documents.py --keep b.db     # build (or reuse) the file at this path

Lines, from the floor up:
  SQL floor        plain sqlite3 fetching every row the summary reads (the year's patrols,
                   all problems, appointments, boards, rivers)
  figures          figures.summary + chief_compliance (the numbers the summary quotes)
  compose          the above + narratives + template + mark-up (the document, not yet written)
  generate         compose + next 文号 + .docx written + register row, in one transaction
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from _bigdb import TODAY, private_copy, row_counts, ten_year_file
from _timing import timed

YEAR = 2023  # the last full year of the ten


def line(what: str, seconds: float, note: str = "") -> None:
    print(f"  {what:<44} {seconds * 1000:9.1f} ms   {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the file at this path and keep it")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="hzbench-doc-")
    work = Path(tmp.name)
    os.environ.setdefault("HZCONSOLE_DATA_DIR", str(work / "data"))

    from hzconsole import figures
    from hzconsole.documents import DOCUMENT_KINDS, generate_document
    from hzconsole.documents.generate import compose
    from hzconsole.rules.periods import year_range
    from hzconsole.store.database import open_database

    print(
        f"hzconsole document bench — Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs"
    )
    source, seconds = ten_year_file(args.keep)
    if seconds is not None:
        line("create (demo generator)", seconds)
    counts = row_counts(source, ("rivers", "people", "appointments", "signboards", "patrols", "problems", "tasks"))
    print("  rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))

    # generate writes the register: never the kept or cached file
    path = private_copy(source, work / "bench copy.db")
    start, end = year_range(YEAR)
    s_iso, e_iso = start.isoformat(), end.isoformat()
    print(f"工作总结 of {YEAR} (median of {args.repeat}):")

    raw = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    queries = [
        (
            "SELECT person_id, river_id, date, duration_min, distance_km FROM patrols WHERE date BETWEEN ? AND ?",
            (s_iso, e_iso),
        ),
        (
            "SELECT id, number, river_id, status, found_date, deadline, fixed_date, closed_date, source, category"
            " FROM problems",
            (),
        ),
        (
            "SELECT a.person_id, p.name, a.level, a.role, a.river_id, a.segment_id, a.start_date, a.end_date"
            " FROM appointments a JOIN people p ON p.id = a.person_id",
            (),
        ),
        ("SELECT id, number, river_id, segment_id, content_date, condition FROM signboards", ()),
        ("SELECT id, name, kind, level, catchment_km2, length_km FROM rivers", ()),
    ]
    floor, rows = timed(lambda: [raw.execute(sql, p).fetchall() for sql, p in queries], args.repeat)
    line("SQL floor (rows the summary reads)", floor, f"{sum(len(r) for r in rows):,} rows")
    raw.close()

    db = open_database(path)
    seconds, s = timed(lambda: figures.summary(db, start, end), args.repeat)
    line("figures.summary", seconds, f"patrols {s.patrols_total:,}, problems found {s.problems_found:,}")
    fig_total, _ = timed(
        lambda: (figures.summary(db, start, end), figures.chief_compliance(db, start, end, as_of=TODAY)), args.repeat
    )
    line("figures (summary + compliance)", fig_total)
    kind = DOCUMENT_KINDS["summary"]
    options = {"year": YEAR, "date": "2024-01-15"}
    seconds, _ = timed(lambda: compose(db, kind, dict(options)), args.repeat)
    line("compose (figures + template + mark-up)", seconds)
    n = iter(range(10_000))
    first, result = timed(lambda: generate_document(db, "summary", work / f"总结{next(n)}.docx", **options))
    line("generate_document, first in the process", first, f"{result.doc_number}")
    seconds, result = timed(
        lambda: generate_document(db, "summary", work / f"总结{next(n)}.docx", **options), args.repeat
    )
    size = result.path.stat().st_size
    line("generate_document (write .docx + 文号)", seconds, f"{result.doc_number}, {size / 1024:.0f} KiB")
    print(
        f"  → writing the summary costs {seconds / floor:.1f}× its SQL floor, "
        f"{seconds - fig_total:+.3f} s beyond the figures"
    )
    seconds, result = timed(
        lambda: generate_document(db, "plan", work / f"计划{next(n)}.docx", date="2024-06-17"), args.repeat
    )
    line("generate_document plan notice", seconds, result.doc_number)
    seconds, result = timed(
        lambda: generate_document(db, "circular", work / f"通报{next(n)}.docx", year=2024, month=10, date="2024-11-05"),
        args.repeat,
    )
    line(
        "generate_document 巡河通报 (one month)",
        seconds,
        f"{result.doc_number}, {result.pages} pages (未达标名单 grouped by village and level)",
    )
    db.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
