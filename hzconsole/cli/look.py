"""`hzconsole look`: the console's look on this PC (see hzconsole/look.py)."""

from __future__ import annotations

import click

from hzconsole.cli.base import argument, cli

_NAMES = {"auto": "自动", "ascii": "简单字符界面", "full": "完整界面"}


@cli.command()
@argument(
    "choice",
    "界面",
    "auto（自动）、ascii（简单界面）或 full（完整界面）；省略时显示当前设置",
    type=click.Choice(tuple(_NAMES)),
    required=False,
)
def look(choice: str | None) -> None:
    """设置本机控制台的界面：旧的 Windows 命令行窗口会把表格线、箭头、圆点等符号画成两格宽，
    界面错位，这时用只含简单字符的界面。

    auto（默认）：在 Windows 上不是“Windows 终端”时自动用简单界面。
    设置保存在本机，对所有数据文件有效；只想用一次时运行 hzconsole --ascii。

    \b
    示例：hzconsole look ascii
    """
    from hzconsole import look as looks

    if choice is None:
        current = looks.load_choice()
        now = "简单界面" if looks.wants_ascii(current) else "完整界面"
        click.echo(f"当前设置：{_NAMES[current]}（在这个窗口中使用{now}）")
        return
    looks.save_choice(choice)
    click.echo(f"已设置为：{_NAMES[choice]}")
