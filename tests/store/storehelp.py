"""Helpers of the storage tests: file hashes, what is left beside a file, and a second
hzconsole process that holds a file open as its writer."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = r"""
import sys
from hzconsole.store.database import open_database
db = open_database(sys.argv[1])
print("writer" if not db.readonly else "readonly", flush=True)
sys.stdin.read()
db.close()
"""


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(path: Path) -> list[str]:
    """Files SQLite may leave beside a database: none may remain after close."""
    return [
        p.name
        for p in path.parent.iterdir()
        if p.name != path.name
        and p.name.startswith(path.name)
        and p.name[len(path.name) :] in ("-journal", "-wal", "-shm")
    ]


@contextmanager
def other_process_holding(path: Path) -> Iterator[str]:
    """Another process opens `path` with hzconsole and keeps it open until the block ends;
    yields "writer" or "readonly" as that process saw it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        line = proc.stdout.readline().strip()
        assert line, proc.stderr.read()
        yield line
    finally:
        proc.stdin.close()
        proc.wait(timeout=20)
