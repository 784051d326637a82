"""The command line: every command listed with help, the file commands, stats, and errors
that reach the clerk as one Chinese line, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest

from hzconsole import figures
from hzconsole.books.settings import load_settings
from hzconsole.cli import main
from hzconsole.cli.base import cli
from hzconsole.rules.compliance import by_level
from hzconsole.rules.periods import half_range, year_range
from hzconsole.store.database import open_database

Run = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # every command, imported or lazy
        command = group.get_command(ctx, name)
        assert command is not None, name
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


def test_help_lists_every_command_with_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "用法\uff1ahzconsole" in out
    listed = out.split("命令\uff1a")[1]
    for name in ("init", "demo", "check", "backup", "restore", "stats", "doc", "ledger", "import"):
        assert cli.knows(name)
    for (name,), command in [(p, c) for p, c in _commands(cli) if len(p) == 1]:
        line = next(ln for ln in listed.splitlines() if ln.strip().startswith(name + " "))
        assert line.split(name, 1)[1].strip(), f"{name} has no help"
        assert command.get_short_help_str().strip()


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=lambda p: " ".join(p))
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    code, out, _ = run(capsys, *path, "--help")
    assert code == 0
    assert out.startswith("用法\uff1ahzconsole " + " ".join(path))
    assert "显示本帮助并退出" in out
    command = dict(_commands(cli))[path]
    assert command.help and command.help.split("\n")[0].strip()[:10] in out


def test_no_arguments_without_a_terminal_shows_help() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from hzconsole.cli import main; sys.exit(main())"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert "命令\uff1a" in result.stdout or "终端" in result.stderr


def test_init_demo_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "河长办" / "2024 台账.db"
    path.parent.mkdir()
    code, out, _ = run(capsys, "init", path, "--office", "樟树镇河长制办公室", "--code", "樟河办")
    assert code == 0 and "已创建数据文件" in out
    with open_database(path) as db:
        s = load_settings(db)
        assert (s.office_name, s.doc_code) == ("樟树镇河长制办公室", "樟河办")
    code, _, err = run(capsys, "init", path, "--office", "别的办", "--code", "别河办")
    assert code == 1 and "已经存在" in err
    code, out, _ = run(capsys, "check", path)
    assert code == 0 and "检查通过" in out

    demo = tmp_path / "演示 青石镇.db"
    code, out, _ = run(capsys, "demo", demo, "--today", "2024年11月20日", "--seed", "3")
    assert code == 0 and "已创建演示数据库" in out and "巡河记录" in out
    code, _, err = run(capsys, "demo", demo)
    assert code == 1 and "--force" in err
    code, out, _ = run(capsys, "demo", demo, "--today", "2024-11-20", "--seed", "3", "--force")
    assert code == 0
    code, out, _ = run(capsys, "check", demo)
    assert code == 0 and "河湖 20 条" in out


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], demo_path: Path, tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", demo_path)
    assert code == 0 and "检查通过" in out and not err
    broken = tmp_path / "坏.db"
    data = bytearray(demo_path.read_bytes())
    data[100:4000] = b"\x07" * 3900
    broken.write_bytes(bytes(data))
    code, _, err = run(capsys, "check", broken)
    assert code == 1 and "检查发现 1 个问题" in err and "已损坏" in err
    code, _, err = run(capsys, "check", tmp_path / "没有.db")
    assert code == 1 and "找不到文件" in err


def test_stats_json_matches_figures(capsys: pytest.CaptureFixture[str], demo_path: Path) -> None:
    code, out, _ = run(capsys, "stats", demo_path, "--year", "2024", "--json")
    assert code == 0
    data = json.loads(out)
    with open_database(demo_path, readonly=True) as db:
        expected = figures.summary(db, *year_range(2024)).to_dict()
        levels = by_level(figures.chief_compliance(db, *year_range(2024)))
    levels_json = data.pop("compliance_by_level")
    assert data == expected
    assert [(x["level"], x["chiefs"], x["compliant"]) for x in levels_json] == [
        (lv.level, lv.chiefs, lv.compliant) for lv in levels
    ]
    assert data["rivers_total"] == 20 and data["patrols_total"] > 2000

    code, out, _ = run(capsys, "stats", demo_path, "--year", "2024", "--half", "1", "--json")
    with open_database(demo_path, readonly=True) as db:
        first_half = figures.summary(db, *half_range(2024, 1)).to_dict()
    assert code == 0 and {k: v for k, v in json.loads(out).items() if k != "compliance_by_level"} == first_half

    code, out, _ = run(capsys, "stats", demo_path, "--year", "2024")
    assert code == 0
    assert out.startswith("2024年统计\uff082024-01-01 至 2024-12-31\uff09")
    assert f"河湖\uff1a共 {expected['rivers_total']} 个" in out
    assert f"巡河\uff1a共 {expected['patrols_total']} 次" in out
    assert f"问题\uff1a发现 {expected['problems_found']} 个" in out


def test_stats_of_the_current_year_by_default(capsys: pytest.CaptureFixture[str], demo_path: Path) -> None:
    code, out, _ = run(capsys, "stats", demo_path, "--json")
    assert code == 0 and json.loads(out)["start"] == f"{date.today().year}-01-01"


@pytest.mark.parametrize(
    "args, words, exit_code",
    [
        (("stats", "{missing}"), "找不到文件", 1),
        (("stats", "{text}"), "不是河长办数据文件", 1),
        (("stats", "{folder}"), "", 2),  # click refuses a folder for a file argument
        (("stats", "{demo}", "--year", "0"), "不是有效的年份", 2),
        (("stats", "{demo}", "--half", "3"), "half", 2),
        (("stats", "{demo}", "--bogus"), "没有选项 --bogus", 2),
        (("demo", "{new}", "--today", "明天"), "不是有效的日期", 2),
        (("backup", "{text}"), "不是河长办数据文件", 1),
        (("restore", "{demo}", "{text}", "--yes"), "不是河长办数据文件", 1),
        (("check",), "缺少参数", 2),
        (("init", "{new}"), "缺少选项", 2),
        (("init", "{nofolder}", "--office", "办", "--code", "办"), "不存在", 1),
        (("init", "{new}", "--office", "办"), "--code", 2),  # no terminal to ask the 机关代字 at
    ],
)
def test_errors_are_one_chinese_line_without_traceback(
    capsys: pytest.CaptureFixture[str],
    demo_path: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    words: str,
    exit_code: int,
) -> None:
    text = tmp_path / "名单.db"
    text.write_text("张三,13800000000\n", encoding="utf-8")
    places = {
        "missing": tmp_path / "没有 这个.db",
        "text": text,
        "folder": tmp_path,
        "demo": demo_path,
        "new": tmp_path / "新.db",
        "nofolder": tmp_path / "没有的文件夹" / "新.db",
    }
    code, _out, err = run(capsys, *(a.format(**places) for a in args))
    assert code == exit_code
    assert err.startswith("错误\uff1a") and words in err


def test_internal_error_goes_to_the_log_not_the_screen(
    capsys: pytest.CaptureFixture[str], demo_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_a, **_k):
        raise RuntimeError("意外的错误")

    monkeypatch.setattr(figures, "summary", broken)
    code, _out, err = run(capsys, "stats", demo_path)
    assert code == 3 and "程序内部错误" in err
    log = data_dir / "hzconsole-error.log"
    assert "RuntimeError: 意外的错误" in log.read_text(encoding="utf-8")


def test_internal_error_is_told_even_when_the_log_cannot_be_written(
    capsys: pytest.CaptureFixture[str], demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data dir that cannot hold the log (here a file where the folder should be): the
    clerk still gets the sentence and exit code 3, not a second error's traceback."""

    def broken(*_a, **_k):
        raise RuntimeError("意外的错误")

    blocked = tmp_path / "数据目录"
    blocked.write_text("不是文件夹", encoding="utf-8")
    monkeypatch.setenv("HZCONSOLE_DATA_DIR", str(blocked))
    monkeypatch.setattr(figures, "summary", broken)
    code, _out, err = run(capsys, "stats", demo_path)
    assert code == 3 and err.startswith("程序内部错误") and "详细信息" not in err


def test_real_entry_point_in_a_subprocess(tmp_path: Path) -> None:
    exe = shutil.which("hzconsole")
    cmd = [exe] if exe else [sys.executable, "-c", "import sys; from hzconsole.cli import main; sys.exit(main())"]
    result = subprocess.run(
        [*cmd, "stats", str(tmp_path / "不存在.db")], capture_output=True, text=True, env=os.environ.copy(), timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.startswith("错误\uff1a找不到文件") and "Traceback" not in result.stderr


def test_a_command_imports_only_what_it_needs(tmp_path) -> None:
    """`hzconsole --version` and `check` do not import the documents, ledgers or imports."""
    import subprocess
    import sys

    probe = (
        "import sys; from hzconsole.cli import main; main(sys.argv[1:]);"
        "print(sorted(m for m in sys.modules if m.split('.')[1:2] in (['documents'], ['ledgers'],"
        " ['imports'])))"
    )
    for args in (["--version"], ["check", str(tmp_path / "没有.db")]):
        out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120).stdout
        assert out.strip().splitlines()[-1] == "[]", (args, out)


def test_init_without_code_asks_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from hzconsole.cli import files

    monkeypatch.setattr(files, "_interactive", lambda: True)
    path = tmp_path / "新.db"
    result = CliRunner().invoke(cli, ["init", str(path), "--office", "樟树镇河长制办公室"], input="樟河办\n")
    assert result.exit_code == 0, result.output
    assert "机关代字" in result.output
    with open_database(path) as db:
        assert load_settings(db).doc_code == "樟河办"


def test_ledger_over_an_existing_file_names_the_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    demo = tmp_path / "演示.db"
    assert run(capsys, "demo", demo, "--today", "2024-11-20", "--seed", "3")[0] == 0
    out = tmp_path / "名录.xlsx"
    out.write_bytes(b"clerk's own file")
    code, _out, err = run(capsys, "ledger", "rivers", "--db", demo, "-o", out)
    assert code != 0 and "已存在" in err and "--force" in err
    assert out.read_bytes() == b"clerk's own file"
