"""The command line: thin click commands over the core. Every message is Chinese and no
traceback reaches the user (it goes to the log in the data dir instead)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from hzconsole.cli.names import COMMAND_MODULES
from hzconsole.store.errors import HzError

if TYPE_CHECKING:
    import click


def _usage_message(exc: click.ClickException) -> str:
    import click

    if isinstance(exc, click.MissingParameter):
        # An option is named as typed (--office); click's param_type says "parameter" for both.
        if isinstance(exc.param, click.Option):
            return f"缺少选项 {exc.param.opts[0]}"
        name = exc.param.human_readable_name if exc.param else "参数"
        return f"缺少参数 {name}"
    if isinstance(exc, click.NoSuchOption):
        return f"没有选项 {exc.option_name}"
    if isinstance(exc, click.BadParameter):
        if isinstance(exc.param, click.Option):
            name = exc.param.opts[0]
        elif exc.param is not None:
            name = exc.param.human_readable_name
        else:
            hint = exc.param_hint  # a str, or the names a value may go under
            name = (hint if isinstance(hint, str) else " / ".join(hint or ())) or "参数"
        return f"{name} 的值无效：{exc.message}"
    if isinstance(exc, click.UsageError):
        return f"用法有误：{exc.message}"
    return exc.format_message()


def _console_path(args: list[str]) -> str | None:
    """`hzconsole PATH`: a first argument that is neither a command nor an option is the
    file to open the console on (so `hzconsole check` is never taken for a file)."""
    if args and not args[0].startswith("-") and args[0] not in COMMAND_MODULES:
        return args[0]
    return None


def _console_look(args: list[str]) -> tuple[list[str], bool | None]:
    """`hzconsole FILE --ascii` or `hzconsole --ascii FILE`: the flag taken out of the
    arguments (the console gets only its path), when they open the console on a file."""
    rest = [a for a in args if a != "--ascii"]
    if len(rest) < len(args) and _console_path(rest) is not None:
        return rest, True
    return args, None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `hzconsole` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    args, ascii_look = _console_look(args)
    console_path = _console_path(args)
    if console_path is not None or args == ["--demo"]:
        return _console(console_path, args, ascii_look)
    return _command(args)


def _console(path: str | None, args: list[str], ascii_look: bool | None) -> int:
    """`hzconsole FILE` and `hzconsole --demo`: the console, started without click."""
    from pathlib import Path

    from hzconsole.cli.console import ConsoleRefused, open_console

    try:
        if path is not None and len(args) > 1:
            raise ConsoleRefused(f"多余的参数\uff1a{' '.join(args[1:])}\uff08打开控制台只需要文件路径\uff09")
        open_console(None if path is None else Path(path), demo=path is None, ascii=ascii_look)
    except ConsoleRefused as exc:
        print(f"错误\uff1a用法有误\uff1a{exc}\n运行 hzconsole --help 查看用法\u3002", file=sys.stderr)
        return 2
    except HzError as exc:
        print(f"错误\uff1a{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断\u3002", file=sys.stderr)
        return 130
    except Exception as exc:
        return _internal_error(exc)
    return 0


def _internal_error(exc: Exception) -> int:
    from hzconsole.store.errorlog import log_error

    log = log_error(exc, " ".join(sys.argv))
    where = f"详细信息已写入 {log}\uff0c请把该文件交给技术人员\u3002" if log else ""
    print(f"程序内部错误\uff0c操作没有完成\u3002{where}", file=sys.stderr)
    return 3


def _command(args: list[str]) -> int:
    """Every other use: a command (click), or the console from `hzconsole` alone."""
    import click

    from hzconsole.cli.base import cli
    from hzconsole.cli.console import ConsoleRefused
    from hzconsole.store import database

    def tell(notice: str) -> None:
        click.echo(f"注意\uff1a{notice}", err=True)

    database.notice_listeners.append(tell)
    try:
        rv = cli.main(args=args, prog_name="hzconsole", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已取消\u3002", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "hzconsole"
        click.echo(f"错误\uff1a{_usage_message(exc)}\n运行 {cmd} --help 查看用法\u3002", err=True)
        return 2
    except ConsoleRefused as exc:
        click.echo(f"错误\uff1a用法有误\uff1a{exc}\n运行 hzconsole --help 查看用法\u3002", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"错误\uff1a{_usage_message(exc)}", err=True)
        return exc.exit_code
    except HzError as exc:
        click.echo(f"错误\uff1a{exc.message}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("已中断\u3002", err=True)
        return 130
    except Exception as exc:
        return _internal_error(exc)
    finally:
        database.notice_listeners.remove(tell)
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
