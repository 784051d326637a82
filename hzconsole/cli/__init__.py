"""The command line: thin click commands over the core. Every message is Chinese and no
traceback reaches the user (it goes to the log in the data dir instead)."""

from __future__ import annotations

import sys

import click

from hzconsole.cli.base import cli
from hzconsole.store.errors import HzError


def _usage_message(exc: click.ClickException) -> str:
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
    if args and not args[0].startswith("-") and not cli.knows(args[0]):
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
    from hzconsole.store import database

    def tell(notice: str) -> None:
        click.echo(f"注意\uff1a{notice}", err=True)

    if console_path is None and tell not in database.notice_listeners:
        database.notice_listeners.append(tell)
    try:
        if console_path is not None:
            from pathlib import Path

            from hzconsole.cli.console import open_console

            if len(args) > 1:
                raise click.UsageError(f"多余的参数：{' '.join(args[1:])}（打开控制台只需要文件路径）")
            open_console(Path(console_path), ascii=ascii_look)
            return 0
        rv = cli.main(args=args, prog_name="hzconsole", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "hzconsole"
        click.echo(f"错误：{_usage_message(exc)}\n运行 {cmd} --help 查看用法。", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"错误：{_usage_message(exc)}", err=True)
        return exc.exit_code
    except HzError as exc:
        click.echo(f"错误：{exc.message}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        return 130
    except Exception as exc:
        from hzconsole.store.errorlog import log_error

        log = log_error(exc, " ".join(sys.argv))
        where = f"详细信息已写入 {log}，请把该文件交给技术人员。" if log else ""
        click.echo(f"程序内部错误，操作没有完成。{where}", err=True)
        return 3
    finally:
        if tell in database.notice_listeners:
            database.notice_listeners.remove(tell)
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
