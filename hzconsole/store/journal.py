"""Whether a hot rollback journal beside the file is this file's own.

SQLite rolls back any hot `-journal` whose name matches the file, whatever file wrote it:
another database's journal (two copies on one stick, a renamed file, a copy taken while the
console was writing) is replayed into ours and destroys it. SQLite cannot tell; we can,
before any connection reads the file:

1. the journal header (magic, page size) must fit the file;
2. the journal's copy of page 1, when it holds one, must be this file's page 1 as it was
   when the cut-off write began: our application id, a change counter equal to the file's
   or one less (the write bumps it once), the same schema layout;
3. the journal replayed on a copy of the file (in a temporary folder, never the file itself)
   must give a file that passes `PRAGMA quick_check` and keeps the file's identity (file_id).

A journal that fails is moved aside under a name SQLite ignores and the file is left
byte-identical; the caller tells the clerk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hzconsole.store.header import APPLICATION_ID, MAGIC, read_header
from hzconsole.store.paths import sqlite_uri

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
# What a journal moved aside is called: it no longer ends in -journal, so SQLite ignores it.
ASIDE_TAG = "不属于本文件"


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


@dataclass(frozen=True)
class JournalHeader:
    records: int
    nonce: int
    original_pages: int
    sector_size: int
    page_size: int


def read_journal_header(raw: bytes) -> JournalHeader | None:
    if len(raw) < 28 or raw[:8] != JOURNAL_MAGIC:
        return None
    records, nonce, original, sector, page = struct.unpack(">IIIII", raw[8:28])
    return JournalHeader(records, nonce, original, sector, page)


def _checksum(nonce: int, data: bytes) -> int:
    # SQLite's pager_cksum: the nonce plus every 200th byte from the end, modulo 2**32.
    total, i = nonce, len(data) - 200
    while i > 0:
        total += data[i]
        i -= 200
    return total & 0xFFFFFFFF


def _journal_page_one(raw: bytes, head: JournalHeader) -> bytes | None:
    """The original page 1 as the journal's first segment holds it (with a valid checksum)."""
    if not 512 <= head.sector_size <= 65536 or head.sector_size & (head.sector_size - 1):
        return None
    size = head.page_size + 8
    offset = head.sector_size
    count = head.records
    if count in (0, 0xFFFFFFFF):
        count = (len(raw) - offset) // size
    for _ in range(count):
        record = raw[offset : offset + size]
        if len(record) < size:
            return None
        pgno = struct.unpack(">I", record[:4])[0]
        data = record[4 : 4 + head.page_size]
        if pgno == 1 and struct.unpack(">I", record[-4:])[0] == _checksum(head.nonce, data):
            return data
        offset += size
    return None


def foreign_reason(path: Path) -> str | None:
    """None when the hot journal beside `path` is the file's own (or there is none); else why
    it is not, in Chinese. Reads the file and the journal; writes neither."""
    journal = journal_path(path)
    try:
        raw = journal.read_bytes()
    except OSError:
        return None
    if raw[:1] in (b"", b"\0"):
        return None  # never made valid: SQLite ignores it, nothing is replayed
    head = read_journal_header(raw)
    header = read_header(path)
    if head is None:
        return "它不是有效的撤销日志"
    if header is None or head.page_size != header.page_size:
        return "它的页大小与本文件不同\uff0c是别的数据库留下的"
    page_one = _journal_page_one(raw, head)
    if page_one is not None:
        if page_one[:16] != MAGIC or struct.unpack(">I", page_one[68:72])[0] != APPLICATION_ID:
            return "它属于另一个数据库"
        with open(path, "rb") as fh:
            current = fh.read(100)
        before = struct.unpack(">I", page_one[24:28])[0]
        now = struct.unpack(">I", current[24:28])[0]
        if now not in (before, (before + 1) & 0xFFFFFFFF):
            return "它记录的文件修改次数与本文件对不上\uff0c是另一个文件\uff08例如本文件的副本\uff09留下的"
    return _replay_on_copy(path, journal)


def _file_id(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'file_id'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])


def _replay_on_copy(path: Path, journal: Path) -> str | None:
    with tempfile.TemporaryDirectory(prefix="hzjournal-") as tmp:
        copy = Path(tmp) / "replayed.db"
        try:
            shutil.copyfile(path, copy)
        except OSError:
            return None  # cannot judge (no room on the PC?): let SQLite do as it always did
        # The file's identity as it stands, read before the journal is put beside the copy.
        identity_before = None
        with contextlib.suppress(sqlite3.DatabaseError):
            conn = sqlite3.connect(sqlite_uri(copy, "ro"), uri=True)
            try:
                identity_before = _file_id(conn)
            finally:
                conn.close()
        try:
            shutil.copyfile(journal, journal_path(copy))
        except OSError:
            return None
        try:
            conn = sqlite3.connect(str(copy), isolation_level=None)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls back
                result = [r[0] for r in conn.execute("PRAGMA quick_check")]
                app_id = conn.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
                identity_after = _file_id(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return "用它撤销后文件无法读取"
    if result != ["ok"]:
        return "用它撤销后文件会损坏"
    if app_id != APPLICATION_ID:
        return "它属于另一个数据库"
    if identity_before is not None and identity_after is not None and identity_before != identity_after:
        return "它属于另一个河长办数据文件"
    return None


def move_aside(path: Path) -> Path:
    """Rename the journal beside `path` to a name SQLite ignores; returns the new path."""
    journal = journal_path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}-journal.{ASIDE_TAG}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}-journal.{ASIDE_TAG}-{stamp}-{n}")
    os.replace(journal, target)
    from hzconsole.store.durable import sync_folder

    sync_folder(path.parent)
    return target
