"""`hzconsole [PATH]` and `--demo` start the console; every other command stays a command,
and does not import Textual."""

from __future__ import annotations

import subprocess
import sys

from hzconsole.cli import _console_path, main


def test_commands_and_options_are_not_taken_for_a_path(demo_path, capsys):
    assert _console_path(["check", str(demo_path)]) is None
    assert _console_path(["--help"]) is None
    assert _console_path([]) is None
    assert _console_path([str(demo_path)]) == str(demo_path)
    assert _console_path(["台账.db"]) == "台账.db"
    assert main(["check", str(demo_path)]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_console_needs_a_terminal_and_says_so_in_chinese(demo_path, capsys):
    # pytest's stdin is not a terminal: the console refuses with a message, no traceback
    assert main([str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "终端" in err and "Traceback" not in err
    assert main([str(demo_path), "extra"]) == 2
    assert "多余的参数" in capsys.readouterr().err
    assert main(["--demo"]) == 2
    assert "终端" in capsys.readouterr().err


def test_no_arguments_without_a_terminal_prints_help(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "hzconsole" in out and "打开控制台" in out


def test_check_does_not_import_textual(demo_path):
    code = (
        "import sys; from hzconsole.cli import main; rc = main(['check', sys.argv[1]]);"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO-TEXTUAL'); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("NO-TEXTUAL")
