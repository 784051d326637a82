"""The error log on the PC (hzconsole-error.log in the data dir): where the CLI and the
console put the traceback of a failure that is not the clerk's doing, so the screen shows a
Chinese sentence instead. One writer for both front ends."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

ERROR_LOG = "hzconsole-error.log"


def log_error(error: BaseException, context: str) -> Path | None:
    """Append `error`'s traceback under a heading with the time and `context` (the command
    line, "console"). Returns the log's path, or None when it cannot be written (a full or
    read-only disk, a data dir that is not a folder): the caller still tells the clerk, only
    without a path, instead of failing a second time while reporting the first."""
    from hzconsole.store.paths import data_dir

    try:
        log = data_dir() / ERROR_LOG
        with open(log, "a", encoding="utf-8") as fh:
            # The wall clock, not Database.clock: when it happened on this PC.
            fh.write(f"\n=== {datetime.now().isoformat(timespec='seconds')} {context}\n")
            fh.write("".join(traceback.format_exception(error)))
    except OSError:
        return None
    return log
