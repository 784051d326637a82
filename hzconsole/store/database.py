"""Opening the database file, transactions, and the writes that feed the change log.

The file lives on a USB stick that can be pulled at any moment, so:
- rollback journal (journal_mode=DELETE): nothing but the .db stays beside it after exit, and
  a hot journal left by a pulled stick is rolled back by SQLite on the next writable open;
- synchronous=EXTRA: a COMMIT returns only once the data is on the medium, and the
  folder is synced after the journal is deleted (FULL leaves that deletion to chance: after
  a power cut the journal can come back and undo the commit the clerk was told of);
- a hot journal is rolled back only once it is proven to be this file's own (journal.py);
- before the first write of a session the file is checked (PRAGMA quick_check): nothing is
  written into a damaged file;
- the file is judged by its header before SQLite opens it, so a file we refuse is never
  touched (see header.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hzconsole.store import messages as msg
from hzconsole.store.errors import (
    DamagedFileError,
    FileMissingError,
    NeedsMigrationError,
    NotFoundError,
    NotOurFileError,
    ReadOnlyError,
    StoreError,
)
from hzconsole.store.header import APPLICATION_ID, read_header
from hzconsole.store.locking import WriterLock, WriterState
from hzconsole.store.paths import sqlite_uri

if TYPE_CHECKING:
    from hzconsole.store.migrations import Migration

# Tables whose rows are books (written through insert/update/delete and logged).
BOOK_TABLES = (
    "settings",
    "rivers",
    "segments",
    "people",
    "appointments",
    "signboards",
    "patrols",
    "problems",
    "problem_events",
    "plans",
    "plan_sections",
    "tasks",
    "documents",
    "narratives",
    "drafts",
    "import_layouts",
    "yearly_records",
)
# Tables of write-once files kept with a record (id -> bytes): written in the record's
# transaction, never edited, not in the change log (undoing the record deletes them by
# ON DELETE CASCADE).
FILE_TABLES = {"document_files": ("document_id", "docx")}

# Called with each notice an open gives the clerk (a journal rolled back or moved aside);
# the CLI prints them, the console shows `Database.notices`.
notice_listeners: list[Callable[[str], None]] = []

_held_lock = threading.Lock()
_held_files: dict[tuple[int, int], int] = {}  # (st_dev, st_ino) -> count of writers in process

# Actor of writes the program makes on its own (the file's identity at creation; 'system:…'
# for others such as the demo): never undone.
SYSTEM_ACTOR = "system"


def wall_clock() -> str:
    return datetime.now().isoformat(timespec="seconds")


# Where now_iso reads the time. The tests put a fixed clock here (tests/conftest.py), so that
# every stamp, Database.clock's and those written with now_iso directly, is the same in
# every run.
time_source: Callable[[], str] = wall_clock


def now_iso() -> str:
    """The time stamped on records and change-log entries (ISO, to the second)."""
    return time_source()


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
        file_key: tuple[int, int] | None = None,
    ) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        self.readonly_reason = readonly_reason
        self._lock = lock
        # (st_dev, st_ino) of the file while we are its writer: counted in _held_files so a
        # second open in this process is read-only; None for a file we do not write.
        self._file_key = file_key
        self._depth = 0
        self._batch: str | None = None
        self._actor: str | None = None
        # The day (ISO) the daily backup was last seen to; a console left open overnight
        # backs up again before the first write of the new day.
        self._backup_day: str | None = None
        self.last_backup: Path | None = None
        # Timestamps of created_at/updated_at/change_log.at; the demo fixes it to be
        # deterministic.
        self.clock: Callable[[], str] = now_iso
        self._dependents: dict[str, list[tuple[str, str, str]]] | None = None
        # Ids of a run of inserts into one table not yet written to the change log (one
        # entry for the run, written before any other entry, savepoint or commit).
        self._pending_inserts: tuple[str, list[str]] | None = None
        # What opening the file did that the clerk must be told (Chinese sentences).
        self.notices: list[str] = []
        # None until verify() ran; then "" (healthy) or the first lines of quick_check.
        self._damage: str | None = None
        # Statements that make this Database's view of the file (TEMP views: a county file
        # read as one township's books), run again on every connection reader() opens.
        self.view_sql: tuple[str, ...] = ()

    # -- state -------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection; a closed Database raises (a use after close is a bug)."""
        if self._conn is None:
            raise RuntimeError(f"database {self.path.name} is closed")
        return self._conn

    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def file_id(self) -> str:
        return str(self.get_setting("file_id") or "")

    def verify(self) -> str:
        """Run SQLite's quick check once per session; "" when the file is healthy, else the
        first things it found. Cheap next to the daily backup (both read every page; at ten
        years, bench/bench_safety.py). Also called by transaction() before the first write."""
        if self._damage is None:
            self._damage = _quick_check(self.conn)
        return self._damage

    def check_in_background(self) -> str:
        """verify() on a connection of its own, for a thread started after the open (the
        console): the session's connection stays free, and closing it meanwhile is safe.
        The result is kept as verify()'s."""
        conn = sqlite3.connect(sqlite_uri(self.path.resolve(), "ro"), uri=True, check_same_thread=False)
        try:
            found = _quick_check(conn)
        finally:
            conn.close()
        if self._damage is None:
            self._damage = found
        return found

    def reader(self) -> Database:
        """A read-only Database on a connection of its own to the same file, for a thread
        (the console's 首页 agenda): the session's connection is never shared with it, so a
        write on the main thread meanwhile is neither seen half-done nor interleaved. The
        caller closes it (it is a context manager)."""
        conn = _connect(self.path, readonly=True)
        try:
            _apply_pragmas(conn, readonly=True)
            for sql in self.view_sql:
                conn.execute(sql)
        except BaseException:
            conn.close()
            raise
        reader = Database(self.path, conn, readonly_reason="reader", lock=None)
        reader.view_sql = self.view_sql
        return reader

    def tell(self, notice: str) -> None:
        """Something the clerk must be told that is no error (the CLI prints it at once)."""
        if notice in self.notices:
            return
        self.notices.append(notice)
        for listener in notice_listeners:
            listener(notice)

    def damage_message(self, template: str = msg.DAMAGED_NO_WRITE) -> str:
        return template.format(name=self.path.name, path=self.path, detail=_damage_text(self._damage or ""))

    def close(self) -> None:
        """Close the connection, then drop the writer lock (order matters: see locking.py)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._lock is not None:
            with _held_lock:
                key = self._file_key
                if key is not None and key in _held_files:
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
            # A nested action is a savepoint: if it fails and the caller handles the error,
            # its half-done writes (and their log entries) are undone, the outer ones kept.
            name = f"sp{self._depth}"
            self._flush_log()
            self._execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self
                self._flush_log()
            except BaseException:
                self._pending_inserts = None  # all written inside the savepoint
                with contextlib.suppress(sqlite3.DatabaseError):
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self._execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        if self.verify():
            raise DamagedFileError(self.damage_message())
        today = date.today().isoformat()
        if self._backup_day != today:
            from hzconsole.store.backup import daily_backup

            self.last_backup = daily_backup(self) or self.last_backup
            self._backup_day = today
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from exc
        self._depth = 1
        self._batch = new_id()
        self._actor = actor
        try:
            yield self
            self._flush_log()
        except BaseException:
            self._pending_inserts = None
            # SQLite may already have rolled back by itself (disk full, stick pulled); the
            # original error is the one to report.
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.DatabaseError):
                    self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.DatabaseError):
                        self.conn.execute("ROLLBACK")
                raise _translate(exc, self.path) from exc
        finally:
            self._depth = 0
            self._pending_inserts = None
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
        """One entry of the change log, kept compact (see hzconsole/store/changelog.py): an
        update keeps only the changed fields, an insert only the row's id (the row itself
        holds its values), and a run of inserts into one table in one action is one entry
        listing the ids. A delete keeps the whole row: undo puts it back."""
        if op == "insert" and table != "settings":
            if self._pending_inserts is not None and self._pending_inserts[0] == table:
                self._pending_inserts[1].append(row_id)
                return
            self._flush_log()
            self._pending_inserts = (table, [row_id])
            return
        self._flush_log()
        if op == "update" and table != "settings" and before is not None and after is not None:
            changed = [k for k in after if k == "updated_at" or before.get(k) != after[k]]
            before = {k: before.get(k) for k in changed}
            after = {k: after[k] for k in changed}
        self._write_log(table, row_id, op, before, after)

    def _write_log(self, table: str, row_id: str, op: str, before: Any, after: Any) -> None:
        self._execute(
            "INSERT INTO change_log (id, at, actor, table_name, row_id, op, before, after, batch)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (
                new_id(),
                self.clock(),
                self._actor,
                table,
                row_id,
                op,
                None if before is None else json.dumps(before, ensure_ascii=False, default=_json_default),
                None if after is None else json.dumps(after, ensure_ascii=False, default=_json_default),
                self._batch,
            ),
        )

    def _flush_log(self) -> None:
        """Write the pending run of inserts as one entry: `row_id` is the first row's id,
        `after` the JSON list of all the ids when there are several (NULL for one)."""
        pending, self._pending_inserts = self._pending_inserts, None
        if pending is None:
            return
        table, ids = pending
        self._write_log(table, ids[0], "insert", None, ids if len(ids) > 1 else None)

    def insert(self, table: str, values: Mapping[str, Any]) -> str:
        """Insert a row (id, created_at, updated_at filled in when absent); returns its id."""
        self._require_tx()
        _check_table(table)
        row = {k: to_sql(v) for k, v in values.items()}
        row.setdefault("id", new_id())
        stamp = self.clock()
        row.setdefault("created_at", stamp)
        row.setdefault("updated_at", stamp)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        self._log(table, row["id"], "insert", None, row)
        return row["id"]

    def update(
        self,
        table: str,
        row_id: str,
        changes: Mapping[str, Any],
        *,
        updated_at: str | None = None,
    ) -> dict[str, Any]:
        """Change some columns of a row; returns the row as it was. No-op changes log nothing.

        `updated_at` is stamped from the clock; undo passes the row's own earlier stamp, so an
        undone edit leaves the row exactly as it was."""
        self._require_tx()
        before = self.get(table, row_id)
        new = {k: to_sql(v) for k, v in changes.items() if k not in ("id", "created_at", "updated_at")}
        new = {k: v for k, v in new.items() if before.get(k) != v}
        if not new:
            return before
        new["updated_at"] = updated_at or self.clock()
        sets = ", ".join(f"{k} = ?" for k in new)
        self._execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*new.values(), row_id))
        after = {**before, **new}
        self._log(table, row_id, "update", before, after)
        return before

    def delete(self, table: str, row_id: str) -> dict[str, Any]:
        """Delete a row (refused with a message while other records point at it).

        Rows the schema would delete or un-link along with it (ON DELETE CASCADE / SET NULL,
        e.g. a problem's events) are deleted or updated here first, one by one, so that each
        of those changes is in the change log too and undo brings them all back.
        """
        self._require_tx()
        before = self.get(table, row_id)
        for child, column, action in self._dependents_of(table):
            # Newest first: undo replays backwards, so they come back in their first order.
            ids = [
                r[0]
                for r in self.conn.execute(f"SELECT id FROM {child} WHERE {column} = ? ORDER BY rowid DESC", (row_id,))
            ]
            for child_id in ids:
                if action == "CASCADE":
                    self.delete(child, child_id)
                else:
                    self.update(child, child_id, {column: None})
        self._execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self._log(table, row_id, "delete", before, None)
        return before

    def put_file(self, table: str, owner_id: str, data: bytes) -> None:
        """Keep the bytes of a file with record `owner_id` (inside its transaction)."""
        import hashlib

        self._require_tx()
        key, column = FILE_TABLES[table]
        self._execute(
            f"INSERT INTO {table} ({key}, {column}, sha256, created_at) VALUES (?,?,?,?)",
            (owner_id, sqlite3.Binary(data), hashlib.sha256(data).hexdigest(), self.clock()),
        )

    def get_file(self, table: str, owner_id: str) -> bytes | None:
        """The bytes kept with record `owner_id`, None when there are none."""
        key, column = FILE_TABLES[table]
        row = self.query_one(f"SELECT {column} FROM {table} WHERE {key} = ?", (owner_id,))
        return None if row is None else bytes(row[0])

    def _dependents_of(self, table: str) -> list[tuple[str, str, str]]:
        """(child table, column, 'CASCADE' | 'SET NULL') for foreign keys onto `table`."""
        if self._dependents is None:
            found: dict[str, list[tuple[str, str, str]]] = {}
            for child in BOOK_TABLES:
                for fk in self.conn.execute(f"PRAGMA foreign_key_list({child})"):
                    action = str(fk["on_delete"]).upper()
                    if action in ("CASCADE", "SET NULL"):
                        found.setdefault(fk["table"], []).append((child, fk["from"], action))
            self._dependents = found
        return self._dependents.get(table, [])

    def set_setting(self, key: str, value: Any, *, updated_at: str | None = None) -> None:
        """Settings are rows keyed by name with a JSON value; logged like any other write.
        `updated_at`: as in update() (undo puts the earlier stamp back)."""
        self._require_tx()
        text = json.dumps(value, ensure_ascii=False, default=_json_default)
        before = self.query_one("SELECT * FROM settings WHERE key = ?", (key,))
        if before is not None and before["value"] == text:
            return
        stamp = updated_at or self.clock()
        self._execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?,?,?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, text, stamp),
        )
        self._log(
            "settings",
            key,
            "insert" if before is None else "update",
            None if before is None else dict(before),
            {"key": key, "value": text, "updated_at": stamp},
        )


def reads_file(fn: Callable[..., Any]) -> Callable[..., Any]:
    """For core functions that read through `db.conn` directly (for speed; first argument
    the Database): a damaged or vanished file raises the store's Chinese error, which the
    console and the CLI show, instead of sqlite3's, which they would take for a bug."""
    import functools

    @functools.wraps(fn)
    def wrapper(db: Database, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(db, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, db.path) from exc

    return wrapper


def _quick_check(conn: sqlite3.Connection) -> str:
    """ "" when PRAGMA quick_check finds nothing, else its first findings."""
    try:
        lines = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        lines = [str(exc)]
    return "" if lines == ["ok"] else ";".join(lines)[:300]


def _damage_text(found: str) -> str:
    """quick_check's findings for the clerk: SQLite's own words are English; say what it is."""
    if not found:
        return "结构检查未通过"
    return "数据库结构检查未通过\uff0c有损坏的数据页"


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
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "disk is full" in text:
        return StoreError(msg.DISK_FULL.format(name=path.name))
    if name.startswith("SQLITE_IOERR") or name == "SQLITE_CANTOPEN" or "disk i/o" in text:
        return StoreError(msg.STICK_PULLED.format(name=path.name))
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return ReadOnlyError(msg.HOT_JOURNAL_READ_ONLY.format(name=path.name))
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_DBMOVED":
        return StoreError(msg.FILE_MOVED.format(name=path.name, folder=path.parent))
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return NotOurFileError(msg.CORRUPT.format(name=path.name))
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(msg.MEDIUM_READ_ONLY.format(name=path.name))
    if "locked" in text or "busy" in text:
        return StoreError(msg.BUSY.format(name=path.name))
    if "disk i/o" in text or "unable to open" in text:
        return StoreError(msg.IO_ERROR.format(name=path.name))
    # Anything else is a program error, not the clerk's: SQLite's English stays out of the
    # message, its error code names it for a technician.
    return StoreError(msg.DB_INTERNAL.format(code=name or type(exc).__name__))


def os_error_reason(exc: BaseException) -> str:
    """Why a file could not be written, in a few Chinese words (the OS says it in English)."""
    import errno

    number = getattr(exc, "errno", None)
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘已满"
    if number in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE):
        return "读写出错\uff0cU 盘可能已拔出"
    if number == errno.ENOENT:
        return "找不到文件夹\uff0cU 盘可能已拔出"
    if number in (errno.EACCES, errno.EPERM, errno.EBUSY):
        return "没有写入权限\uff0c或文件正被其他程序占用"
    if number == errno.EROFS:
        return "磁盘是只读的\uff08U 盘写保护\uff09"
    return f"系统错误 {number}" if number is not None else "写入出错"


def os_error_message(exc: OSError, path: Path) -> str:
    """An OSError met while writing a file beside ours (a .docx, a restore) in Chinese:
    a full disk and a pulled stick are told apart, SQLite's and the OS's English never shown."""
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return msg.DISK_FULL.format(name=path.name)
    if exc.errno in (errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.ESTALE):
        return msg.STICK_PULLED.format(name=path.name)
    return msg.WRITE_FAILED.format(detail=os_error_reason(exc))


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    # A URI keeps Chinese characters and spaces intact on every platform.
    uri = sqlite_uri(path.resolve(), "ro" if readonly else "rw")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def _apply_pragmas(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute("PRAGMA busy_timeout = 3000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = EXTRA")


def _no_write_bits(path: Path) -> bool:
    return not (path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(path: Path) -> bool:
    """Whether we may write the file: it and its folder (the journal goes beside it).

    os.access alone is not enough: for root (and an administrator) it ignores permission
    bits, yet a file whose write bits are all cleared (the Windows 只读 attribute, chmod
    a-w) was made read-only on purpose by someone, so we respect it. A folder's bits are
    judged only on POSIX: Windows sets the read-only attribute on ordinary folders.
    """
    folder = path.parent
    if not (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return False
    if _no_write_bits(path):
        return False
    return not (os.name != "nt" and _no_write_bits(folder))


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _journal_has_content(path: Path) -> bool:
    """The journal was made valid (its first byte is not zero): SQLite will replay it."""
    try:
        with open(_journal(path), "rb") as fh:
            return fh.read(1) not in (b"", b"\0")
    except OSError:
        return False


def has_hot_journal(path: Path) -> bool:
    """A rollback journal beside the file that no writer is using and that SQLite will roll
    back: a write was cut off (stick pulled, process killed) after it began changing the
    file. Same test as SQLite's: a journal whose first byte is zero was never made valid,
    the file was not touched, and SQLite ignores it (see `_settle_journal`)."""
    from hzconsole.store.locking import is_locked_by_other

    try:
        with open(_journal(path), "rb") as fh:
            if fh.read(1) in (b"", b"\0"):
                return False
    except OSError:
        return False
    return not is_locked_by_other(path)


def _vet_journal(path: Path) -> str | None:
    """With the writer lock held and before any connection reads the file: a hot journal
    that is not provably this file's own is moved aside, never rolled into the file.
    Returns the notice for the clerk, or None when there was nothing to say."""
    from hzconsole.store.journal import foreign_reason, move_aside

    journal = _journal(path)
    reason = foreign_reason(path)
    if reason is None:
        return None
    try:
        aside = move_aside(path)
    except OSError:
        # Cannot rename it (read-only folder): refuse rather than let SQLite replay it.
        raise StoreError(
            msg.JOURNAL_FOREIGN.format(name=path.name, journal=journal.name, reason=reason, aside=journal.name)
        ) from None
    return msg.JOURNAL_FOREIGN.format(name=path.name, journal=journal.name, reason=reason, aside=aside.name)


def _settle_journal(conn: sqlite3.Connection, path: Path) -> str | None:
    """With the writer lock held: let SQLite roll back a hot journal (any read does), then
    delete a journal that is left over but not hot (a write killed before it touched the
    file), so nothing stays beside the file. SQLite's RESERVED lock is held meanwhile, so
    no other SQLite program can be writing through that journal. Returns the notice for
    the clerk when an interrupted write was rolled back."""
    was_hot = _journal_has_content(path)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    journal = _journal(path)
    if journal.exists():
        conn.execute("BEGIN IMMEDIATE")
        try:
            journal.unlink(missing_ok=True)
        finally:
            conn.execute("ROLLBACK")
    from hzconsole.store.durable import sync_folder

    sync_folder(path.parent)
    return msg.JOURNAL_ROLLED_BACK.format(name=path.name) if was_hot else None


def _recover_for_reading(path: Path) -> list[str]:
    """Before a read-only open of a writable file: roll back an interrupted write and clear
    a stale journal, as any writable open would (SQLite cannot read a file with a hot
    journal through a read-only connection), once the journal is proven the file's own.
    Only under the writer lock, so no live writer's journal is touched. Errors are left
    for the read-only open to report. Returns the notices for the clerk."""
    notices: list[str] = []
    lock, _state = WriterLock.try_acquire(path)
    if lock is None:
        return notices
    try:
        foreign = _vet_journal(path)
        if foreign:
            notices.append(foreign)
        if _journal(path).exists():
            conn = sqlite3.connect(sqlite_uri(path.resolve(), "rw"), uri=True, isolation_level=None)
            try:
                conn.execute("PRAGMA busy_timeout = 3000")
                rolled = _settle_journal(conn, path)
                if rolled:
                    notices.append(rolled)
            finally:
                conn.close()
    except (sqlite3.DatabaseError, OSError):
        pass
    finally:
        lock.release()
    return notices


def _tell(db: Database, notices: list[str]) -> None:
    for notice in notices:
        db.tell(notice)


def open_database(
    path: str | os.PathLike[str],
    *,
    readonly: bool = False,
    migrations: Sequence[Migration] | None = None,
    recover: bool = True,
    upgrade: bool = True,
) -> Database:
    """Open an hzconsole file, or raise a StoreError whose message the clerk can act on.

    A file we cannot write (read-only file or medium, newer version, another console is
    its writer) opens read-only with `readonly_reason` saying why. An older file is
    migrated in place after a backup. A write cut off by a pulled stick or a crash is
    rolled back first, even when read-only was asked for, where the file can be written
    (SQLite cannot read such a file otherwise); `recover=False` leaves such a file alone
    (`check`, which must not change anything). A file of an earlier version opened
    read-only is upgraded first where it can be written (`upgrade=False`: refused instead,
    for `check`). `migrations` replaces the shipped schemas/ (tests of the migration
    machinery).
    """
    from hzconsole.store.migrations import MIGRATIONS, migrate

    migrations = list(migrations) if migrations is not None else MIGRATIONS
    target_version = migrations[-1].version
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
    journal = _journal(path)
    if header.page_count and header.file_size < header.expected_size and not journal.exists():
        raise NotOurFileError(
            msg.TRUNCATED.format(name=path.name, expected=header.expected_size, actual=header.file_size)
        )

    writable = _writable(path)
    if readonly and upgrade and writable and 0 < header.user_version < target_version:
        # A read (stats, backup, an export) of a file from an earlier version: upgraded
        # first, as any open for writing would (after a backup), then read. Left as it is
        # when that cannot be done (another console writes it): refused below, with why.
        from hzconsole.store.locking import is_locked_by_other

        if not is_locked_by_other(path):
            open_database(path, migrations=migrations).close()
            header = read_header(path) or header
    reason: str | None = None
    if readonly:
        reason = msg.RO_REQUESTED
    elif header.user_version > target_version:
        reason = msg.RO_NEWER.format(version=header.user_version, ours=target_version)
    elif not writable:
        reason = msg.RO_MEDIUM
    notices: list[str] = []
    if reason is not None and writable and recover and journal.exists():
        notices = _recover_for_reading(path)

    lock: WriterLock | None = None
    key = _file_key(path)
    if reason is None:
        with _held_lock:
            if key in _held_files:
                reason = msg.RO_OPEN_ELSEWHERE
            else:
                lock, state = WriterLock.try_acquire(path)
                if lock is not None:
                    _held_files[key] = 1
                elif state is WriterState.LOCKED:
                    reason = msg.RO_OPEN_ELSEWHERE
                else:
                    reason = msg.RO_MEDIUM

    try:
        if lock is not None:
            # Temporary files of a create or restore of this file that was killed.
            from hzconsole.store.durable import remove_leftovers

            remove_leftovers(path.parent, f".{path.name}.*.creating")
            remove_leftovers(path.parent, f".{path.name}.*.restoring")
        if lock is not None and journal.exists():
            foreign = _vet_journal(path)
            if foreign:
                notices.append(foreign)
        if not journal.exists():
            # A journal moved aside no longer excuses a file shorter than its header says.
            header = read_header(path)
            if header is not None and header.page_count and header.file_size < header.expected_size:
                raise NotOurFileError(
                    msg.TRUNCATED.format(name=path.name, expected=header.expected_size, actual=header.file_size)
                )
        conn = _connect(path, readonly=reason is not None)
        db = Database(path, conn, readonly_reason=reason, lock=lock, file_key=key if lock is not None else None)
    except (sqlite3.DatabaseError, StoreError, OSError) as exc:
        if lock is not None:
            with _held_lock:
                _held_files.pop(key, None)
            lock.release()
        if isinstance(exc, sqlite3.DatabaseError):
            raise _translate(exc, path) from exc
        if isinstance(exc, OSError):
            raise StoreError(msg.CANNOT_READ.format(path=path, detail=exc.strerror or exc)) from exc
        raise
    try:
        _apply_pragmas(conn, readonly=db.readonly)
        # Touch the schema: a corrupt page 1 or a hot journal on read-only media fails here;
        # as the writer, a hot journal is rolled back here and a stale one removed.
        if lock is not None and journal.exists():
            rolled = _settle_journal(conn, path)
            if rolled:
                notices.append(rolled)
        else:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # The version as SQLite sees it now: the header read above predates the rollback of
        # an interrupted write, which may have been a migration changing user_version.
        if db.schema_version < target_version:
            if db.readonly:
                raise NeedsMigrationError(msg.NEEDS_MIGRATION_RO.format(name=path.name, reason=db.readonly_reason))
            if db.verify():
                raise DamagedFileError(db.damage_message(msg.DAMAGED_NO_MIGRATE))
            migrate(db, migrations=migrations)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _translate(exc, path) from exc
    except BaseException:
        db.close()
        raise
    _tell(db, notices)
    return db


def open_as_is(path: str | os.PathLike[str], *, recover: bool = True) -> Database:
    """Open read-only at the file's own schema version, an earlier one included, without
    upgrading it (check, restore: a backup is never changed, not even upgraded)."""
    from hzconsole.store.errors import NeedsMigrationError
    from hzconsole.store.migrations import MIGRATIONS

    try:
        return open_database(path, readonly=True, recover=recover, upgrade=False)
    except NeedsMigrationError:
        header = read_header(Path(path))
        if header is None or not 0 < header.user_version < len(MIGRATIONS):
            raise
        return open_database(
            path, readonly=True, recover=recover, upgrade=False, migrations=MIGRATIONS[: header.user_version]
        )


def create_database(
    path: str | os.PathLike[str],
    office_name: str,
    *,
    overwrite: bool = False,
    migrations: Sequence[Migration] | None = None,
    clock: Callable[[], str] | None = None,
) -> Database:
    """Create a new, empty hzconsole file and open it for writing.

    Built under a temporary name and renamed into place, so a pulled stick never leaves a
    half-made file under the real name. `migrations` (tests) builds an older version of
    the file; `clock` stamps its first rows (the demo is deterministic).
    """
    from hzconsole.store.migrations import MIGRATIONS, migrate

    migrations = list(migrations) if migrations is not None else MIGRATIONS

    from hzconsole.store.locking import is_locked_by_other

    path = Path(path)
    if path.exists() and not overwrite:
        raise StoreError(msg.ALREADY_EXISTS.format(path=path))
    if path.is_file() and is_locked_by_other(path):
        raise StoreError(msg.FILE_IN_USE.format(path=path))
    if not path.parent.exists():
        raise StoreError(msg.FOLDER_MISSING.format(path=path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    from hzconsole.store.durable import remove_leftovers

    remove_leftovers(path.parent, f".{path.name}.*.creating")
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        conn.row_factory = sqlite3.Row
        _apply_pragmas(conn, readonly=False)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db = Database(tmp, conn, readonly_reason=None, lock=None)
        db._backup_day = date.today().isoformat()  # nothing to back up yet
        if clock is not None:
            db.clock = clock
        migrate(db, backup=False, migrations=migrations)
        with db.transaction(actor=SYSTEM_ACTOR):
            db.set_setting("file_id", new_id())
            db.set_setting("office_name", office_name)
        conn.close()
        from hzconsole.store.durable import replace_durably

        replace_durably(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(msg.CANNOT_CREATE.format(path=path, detail=exc.strerror or exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    db = open_database(path, migrations=migrations)
    db._backup_day = date.today().isoformat()  # a new file has nothing worth backing up yet
    if clock is not None:
        db.clock = clock
    return db
