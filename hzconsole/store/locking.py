"""One writer per file, across processes.

SQLite's own locks last only as long as a transaction, so two consoles on one file would both
believe they can write. We hold an OS lock on the database file itself for as long as we are
its writer: no lock file is left on the stick, and a crashed process releases it.

The lock must belong to *our* open file description, not to the process: classic POSIX
(fcntl/lockf) locks are dropped when the process closes *any* descriptor of the file, and
every read-only SQLite connection to the same file (a `check`, a second window) closes one.
So on Linux we take an open-file-description lock (F_OFD_SETLK), elsewhere on POSIX flock(),
and on Windows msvcrt.locking (per handle). OFD and Windows locks cover one byte inside
SQLite's lock-byte page, past the bytes SQLite itself locks (1 GiB .. 1 GiB + 511): SQLite
never stores data in that page, so Windows' mandatory locks cannot block its reads.
"""

from __future__ import annotations

import contextlib
import enum
import os
import struct
import sys
from pathlib import Path

LOCK_OFFSET = 0x40000000 + 2048

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
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

    # struct flock on 64-bit Linux: short l_type, short l_whence, off_t l_start, off_t l_len,
    # pid_t l_pid (must be 0 for OFD locks), padded to 32 bytes.
    _OFD = sys.platform.startswith("linux") and hasattr(fcntl, "F_OFD_SETLK") and struct.calcsize("P") == 8

    def _flock(kind: int) -> bytes:
        return struct.pack("hhqqi4x", kind, os.SEEK_SET, LOCK_OFFSET, 1, 0)

    def _try_lock(fd: int) -> bool:
        try:
            if _OFD:
                fcntl.fcntl(fd, fcntl.F_OFD_SETLK, _flock(fcntl.F_WRLCK))
            else:  # pragma: no cover - macOS/BSD
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            if _OFD:
                fcntl.fcntl(fd, fcntl.F_OFD_SETLK, _flock(fcntl.F_UNLCK))
            else:  # pragma: no cover - macOS/BSD
                fcntl.flock(fd, fcntl.LOCK_UN)


class WriterState(enum.Enum):
    FREE = "free"  # nobody is the writer: we could be
    LOCKED = "locked"  # another console (or another Database in this process) is the writer
    UNWRITABLE = "unwritable"  # the file cannot be opened for writing at all


class WriterLock:
    """Held while this Database may write the file."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @classmethod
    def try_acquire(cls, path: Path) -> tuple[WriterLock | None, WriterState]:
        """The lock and FREE, or None and why not."""
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            return None, WriterState.UNWRITABLE
        if _try_lock(fd):
            return cls(fd), WriterState.FREE
        os.close(fd)
        return None, WriterState.LOCKED

    @classmethod
    def acquire(cls, path: Path) -> WriterLock | None:
        """The lock, or None when someone else holds it (or the file is not writable)."""
        return cls.try_acquire(path)[0]

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


def writer_state(path: Path) -> WriterState:
    """Whether `path` has a writer now (ours in this process counts as one)."""
    lock, state = WriterLock.try_acquire(path)
    if lock is not None:
        lock.release()
    return state


def is_locked_by_other(path: Path) -> bool:
    """True when an hzconsole (another process, or another open Database of this process)
    is the writer of `path` (used by restore and check)."""
    return writer_state(path) is WriterState.LOCKED
