"""The SHA-256 of a file on disk, read in blocks: how an import knows a workbook it has seen
before and how a roll-up proves a township's file was not changed by reading it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
