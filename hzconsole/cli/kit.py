"""`hzconsole kit DIR`: the offline install kit for the clerk's PC (see hzconsole/kit.py)."""

from __future__ import annotations

from pathlib import Path

import click

from hzconsole.cli.base import argument, cli

_TARGET_KEYS = ("windows", "linux")


@cli.command()
@argument(
    "folder",
    "文件夹",
    "安装包放在哪个文件夹（不存在则新建；已有的程序包不重复下载）",
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option(
    "--only",
    "only",
    type=click.Choice(_TARGET_KEYS),
    default=None,
    help="只准备 Windows 或只准备 Linux 的程序包（默认两者都准备）",
)
def kit(folder: Path, only: str | None) -> None:
    """制作离线安装包：拷到 U 盘，在没有网络的电脑上安装 hzconsole。

    包含 hzconsole 和它需要的全部程序包（Windows x64 与 Linux，Python 3.11 和 3.12）、
    安装脚本 install.cmd / install.sh、启动脚本和中文安装说明。制作时需要网络；
    最后用 pip 检查每个平台都能只用安装包中的文件装好。

    \b
    示例：hzconsole kit E:\\hzconsole-安装包
    """
    from hzconsole.kit import TARGETS, build_kit

    targets = [t for t in TARGETS if only is None or t.key.startswith(only)]
    report = build_kit(folder, targets=targets, progress=lambda m: click.echo(f"  {m}"))
    click.echo(f"已制作离线安装包：{folder}（程序包 {len(report.wheels)} 个）")
    for target in report.targets:
        click.echo(f"  {target.label}：{len(report.resolved[target.key])} 个程序包，检查通过")
    if report.built_from_source:
        click.echo(f"  由源代码制作：{'、'.join(report.built_from_source)}")
