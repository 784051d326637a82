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
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource_dir(name: str) -> Path:
    """`schemas` or `templates`: inside the wheel, or beside the package in a source tree."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(name)
