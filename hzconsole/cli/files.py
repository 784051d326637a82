"""Commands on the file itself: init, demo, check, backup, restore."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import DATA_FILE, DATE, FORCE_OPTION

if TYPE_CHECKING:
    from hzconsole.store.backup import BackupInfo


def _interactive() -> bool:
    """Whether someone at a terminal can be asked (not a script or a pipe)."""
    import sys

    return bool(sys.stdin and sys.stdin.isatty())


@cli.command()
@argument("path", "文件", "要新建的数据文件（.db）", type=DATA_FILE)
@click.option("--office", required=True, help="单位名称，如“樟树镇河长制办公室”")
@click.option("--code", default=None, help="机关代字，如“樟河办”（用于文号；不给出时在终端中询问）")
def init(path: Path, office: str, code: str | None) -> None:
    """新建一个空的数据文件。

    \b
    示例：hzconsole init "E:\\河长办\\2024 台账.db" --office 樟树镇河长制办公室 --code 樟河办
    """
    from hzconsole.books.settings import save_settings
    from hzconsole.store.database import create_database

    # The 机关代字 is printed in every 文号: a new office must not issue its first documents
    # under the placeholder 示河办. Asked when someone is at the keyboard, else refused.
    if not code:
        if not _interactive():
            raise click.UsageError("缺少选项 --code\uff1a请给出机关代字\uff08用于文号\uff0c如 --code 樟河办\uff09")
        code = click.prompt("机关代字\uff08用于文号\uff0c如 樟河办\uff09", type=str).strip()
        if not code:
            raise click.UsageError("机关代字不能为空")
    with create_database(path, office) as db:
        save_settings(db, {"doc_code": code})
    click.echo(f"已创建数据文件：{path}")


@cli.command()
@argument("path", "文件", "要创建的演示数据文件（.db）", type=DATA_FILE)
@click.option("--seed", default=2024, show_default=True, help="随机种子（相同种子生成相同数据）")
@click.option("--today", type=DATE, default=None, help="以哪一天为“今天”生成一年的数据，默认今天，如 2024-06-17")
@click.option("--force", **FORCE_OPTION)
def demo(path: Path, seed: int, today: date | None, force: bool) -> None:
    """创建演示数据库：虚构的青石镇（约 20 条河湖、60 人、40 块公示牌、一年的巡河和问题）。

    \b
    示例：hzconsole demo 演示.db
    """
    from hzconsole.books.patrols import patrols
    from hzconsole.demo import create_demo
    from hzconsole.store import messages as msg
    from hzconsole.store.errors import StoreError
    from hzconsole.store.locking import is_locked_by_other

    day = today or date.today()
    if path.exists():
        if not force:
            raise StoreError(f"文件「{path}」已经存在。如要覆盖，请加 --force。")
        if is_locked_by_other(path):
            raise StoreError(msg.FILE_IN_USE.format(path=path))
        path.unlink()
    with create_demo(path, seed=seed, today=day, progress=lambda m: click.echo(f"  生成{m}…")) as db:
        n = patrols.count(db)
    click.echo(f"已创建演示数据库：{path}（巡河记录 {n} 条）")


@cli.command()
@argument("path", "文件", "数据文件（.db）", type=DATA_FILE)
def check(path: Path) -> None:
    """检查数据文件是否完好（只读，不改动文件）。正常退出码 0，有问题退出码 1。"""
    from hzconsole.store.check import check_file

    report = check_file(path)
    for fact in report.facts:
        click.echo(fact)
    if report.healthy:
        click.echo(f"检查通过：{path} 完好。")
        return
    click.echo(f"检查发现 {len(report.problems)} 个问题：", err=True)
    for p in report.problems:
        click.echo(f"  - {p}", err=True)
    raise click.exceptions.Exit(1)


@cli.command()
@argument("path", "文件", "数据文件（.db）", type=DATA_FILE)
@click.option("--list", "list_only", is_flag=True, help="只列出已有备份")
def backup(path: Path, list_only: bool) -> None:
    """把数据文件备份到本机（每天第一次修改前也会自动备份）。"""
    from hzconsole.store.backup import folder_for, list_backups, make_backup
    from hzconsole.store.database import open_database

    with open_database(path, readonly=True) as db:
        if not list_only:
            target = make_backup(db, reason="手动")
            click.echo(f"已备份到：{target}")
        _print_backups(list_backups(folder_for(db)))


def _print_backups(backups: list[BackupInfo]) -> None:
    if not backups:
        click.echo("（还没有备份）")
        return
    click.echo("本机保存的备份（最新在前）：")
    for i, b in enumerate(backups, 1):
        why = f"  {b.reason}" if b.reason else ""
        click.echo(f"  {i:>3}. {b.taken_at:%Y-%m-%d %H:%M:%S}  {b.size / 1024:,.0f} KB{why}  {b.path}")


@cli.command()
@argument("path", "文件", "数据文件（.db）", type=DATA_FILE)
@argument("backup_file", "备份", "备份文件的路径或列表中的序号（1 为最新）", required=False)
@click.option("--yes", "-y", is_flag=True, help="不再询问，直接恢复")
def restore(path: Path, backup_file: str | None, yes: bool) -> None:
    """用备份恢复数据文件。不给出备份时列出可用的备份。

    备份 可以是备份文件的路径，也可以是列表中的序号（1 为最新）。
    恢复前会先把当前文件再备份一次，可以反悔。

    \b
    示例：hzconsole restore 台账.db 1
    """
    from hzconsole.store.backup import folder_for, list_backups
    from hzconsole.store.backup import restore as do_restore
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import StoreError

    backups = []
    if path.exists():
        try:
            with open_database(path, readonly=True) as db:
                backups = list_backups(folder_for(db))
        except StoreError:
            backups = []
    if backup_file is None:
        _print_backups(backups)
        click.echo("指定序号或备份文件路径即可恢复，如：hzconsole restore 台账.db 1")
        return
    if backup_file.isdigit() and not Path(backup_file).exists():
        index = int(backup_file)
        if not 1 <= index <= len(backups):
            raise StoreError(f"没有序号为 {index} 的备份（共 {len(backups)} 个）。")
        source = backups[index - 1].path
    else:
        source = Path(backup_file)
    if not yes:
        click.confirm(f"用备份「{source.name}」替换「{path}」的当前内容？", abort=True)
    safety = do_restore(source, path)
    click.echo(f"已恢复：{path}")
    if safety:
        click.echo(f"恢复前的文件已另存为：{safety}")
