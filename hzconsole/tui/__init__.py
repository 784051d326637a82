"""The console (Textual TUI). Importing this package does not import Textual: `run_console`
does, so `hzconsole check` and the other commands start fast."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def run_console(path: Path | None = None, *, demo: bool = False, today: date | None = None,
                ascii: bool | None = None) -> None:
    """Open the console on `path`; with no path the last file opened, else the first-run choice.
    `ascii`: the ASCII look (None: as this PC's console needs)."""
    from hzconsole import recent_files
    from hzconsole.tui.app import HzApp

    if path is None and not demo:
        path = recent_files.last()
    HzApp(path, demo=demo, today=today, ascii=ascii).run()
