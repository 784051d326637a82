"""A write cut off by a kill: the hot -journal the store and console tests start from."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

# Stops half way through a transaction big enough to have written pages to the file.
HANGER = r"""
import sys, time
from hzconsole.store.database import open_database
db = open_database(sys.argv[1])
db.conn.execute("PRAGMA cache_size = 1")
with db.transaction():
    for i in range(int(sys.argv[2])):
        db.insert("people", {"name": f"未提交{i}", "notes": "备注" * 100})
    print("inside", flush=True)
    time.sleep(60)
"""


def kill_inside_transaction(path: Path, rows: int = 1500) -> Path:
    """SIGKILL a writer of `path` in the middle of a transaction; returns its hot journal."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGER, str(path), str(rows)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == "inside", proc.stderr.read()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    journal = Path(f"{path}-journal")
    assert journal.stat().st_size > 0
    return journal
