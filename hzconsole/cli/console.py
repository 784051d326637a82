"""Opening the console (the Textual TUI) on a file, from `hzconsole [PATH]` or `--demo`.

Textual is imported only here, when the console really starts, so every other command
stays fast."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click


def demo_file() -> Path:
    """The demo database in the user data dir, created on first use."""
    from hzconsole.demo import create_demo
    from hzconsole.store.paths import data_dir

    path = data_dir() / "演示-青石镇.db"
    if path.exists() and _half_made(path):
        path.unlink()  # an older version killed while building it left it empty
    if not path.exists():
        click.echo("正在创建演示数据库（青石镇）…")
        create_demo(path, today=date.today()).close()
    return path


def _half_made(path: Path) -> bool:
    """A demo file without a single river: its build was cut off (older versions built it
    in place)."""
    from hzconsole.books.rivers import rivers
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import StoreError

    try:
        with open_database(path, readonly=True) as db:
            return not rivers.count(db)
    except StoreError:
        return False


def interactive() -> bool:
    """A terminal to draw the console in (not a pipe or a script); under `hzconsole serve`
    the browser is the terminal, reached through pipes."""
    from hzconsole.look import in_browser

    return (sys.stdin.isatty() and sys.stdout.isatty()) or in_browser(os.environ)


def open_console(path: Path | None, *, ascii: bool | None = None) -> None:
    """Run the console on `path` (None: the last file opened, else the first-run choice);
    `ascii` forces the ASCII look (None: as this PC's console needs)."""
    if not interactive():
        raise click.UsageError("控制台需要在终端窗口中运行（标准输入输出不能是管道或文件）。")
    from hzconsole.tui import run_console

    run_console(path, ascii=ascii or None)
