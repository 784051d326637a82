"""The click group with Chinese help headings, shared by every command module."""

from __future__ import annotations

import click

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class ChineseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法:")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


click.Context.formatter_class = ChineseFormatter

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def help_option(f):
    return click.help_option("-h", "--help", help="显示本帮助并退出")(f)


class Command(click.Command):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("context_settings", CONTEXT)
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "显示本帮助并退出"
        return opt


class Group(click.Group):
    command_class = Command

    def get_help_option(self, ctx: click.Context):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "显示本帮助并退出"
        return opt


@click.group(cls=Group, context_settings=CONTEXT, invoke_without_command=True)
@click.version_option(message="hzconsole %(version)s", help="显示版本并退出")
@click.option("--demo", "open_demo", is_flag=True, help="打开演示数据库(第一次使用时自动创建)")
@click.pass_context
def cli(ctx: click.Context, open_demo: bool) -> None:
    """hzconsole —— 乡镇河长办台账与公文控制台。

    所有数据保存在一个 SQLite 文件中(可放在 U 盘上)。不带参数运行时打开控制台
    (上次打开的文件,或第一次使用时的选择);hzconsole 文件路径 在该文件上打开控制台。

    \b
    示例:
      hzconsole E:\\河长办\\台账.db      打开控制台
      hzconsole demo 示例.db            创建演示数据库
      hzconsole stats 示例.db --year 2024
      hzconsole check E:\\河长办\\台账.db
    """
    if open_demo:
        from hzconsole.cli.console import demo_file, open_console

        open_console(demo_file())
        return
    if ctx.invoked_subcommand is None:
        from hzconsole.cli.console import interactive, open_console

        if interactive():
            open_console(None)
        else:
            click.echo(ctx.get_help())
