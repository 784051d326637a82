"""Consistent copies of the file onto the PC (SQLite backup API), and restoring one.

The stick can be lost or die; the PC keeps the newest N copies of every file it has written.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hzconsole.store import messages as msg
from hzconsole.store.durable import remove_leftovers, replace_durably
from hzconsole.store.errors import StoreError
from hzconsole.store.paths import backups_dir, sqlite_uri

if TYPE_CHECKING:
    from hzconsole.store.database import Database

# How many backups of a file the PC keeps (the setting 保留备份份数, books/settings.py): the
# default and the range the setting may take. The one place both are defined.
DEFAULT_KEEP = 30
KEEP_MIN, KEEP_MAX = 1, 1000
_STAMP = "%Y%m%d-%H%M%S"
# stem_20240617-083000[_reason][-n].db; -n tells apart copies taken within one second.
_NAME = re.compile(r"^(?P<stem>.+)_(?P<stamp>\d{8}-\d{6})(?:_(?P<reason>[^.]*?))?(?:-(?P<n>\d+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    n: int = 1


def folder_for(db: Database) -> Path:
    """One folder per file identity (its file_id), so copies of one file share their backups.

    The file_id comes from the file, which may come from anywhere: only letters, digits and
    '-' of it name the folder, so no value (../../..) can put backups outside their folder.
    Backups hold phone numbers: folders 0700, files 0600 (owner only)."""
    ident = re.sub(r"[^0-9A-Za-z-]", "", db.file_id or "")[:8] or "unknown"
    safe_stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", db.path.stem).strip(" .") or "file"
    root = backups_dir()
    folder = root / f"{safe_stem}-{ident}"
    if folder.resolve().parent != root.resolve():
        raise StoreError(msg.BACKUP_FAILED.format(detail=folder))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


def keep_count(db: Database) -> int:
    """How many backups to keep: the setting, or the default (and a notice) for a value that
    is not a whole number from KEEP_MIN to KEEP_MAX (typed by hand, or written by another
    version)."""
    raw = db.get_setting("backup_keep", DEFAULT_KEEP)
    try:
        keep = int(raw) if not isinstance(raw, bool) and float(raw) == int(float(raw)) else -1
    except (TypeError, ValueError, OverflowError):
        keep = -1
    if KEEP_MIN <= keep <= KEEP_MAX:
        return keep
    db.tell(msg.BAD_SETTING.format(label="保留备份份数", value=raw, default=DEFAULT_KEEP))
    return DEFAULT_KEEP


def make_backup(db: Database, reason: str = "") -> Path:
    """Copy the open database to the backup folder; returns the copy's path."""
    folder = folder_for(db)
    stamp = datetime.now().strftime(_STAMP)
    suffix = f"_{reason}" if reason else ""
    # Copies taken within one second are numbered in order across reasons (-2, -3 …), so
    # the newest is always known and never the one pruned.
    same_second = [b.n for b in list_backups(folder) if b.taken_at.strftime(_STAMP) == stamp]
    n = max(same_second, default=0) + 1
    target = folder / f"{db.path.stem}_{stamp}{suffix}{f'-{n}' if n > 1 else ''}.db"
    while target.exists():  # a name list_backups does not parse
        n += 1
        target = folder / f"{db.path.stem}_{stamp}{suffix}-{n}.db"
    tmp = target.with_suffix(".partial")
    remove_leftovers(folder, "*.partial", max_age_s=3600)  # copies cut off by a kill
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(dst)
        finally:
            dst.close()
        os.chmod(tmp, 0o600)
        replace_durably(tmp, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(msg.BACKUP_FAILED.format(detail=exc)) from exc
    prune(folder, keep=keep_count(db))
    return target


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in a folder, newest first."""
    found = []
    for file in folder.glob("*.db"):
        m = _NAME.match(file.name)
        if not m:
            continue
        found.append(
            BackupInfo(
                path=file,
                taken_at=datetime.strptime(m.group("stamp"), _STAMP),
                reason=m.group("reason") or "",
                size=file.stat().st_size,
                n=int(m.group("n") or 1),
            )
        )
    return sorted(found, key=lambda b: (b.taken_at, b.n), reverse=True)


def prune(folder: Path, keep: int) -> None:
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)


def daily_backup(db: Database) -> Path | None:
    """Back up before the first write of the day (once per file per day)."""
    folder = folder_for(db)
    today = datetime.now().strftime("%Y%m%d")
    if any(b.taken_at.strftime("%Y%m%d") == today for b in list_backups(folder)):
        return None
    return make_backup(db, reason="每日")


def restore(backup: Path, target: Path) -> Path | None:
    """Put a backup in place of `target`; the current target is backed up first.

    Returns the path of the safety copy of the replaced file (None if there was none).
    """
    from hzconsole.store.database import open_as_is
    from hzconsole.store.locking import is_locked_by_other

    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise StoreError(msg.BACKUP_NOT_FOUND.format(path=backup))
    # Validates the backup as one of ours, and healthy, before anything is touched.
    with open_as_is(backup) as source:  # an older backup is restored as it is
        if source.verify():
            raise StoreError(msg.BACKUP_DAMAGED.format(name=backup.name))
    safety = None
    if target.exists():
        if is_locked_by_other(target):
            raise StoreError(msg.RESTORE_TARGET_BUSY.format(path=target))
        try:
            current = open_as_is(target)
        except StoreError:
            current = None  # a broken file is what one restores over
        if current is not None:
            try:
                safety = make_backup(current, reason="恢复前")
            finally:
                current.close()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.restoring")
    remove_leftovers(target.parent, f".{target.name}.*.restoring")
    remove_leftovers(target.parent, f".{target.name}.restoring", max_age_s=0)  # older versions' name
    try:
        src = sqlite3.connect(sqlite_uri(backup.resolve(), "ro"), uri=True)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        # A journal left by the replaced file must not be replayed onto the restored one.
        target.with_name(target.name + "-journal").unlink(missing_ok=True)
        replace_durably(tmp, target)
    except (OSError, sqlite3.DatabaseError) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(msg.BACKUP_FAILED.format(detail=exc)) from exc
    return safety
