"""What the clerk types is never turned into a command, lost, or saved wrong (issue 12):
letters on a list always filter; a dialog that changes the books is answered only on
purpose; no way out of a form drops what was typed; a typed path is what Ctrl+O opens."""

from __future__ import annotations

import shutil
import sqlite3
import string

from textual.widgets import Input

from hzconsole import recent_files
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.dialogs import ANSWER_DELAY, ConfirmScreen
from hzconsole.tui.screens.documents import DocumentsScreen, DoneScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.screens.open_file import OpenFileScreen
from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen
from tests.tui.conftest import (
    SIZE,
    burst,
    confirm,
    palette_offers,
    palette_options,
    type_text,
    wait_for,
)

# Initials of names in the walkthrough (刘秋东 was deleted by "dy", a patrol of 戴振燕 by
# "dzy"; "cdm" opened 人事调整, "sqs" the sort dialog) and every letter on its own.
TYPED = ["dy", "dzy", "cdm", "sqs", "lqd", string.ascii_lowercase, "XYZ"]


def _books(path) -> list[tuple]:
    """Every row of every book, to show that nothing was written."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return [(t, sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"')))) for t in tables]


async def test_letters_typed_on_every_list_only_filter(make_app, demo_path):
    before = _books(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        for key in "2345678":
            await pilot.press(key)
            await pilot.pause()
            mode = app.current_mode
            for text in TYPED:
                await type_text(pilot, text)
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, HzScreen) and app.current_mode == mode, (mode, text, screen)
                assert screen.query_one("#filter", Input).value == text, (mode, text)
                await pilot.press("escape", "escape")  # back to the list, filter cleared
                await pilot.pause()
                assert screen.query_one("#filter", Input).value == ""
            # typed at full speed (a burst, as an input method commits) the same holds
            burst(app, ["dzy"])
            await wait_for(pilot, lambda: app.screen.query_one("#filter", Input).value == "dzy")
            assert isinstance(app.screen, HzScreen)
            await pilot.press("escape", "escape")
    assert _books(demo_path) == before


async def test_a_delete_is_confirmed_only_on_its_button_after_a_moment(make_app, demo_path):
    before = _books(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # Del and keys typed right behind it: none of them answers the dialog
        burst(app, ["f8", "y", "enter", "tab", "enter"])
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()  # the rest of the burst handled too
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause(ANSWER_DELAY)
        await pilot.press("y", "d")  # letters never answer it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert _books(demo_path) == before
        await pilot.press("escape")  # Esc cancels
        await pilot.pause()
        assert isinstance(app.screen, HzScreen)
        await pilot.press("f8")
        await confirm(pilot)  # on purpose: to 删除, then Enter
        assert isinstance(app.screen, HzScreen)
    assert _books(demo_path) != before


async def test_ctrl_q_asks_before_dropping_a_form_with_typed_content(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+q")  # nothing typed yet: would quit; typed: asks
        await pilot.pause()
    assert app.return_code in (0, None)

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "f2")
        await pilot.pause()
        await type_text(pilot, "河面有垃圾")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        await pilot.press("escape")  # back to the form, with what was typed
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.changed
        await pilot.press("ctrl+q")
        await confirm(pilot)  # only on purpose
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_asks_in_batch_entry_too(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "f5")
        await pilot.pause()
        assert isinstance(app.screen, PatrolEntryScreen)
        await type_text(pilot, "12")
        await pilot.press("enter")
        await type_text(pilot, "lqd")
        await pilot.press("ctrl+q", "y", "enter")  # typed ahead: answers nothing
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PatrolEntryScreen)


async def test_no_other_file_is_opened_under_an_open_form(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f2")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert any("请先保存" in m for m, _ in app.messages)


async def test_number_keys_after_a_document_switch_screens_not_type_into_fields(make_app, tmp_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        docs = app.screen
        assert isinstance(docs, DocumentsScreen)
        await docs.preselect("circular", {"year": "2024", "month": "10"})
        docs.query_one("#out-path", Input).value = str(tmp_path / "通报.docx")
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen))
        await pilot.press("escape")
        await pilot.pause()
        values = {w.id: w.value for w in docs.query("#doc-fields Input")}
        await pilot.press("4")
        await pilot.pause()
        assert {w.id: w.value for w in docs.query("#doc-fields Input")} == values
        assert app.current_mode == "signboards"


async def test_ctrl_o_opens_the_path_typed_even_with_recent_files(make_app, demo_path, tmp_path):
    other = tmp_path / "另一个.db"
    shutil.copyfile(demo_path, other)
    typed = tmp_path / "typed.db"
    shutil.copyfile(demo_path, typed)
    recent_files.remember(other)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        burst(app, [str(typed)])  # typed at once, before the dialog has settled
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, OpenFileScreen) and app.screen.query_one("#path", Input).value == str(typed),
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.db.path.resolve() == typed.resolve()
        # a character typed on the recent list goes to the path too
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("down")
        await type_text(pilot, "/x")
        assert app.screen.query_one("#path", Input).value == "/x"


def _shown_cells(table) -> list[tuple[str, str]]:
    """(value, what its column shows) for every cell of the visible rows."""
    x = round(table.scroll_x)
    out = []
    for y in range(1, min(table.size.height, table.total + 1)):
        row = table.row_at(round(table.scroll_y) + y - 1)
        if row is None:
            continue
        strip = table.render_line(y)
        for i, value in enumerate(row.cells(table.listing)):
            left = sum(w + 2 for w in table._widths[:i]) + 1 - x
            shown = "".join(seg.text for seg in strip.crop(max(left, 0), left + table._widths[i])).strip()
            out.append((value.replace("\n", " "), shown))
    return out


async def test_no_value_is_shown_cut_at_80_columns(make_app, demo_path):
    from hzconsole.books.register import issue
    from hzconsole.books.rivers import rivers
    from hzconsole.store.database import open_database
    from hzconsole.tui.widgets.book_table import BookTable
    from tests.conftest import DEMO_TODAY

    with open_database(demo_path) as db:
        rivers.add(
            db,
            {
                "name": "长长的河",
                "kind": "河流",
                "level": "村级",
                "catchment_km2": 1234.567,
                "length_km": 12.345,
                "code": "HP3609800041234",
            },
        )
        for n in range(12):
            issue(db, title=f"关于第{n}号事项的通知", kind="通知", on=DEMO_TODAY)
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        for key in "2345678":
            await pilot.press(key)
            await pilot.pause()
            table = app.screen.query_one(BookTable)
            for _pan in range(3):
                for value, shown in _shown_cells(table):
                    # whole, or not shown, or free text cut and marked so
                    assert shown in ("", value.strip()) or shown.endswith(".."), (key, value, shown)
                await pilot.press("right")
                await pilot.pause()


def test_small_visible_points():
    from pathlib import Path, PureWindowsPath

    from hzconsole.cells import wrap_cells
    from hzconsole.tui.widgets.chrome import short_path

    # no line begins with 。 or 」
    for width in range(8, 30):
        for line in wrap_cells("河长办已于十一月二十日完成「清四乱」专项行动。请各村于月底前上报巡河记录。", width):
            assert line[:1] not in "\u3002\u300d\uff0c", (width, line)
    assert short_path(Path("/home/clerk/data/台账.db")) == "data/台账.db"  # not "/../data/台账.db"
    assert short_path(PureWindowsPath("E:\\河长办\\2024\\台账.db")) == "E:\\..\\2024\\台账.db"


async def test_the_command_palette_says_no_match_in_chinese(make_app):
    from textual.command import CommandList

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "qqxxzz")
        await wait_for(pilot, lambda: any("没有相符的命令" in t for t in palette_options(app)))
        options = app.screen.query_one(CommandList)
        texts = [str(options.get_option_at_index(i).prompt.renderable) for i in range(options.option_count)]
        assert any("没有相符的命令" in t for t in texts), texts
        assert not any("No matches" in t for t in texts)


async def test_an_unchosen_list_asks_to_choose(make_app):
    from hzconsole.tui.screens.form import FormScreen
    from tests.tui.conftest import plain

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert plain(form.query_one("#err-person_id")) == "请选择"
        assert plain(form.query_one("#err-river_id")) == "请选择"
        assert "应为文字" not in plain(form.query_one("#form-error"))


async def test_enter_moves_past_a_drop_down(make_app):
    from textual.widgets import Select

    from hzconsole.tui.screens.form import FormScreen

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await type_text(pilot, "新开河")
        await pilot.press("enter")  # to 类型, a drop-down
        await pilot.pause()
        assert isinstance(form.focused, Select)
        await pilot.press("enter")  # past it, to 管理层级 (not opening it)
        await pilot.pause()
        assert form.focused is form.query_one("#f-level")
        assert not form.query_one("#f-kind", Select).expanded


async def test_documents_are_found_by_name_in_the_command_palette(make_app):
    from hzconsole.tui.screens.documents import DocumentsScreen

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "巡河情况通报")
        await wait_for(pilot, lambda: palette_offers(app, "巡河情况通报"))
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, DocumentsScreen)
                and app.screen.kind is not None
                and app.screen.kind.key == "doc:circular"
            ),
        )


async def test_ctrl_q_asks_before_dropping_a_notice_typed_in_the_documents_screen(make_app):
    from textual.widgets import TextArea

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        docs = app.screen
        await docs.preselect("notice")
        await pilot.pause()
        await pilot.pause()
        assert not docs.has_unsaved_input()
        docs.query_one("#doc-fields TextArea", TextArea).load_text("请各村于月底前完成河道清障。")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
