"""Asking the operating system to show a folder (after a document is saved)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Tests set this to a list to see what would have been opened, without starting a program.
OPENED: list[Path] | None = None


def open_folder(folder: Path) -> str | None:
    """Open `folder` in the file manager; a Chinese message if that is not possible."""
    if OPENED is not None:
        OPENED.append(folder)
        return None
    try:
        if sys.platform.startswith("win"):
            os.startfile(folder)  # type: ignore[attr-defined]  # Windows only
            return None
        opener = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
        if opener:
            subprocess.Popen([opener, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return None
    except OSError:
        pass
    return f"不能自动打开文件夹，请在文件管理器中打开：{folder}"
