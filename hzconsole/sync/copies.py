"""Reading another office's or another copy's file that an older version of the program
wrote: upgraded in a temporary copy, never in place (it is not ours to change)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hzconsole.store.database import Database, open_database
from hzconsole.store.errors import NeedsMigrationError
from hzconsole.store.migrations import migrate


@contextmanager
def readable(path: Path, *, recover: bool = True) -> Iterator[Path]:
    """The path to read `path` at this program's schema version: the file itself, or a
    temporary copy brought up to date (without a backup: the copy is thrown away) when an
    older version wrote it. Any other reason the file cannot be opened is raised as is."""
    path = Path(path)
    try:
        open_database(path, readonly=True, recover=recover, upgrade=False).close()
    except NeedsMigrationError:
        with tempfile.TemporaryDirectory(prefix="hzcopy-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            conn = sqlite3.connect(copy, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                migrate(Database(copy, conn, readonly_reason=None, lock=None), backup=False)
            finally:
                conn.close()
            yield copy
        return
    yield path
