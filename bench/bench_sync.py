"""The travelling file at ten-year scale (issue 15): the change log's share of the file (as this
version writes it, and written whole as before then compacted by schema 0002), the
roll-up of 20 ten-year townships, and the merge of two ten-year copies with 1,000 changes on
each side.

    python bench/bench_sync.py                  # all three
    python bench/bench_sync.py --townships 5    # a smaller roll-up
    python bench/bench_sync.py --skip-rollup --skip-log

Aims: the roll-up of 20 townships under a minute, the merge under 10 s, on a 2-core machine.
The township files are copies of the cached ten-year file (bench/_bigdb.py) each given its
own identity and office, as twenty townships' files would have.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

from _bigdb import ten_year_file

PLACES = (
    "青石",
    "白沙",
    "龙潭",
    "石门",
    "黄田",
    "大坪",
    "长岭",
    "新塘",
    "柳溪",
    "高桥",
    "桃源",
    "梅林",
    "东港",
    "西岭",
    "南岸",
    "北湖",
    "枫林",
    "竹溪",
    "云山",
    "金滩",
)


def size_report(path: Path) -> None:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        total = path.stat().st_size
        log = conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'change_log'"
            " OR name LIKE 'change_log_%' OR name = 'sqlite_autoindex_change_log_1'"
        ).fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    except sqlite3.OperationalError:  # SQLite without dbstat
        log, entries = 0, 0
    finally:
        conn.close()
    print(
        f"  file {total / 1e6:.1f} MB, change log (with its indexes) {log / 1e6:.1f} MB"
        f" in {entries:,} entries ({log / total:.0%} of the file)"
    )


def bench_log_size(work: Path) -> None:
    """The ten-year file with the log written whole (as before schema 2), then compacted by
    the SQL of schemas/0002 and VACUUMed, as opening such a file does."""
    from hzconsole.store.database import Database
    from hzconsole.store.migrations import MIGRATIONS, _reclaim, split_statements

    compact_log = Database._log
    Database._log = lambda self, t, r, op, b, a: self._write_log(t, r, op, b, a)  # the old log
    try:
        path, _ = ten_year_file(work / "旧日志.db")
    finally:
        Database._log = compact_log
    print("ten-year file, change log written whole (before schema 2):")
    size_report(path)
    conn = sqlite3.connect(path, isolation_level=None)
    start = time.perf_counter()
    conn.execute("BEGIN")
    for stmt in split_statements(next(m for m in MIGRATIONS if m.version == 2).sql):
        conn.execute(stmt)
    conn.execute("COMMIT")
    _reclaim(conn)
    conn.close()
    print(f"  compacted by the 0002 migration and VACUUM in {time.perf_counter() - start:.1f} s:")
    size_report(path)
    path.unlink()


def as_township(source: Path, target: Path, place: str) -> Path:
    """A copy of the ten-year file as another township: own file_id and office."""
    shutil.copyfile(source, target)
    conn = sqlite3.connect(target)
    with conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'file_id'", (json.dumps(str(uuid.uuid4())),))
        conn.execute("UPDATE settings SET value = ? WHERE key = 'office_name'", (json.dumps(f"{place}镇河长制办公室"),))
    conn.close()
    return target


def bench_rollup(source: Path, work: Path, count: int) -> None:
    from hzconsole.sync.rollup import rollup

    files = [
        as_township(source, work / f"{PLACES[i % 20]}{i // 20 or ''}镇.db", PLACES[i % 20] + str(i // 20 or ""))
        for i in range(count)
    ]
    out = work / "县汇总.db"
    start = time.perf_counter()
    result = rollup(files, out, year=2023)
    seconds = time.perf_counter() - start
    print(
        f"rollup of {count} ten-year townships: {seconds:.1f} s ({len(result.read)} read,"
        f" {len(result.townships) - len(result.read)} skipped), county file {out.stat().st_size / 1e6:.0f} MB"
        f"   aim: 20 under 60 s"
    )
    start = time.perf_counter()
    rollup(files[:1], out, year=2023)
    print(f"  re-run with one newer township: {time.perf_counter() - start:.1f} s")
    bench_county_view(out, files[0])
    for f in files:
        f.unlink()


def bench_county_view(out: Path, township: Path) -> None:
    """What the county clerk waits for in the console: the county 首页 (the ranking), and a
    township's 首页 agenda and patrol list read through the county file's views, beside the
    same read on the township's own file (the floor)."""
    from datetime import date

    from hzconsole import listing
    from hzconsole.agenda import agenda
    from hzconsole.store.database import open_database
    from hzconsole.sync.county_file import open_township
    from hzconsole.sync.rollup import county_figures, ranked

    today = date(2023, 12, 20)
    start = time.perf_counter()
    with open_database(out) as db:
        towns = ranked(county_figures(db))
    print(f"county console: 首页 ranking of {len(towns)} townships {time.perf_counter() - start:.2f} s")
    with open_database(township, readonly=True) as own:
        file_id = own.file_id
        start = time.perf_counter()
        agenda(own, today)
        floor_agenda = time.perf_counter() - start
        start = time.perf_counter()
        listing.warm(own, "patrols", today)
        floor_list = time.perf_counter() - start
    start = time.perf_counter()
    view, _town = open_township(out, file_id)
    opened = time.perf_counter() - start
    with view:
        start = time.perf_counter()
        agenda(view, today)
        view_agenda = time.perf_counter() - start
        start = time.perf_counter()
        listing.warm(view, "patrols", today)
        view_list = time.perf_counter() - start
    print(
        f"  a township from the county file: open {opened:.2f} s, 首页 agenda {view_agenda:.2f} s"
        f" (its own file: {floor_agenda:.2f} s), patrol list {view_list:.2f} s (its own file: {floor_list:.2f} s)"
    )


def bench_merge(source: Path, work: Path, changes: int) -> None:
    from hzconsole.books.problems import problems
    from hzconsole.store.database import open_database
    from hzconsole.sync.merge import apply_merge, plan_merge

    ours, theirs = work / "镇河长办.db", work / "水利站.db"
    shutil.copyfile(source, ours)
    shutil.copyfile(source, theirs)
    rng = random.Random(15)
    with open_database(ours) as db:
        patrol_ids = [r[0] for r in db.query("SELECT id FROM patrols ORDER BY id")]
        problem_ids = [r[0] for r in db.query("SELECT id FROM problems ORDER BY id")]
    shared = rng.sample(problem_ids, 20)  # the same problems changed on both sides: conflicts
    for path, side in ((ours, "镇"), (theirs, "站")):
        with open_database(path) as db, db.transaction(actor=f"bench:{side}"):
            for pid in rng.sample(patrol_ids, changes // 2 - 20):
                db.update("patrols", pid, {"seen": f"{side}复核:河面整洁"})
            for pid in shared:
                db.update("problems", pid, {"measures": f"{side}:限期清理"})
            river = db.scalar("SELECT river_id FROM patrols LIMIT 1")
            person = db.scalar("SELECT person_id FROM patrols LIMIT 1")
            for n in range(changes // 2):
                # Different sheets on the two sides (not one sheet entered twice: see NATURAL_KEYS).
                db.insert(
                    "patrols",
                    {
                        "date": "2024-11-19" if side == "镇" else "2024-11-18",
                        "person_id": person,
                        "river_id": river,
                        "start_time": f"{7 + n // 60:02d}:{n % 60:02d}",
                        "duration_min": 30 + n % 30,
                        "distance_km": 1.0,
                        "seen": f"{side}补录",
                    },
                )
    with open_database(ours) as db, open_database(theirs, readonly=True) as other:
        start = time.perf_counter()
        plan = plan_merge(db, other)
        planned = time.perf_counter() - start
        decisions = {c.number: "theirs" for c in plan.conflicts}
        start = time.perf_counter()
        result = apply_merge(db, theirs, plan, decisions)
        applied = time.perf_counter() - start
        start = time.perf_counter()
        again = plan_merge(db, other)
        second = time.perf_counter() - start
        assert problems.count(db) > 0
    print(
        f"merge of two ten-year copies, {changes:,} changes each side: plan {planned:.2f} s,"
        f" apply {applied:.2f} s (backup included), total {planned + applied:.2f} s   aim: under 10 s"
    )
    print(
        f"  {len(plan.actions):,} writes, {len(plan.conflicts)} conflicts, {len(plan.log_entries):,} log entries"
        f" added, {result.written:,} written; second merge {second:.2f} s,"
        f" nothing to do: {again.nothing_to_do}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--townships", type=int, default=20)
    parser.add_argument("--changes", type=int, default=1000, help="changes on each side of the merge")
    parser.add_argument("--skip-rollup", action="store_true")
    parser.add_argument("--skip-merge", action="store_true")
    parser.add_argument("--skip-log", action="store_true", help="skip building the file with the old log")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="hzbench-sync-")
    work = Path(tmp.name)
    os.environ.setdefault("HZCONSOLE_DATA_DIR", str(work / "data"))
    print(
        f"hzconsole sync bench — Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version},"
        f" {os.cpu_count()} CPUs"
    )
    source, _built = ten_year_file()
    print("ten-year file as this version writes it:")
    size_report(source)
    if not args.skip_log:
        bench_log_size(work)
    if not args.skip_merge:
        bench_merge(source, work, args.changes)
    if not args.skip_rollup:
        bench_rollup(source, work, args.townships)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
