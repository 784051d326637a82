"""The files this PC opened lately (data_dir()/recent.json), newest first: `hzconsole` with
no path reopens the last one, and Ctrl+O lists them."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hzconsole.store.paths import data_dir

KEEP = 10


def _file() -> Path:
    return data_dir() / "recent.json"


def load() -> list[Path]:
    """Recent files, newest first (a damaged list is treated as empty, never an error)."""
    try:
        data = json.loads(_file().read_text("utf-8"))
        return [Path(item["path"]) for item in data.get("files", []) if item.get("path")]
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return []


def last() -> Path | None:
    """The newest recent file that still exists (a stick not plugged in is skipped)."""
    for path in load():
        if path.exists():
            return path
    return None


def remember(path: str | os.PathLike[str]) -> None:
    """Put `path` first in the list; written atomically so a crash cannot garble it."""
    full = Path(path).resolve()
    files = [p for p in load() if p != full]
    files.insert(0, full)
    _save(files[:KEEP])


def forget(path: str | os.PathLike[str]) -> None:
    full = Path(path).resolve()
    _save([p for p in load() if p != full])


def _save(files: list[Path]) -> None:
    target = _file()
    tmp = target.with_name(f".recent.{os.getpid()}.tmp")
    payload = {"files": [{"path": str(p)} for p in files]}
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, target)
