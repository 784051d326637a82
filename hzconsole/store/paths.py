"""Where hzconsole keeps things on the PC (not on the stick): backups, recent files, logs."""

from __future__ import annotations

import os
import string
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

import platformdirs


def data_dir() -> Path:
    """The per-user data dir; HZCONSOLE_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("HZCONSOLE_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("hzconsole", False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    """Backups hold the office's phone numbers: the folder is the owner's only (0700)."""
    path = data_dir() / "backups"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def resource_dir(name: str) -> Path:
    """`schemas` or `templates`: inside the wheel, or beside the package in a source tree."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)


def sqlite_uri(path: PurePath, mode: str) -> str:
    """The SQLite URI of an absolute `path` (`mode`: ro, rw, rwc).

    A URI keeps Chinese characters and spaces intact on every platform, but SQLite refuses a
    URI with an authority: pathlib's as_uri() of a Windows share, \\\\server\\share\\台账.db,
    is file://server/share/..., which fails to open. Here the share goes into the path after
    an empty authority (file:////server/share/...), as SQLite on Windows expects; a drive is
    file:///E:/...; the \\\\?\\ prefix of Windows' long paths is taken off; '?', '#' and '%'
    in a name are escaped (SQLite would take them for the query, the fragment, an escape)."""
    if isinstance(path, PureWindowsPath):
        text = str(path)
        if text.startswith("\\\\?\\UNC\\"):
            text = "\\\\" + text[8:]
        elif text.startswith("\\\\?\\"):
            text = text[4:]
        posix = PureWindowsPath(text).as_posix()  # E:/河长办/x.db or //server/share/x.db
        if not posix.startswith("//"):
            posix = "/" + posix
    else:
        posix = path.as_posix()
    return f"file://{quote(posix, safe='/:')}?mode={mode}"


def windows_drives() -> list[str]:
    """The drive letters of this Windows PC a stick may be on (D, E …); none elsewhere."""
    if os.name != "nt":
        return []
    # From D: on: A: and B: are floppy letters (asking an empty one can stall), C: is the PC.
    return [d for d in string.ascii_uppercase[3:] if os.path.exists(f"{d}:\\")]


def on_other_drives(path: PurePath, drives: Iterable[str], exists: Callable[[PurePath], bool]) -> PurePath | None:
    """Where a file last opened at E:\\河长办\\台账.db is now, when the stick came back as F:
    (Windows gives a stick whichever letter is free): the same folders and name on another
    drive, if exactly one drive has it (two would be a guess). Not for shares or C:."""
    if not isinstance(path, PureWindowsPath) or len(path.drive) != 2 or path.drive[0].upper() == "C":
        return None
    rest = path.relative_to(path.anchor)
    found = [
        candidate
        for letter in drives
        if letter.upper() not in (path.drive[0].upper(), "C")
        and exists(candidate := PureWindowsPath(f"{letter.upper()}:\\", rest))
    ]
    return found[0] if len(found) == 1 else None
