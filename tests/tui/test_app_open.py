"""Opening files: the status line, read-only, errors as Chinese messages, first run,
Ctrl+O with recent files, switching screens."""

from __future__ import annotations

import shutil

from hzconsole import recent_files
from hzconsole.store.database import open_database
from hzconsole.tui.screens.open_file import OpenFileScreen, WelcomeScreen
from hzconsole.tui.strings import SCREENS
from hzconsole.tui.widgets.book_table import BookTable
from hzconsole.tui.widgets.chrome import StatusBar
from tests.conftest import DEMO_TODAY
from tests.tui.conftest import SIZE


def status_text(app) -> str:
    return str(app.screen.query_one(StatusBar).render())


async def test_opens_on_home_with_the_file_named(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "home"
        text = status_text(app)
        assert demo_path.name in text and "青石镇河长制办公室" in text and "只读" not in text
        assert "2024-11-20" in text
    assert app.db is None  # closed on exit
    assert not demo_path.with_name(demo_path.name + "-journal").exists()
    assert recent_files.last() == demo_path.resolve()


async def test_number_keys_switch_every_screen(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        for key, (mode, _title) in SCREENS.items():
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
            tables = app.screen.query(BookTable)
            if tables and mode not in ("register",):
                assert tables.first().total > 0, mode


async def test_read_only_file_says_why_and_refuses_to_edit(make_app, demo_path):
    holder = open_database(demo_path)  # another writer holds the file
    try:
        app = make_app()

        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.db.readonly
            assert "只读\uff08已在另一窗口打开\uff09" in status_text(app)  # the reason in a few words
            assert any(app.db.readonly_reason in m for m, _ in app.messages)  # and in full
            await pilot.press("2")
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            assert app.screen.MODE == "rivers"  # no form opened
            assert any("不能修改" in m and "另一个" in m for m, _ in app.messages)
    finally:
        holder.close()


async def test_a_bad_file_is_a_chinese_message_and_the_first_run_choice(make_app, tmp_path):
    bad = tmp_path / "不是数据库.db"
    bad.write_bytes(b"hello, not sqlite" * 100)
    before = bad.read_bytes()
    app = make_app(bad)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query(".form-error"))
        assert "不是" in shown and "Traceback" not in shown
        assert app.db is None
    assert bad.read_bytes() == before


async def test_first_run_try_the_demo(make_app, data_dir):
    from hzconsole.tui.app import HzApp

    app = HzApp(None, today=DEMO_TODAY)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("down", "down", "enter")  # 试用演示数据
        await pilot.pause()
        assert app.db is not None and app.db.path.parent == data_dir
        assert not isinstance(app.screen, WelcomeScreen)


async def test_ctrl_o_lists_recent_files_and_opens_one(make_app, demo_path, tmp_path):
    other = tmp_path / "另一个 台账.db"
    shutil.copyfile(demo_path, other)
    recent_files.remember(other)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)
        # newest first: the demo copy (opened at start), then the other one; the
        # down key goes from the path to the list
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.db.path == other.resolve() or app.db.path == other
        assert other.name in status_text(app)
        # typing a path that does not exist: a message, the dialog stays
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "没有这个.db")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)
        assert "找不到文件" in str(app.screen.query_one("#open-error").render())


def test_a_bug_is_logged_not_shown_as_a_traceback(make_app, data_dir, capsys):
    app = make_app()
    app._exception = RuntimeError("模拟的程序错误")
    app._print_error_renderables()
    err = capsys.readouterr().err
    assert "程序内部错误" in err and "Traceback" not in err
    log = (data_dir / "hzconsole-error.log").read_text("utf-8")
    assert "RuntimeError: 模拟的程序错误" in log


async def test_first_run_new_file_asks_for_the_office_and_its_code(tmp_path):
    from hzconsole.books.settings import load_settings
    from hzconsole.store.database import open_database
    from hzconsole.tui.app import HzApp
    from hzconsole.tui.screens.open_file import NewFileScreen
    from tests.tui.conftest import type_text

    path = tmp_path / "樟树镇 台账.db"
    app = HzApp(None, today=DEMO_TODAY)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # 新建数据文件
        await pilot.pause()
        assert isinstance(app.screen, NewFileScreen)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await type_text(pilot, "樟树镇河长制办公室")
        await pilot.press("enter")
        await pilot.press("enter")  # no 机关代字: asked for, nothing created
        await pilot.pause()
        assert isinstance(app.screen, NewFileScreen) and not path.exists()
        assert "机关代字" in str(app.screen.query_one("#open-error").render())
        await type_text(pilot, "樟河办")
        await pilot.press("enter")
        await pilot.pause()
        assert app.db is not None
    with open_database(path, readonly=True) as db:
        s = load_settings(db)
        assert (s.office_name, s.doc_code) == ("樟树镇河长制办公室", "樟河办")


async def test_an_empty_office_is_told_where_to_start(tmp_path):
    from hzconsole.store.database import create_database
    from hzconsole.tui.app import HzApp
    from tests.tui.conftest import plain

    path = tmp_path / "空.db"
    create_database(path, "樟树镇河长制办公室").close()
    app = HzApp(path, today=DEMO_TODAY)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = plain(app.screen.query_one("#home-levels"))
        assert "还没有在任的河长" in text and "河湖名录" in text and "河长名册" in text
        assert "未到考核时间" not in text
