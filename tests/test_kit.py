"""The offline install kit: what goes in (from the lock), the scripts, and, opt-in (network,
about a minute), the whole kit built, installed with the network off and started.

    HZ_TEST_KIT=1 python -m pytest tests/test_kit.py -s
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from hzconsole import kit

ROOT = Path(__file__).resolve().parents[1]

LOCK = """\
aiohttp==3.14.5 \\
    --hash=sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \\
    --hash=sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
    # via textual-serve
colorama==0.4.6 ; sys_platform == 'win32' \\
    --hash=sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc
    # via click
click==8.5.1 \\
    --hash=sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
    # via hzconsole (pyproject.toml)
hatchling==1.33.0 \\
    --hash=sha256:eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee
    # via -r requirements/build.in
packaging==26.3 \\
    --hash=sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff
    # via hatchling
textual-serve==1.1.3 \\
    --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111
    # via hzconsole (pyproject.toml)
typing-extensions==4.16.0 \\
    --hash=sha256:2222222222222222222222222222222222222222222222222222222222222222
    # via
    #   aiohttp
    #   pydantic
"""


def test_lock_read_with_markers_hashes_and_via():
    pins = {p.key: p for p in kit.read_lock(LOCK)}
    assert pins["aiohttp"].version == "3.14.5" and len(pins["aiohttp"].hashes) == 2
    assert pins["colorama"].marker == "sys_platform == 'win32'"
    assert pins["typing-extensions"].via == ("aiohttp", "pydantic")
    assert pins["hatchling"].via == ("-r requirements/build.in",)


def test_runtime_pins_leave_out_the_build_backend():
    names = [p.key for p in kit.runtime_pins(kit.read_lock(LOCK))]
    assert names == ["aiohttp", "colorama", "click", "textual-serve", "typing-extensions"]


def test_the_real_lock_gives_the_console_and_not_hatchling():
    pins = kit.runtime_pins(kit.read_lock((ROOT / "requirements" / "app.txt").read_text("utf-8")))
    names = {p.key for p in pins}
    assert {"textual", "textual-serve", "jieba", "pydantic-core", "aiohttp", "lxml"} <= names
    assert not names & {"hatchling", "editables", "pathspec", "pluggy", "trove-classifiers", "hzconsole"}
    assert all(p.hashes for p in pins)


def test_markers_are_judged_for_the_target_not_this_machine():
    pins = kit.runtime_pins(kit.read_lock(LOCK))
    windows, linux = (next(t for t in kit.TARGETS if t.key == k) for k in ("windows-py3.11", "linux-py3.12"))
    assert "colorama" in {p.key for p in kit.pins_for(windows, pins)}
    assert "colorama" not in {p.key for p in kit.pins_for(linux, pins)}


def test_targets_and_pip_options():
    assert [t.key for t in kit.TARGETS] == ["windows-py3.11", "windows-py3.12", "linux-py3.11", "linux-py3.12"]
    win = kit.TARGETS[1]
    opts = kit.platform_options(win)
    assert "--only-binary=:all:" in opts and opts[opts.index("--platform") + 1] == "win_amd64"
    assert opts[opts.index("--python-version") + 1] == "3.12" and "cp312" in opts
    linux_platforms = kit.TARGETS[2].platforms
    assert "manylinux2014_x86_64" in linux_platforms and "manylinux_2_28_x86_64" in linux_platforms
    cmd = kit.resolve_command("python", win, Path("w"), Path("r/report.json"))
    assert {"--no-index", "--dry-run", "--isolated"} <= set(cmd) and cmd[-1] == "hzconsole"


def test_pip_output_and_wheel_names():
    out = (
        "ERROR: Could not find a version that satisfies the requirement jieba==0.42.1 (from versions: none)\n"
        "ERROR: No matching distribution found for jieba==0.42.1\n"
    )
    assert kit.missing_distribution(out) == "jieba"
    assert kit.missing_distribution("all fine") is None
    assert kit.is_pure_wheel("jieba-0.42.1-py3-none-any.whl")
    assert kit.is_pure_wheel("zhconv-1.4.3-py2.py3-none-any.whl")
    assert not kit.is_pure_wheel("lxml-6.1.3-cp311-cp311-win_amd64.whl")
    assert kit.wheel_name("pydantic_core-2.50.5-cp311-cp311-win_amd64.whl") == ("pydantic-core", "2.50.5")


def test_scripts_for_windows_are_gbk_with_crlf_and_for_linux_executable(tmp_path):
    kit.write_scripts(tmp_path)
    for name in ("install.cmd", "hzconsole.cmd", "hzconsole-browser.cmd"):
        data = (tmp_path / name).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), f"{name}: a bare LF confuses cmd.exe"
        text = data.decode("gbk")  # cmd.exe reads it in the console's code page, 936
        assert text.startswith("@echo off")
    install = (tmp_path / "install.cmd").read_bytes().decode("gbk")
    assert "--no-index --find-links" in install and '"%~dp0wheels"' in install and "py -3.12" in install
    assert "-m hzconsole serve" in (tmp_path / "hzconsole-browser.cmd").read_bytes().decode("gbk")
    for name in ("install.sh", "hzconsole.sh"):
        path = tmp_path / name
        assert os.access(path, os.X_OK) and b"\r" not in path.read_bytes()
    readme = (tmp_path / kit.README).read_bytes()
    assert readme.startswith(b"\xef\xbb\xbf")  # Notepad reads it as UTF-8
    text = readme.decode("utf-8-sig")
    for words in ("Python 3.12 或 3.11", "Windows 10 1903", "install.cmd", "hzconsole-browser.cmd", "127.0.0.1"):
        assert words in text


@pytest.mark.skipif(os.name == "nt" or not shutil.which("sh"), reason="runs the POSIX launcher")
def test_the_linux_launcher_opens_the_one_db_beside_it(tmp_path):
    """hzconsole.sh, with a stand-in venv python that prints what it was asked to run."""
    folder = tmp_path / "河长办 安装包"
    (folder / "venv" / "bin").mkdir(parents=True)
    kit.write_scripts(folder)
    fake = folder / "venv" / "bin" / "python"
    fake.write_text('#!/bin/sh\nprintf "%s|" "$@"\n', "utf-8")
    fake.chmod(0o755)

    def launch(*args: str) -> str:
        return subprocess.run([str(folder / "hzconsole.sh"), *args], capture_output=True, text=True, check=True).stdout

    assert launch() == "-m|hzconsole|"  # no .db: the last file / the first-run choice
    (folder / "2024 台账.db").write_bytes(b"")
    assert launch() == f"-m|hzconsole|{folder / '2024 台账.db'}|"
    assert launch("check", "x.db") == "-m|hzconsole|check|x.db|"
    (folder / "旧.db").write_bytes(b"")
    assert launch() == "-m|hzconsole|"  # two: the clerk chooses in the console


# -- the whole kit, opt-in ---------------------------------------------------------------

HEAVY = os.environ.get("HZ_TEST_KIT") == "1"


@pytest.mark.slow
@pytest.mark.skipif(not HEAVY, reason="builds the kit from PyPI (network, ~1 min): set HZ_TEST_KIT=1")
def test_kit_built_installed_offline_and_started(tmp_path):
    report = kit.build_kit(tmp_path / "kit", cache=tmp_path / "cache", progress=print)
    for target in kit.TARGETS:
        resolved = report.resolved[target.key]
        print(f"{target.label}: {len(resolved)} resolved from the kit alone")
        assert any(r.startswith("textual==") for r in resolved) and any(r.startswith("jieba==") for r in resolved)
    assert any(name.startswith("jieba-") for name in report.built_from_source)

    # Installed where the clerk might put it (a space, Chinese), with no network at all.
    folder = tmp_path / "河长办 安装包"
    shutil.copytree(tmp_path / "kit", folder)
    offline = ["unshare", "-n"] if shutil.which("unshare") and os.geteuid() == 0 else []
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home"), "LANG": "C.UTF-8"}
    done = subprocess.run([*offline, "sh", str(folder / "install.sh")], env=env, capture_output=True, text=True)
    print(done.stdout[-2000:], done.stderr[-2000:])
    assert done.returncode == 0 and "Looking in links" in done.stdout and "安装完成" in done.stdout
    assert "Looking in indexes" not in done.stdout

    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed: the kit installed, but starting it is not shown")
    socket_name = f"hzkit-{uuid.uuid4().hex[:8]}"
    data = tmp_path / "home" / "data"
    command = (
        f"env HZCONSOLE_DATA_DIR='{data}' TERM=xterm-256color LANG=C.UTF-8 "
        f"{' '.join(offline)} '{folder / 'hzconsole.sh'}' --demo"
    )
    subprocess.run(
        [tmux, "-L", socket_name, "new-session", "-d", "-s", "hz", "-x", "100", "-y", "30", command], check=True
    )
    try:
        screen = ""
        end = time.monotonic() + 60
        while "本期巡河达标情况" not in screen and time.monotonic() < end:
            time.sleep(0.5)
            screen = subprocess.run(
                [tmux, "-L", socket_name, "capture-pane", "-p", "-t", "hz"], capture_output=True, text=True
            ).stdout
        (tmp_path / "kit-home-screen.txt").write_text(screen, "utf-8")
        print(screen)
        assert "本期巡河达标情况" in screen and "首页" in screen
    finally:
        subprocess.run([tmux, "-L", socket_name, "kill-server"], check=False)
