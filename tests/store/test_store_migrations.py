"""Migrations: an older file is upgraded in place after a backup, one transaction per
migration, recorded in the file; a failing one leaves the file as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from storehelp import leftovers, sha

from hzconsole.books.rivers import rivers
from hzconsole.store.backup import folder_for, list_backups
from hzconsole.store.database import create_database, open_database
from hzconsole.store.errors import StoreError
from hzconsole.store.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    load_migrations,
    migrate,
    split_statements,
)
from hzconsole.store.paths import resource_dir

B = SCHEMA_VERSION  # the shipped version: the tests' own migrations come after it

GOOD_0002 = """
-- 0002: rivers get a water-quality target; a table of cleaners.
ALTER TABLE rivers ADD COLUMN quality_target TEXT;
CREATE TABLE cleaners (
    id TEXT PRIMARY KEY,
    river_id TEXT NOT NULL REFERENCES rivers(id),
    name TEXT NOT NULL
);
UPDATE rivers SET quality_target = 'III类' WHERE kind = '河流';
"""

# Rebuilds a table the way SQLite's ALTER TABLE procedure does: needs foreign keys off.
REBUILD_0003 = """
CREATE TABLE cleaners_new (
    id TEXT PRIMARY KEY,
    river_id TEXT NOT NULL REFERENCES rivers(id),
    name TEXT NOT NULL,
    phone TEXT
);
INSERT INTO cleaners_new (id, river_id, name) SELECT id, river_id, name FROM cleaners;
DROP TABLE cleaners;
ALTER TABLE cleaners_new RENAME TO cleaners;
CREATE TRIGGER cleaners_name AFTER INSERT ON cleaners BEGIN
    UPDATE cleaners SET name = trim(new.name) WHERE id = new.id;
END;
"""

FAILING_0002 = """
ALTER TABLE rivers ADD COLUMN quality_target TEXT;
CREATE TABLE half_done (x INTEGER);
INSERT INTO no_such_table VALUES (1);
"""


def _schemas(tmp_path: Path, **later: str) -> Path:
    """A schemas folder: the shipped migrations plus the given later ones."""
    folder = tmp_path / "schemas"
    folder.mkdir()
    for file in resource_dir("schemas").glob("*.sql"):
        shutil.copy(file, folder / file.name)
    # The test's migrations come after whatever the program ships: 0002 here is the first
    # one later than the shipped ones (renumbered, so shipping a new migration breaks nothing).
    shipped = max(int(f.name[:4]) for f in folder.glob("*.sql"))
    for name, sql in later.items():
        number = int(name[:4]) + shipped - 1
        (folder / f"{number:04d}{name[4:]}.sql").write_text(sql, encoding="utf-8")
    return folder


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    """A file at the shipped version with some rows: older than the test's schemas."""
    path = tmp_path / "旧 版本" / "台账.db"
    path.parent.mkdir()
    with create_database(path, "旧办") as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
        rivers.add(db, {"name": "龙潭水库", "kind": "水库", "level": "乡级"})
    return path


def test_shipped_migrations_are_numbered_from_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert MIGRATIONS[0].name == "books"


def test_load_migrations_refuses_gaps(tmp_path: Path) -> None:
    folder = _schemas(tmp_path, **{"0003_gap": "SELECT 1;"})
    with pytest.raises(RuntimeError, match="without gaps"):
        load_migrations(folder)


def test_split_statements_keeps_triggers_whole() -> None:
    stmts = split_statements(REBUILD_0003)
    assert len(stmts) == 5
    assert stmts[-1].startswith("CREATE TRIGGER") and stmts[-1].endswith("END;")
    with pytest.raises(RuntimeError, match="incomplete"):
        split_statements("CREATE TABLE x (a")


def test_older_file_is_migrated_in_place_after_a_backup(old_file: Path, tmp_path: Path) -> None:
    migrations = load_migrations(_schemas(tmp_path, **{"0002_quality": GOOD_0002, "0003_rebuild": REBUILD_0003}))
    with open_database(old_file, migrations=migrations) as db:
        assert db.schema_version == B + 2
        rows = db.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [(r[0], r[1]) for r in rows] == [(m.version, m.name) for m in MIGRATIONS] + [
            (B + 1, "quality"), (B + 2, "rebuild")]
        targets = dict(db.query("SELECT name, quality_target FROM rivers"))
        assert targets == {"青石河": "III类", "龙潭水库": None}
        assert "phone" in [r[1] for r in db.query("PRAGMA table_info(cleaners)")]
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # back on
        backups = list_backups(folder_for(db))
    # The backup was taken before the upgrade and is the old file's content.
    upgrade = [b for b in backups if b.reason == f"升级前v{B}"]
    assert len(upgrade) == 1
    conn = sqlite3.connect(upgrade[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == B
    assert conn.execute("SELECT count(*) FROM rivers").fetchone()[0] == 2
    conn.close()
    assert leftovers(old_file) == []
    # Opened again: nothing more to do, no second backup.
    with open_database(old_file, migrations=migrations) as db:
        assert len(list_backups(folder_for(db))) == len(backups)


def test_this_version_opens_a_migrated_file_read_only(old_file: Path, tmp_path: Path) -> None:
    migrations = load_migrations(_schemas(tmp_path, **{"0002_quality": GOOD_0002}))
    open_database(old_file, migrations=migrations).close()
    with open_database(old_file) as db:  # the shipped (older) program
        assert db.readonly and "较新版本" in db.readonly_reason


def test_each_migration_is_its_own_transaction(old_file: Path, tmp_path: Path) -> None:
    """The first later migration is committed before the second fails: the file stays at
    that version, the failing one left no trace."""
    migrations = load_migrations(_schemas(tmp_path, **{"0002_quality": GOOD_0002, "0003_bad": FAILING_0002}))
    with pytest.raises(StoreError, match="升级文件格式时出错") as info:
        open_database(old_file, migrations=migrations)
    assert f"{B + 2:04d}_bad" in info.value.message and "升级前的备份在" in info.value.message
    conn = sqlite3.connect(old_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == B + 1
    assert [r[0] for r in conn.execute("SELECT version FROM schema_migrations")] == list(range(1, B + 2))
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()
    assert leftovers(old_file) == []


def test_failing_migration_leaves_the_file_as_it_was(old_file: Path, tmp_path: Path) -> None:
    migrations = load_migrations(_schemas(tmp_path, **{"0002_bad": FAILING_0002}))
    before = sha(old_file)
    with pytest.raises(StoreError, match="文件已恢复原样"):
        open_database(old_file, migrations=migrations)
    assert sha(old_file) == before
    assert leftovers(old_file) == []
    with open_database(old_file) as db:  # still a healthy file of the shipped version
        assert db.schema_version == B and not db.readonly
        assert rivers.count(db) == 2


def test_migration_breaking_foreign_keys_is_rolled_back(old_file: Path, tmp_path: Path) -> None:
    orphan = "INSERT INTO segments (id, river_id, name, created_at, updated_at) VALUES ('s', 'nope', 'x', '', '');"
    migrations = load_migrations(_schemas(tmp_path, **{"0002_orphan": orphan}))
    before = sha(old_file)
    with pytest.raises(StoreError, match="foreign key"):
        open_database(old_file, migrations=migrations)
    assert sha(old_file) == before


def test_new_file_built_at_an_older_version(tmp_path: Path) -> None:
    """create_database with fewer migrations makes an 'old' file; migrate() brings it up."""
    path = tmp_path / "a.db"
    migrations = load_migrations(_schemas(tmp_path, **{"0002_quality": GOOD_0002}))
    with create_database(path, "办", migrations=migrations[:1]) as db:
        assert db.schema_version == 1
        assert migrate(db, migrations=migrations) == list(range(2, B + 2))
        assert migrate(db, migrations=migrations) == []
        assert db.schema_version == B + 1
