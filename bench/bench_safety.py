"""Data-safety bench (issue 11): what the new checks cost on the ten-year township file
(≈100,000 patrols, ≈170 MB), each beside a floor measured in the same run.

    python bench/bench_safety.py                 # the cached ten-year file (bench/_bigdb.py)
    python bench/bench_safety.py --keep b.db     # build (or reuse) the file at this path

- open: open_database as the writer, beside connect + read the schema; with a hot journal
  left by a killed write, open_database (proves the journal is the file's own: header,
  page 1, replay on a copy + quick_check, then rolls it back) beside plain SQLite rolling
  the same journal back;
- first write of a session: PRAGMA quick_check (Database.verify), the daily backup (which
  was there before), and the whole first transaction, beside a bare INSERT + COMMIT;
- a later write with synchronous=EXTRA beside FULL; a .docx written durably (fsync of the
  file and the folder) beside a plain write.

The files are in the OS cache (warm) after the first run; on a USB stick a cold first read
of the file costs its size / the stick's read speed once, shared by quick_check and the
daily backup (the second reads the pages the first brought in).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from _bigdb import private_copy, ten_year_file
from _timing import timed

HANGER = r"""
import sys, time
from hzconsole.store.database import open_database
db = open_database(sys.argv[1])
db.conn.execute("PRAGMA cache_size = 1")
with db.transaction():
    for i in range(3000):
        db.insert("people", {"name": f"未提交{i}", "notes": "备注" * 100})
    print("inside", flush=True)
    time.sleep(60)
"""


def line(what: str, seconds: float, floor: float | None = None, note: str = "") -> None:
    floor_text = f"   floor {floor * 1000:8.1f} ms" if floor is not None else " " * 22
    print(f"  {what:<44} {seconds * 1000:9.1f} ms{floor_text}   {note}")


def hot_journal(path: Path) -> None:
    """Leave a hot journal beside `path`: a writer killed in the middle of a transaction."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGER, str(path)], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the file at this path and keep it")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="hzbench-safety-")
    work = Path(tmp.name)
    os.environ["HZCONSOLE_DATA_DIR"] = str(work / "data")

    from hzconsole.store.backup import make_backup
    from hzconsole.store.database import open_database
    from hzconsole.store.durable import replace_durably

    print(
        f"hzconsole data-safety bench — Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs"
    )
    source, _built = ten_year_file(args.keep)
    path = private_copy(source, work / "stick" / "台账.db")
    print(f"  file: {path.stat().st_size / 1e6:.1f} MB")
    open_database(path).close()  # warm the cache (and migrate a file built by older code)

    print(f"open (median of {args.repeat}):")
    floor, _ = timed(
        lambda: sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone(), args.repeat
    )
    seconds, _ = timed(lambda: open_database(path).close(), args.repeat)
    line("open_database (writer), no journal", seconds, floor, "floor: connect + read the schema")

    hot_journal(path)
    journal = path.with_name(path.name + "-journal")
    saved = work / "saved"
    saved.mkdir()
    shutil.copyfile(path, saved / "db")
    shutil.copyfile(journal, saved / "journal")
    print(f"  hot journal: {journal.stat().st_size / 1e6:.1f} MB")

    def put_back() -> None:
        shutil.copyfile(saved / "db", path)
        shutil.copyfile(saved / "journal", journal)

    def plain_rollback() -> None:
        conn = sqlite3.connect(path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    def ours() -> None:
        db = open_database(path)
        assert not db.notices or "撤销" in db.notices[0], db.notices
        db.close()

    floors, times = [], []
    for _ in range(args.repeat):
        put_back()
        floors.append(timed(plain_rollback)[0])
        put_back()
        times.append(timed(ours)[0])
    floors.sort()
    times.sort()
    line(
        "open_database with the file's own hot journal",
        times[len(times) // 2],
        floors[len(floors) // 2],
        "floor: SQLite rolls it back unchecked",
    )

    print(f"first write of a session (median of {args.repeat}):")

    def bare_insert() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES ('bench', '1', '')"
            " ON CONFLICT(key) DO UPDATE SET value = value + 1"
        )
        conn.execute("COMMIT")
        conn.close()

    floor, _ = timed(bare_insert, args.repeat)
    db = open_database(path)

    def verify() -> str:
        db._damage = None
        return db.verify()

    seconds, found = timed(verify, args.repeat)
    line("quick_check (Database.verify), new", seconds, floor, f"{found or 'ok'}; floor: a bare INSERT + COMMIT")
    backups = work / "data" / "backups"
    seconds, _ = timed(lambda: make_backup(db, "bench"), args.repeat)
    line("daily backup (SQLite backup API), as before", seconds, floor)
    db.close()

    def first_write() -> None:
        d = open_database(path)
        with d.transaction():
            d.set_setting("bench", 1)
        d.close()

    runs = []
    for _ in range(args.repeat):
        shutil.rmtree(backups, ignore_errors=True)  # so the daily backup is taken, as each morning
        runs.append(timed(first_write)[0])
    runs.sort()
    line("open + first transaction (check + backup + write)", runs[len(runs) // 2], floor)

    print(f"a later write (median of {args.repeat * 4}):")
    for level in ("FULL", "EXTRA"):
        d = open_database(path)
        d.conn.execute(f"PRAGMA synchronous = {level}")
        with d.transaction():  # the session's first: checked and backed up already
            d.set_setting("bench", 0)
        counter = iter(range(10**6))

        def write(d=d, counter=counter) -> None:
            with d.transaction():
                d.set_setting("bench", next(counter))

        seconds, _ = timed(write, args.repeat * 4)
        line(
            f"one transaction, synchronous={level}",
            seconds,
            None,
            "EXTRA: folder synced after the journal goes" if level == "EXTRA" else "before",
        )
        d.close()

    print(f"documents (median of {args.repeat * 4}):")
    data = os.urandom(40_000)  # a few pages of .docx
    out = work / "公文"
    out.mkdir()
    plain, _ = timed(lambda: (out / "plain.docx").write_bytes(data), args.repeat * 4)

    def durable() -> None:
        tmp_file = out / ".d.tmp.docx"
        tmp_file.write_bytes(data)
        replace_durably(tmp_file, out / "durable.docx")

    seconds, _ = timed(durable, args.repeat * 4)
    line("40 KB .docx: write, fsync, rename, fsync folder", seconds, plain, "floor: a plain write")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
