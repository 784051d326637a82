"""Opening the console on a file. Until the TUI lands this prints the file's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click


def demo_file() -> Path:
    """The demo database in the user data dir, created on first use."""
    from hzconsole.demo import create_demo
    from hzconsole.store.paths import data_dir

    path = data_dir() / "演示-青石镇.db"
    if not path.exists():
        click.echo("正在创建演示数据库(青石镇)…")
        create_demo(path, today=date.today()).close()
    return path


def open_console(path: Path) -> None:
    from hzconsole.cli.stats import stats

    click.echo(f"数据文件:{path}")
    ctx = click.get_current_context()
    ctx.invoke(stats, path=path, year=None, half=None, as_json=False)
