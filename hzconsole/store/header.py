"""Reading the 100-byte SQLite header with plain file I/O.

We judge a file before SQLite touches it, so a foreign, truncated or newer file is refused
without a single byte written (SQLite may otherwise roll back a journal or change the header).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
# 'HZCS' as a big-endian int: our PRAGMA application_id.
APPLICATION_ID = int.from_bytes(b"HZCS", "big")


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int  # in-header database size, 0 if not valid
    user_version: int
    application_id: int
    file_size: int

    @property
    def expected_size(self) -> int:
        return self.page_size * self.page_count


def read_header(path: Path) -> Header | None:
    """The parsed header, or None when the file is not a SQLite database at all."""
    with open(path, "rb") as fh:
        raw = fh.read(100)
        fh.seek(0, 2)
        size = fh.tell()
    if len(raw) < 100 or raw[:16] != MAGIC:
        return None
    page_size = struct.unpack(">H", raw[16:18])[0]
    if page_size == 1:
        page_size = 65536
    change_counter = struct.unpack(">I", raw[24:28])[0]
    page_count = struct.unpack(">I", raw[28:32])[0]
    version_valid_for = struct.unpack(">I", raw[92:96])[0]
    if version_valid_for != change_counter:
        page_count = 0  # written by an old SQLite: the in-header size is not reliable
    user_version = struct.unpack(">i", raw[60:64])[0]
    application_id = struct.unpack(">i", raw[68:72])[0]
    if page_size < 512 or page_size & (page_size - 1):
        return None
    return Header(
        page_size=page_size,
        page_count=page_count,
        user_version=user_version,
        application_id=application_id & 0xFFFFFFFF,
        file_size=size,
    )
