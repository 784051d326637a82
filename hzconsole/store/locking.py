"""One writer per file, across processes.

SQLite's own locks last only as long as a transaction, so two consoles on one file would both
believe they can write. We hold an OS byte-range lock on the database file itself for as long
as we are its writer: no lock file is left on the stick, and a crashed process releases it.
The byte sits well past SQLite's own lock bytes (1 GiB .. 1 GiB + 512), and POSIX locks on a
range no SQLite code touches do not disturb SQLite's. The descriptor must stay open until the
SQLite connection is closed: closing any descriptor of a file drops all of a process's POSIX
locks on it, SQLite's included.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

LOCK_OFFSET = 0x40000000 + 4096

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, LOCK_OFFSET, 0)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, LOCK_OFFSET, 0)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, LOCK_OFFSET)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.lockf(fd, fcntl.LOCK_UN, 1, LOCK_OFFSET)


class WriterLock:
    """Held while this process may write the file."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path: Path) -> WriterLock | None:
        """The lock, or None when another process holds it (or the file is not writable)."""
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        if _try_lock(fd):
            return cls(fd)
        os.close(fd)
        return None

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def is_locked_by_other(path: Path) -> bool:
    """True when another process is the writer of `path` (used by restore and check)."""
    lock = WriterLock.acquire(path)
    if lock is None:
        return os.access(path, os.W_OK)
    lock.release()
    return False
