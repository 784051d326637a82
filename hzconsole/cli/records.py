"""`hzconsole records`: the year's facts a work summary reports that the books do not hold."""

from __future__ import annotations

from pathlib import Path

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import YEAR


@cli.command()
@argument("path", "文件", "数据文件（.db）", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--year", type=YEAR, required=True, help="年度")
@click.option(
    "--set",
    "pairs",
    multiple=True,
    metavar="名称=值",
    help="填写一项，可重复；值为空则删除。如 --set meetings=4 --set 清理河道垃圾和漂浮物=126.5",
)
def records(path: Path, year: int, pairs: tuple[str, ...]) -> None:
    """年度工作记录：会议、河长令、保洁、宣传、资金、述职考核等（工作总结引用）。

    \b
    示例：hzconsole records 台账.db --year 2024 --set meetings=4 --set cleaners=36
    """
    from hzconsole.books import yearly
    from hzconsole.store.database import open_database

    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise click.UsageError(f"「{pair}」应写成 名称=值，如 meetings=4")
        values[name] = value
    with open_database(path, readonly=not values) as db:
        if values:
            yearly.set_values(db, year, values)
        saved = yearly.get_year(db, year)
    click.echo(f"{year}年度工作记录：")
    for kind in yearly.RECORDS:
        found = saved.get(kind.key)
        shown = f"{found}{kind.unit}" if found else "（未填写）"
        click.echo(f"  {kind.key:<16}{kind.label}:{shown}")
