"""Opening the console (the Textual TUI) on a file, from `hzconsole [PATH]` or `--demo`.

Textual is imported only here, when the console really starts, so every other command
stays fast; and neither this module nor `hzconsole FILE` imports click (cli/__init__.py)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path


def demo_file() -> Path:
    """The demo database in the user data dir, created on first use."""
    from hzconsole.demo import create_demo, half_made
    from hzconsole.store.paths import data_dir

    path = data_dir() / "演示-青石镇.db"
    if path.exists() and half_made(path):
        path.unlink()  # an older version killed while building it left it empty
    if not path.exists():
        print("正在创建演示数据库\uff08青石镇\uff09…", flush=True)
        create_demo(path, today=date.today()).close()
    return path


def interactive() -> bool:
    """A terminal to draw the console in (not a pipe or a script); under `hzconsole serve`
    the browser is the terminal, reached through pipes."""
    from hzconsole.look import in_browser

    return (sys.stdin.isatty() and sys.stdout.isatty()) or in_browser(os.environ)


class ConsoleRefused(Exception):
    """The console cannot start as asked (no terminal, more than a path): a usage error."""


def open_console(path: Path | None, *, demo: bool = False, ascii: bool | None = None) -> None:
    """Run the console on `path` (None: the last file opened, else the first-run choice), or
    on the demo file; `ascii` forces the ASCII look (None: as this PC's console needs)."""
    if not interactive():
        raise ConsoleRefused("控制台需要在终端窗口中运行\uff08标准输入输出不能是管道或文件\uff09\u3002")
    from hzconsole.tui import run_console

    run_console(demo_file() if demo else path, ascii=ascii or None)
