"""A writer killed with SIGKILL at random moments (the stick pulled, the PC switched off):
the file passes `hzconsole check` and holds every record the writer saw committed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from storehelp import leftovers, sha

from hzconsole.books.models import Person
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import people
from hzconsole.store import messages as msg
from hzconsole.store.check import check_file
from hzconsole.store.database import create_database, has_hot_journal, open_database
from hzconsole.store.errors import ReadOnlyError
from tests.faults import kill_inside_transaction

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

# Inserts a person and 30 patrols per transaction and bumps a counter setting; prints the
# person's id only after COMMIT returned.
WRITER = r"""
import sys
from hzconsole.store.database import open_database
path, river, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = open_database(path)
assert not db.readonly, db.readonly_reason
i = first
while True:
    with db.transaction(actor="writer"):
        pid = db.insert("people", {"name": f"巡河员{i}", "phone": "13800000000"})
        for k in range(30):
            db.insert("patrols", {"date": "2024-06-17", "person_id": pid, "river_id": river,
                                  "duration_min": 30, "seen": "河面整洁,无漂浮物" * 10})
        db.set_setting("counter", i)
    # One write of one whole line: under PYTHONUNBUFFERED (set in some shells and CI runners)
    # print() writes its parts one by one, and a kill between them left half a line.
    sys.stdout.write(f"{i} {pid}\n")
    sys.stdout.flush()
    i += 1
"""


CHECK = "import sys; from hzconsole.cli import main; sys.exit(main())"


def _cli_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHECK, "check", str(path)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


@pytest.fixture
def crash_file(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "U盘 拔出" / "台账.db"
    path.parent.mkdir()
    with create_database(path, "办") as db:
        river = rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"}).id
    return path, river


def test_sigkill_at_random_moments_loses_no_committed_record(crash_file: tuple[Path, str]) -> None:
    path, river = crash_file
    seed = int(os.environ.get("HZ_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    committed: dict[int, str] = {}
    hot_rounds = 0
    for _round in range(7):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), river, str(len(committed) * 1000 + 1000)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        first = proc.stdout.readline()  # the writer is up and has committed once
        assert first, f"seed {seed}: {proc.stderr.read()}"
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        out, _err = proc.communicate(timeout=20)
        assert proc.returncode == -signal.SIGKILL
        for line in [first, *out.splitlines()]:
            if line.strip():
                number, pid = line.split()
                committed[int(number)] = pid
        hot_rounds += has_hot_journal(path)
        before = sha(path)
        result = _cli_check(path)
        assert result.returncode == 0, f"seed {seed}: {result.stdout}{result.stderr}"
        assert "Traceback" not in result.stderr
        assert sha(path) == before  # check changed nothing, even with a hot journal

    with open_database(path) as db:  # the writable open rolls back a cut-off write
        present = {r[0] for r in db.query("SELECT id FROM people")}
        missing = [n for n, pid in committed.items() if pid not in present]
        assert not missing, f"seed {seed}: committed but lost: {missing}"
        # Atomic: every person has all 30 patrols or does not exist at all.
        counts = {r[0] for r in db.query("SELECT count(*) FROM patrols GROUP BY person_id")}
        assert counts == {30}
        # The counter moved with its transaction: the last reported number or the one after
        # (killed between COMMIT and print).
        last = db.get_setting("counter")
        newest = {n for n in committed if n // 1000 == last // 1000}
        assert last in (max(newest), max(newest) + 1), f"seed {seed}"
        # Every change is logged in its transaction: each patrol's id is in the log (a run of
        # inserts is one entry listing its ids).
        logged = db.scalar(
            "SELECT sum(CASE WHEN json_type(after) = 'array' THEN json_array_length(after)"
            " ELSE 1 END) FROM change_log WHERE table_name = 'patrols'"
        )
        assert logged == db.scalar("SELECT count(*) FROM patrols")
    assert leftovers(path) == []
    assert check_file(path).healthy
    print(f"seed {seed}: {len(committed)} commits reported, hot journal after {hot_rounds} of 7 kills")


def test_hot_journal_is_checked_on_a_copy_then_rolled_back_on_open(crash_file: tuple[Path, str]) -> None:
    path, _river = crash_file
    kill_inside_transaction(path)
    before = sha(path)
    report = check_file(path)
    assert report.healthy, report.problems
    assert msg.HOT_JOURNAL_CHECKED_COPY in report.facts
    assert "人员 0 条" in report.facts[1]
    assert sha(path) == before and Path(f"{path}-journal").exists()
    # Even a read-only open (stats, backup) gets the file back to its last commit first.
    with open_database(path, readonly=True) as db:
        assert people.count(db) == 0
    assert leftovers(path) == []
    with open_database(path) as db:
        people.add(db, Person(name="张三"))
        assert people.count(db) == 1


def test_hot_journal_on_read_only_medium_is_explained(crash_file: tuple[Path, str]) -> None:
    path, _river = crash_file
    kill_inside_transaction(path)
    before = sha(path)
    path.parent.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyError) as info:
            open_database(path)
        assert info.value.message == msg.HOT_JOURNAL_READ_ONLY.format(name=path.name)
    finally:
        path.parent.chmod(0o755)
    assert sha(path) == before
    assert Path(f"{path}-journal").exists()


# Half way through a migration to the next version: user_version already changed in the file.
HALF_MIGRATED = r"""
import sys, time
from hzconsole.store.database import open_database
db = open_database(sys.argv[1])
conn = db.conn
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN IMMEDIATE")
conn.execute(f"PRAGMA user_version = {int(sys.argv[2])}")
conn.execute("CREATE TABLE cleaners (id TEXT PRIMARY KEY, name TEXT)")
for i in range(3000):
    conn.execute("INSERT INTO cleaners VALUES (?, ?)", (str(i), "保洁员" * 50))
print("inside", flush=True)
time.sleep(60)
"""


def test_migration_cut_off_is_rolled_back_and_run_again(crash_file: tuple[Path, str]) -> None:
    from hzconsole.store.header import read_header
    from hzconsole.store.migrations import SCHEMA_VERSION, Migration, load_migrations

    nxt = SCHEMA_VERSION + 1
    path, _river = crash_file
    proc = subprocess.Popen(
        [sys.executable, "-c", HALF_MIGRATED, str(path), str(nxt)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    assert has_hot_journal(path)
    # Page 1 stays in memory during a transaction and reaches the file only while COMMIT
    # writes the pages back; a kill right then leaves the new header (the next version) in the file
    # with the old page 1 in the journal. Write that header by hand: SQLite rolls it back.
    with open(path, "r+b") as fh:
        fh.seek(60)
        fh.write(nxt.to_bytes(4, "big"))
    assert read_header(path).user_version == nxt
    migrations = [*load_migrations(), Migration(nxt, "cleaners", "CREATE TABLE cleaners (id TEXT PRIMARY KEY);")]
    with open_database(path, migrations=migrations) as db:
        assert db.schema_version == nxt and not db.readonly
        assert [r[0] for r in db.query("SELECT version FROM schema_migrations")] == list(range(1, nxt + 1))
        assert db.scalar("SELECT count(*) FROM cleaners") == 0
    assert leftovers(path) == []
