"""`hzconsole serve` without a browser: where it listens, what it warns about, the default
browser it opens (the BROWSER variable stands in for it), Chinese messages when it cannot.
The page in a real browser: tests/tui/test_serve_browser.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from hzconsole.cli import main
from hzconsole.cli.serve import DEFAULT_PORT, LOCAL_HOST, is_local, url_for


def test_local_only_by_default():
    assert LOCAL_HOST == "127.0.0.1" and DEFAULT_PORT > 1024
    assert is_local("127.0.0.1") and is_local("localhost") and not is_local("0.0.0.0")
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765"
    assert url_for("::1", 8765) == "http://[::1]:8765"


def test_another_address_only_with_a_warning_and_a_taken_port_said_in_chinese(demo_path, capsys):
    with socket.socket() as taken, socket.socket() as other:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other.bind(("127.0.0.2", port))  # (taken too, so that nothing is served)
        assert main(["serve", str(demo_path), "--host", "127.0.0.2", "--port", str(port), "--no-browser"]) == 1
        err = capsys.readouterr().err
        assert "警告" in err and "没有密码" in err  # 127.0.0.2 counts as another address
        assert main(["serve", str(demo_path), "--port", str(port), "--no-browser"]) == 1
        err = capsys.readouterr().err
        assert "警告" not in err and f"端口 {port}" in err and "--port" in err


def test_a_missing_file_is_refused_before_serving(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "没有.db"), "--no-browser"]) == 1
    assert "找不到数据文件" in capsys.readouterr().err


def test_the_default_browser_is_opened_on_the_page(demo_path: Path, data_dir: Path, tmp_path: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    opened = tmp_path / "opened.txt"
    browser = f"{sys.executable} -c \"import sys; open(sys.argv[2], 'w').write(sys.argv[1])\" %s {opened}"
    env = {**os.environ, "HZCONSOLE_DATA_DIR": str(data_dir), "BROWSER": browser}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hzconsole", "serve", str(demo_path), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        end = time.monotonic() + 20
        while not (opened.exists() and opened.read_text()) and time.monotonic() < end:
            time.sleep(0.1)
        assert opened.read_text() == f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert f"控制台已在 http://127.0.0.1:{port} 运行" in out
