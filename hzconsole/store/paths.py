"""Where hzconsole keeps things on the PC (not on the stick): backups, recent files, logs."""

from __future__ import annotations

import os
from pathlib import Path

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
