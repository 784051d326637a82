"""The click group with Chinese help headings, shared by every command module."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click
from click.formatting import iter_rows

from hzconsole.cells import cells, wrap_cells
from hzconsole.cli.names import COMMAND_MODULES

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
# What click appends to an option's help ([required], [default: 3]) and the names of its
# value types, in Chinese: every word of the help should be.
_EXTRAS = (
    (re.compile(r"(?<=[\[;] )required\]|(?<=\[)required\]"), "必填]"),
    (re.compile(r"(?<=[\[;] )default: |(?<=\[)default: "), "默认："),
    (re.compile(r"(?<=[\[;] )env var: |(?<=\[)env var: "), "环境变量："),
    # last: the patterns above find their words after click's "; "
    (re.compile(r"; (?=[^\[\]]*\]$)"), "；"),
)
_METAVARS = {
    "INTEGER RANGE": "整数",
    "FLOAT RANGE": "数值",
    "INTEGER": "整数",
    "FLOAT": "数值",
    "TEXT": "文本",
    "FILE": "文件",
    "DIRECTORY": "文件夹",
    "PATH": "路径",
    "BOOLEAN": "是/否",
}
_METAVAR = re.compile(r" (" + "|".join(re.escape(k) for k in _METAVARS) + r")$")


def chinese_help_record(record: tuple[str, str]) -> tuple[str, str]:
    """An option's help line with click's English additions in Chinese."""
    opts, help_text = record
    opts = _METAVAR.sub(lambda m: " " + _METAVARS[m.group(1)], opts)
    for pattern, repl in _EXTRAS:
        help_text = pattern.sub(repl, help_text)
    return opts, help_text


class ChineseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        # click closes a heading with an ASCII colon; a Chinese heading takes the full-width one.
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        """Paragraphs wrapped in terminal columns (click's textwrap lets a Chinese paragraph
        run past the width); a paragraph opened by a \\b line is kept as written."""
        indent = " " * self.current_indent
        out = []
        for para in re.split(r"\n[ \t]*\n", text.strip("\n")):
            lines = para.splitlines()
            if lines and lines[0].strip() == "\b":
                out.append("\n".join(indent + line for line in lines[1:]))
                continue
            joined = ""
            for line in (ln.strip() for ln in lines):
                # A line break inside Chinese text is no space (Latin words keep theirs).
                if (
                    joined
                    and line
                    and not (cells(line[0]) == 2 and (cells(joined[-1]) == 2 or joined[-1] in ";,:.!?)"))
                ):
                    joined += " "
                joined += line
            width = max(self.width - self.current_indent, 20)
            out.append("\n".join(indent + line for line in wrap_cells(joined, width)))
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, measured in terminal columns (a Chinese metavar or help
        text is twice as wide as its length), so the second column lines up."""
        rows = list(rows)
        first_col = min(max((cells(a) for a, _b in rows), default=0), col_max) + col_spacing
        for first, second in iter_rows(rows, 2):
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_cells(second, max(self.width - first_col - 2, 10)) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


click.Context.formatter_class = ChineseFormatter

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


_F = TypeVar("_F", bound=Callable[..., Any])


def help_option(f: _F) -> _F:
    return click.help_option("-h", "--help", help="显示本帮助并退出")(f)


class Argument(click.Argument):
    """A positional argument named in Chinese (种类, 文件) in the usage line and in our own
    参数 section. click's rendering of arguments changes between releases (8.5 began listing
    them under the options with their English names), so none of it is used."""

    def __init__(self, param_decls: Sequence[str], *, label: str, help: str, **kwargs: Any) -> None:
        super().__init__(param_decls, **kwargs)
        self.metavar = label if self.required else f"[{label}]"
        self.label = label
        self.help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str]:
        # _ChineseHelp.format_options lays arguments out itself; should click list them, it
        # lists them by their Chinese names too.
        return _argument_record(self)


def argument(name: str, label: str, help: str, **kwargs: Any) -> Callable[[_F], _F]:
    """`@argument("kind", "种类", "台账种类")`: every command argument has a Chinese name."""
    return click.argument(name, cls=Argument, label=label, help=help, **kwargs)


class _ChineseHelp(click.Command):
    """Help in Chinese down to click's own words: [选项] in the usage line, [必填] and
    value types (整数, 文件 …) in the option list, arguments by their Chinese names. The
    sections are laid out here, not by click: its layout changes between releases."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)
        arguments = [p for p in params if isinstance(p, click.Argument)]
        if arguments:
            with formatter.section("参数"):
                formatter.write_dl([_argument_record(a) for a in arguments])
        records = [rv for p in params if isinstance(p, click.Option) and (rv := p.get_help_record(ctx))]
        if records:
            with formatter.section("选项"):
                formatter.write_dl([chinese_help_record(r) for r in records])
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "显示本帮助并退出"
        return opt


def _argument_record(arg: click.Argument) -> tuple[str, str]:
    if not isinstance(arg, Argument):
        raise TypeError(f"argument {arg.name!r} has no Chinese name: declare it with base.argument()")
    return arg.label, f"{arg.help}{'' if arg.required else '（可省略）'}"


class Command(_ChineseHelp):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", CONTEXT)
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class Group(_ChineseHelp, click.Group):
    command_class = Command

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)
        # Command name -> the module that registers it when imported: a command's module
        # (and the core it needs: documents, ledgers …) is imported only when it runs, so
        # `hzconsole check` or `--version` does not pay for every document kind.
        self.lazy: dict[str, str] = dict(lazy or {})

    def knows(self, name: str) -> bool:
        return name in self.commands or name in self.lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            importlib.import_module(self.lazy[cmd_name])
        return self.commands.get(cmd_name)


@click.group(cls=Group, context_settings=CONTEXT, invoke_without_command=True, lazy=COMMAND_MODULES)
@click.version_option(message="hzconsole %(version)s", help="显示版本并退出")
@click.option("--demo", "open_demo", is_flag=True, help="打开演示数据库（第一次使用时自动创建）")
@click.option(
    "--ascii",
    "ascii_look",
    is_flag=True,
    default=None,
    help="用简单字符画的界面（旧的 Windows 命令行窗口显示错位时使用）",
)
@click.pass_context
def cli(ctx: click.Context, open_demo: bool, ascii_look: bool | None) -> None:
    """hzconsole —— 乡镇河长办台账与公文控制台。

    所有数据保存在一个 SQLite 文件中（可放在 U 盘上）。不带参数运行时打开控制台
    （上次打开的文件，或第一次使用时的选择）；hzconsole 文件路径 在该文件上打开控制台。

    \b
    示例：
      hzconsole E:\\河长办\\台账.db      打开控制台
      hzconsole demo 示例.db            创建演示数据库
      hzconsole stats 示例.db --year 2024
      hzconsole check E:\\河长办\\台账.db
    """
    if open_demo:
        from hzconsole.cli.console import open_console

        open_console(None, demo=True, ascii=ascii_look)
        return
    if ctx.invoked_subcommand is None:
        from hzconsole.cli.console import interactive, open_console

        if interactive():
            open_console(None, ascii=ascii_look)
        else:
            click.echo(ctx.get_help())
