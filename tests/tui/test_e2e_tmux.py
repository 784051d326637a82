"""End to end: the real `hzconsole` command in a tmux terminal on a copy of the demo file,
through every book, Chinese typed into a filter, Ctrl+Q, and no journal left beside the file."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid

import pytest

TMUX = shutil.which("tmux")
HZ = shutil.which("hzconsole")
pytestmark = pytest.mark.skipif(not TMUX or not HZ, reason="tmux or the hzconsole command is not installed")

# What each screen shows once painted (a column title or heading of its own).
SCREEN_MARKS = {
    "2": "流域面积",
    "3": "职责",
    "4": "需更新",
    "5": "巡河人",
    "6": "发现日期",
    "7": "任务内容",
    "8": "没有记录",
    "9": "填报模板",
    "0": "单位信息",
    "1": "本期巡河达标情况",
}


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=check, timeout=20)

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "hz").stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        end = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not shown; screen was:\n{shown}")

    def alive(self) -> bool:
        done = self("list-panes", "-t", "hz", "-F", "#{pane_dead}", check=False)
        return done.returncode == 0 and done.stdout.strip() == "0"


def test_real_command_in_tmux(demo_path, data_dir, tmp_path):
    tmux = Tmux(f"hz-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    env = f"env HZCONSOLE_DATA_DIR={shlex.quote(str(data_dir))} TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8"
    command = f"{env} {shlex.quote(HZ)} {shlex.quote(str(demo_path))}"
    tmux("new-session", "-d", "-s", "hz", "-x", "100", "-y", "30", command)
    try:
        tmux("set-option", "-t", "hz", "remain-on-exit", "on", check=False)
        first = tmux.wait_for("本期巡河达标情况")
        assert demo_path.name in first and "青石镇河长制办公室" in first
        for key, mark in SCREEN_MARKS.items():
            tmux("send-keys", "-t", "hz", key)
            tmux.wait_for(mark)
        # Chinese typed into the patrol ledger's filter (UTF-8, as an input method sends it)
        tmux("send-keys", "-t", "hz", "5")
        tmux.wait_for("巡河日期")
        tmux("send-keys", "-t", "hz", "/")
        tmux("send-keys", "-t", "hz", "-l", "青石河")
        shown = tmux.wait_for("找到")
        rows = [line for line in shown.splitlines() if line.startswith(" 20") or line.startswith("20")]
        assert rows and all("青石河" in line for line in rows), shown
        tmux("send-keys", "-t", "hz", "C-q")
        end = time.monotonic() + 15
        while tmux.alive() and time.monotonic() < end:
            time.sleep(0.1)
        assert not tmux.alive(), tmux.screen()
        status = tmux("display-message", "-p", "-t", "hz", "#{pane_dead_status}", check=False).stdout.strip()
        assert status in ("0", ""), tmux.screen()
    finally:
        tmux("kill-server", check=False)
    assert not demo_path.with_name(demo_path.name + "-journal").exists()
    assert sorted(p.name for p in demo_path.parent.iterdir() if p.name.startswith(demo_path.name)) == [demo_path.name]
