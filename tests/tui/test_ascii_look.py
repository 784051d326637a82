"""The ASCII look for old consoles (Chinese Windows conhost draws ambiguous-width characters
two cells wide): every screen of the console, rendered by Textual's pilot in that look,
holds no character with unicodedata.east_asian_width == 'A'."""

from __future__ import annotations

import io
import unicodedata

import pytest
from rich.cells import cell_len

from hzconsole import look
from tests.tui.conftest import wait_for

# The glyphs the issue names, and the clerk's own smart quotes, dashes and pinyin tones.
SAMPLE = (
    "\u2500\u2502\u250c\u2510\u2581\u2594\u2026\u2192\u25cf\u201c\u6e05\u56db\u4e71\u201d\u00b7\u00d7\u2460\u0101\u2014"
)


def _ambiguous(text: str) -> list[str]:
    return sorted({c for c in text if unicodedata.east_asian_width(c) == "A"})


def test_ascii_safe_keeps_every_cell_and_leaves_chinese_alone():
    assert _ambiguous(SAMPLE)
    plain = look.ascii_safe(SAMPLE)
    assert not _ambiguous(plain)
    assert cell_len(plain) == cell_len(SAMPLE)  # nothing else on the line moves
    assert plain == '-|++_-.>*"清四乱".x1a-'
    assert look.ascii_safe("张三 2024-06-17 巡河") == "张三 2024-06-17 巡河"
    assert look.ascii_safe("e\u0301") == "e"  # a zero-width mark is drawn as nothing


@pytest.mark.parametrize(
    ("choice", "platform", "env", "expected"),
    [
        ("auto", "win32", {}, True),  # conhost
        ("auto", "win32", {"WT_SESSION": "a1b2"}, False),  # Windows Terminal
        ("auto", "win32", {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, False),  # serve
        ("auto", "linux", {}, False),
        ("ascii", "linux", {}, True),
        ("ascii", "win32", {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, False),
        ("full", "win32", {}, False),
    ],
)
def test_the_look_chosen(choice, platform, env, expected):
    assert look.wants_ascii(choice, environ=env, platform=platform) is expected


def test_the_choice_is_kept_on_this_pc(data_dir):
    from hzconsole.cli import main

    assert look.load_choice() == "auto"
    assert main(["look", "ascii"]) == 0
    assert look.load_choice() == "ascii"
    (data_dir / "look.json").write_text("{broken", "utf-8")
    assert look.load_choice() == "auto"  # a damaged file is no reason to refuse to start


def test_ascii_flag_with_a_file_is_taken_out_for_the_console():
    from hzconsole.cli import _console_look

    assert _console_look(["台账.db", "--ascii"]) == (["台账.db"], True)
    assert _console_look(["--ascii", "E:\\河长办\\台账.db"]) == (["E:\\河长办\\台账.db"], True)
    assert _console_look(["check", "--ascii"]) == (["check", "--ascii"], None)
    assert _console_look(["台账.db"]) == (["台账.db"], None)


def _screen_text(app) -> str:
    """What the terminal is sent for the whole screen, as text (after the line filters)."""
    from rich.console import Console

    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


SCREENS = {
    "HomeScreen",
    "HelpScreen",
    "RiversScreen",
    "FormScreen",
    "ConfirmScreen",
    "RosterScreen",
    "SignboardsScreen",
    "PatrolsScreen",
    "PatrolEntryScreen",
    "ProblemsScreen",
    "PlansScreen",
    "RegisterScreen",
    "DocumentsScreen",
    "SettingsScreen",
    "OpenFileScreen",
    "NewFileScreen",
    "HzCommandPalette",
    "ChooseScreen",
    "ImportScreen",
    "MergeScreen",
    "RollupScreen",
    "YearlyRecordsScreen",
    "DraftsScreen",
}
# (what, keys pressed from the screen before): every screen and dialog of the console.
STEPS = [
    ("首页", []),
    ("帮助 F1", ["f1"]),
    ("", ["escape"]),
    ("河湖名录", ["2"]),
    ("新增表单", ["f2"]),
    ("", ["escape", "escape"]),
    ("删除确认", ["f8"]),
    ("", ["escape"]),
    ("导入", ["f9"]),
    ("", ["escape"]),
    ("河长名册", ["3"]),
    ("人事调整", ["f5"]),
    ("", ["escape"]),
    ("公示牌", ["4"]),
    ("巡河台账", ["5"]),
    ("批量录入", ["f5"]),
    ("", ["escape"]),
    ("问题清单", ["6"]),
    ("问题处理", ["f5"]),
    ("", ["escape"]),
    ("工作计划", ["7"]),
    ("发文登记", ["8"]),
    ("公文台账", ["9"]),
    ("草稿列表", ["f7"]),
    ("", ["escape"]),
    ("设置", ["0"]),
    ("打开文件", ["ctrl+o"]),
    ("新建文件", ["ctrl+n"]),
    ("", ["escape"]),
    ("命令面板", ["ctrl+p"]),
    ("", ["escape"]),
    ("合并副本", ["ctrl+o", "f5"]),
    ("", ["escape"]),
    ("汇总乡镇", ["ctrl+o", "f6"]),
    ("", ["escape"]),
    ("本机显示方式", ["f6"]),
    ("", ["escape"]),
    ("年度工作记录", ["f8"]),
    ("年度表单", ["f4"]),
    ("", ["escape", "escape"]),
]


async def _walk(app, pilot) -> list[tuple[str, str, list[str]]]:
    """(step, screen class, ambiguous characters on it) for every step."""
    found = []
    for what, keys in STEPS:
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        found.append((what, type(app.screen).__name__, _ambiguous(_screen_text(app))))
    return found


async def test_every_screen_in_the_ascii_look_has_no_ambiguous_width_character(make_app):
    results = []

    app = make_app(ascii=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: "本期巡河达标情况" in _screen_text(app))
        results.extend(await _walk(app, pilot))
    bad = [step for step in results if step[2]]
    assert not bad, bad
    assert {cls for _w, cls, _c in results} >= SCREENS


@pytest.mark.parametrize("ascii", [False, True])
async def test_the_clerks_own_text_is_made_plain_only_in_the_ascii_look(make_app, ascii):
    """The demo's plans quote “...” as typed: shown so in the full look, plain in ASCII."""
    app = make_app(ascii=ascii)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("7")
        await wait_for(pilot, lambda: "任务内容" in _screen_text(app))
        await pilot.pause(0.2)
        assert bool(_ambiguous(_screen_text(app))) is not ascii


async def test_first_run_and_read_only_in_the_ascii_look(make_app, demo_path):
    """The welcome screen (no file yet) and the status of a file open elsewhere."""
    from hzconsole.store.database import open_database
    from hzconsole.tui.app import HzApp

    app = HzApp(None, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert not _ambiguous(_screen_text(app))
    with open_database(demo_path):  # another console is the writer
        app = make_app(ascii=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: "只读" in _screen_text(app))
            assert not _ambiguous(_screen_text(app))
