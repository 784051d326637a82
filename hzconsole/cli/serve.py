"""`hzconsole serve [FILE]`: the console in the PC's own browser, through textual-serve.

Edge and Chrome draw CJK and every symbol at the right width where an old Windows console
does not. textual-serve starts one console process per browser tab, so the file's writer
lock decides as between two console windows: the first tab writes, a second one opens the
file read-only. The server listens on 127.0.0.1 only, unless the clerk names another
address (with a warning: whoever reaches it can change the books, there is no password)."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hzconsole.cli.base import argument, cli
from hzconsole.store.errors import HzError

if TYPE_CHECKING:
    from textual_serve.server import Server

LOCAL_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
TEMPLATES = Path(__file__).resolve().parent.parent / "web"
TITLE = "河长办台账控制台"
# Tests set this to a list to see the address that would have been opened in the browser.
OPENED: list[str] | None = None


def app_command(path: Path | None, *, python: str | None = None, windows: bool | None = None) -> str:
    """The shell command textual-serve runs for each tab (it takes one string, for the
    shell): this Python running the console, with the file's path quoted for cmd.exe on
    Windows (spaces and Chinese in 'D:\\河长办\\2024 台账.db') or for sh elsewhere."""
    windows = os.name == "nt" if windows is None else windows
    args = [python or sys.executable, "-m", "hzconsole"]
    if path is not None:
        args.append(str(path))
    return subprocess.list2cmdline(args) if windows else shlex.join(args)


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def is_local(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1")


def check_port_free(host: str, port: int) -> None:
    """A Chinese message instead of aiohttp's traceback when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise HzError(
                f"不能在 {host} 的端口 {port} 上启动：{exc.strerror or exc}。"
                f"可能控制台已经在运行（请直接打开 {url_for(host, port)}），"
                f"或者用 --port 换一个端口，如 --port {port + 1}。"
            ) from exc


def open_browser(url: str) -> None:
    if OPENED is not None:
        OPENED.append(url)
        return
    import webbrowser

    try:
        if webbrowser.open(url):
            return
    except Exception:  # no browser is no reason to stop serving
        pass
    click.echo(f"不能自动打开浏览器，请在浏览器中打开 {url}")


def make_server(path: Path | None, host: str, port: int, *, browser: bool) -> Server:
    """textual-serve's Server with our page and Chinese words, opening the browser once
    it listens."""
    from textual_serve.server import Server

    class HzServer(Server):
        async def on_startup(self, app: Any) -> None:
            click.echo(f"控制台已在 {self.public_url} 运行（按 Ctrl+C 停止）。")
            if path is not None:
                click.echo(f"数据文件：{path}")
            if browser:
                open_browser(self.public_url)

        def initialize_logging(self) -> None:
            import logging

            # textual-serve logs each connection in English at INFO: only problems are shown.
            logging.basicConfig(level=logging.WARNING, format="%(message)s")

    return HzServer(
        app_command(path), host=host, port=port, title=TITLE, public_url=url_for(host, port), templates_path=TEMPLATES
    )


@cli.command()
@argument(
    "path",
    "文件",
    "要打开的数据文件（.db）；省略时打开上次的文件",
    type=click.Path(path_type=Path, dir_okay=False),
    required=False,
)
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True, help="端口号")
@click.option(
    "--host",
    default=LOCAL_HOST,
    show_default=True,
    help="在哪个网络地址上提供（默认只有本机能打开；改成其他地址时，能访问这个地址的电脑都能修改台账）",
)
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
def serve(path: Path | None, port: int, host: str, no_browser: bool) -> None:
    """在本机浏览器中打开控制台（Edge 或 Chrome 显示中文和表格最正确）。

    每个浏览器标签页是一个控制台：第一个可以修改，同时打开的其他标签页只读。
    关闭浏览器后按 Ctrl+C 停止。

    \b
    示例：hzconsole serve E:\\河长办\\台账.db
    """
    if path is not None:
        if not path.exists():
            raise HzError(f"找不到数据文件「{path}」。")
        path = path.resolve()
    if not is_local(host):
        click.echo(
            f"警告：控制台将在 {host} 上提供，能访问这个地址的电脑都可以打开并修改台账，"
            "而且没有密码保护。只在确实需要时这样做，用完立即按 Ctrl+C 停止。",
            err=True,
        )
    check_port_free(host, port)
    make_server(path, host, port, browser=not no_browser).serve()
