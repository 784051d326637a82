"""The console (Textual TUI). Importing this package does not import Textual: `run_console`
does, so `hzconsole check` and the other commands start fast."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path


def run_console(
    path: Path | None = None, *, demo: bool = False, today: date | None = None, ascii: bool | None = None
) -> None:
    """Open the console on `path`; with no path the last file opened, else the first-run choice.
    `ascii`: the ASCII look (None: as this PC's console needs)."""
    # Python's cycle collector ran some 170 times during a launch (Textual, the books and the
    # first screens make ~100,000 objects, nearly all kept for the session): ~40 ms of it,
    # a bare Textual app ~10 ms. It is held off until 首页's figures are shown (HzApp resumes
    # it then, or after GC_PAUSE_LIMIT at the latest).
    gc.disable()
    try:
        from hzconsole import recent_files
        from hzconsole.tui.app import HzApp

        if path is None and not demo:
            path = recent_files.last()
        HzApp(path, demo=demo, today=today, ascii=ascii, gc_paused=True).run()
    finally:
        gc.enable()
