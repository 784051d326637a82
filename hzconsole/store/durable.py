"""Making what we report as done survive a power cut: fsync of written files and of the
folder that holds a renamed name (a rename lives in the folder, not in the file)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def sync_file(path: Path) -> None:
    """Flush a written file's bytes to the medium."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (names created, renamed or deleted in it). Windows cannot
    open a folder for fsync, and NTFS/FAT journal renames themselves: a no-op there."""
    if os.name == "nt":  # pragma: no cover - Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_durably(tmp: Path, target: Path) -> None:
    """Rename a fully written `tmp` onto `target` so that after a power cut the folder holds
    either the old file or the complete new one: file synced, renamed, folder synced."""
    sync_file(tmp)
    os.replace(tmp, target)
    sync_folder(target.parent)


def _pid_of(name: str) -> int | None:
    """The pid in a temporary name (.台账.db.1234.creating): its last all-digit part."""
    digits = [part for part in name.split(".") if part.isdigit()]
    return int(digits[-1]) if digits else None


def _alive(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would signal the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_leftovers(folder: Path, pattern: str, *, max_age_s: float = 86400) -> list[Path]:
    """Delete temporary files of runs that were killed (`pattern`, e.g. ".*.tmp.docx"):
    those whose process (the pid in the name) is gone, or older than `max_age_s` where a
    pid cannot be asked about. A live run's file is never touched."""
    import time

    removed = []
    with contextlib.suppress(OSError):
        for leftover in folder.glob(pattern):
            pid = _pid_of(leftover.name)
            if pid == os.getpid():
                continue
            stale = (pid is not None and not _alive(pid)) or time.time() - leftover.stat().st_mtime > max_age_s
            if stale:
                with contextlib.suppress(OSError):
                    leftover.unlink()
                    removed.append(leftover)
                # A half-built database's journal goes with it (it belongs to nothing else).
                with contextlib.suppress(OSError):
                    leftover.with_name(leftover.name + "-journal").unlink()
    return removed
