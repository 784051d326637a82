"""The files this PC opened lately (data_dir()/recent.json), newest first: `hzconsole` with
no path reopens the last one, and Ctrl+O lists them."""

from __future__ import annotations

import json
import os
from pathlib import Path, PureWindowsPath

from hzconsole.store.paths import data_dir, on_other_drives, windows_drives

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
    """The newest recent file that still exists (a stick not plugged in is skipped); on
    Windows one last opened from a stick that came back under another drive letter is
    found there (E:\\河长办\\台账.db now at F:\\河长办\\台账.db)."""
    files = load()
    for path in files:
        if path.exists():
            return path
    drives = windows_drives()
    for path in files if drives else ():
        moved = on_other_drives(PureWindowsPath(path), drives, lambda p: Path(p).exists())
        if moved is not None:
            return Path(moved)
    return None


def remember(path: str | os.PathLike[str]) -> None:
    """Put `path` first in the list; written atomically so a crash cannot garble it."""
    full = Path(path).resolve()
    files = [p for p in load() if p != full]
    files.insert(0, full)
    _save(files[:KEEP])


def _save(files: list[Path]) -> None:
    target = _file()
    tmp = target.with_name(f".recent.{os.getpid()}.tmp")
    payload = {"files": [{"path": str(p)} for p in files]}
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, target)
