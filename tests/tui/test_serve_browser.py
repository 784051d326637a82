"""`hzconsole serve` in a real browser: the real command serves a copy of the demo file on
127.0.0.1, headless Chromium (Debian's `chromium`) opens the page, driven over the DevTools
protocol with aiohttp (a dependency of textual-serve already: no browser driver to install).

The terminal is drawn on a canvas, so the text is read from what the browser received: the
websocket frames of the page (the console's output, as a terminal would get it). The
screenshots are saved beside the test's files (the path is printed)."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,800",
]
_ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


class Tab:
    """One page, over its DevTools websocket: commands, and the text the console sent it."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.replies: dict[int, dict] = {}
        self.received = ""  # everything the console wrote to this page, escapes removed
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data:
                self.replies[data["id"]] = data
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                raw = base64.b64decode(frame["payloadData"]) if frame["opcode"] == 2 else frame["payloadData"].encode()
                self.received += _ANSI.sub("", raw.decode("utf-8", "replace"))

    async def call(self, method: str, **params) -> dict:
        i = next(self.ids)
        await self.ws.send_json({"id": i, "method": method, "params": params})
        for _ in range(600):
            if i in self.replies:
                reply = self.replies.pop(i)
                assert "error" not in reply, reply
                return reply.get("result", {})
            await asyncio.sleep(0.05)
        raise AssertionError(f"no reply to {method}")

    async def wait_text(self, text: str, *, since: int = 0, timeout: float = 30.0) -> None:
        end = time.monotonic() + timeout
        while text not in self.received[since:]:
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never reached the page; it got:\n{self.received[-2000:]}")
            await asyncio.sleep(0.1)

    async def key(self, char: str) -> None:
        await self.call("Runtime.evaluate", expression="document.querySelector('.xterm-helper-textarea').focus()")
        code = ord(char.upper())
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char, windowsVirtualKeyCode=code)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=char, windowsVirtualKeyCode=code)

    async def screenshot(self, path: Path) -> None:
        await asyncio.sleep(0.5)  # the canvas paints after the bytes arrive
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        print(f"screenshot: {path}")


async def _open_tab(session, devtools_port: int, url: str) -> Tab:
    async with session.put(f"http://127.0.0.1:{devtools_port}/json/new?about:blank") as r:
        target = await r.json()
    ws = await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
    tab = Tab(ws)
    await tab.call("Network.enable")
    await tab.call("Page.enable")
    await tab.call("Page.navigate", url=url)
    return tab


@pytest.fixture
def served(demo_path: Path, data_dir: Path):
    """`hzconsole serve` (the real command) on a copy of the demo file, on a free port."""
    port = _free_port()
    env = {**os.environ, "HZCONSOLE_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hzconsole", "serve", str(demo_path), "--port", str(port), "--no-browser"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_port(port)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def chromium(tmp_path: Path):
    proc = subprocess.Popen(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        port = None
        end = time.monotonic() + 30
        while port is None and time.monotonic() < end:
            line = proc.stderr.readline()
            if match := re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line):
                port = int(match.group(1))
        assert port, "chromium did not start its DevTools endpoint"
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def test_console_in_the_browser(served, chromium, demo_path: Path, tmp_path: Path):
    import aiohttp

    from hzconsole.store.locking import WriterState, writer_state

    port, _server = served
    url = f"http://127.0.0.1:{port}/"

    async with aiohttp.ClientSession() as session:
        first = await _open_tab(session, chromium, url)
        await first.wait_text("本期巡河达标情况")
        # (本期巡河达标情况 is only on 首页; the frame around it, with the title, may be
        # painted before the page listens, the figures coming from a thread after it.)
        assert "只读" not in first.received
        await first.screenshot(tmp_path / "serve-1-home.png")

        mark = len(first.received)
        await first.key("5")  # the number key of 巡河台账
        await first.wait_text("巡河人", since=mark)
        await first.screenshot(tmp_path / "serve-2-patrols.png")

        second = await _open_tab(session, chromium, url)
        await second.wait_text("本期巡河达标情况")
        await second.wait_text("只读")  # the first tab is the writer
        await second.screenshot(tmp_path / "serve-3-second-tab.png")
        for tab in (first, second):
            tab.reader.cancel()
            await tab.ws.close()
    assert writer_state(demo_path) is WriterState.LOCKED  # the first tab's console still runs
    for name in ("serve-1-home.png", "serve-2-patrols.png", "serve-3-second-tab.png"):
        assert (tmp_path / name).stat().st_size > 10_000


def test_serves_only_on_loopback_by_default(served):
    """Nothing answers on this machine's other addresses (when it has any)."""
    port, _proc = served
    try:
        others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        others = set()
    for address in others - {"127.0.0.1"} - {a for a in others if a.startswith("127.")}:
        with socket.socket() as s:
            s.settimeout(2)
            assert s.connect_ex((address, port)) != 0, f"answered on {address}"
