"""Opening the database file, transactions, and the writes that feed the change log.

The file lives on a USB stick that can be pulled at any moment, so:
- rollback journal (journal_mode=DELETE): nothing but the .db stays beside it after exit, and
  a hot journal left by a pulled stick is rolled back by SQLite on the next writable open;
- synchronous=FULL: a COMMIT returns only once the data is on the medium;
- the file is judged by its header before SQLite opens it, so a file we refuse is never
  touched (see header.py).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hzconsole.store import messages as msg
from hzconsole.store.errors import (
    FileMissingError,
    NeedsMigrationError,
    NotFoundError,
    NotOurFileError,
    ReadOnlyError,
    StoreError,
)
from hzconsole.store.header import APPLICATION_ID, read_header
from hzconsole.store.locking import WriterLock

# Tables whose rows are books (written through insert/update/delete and logged).
BOOK_TABLES = (
    "settings", "rivers", "segments", "people", "appointments", "signboards", "patrols",
    "problems", "problem_events", "plans", "plan_sections", "tasks", "documents", "narratives",
)

_held_lock = threading.Lock()
_held_files: dict[tuple[int, int], int] = {}  # (st_dev, st_ino) -> count of writers in process


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


def new_id() -> str:
    return str(uuid.uuid4())


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def to_sql(value: Any) -> Any:
    """Python value -> SQLite value (dates as ISO text, bools as 0/1)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _file_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino)


class Database:
    """An open hzconsole file. Use `open_database` or `create_database` to get one."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly_reason: str | None,
        lock: WriterLock | None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.readonly_reason = readonly_reason
        self._lock = lock
        self._depth = 0
        self._batch: str | None = None
        self._actor: str | None = None
        self._backup_checked = False
        self.last_backup: Path | None = None

    # -- state -------------------------------------------------------------------------
    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def file_id(self) -> str:
        return str(self.get_setting("file_id") or "")

    def close(self) -> None:
        """Close the connection, then drop the writer lock (order matters: see locking.py)."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            with _held_lock:
                key = getattr(self, "_file_key", None)
                if key in _held_files:
                    _held_files[key] -= 1
                    if not _held_files[key]:
                        del _held_files[key]
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def query_one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def get(self, table: str, row_id: str) -> dict[str, Any]:
        """One row as a dict; NotFoundError if it does not exist."""
        _check_table(table)
        row = self.query_one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        if row is None:
            raise NotFoundError(msg.NOT_FOUND.format(table=msg.TABLE_NAMES.get(table, table)))
        return dict(row)

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else json.loads(row[0])

    # -- writing -----------------------------------------------------------------------
    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Database]:
        """One user action = one transaction (BEGIN IMMEDIATE ... COMMIT); nested calls join.

        The first write of each day first takes a backup of the file onto the PC.
        """
        if self.readonly:
            raise ReadOnlyError(msg.READ_ONLY_WRITE.format(reason=self.readonly_reason))
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        if not self._backup_checked:
            from hzconsole.store.backup import daily_backup

            self.last_backup = daily_backup(self)
            self._backup_checked = True
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc
        self._depth = 1
        self._batch = new_id()
        self._actor = actor
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc
        finally:
            self._depth = 0
            self._batch = None
            self._actor = None

    def _require_tx(self) -> None:
        if not self._depth:
            raise RuntimeError("write outside of Database.transaction()")

    def _execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            raise _integrity(exc) from exc
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc

    def _log(self, table: str, row_id: str, op: str, before: Any, after: Any) -> None:
        self._execute(
            "INSERT INTO change_log (id, at, actor, table_name, row_id, op, before, after, batch)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                new_id(), now_iso(), self._actor, table, row_id, op,
                None if before is None else json.dumps(before, ensure_ascii=False, default=_json_default),
                None if after is None else json.dumps(after, ensure_ascii=False, default=_json_default),
                self._batch,
            ),
        )

    def insert(self, table: str, values: Mapping[str, Any]) -> str:
        """Insert a row (id, created_at, updated_at filled in when absent); returns its id."""
        self._require_tx()
        _check_table(table)
        row = {k: to_sql(v) for k, v in values.items()}
        row.setdefault("id", new_id())
        stamp = now_iso()
        row.setdefault("created_at", stamp)
        row.setdefault("updated_at", stamp)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        self._log(table, row["id"], "insert", None, row)
        return row["id"]

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change some columns of a row; returns the row as it was. No-op changes log nothing."""
        self._require_tx()
        before = self.get(table, row_id)
        new = {k: to_sql(v) for k, v in changes.items() if k not in ("id", "created_at")}
        new = {k: v for k, v in new.items() if before.get(k) != v}
        if not new:
            return before
        new["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = ?" for k in new)
        self._execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*new.values(), row_id))
        after = {**before, **new}
        self._log(table, row_id, "update", before, after)
        return before

    def delete(self, table: str, row_id: str) -> dict[str, Any]:
        """Delete a row (refused with a message while other records point at it)."""
        self._require_tx()
        before = self.get(table, row_id)
        self._execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._log(table, row_id, "delete", before, None)
        return before

    def set_setting(self, key: str, value: Any) -> None:
        """Settings are rows keyed by name with a JSON value; logged like any other write."""
        self._require_tx()
        text = json.dumps(value, ensure_ascii=False, default=_json_default)
        before = self.query_one("SELECT * FROM settings WHERE key = ?", (key,))
        if before is not None and before["value"] == text:
            return
        stamp = now_iso()
        self._execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?,?,?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, text, stamp),
        )
        self._log(
            "settings", key, "insert" if before is None else "update",
            None if before is None else dict(before), {"key": key, "value": text, "updated_at": stamp},
        )


def _check_table(table: str) -> None:
    # Table names are interpolated into SQL: only known names pass.
    if table not in BOOK_TABLES:
        raise ValueError(f"unknown table {table!r}")


def _integrity(exc: sqlite3.IntegrityError) -> StoreError:
    text = str(exc)
    if "FOREIGN KEY" in text:
        return StoreError(msg.FK_VIOLATION)
    if "UNIQUE" in text:
        return StoreError(msg.UNIQUE_VIOLATION.format(detail=text.split(":")[-1].strip()))
    if "CHECK" in text:
        return StoreError(msg.CHECK_VIOLATION.format(detail=text))
    if "NOT NULL" in text:
        return StoreError(msg.NOT_NULL_VIOLATION.format(detail=text.split(":")[-1].strip()))
    return StoreError(msg.WRITE_FAILED.format(detail=text))


def _translate(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    text = str(exc).lower()
    if isinstance(exc, sqlite3.IntegrityError):
        return _integrity(exc)
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return NotOurFileError(msg.CORRUPT.format(name=path.name))
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(msg.MEDIUM_READ_ONLY.format(name=path.name))
    if "locked" in text or "busy" in text:
        return StoreError(msg.BUSY.format(name=path.name))
    if "disk i/o" in text or "unable to open" in text:
        return StoreError(msg.IO_ERROR.format(name=path.name))
    return StoreError(msg.WRITE_FAILED.format(detail=str(exc)))


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    # A URI keeps Chinese characters and spaces intact on every platform.
    uri = path.resolve().as_uri() + ("?mode=ro" if readonly else "?mode=rw")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _apply_pragmas(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute("PRAGMA busy_timeout = 3000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")


def _writable(path: Path) -> bool:
    # The journal is created beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_database(path: str | os.PathLike[str], *, readonly: bool = False) -> Database:
    """Open an hzconsole file, or raise a StoreError whose message the clerk can act on.

    A file we cannot write (read-only file or medium, newer version, another console is
    its writer) opens read-only with `readonly_reason` saying why. An older file is
    migrated in place after a backup.
    """
    from hzconsole.store.migrations import SCHEMA_VERSION, migrate

    path = Path(path)
    if not path.exists():
        raise FileMissingError(msg.FILE_MISSING.format(path=path))
    if path.is_dir():
        raise NotOurFileError(msg.IS_DIRECTORY.format(path=path))
    try:
        header = read_header(path)
    except OSError as exc:
        raise StoreError(msg.CANNOT_READ.format(path=path, detail=exc.strerror or exc)) from exc
    if header is None:
        if path.stat().st_size == 0:
            raise NotOurFileError(msg.EMPTY_FILE.format(name=path.name))
        raise NotOurFileError(msg.NOT_SQLITE.format(name=path.name))
    if header.application_id != APPLICATION_ID:
        raise NotOurFileError(msg.FOREIGN_SQLITE.format(name=path.name))
    journal = path.with_name(path.name + "-journal")
    if header.page_count and header.file_size < header.expected_size and not journal.exists():
        raise NotOurFileError(
            msg.TRUNCATED.format(name=path.name, expected=header.expected_size, actual=header.file_size)
        )

    reason: str | None = None
    if readonly:
        reason = msg.RO_REQUESTED
    elif header.user_version > SCHEMA_VERSION:
        reason = msg.RO_NEWER.format(version=header.user_version, ours=SCHEMA_VERSION)
    elif not _writable(path):
        reason = msg.RO_MEDIUM

    lock: WriterLock | None = None
    key = _file_key(path)
    if reason is None:
        with _held_lock:
            if key in _held_files:
                reason = msg.RO_OPEN_ELSEWHERE
            else:
                lock = WriterLock.acquire(path)
                if lock is None:
                    reason = msg.RO_OPEN_ELSEWHERE
                else:
                    _held_files[key] = 1

    try:
        conn = _connect(path, readonly=reason is not None)
        db = Database(path, conn, readonly_reason=reason, lock=lock)
    except sqlite3.DatabaseError as exc:
        if lock is not None:
            with _held_lock:
                _held_files.pop(key, None)
            lock.release()
        raise _translate(exc, path) from exc
    db._file_key = key  # type: ignore[attr-defined]
    try:
        _apply_pragmas(conn, readonly=db.readonly)
        # Touch the schema: a corrupt page 1 or a hot journal on read-only media fails here.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if header.user_version < SCHEMA_VERSION:
            if db.readonly:
                raise NeedsMigrationError(msg.NEEDS_MIGRATION_RO.format(name=path.name, reason=db.readonly_reason))
            migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _translate(exc, path) from exc
    except BaseException:
        db.close()
        raise
    return db


def create_database(
    path: str | os.PathLike[str], office_name: str, *, overwrite: bool = False
) -> Database:
    """Create a new, empty hzconsole file and open it for writing.

    Built under a temporary name and renamed into place, so a pulled stick never leaves a
    half-made file under the real name.
    """
    from hzconsole.store.migrations import migrate

    path = Path(path)
    if path.exists() and not overwrite:
        raise StoreError(msg.ALREADY_EXISTS.format(path=path))
    if not path.parent.exists():
        raise StoreError(msg.FOLDER_MISSING.format(path=path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        conn.row_factory = sqlite3.Row
        _apply_pragmas(conn, readonly=False)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db = Database(tmp, conn, readonly_reason=None, lock=None)
        db._backup_checked = True  # nothing to back up yet
        migrate(db, backup=False)
        with db.transaction():
            db.set_setting("file_id", new_id())
            db.set_setting("office_name", office_name)
        conn.close()
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(msg.CANNOT_CREATE.format(path=path, detail=exc.strerror or exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    db = open_database(path)
    db._backup_checked = True  # a new file has nothing worth backing up yet
    return db
