"""Ordered SQL migrations from schemas/NNNN_name.sql, each applied in its own transaction."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hzconsole.store import messages as msg
from hzconsole.store.errors import StoreError
from hzconsole.store.header import APPLICATION_ID
from hzconsole.store.paths import resource_dir

if TYPE_CHECKING:
    from hzconsole.store.database import Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(folder: Path | None = None) -> list[Migration]:
    folder = folder or resource_dir("schemas")
    found = []
    for file in sorted(folder.glob("*.sql")):
        m = re.match(r"(\d{4})_(.+)\.sql$", file.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), file.read_text("utf-8")))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"schemas/ must number migrations 0001.. without gaps: {versions}")
    return found


MIGRATIONS = load_migrations()
SCHEMA_VERSION = MIGRATIONS[-1].version


def split_statements(sql: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    statements, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().strip(";").strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        raise RuntimeError(f"incomplete SQL statement: {buf[:80]!r}")
    return statements


def migrate(db: Database, *, backup: bool = True, migrations: Sequence[Migration] | None = None) -> list[int]:
    """Bring the file to the last version of `migrations` (default: the shipped schemas/).

    A backup is taken first for a file that has data. Each migration runs in its own
    transaction with its row in schema_migrations; one that fails is rolled back and the
    file stays at the version before it. Foreign keys are off while a migration runs (so
    a migration may rebuild a table, as SQLite's ALTER TABLE procedure requires) and are
    checked before it commits.
    """
    migrations = list(migrations) if migrations is not None else MIGRATIONS
    current = db.schema_version
    pending = [m for m in migrations if m.version > current]
    if not pending:
        return []
    backup_path = None
    if backup and current > 0:
        from hzconsole.store.backup import make_backup

        backup_path = make_backup(db, reason=f"升级前v{current}")
    conn = db.conn
    applied = []
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for mig in pending:
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
                for stmt in split_statements(mig.sql):
                    conn.execute(stmt)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(f"foreign key check failed in {broken[0][0]}")
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at)"
                    " VALUES (?, ?, datetime('now', 'localtime'))",
                    (mig.version, mig.name),
                )
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {mig.version}")
                conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                where = backup_path or "（新文件，无需备份）"
                raise StoreError(
                    msg.MIGRATION_FAILED.format(backup=where, detail=f"{mig.version:04d}_{mig.name}: {exc}")
                ) from exc
            applied.append(mig.version)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    _reclaim(conn)
    return applied


def _reclaim(conn: sqlite3.Connection) -> None:
    """Give the disk back the pages a migration freed when they are a quarter of the file
    or more (0002 compacts the change log: a ten-year file goes from 168 MB to 69 MB).
    VACUUM goes through the rollback journal like any write, so a pulled stick leaves the
    file as it was; if it cannot run (no room for its temporary copy) the file is merely
    larger than it could be."""
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    if pages and free * 4 >= pages:
        with contextlib.suppress(sqlite3.DatabaseError):
            conn.execute("VACUUM")
