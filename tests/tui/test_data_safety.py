"""The file on a USB stick, from the console: opened read-only (a read-only copy, a file of a
newer version) every change is refused with the reason, in Chinese, while reading and the
ledgers still work; the stick pulled (the file renamed away, deleted, its folder unwritable)
while a form is open, the save fails with a Chinese message, the console stays up and the
form keeps what was typed; Ctrl+Q leaves nothing beside the file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Input

from hzconsole.books.rivers import rivers
from hzconsole.store.database import open_database
from hzconsole.store.migrations import MIGRATIONS
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.documents import DocumentsScreen, DoneScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.widgets.chrome import StatusBar
from tests.tui.conftest import SIZE, confirm, plain, type_text, wait_for

# Every key that changes the books, per screen (number key -> keys).
_BOOK = ("f2", "f4", "f8", "f9")
WRITE_KEYS = {
    "2": (*_BOOK, "f5"),
    "3": (*_BOOK, "f5", "f7", "ctrl+t"),
    "4": (*_BOOK, "f5"),
    "5": (*_BOOK, "f5"),
    "6": (*_BOOK, "f5", "f7"),
    "7": (*_BOOK, "f5"),
    "8": ("f2", "f4", "f8"),
    "0": ("f4", "f5"),
}


def _read_only_copy(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "只读 台账.db"
    shutil.copyfile(demo_path, copy)
    os.chmod(copy, 0o444)  # also read-only for root: the store respects the write bits
    return copy


def _newer_copy(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "新版本 台账.db"
    shutil.copyfile(demo_path, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute(f"PRAGMA user_version = {MIGRATIONS[-1].version + 1}")
    return copy


# A newer version's file goes the same way in the console as a read-only one: fewer keys.
SOME_WRITE_KEYS = {"2": ("f2", "f4", "f8"), "6": ("f5",), "0": ("f4",)}


@pytest.mark.parametrize(
    ("make_copy", "short", "why", "write_keys"),
    [
        (_read_only_copy, "只读\uff08文件或磁盘只读\uff09", "只读的", WRITE_KEYS),
        (_newer_copy, "只读\uff08较新版本写入的文件\uff09", "较新版本", SOME_WRITE_KEYS),
    ],
)
async def test_a_read_only_file_refuses_every_change_and_still_reads(
    make_app,
    demo_path,
    tmp_path,
    make_copy,
    short,
    why,
    write_keys,
):
    path = make_copy(demo_path, tmp_path)
    before = path.read_bytes()
    app = make_app(path)
    out = tmp_path / "巡河台账.xlsx"

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.db.readonly and why in app.db.readonly_reason
        assert short in str(app.screen.query_one(StatusBar).render())
        for screen_key, keys in write_keys.items():
            await pilot.press(screen_key)
            for key in [*keys, "ctrl+z"]:
                app.messages.clear()
                await pilot.press(key)  # (press waits until the key is handled)
                where = f"{app.current_mode} {key}"
                assert isinstance(app.screen, HzScreen), where  # no form, no dialog opened
                assert any("不能修改" in m and why in m for m, _ in app.messages), (where, app.messages)
        # reading still works: a filter, and a ledger (it only reads the books)
        await pilot.press("2")
        await type_text(pilot, "青石")
        assert plain(app.screen.query_one("#count")).startswith("找到")
        await pilot.press("escape", "escape", "9")
        await pilot.pause()
        docs = app.screen
        assert isinstance(docs, DocumentsScreen)
        await docs.preselect("patrols", {"year": "2024", "month": "10"})
        docs.query_one("#out-path", Input).value = str(out)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen))
        await pilot.press("escape")
        # a document takes a 文号 from the register: refused, with the reason
        await docs.preselect("summary", {"year": "2024"})
        app.messages.clear()
        docs.query_one("#out-path", Input).value = str(tmp_path / "总结.docx")
        await pilot.press("f2")
        await pilot.pause()
        assert any("不能修改" in m for m, _ in app.messages)
        assert not (tmp_path / "总结.docx").exists()
    assert path.read_bytes() == before
    assert "巡河" in str(load_workbook(out, read_only=True).worksheets[0]["A1"].value)


async def _open_river_form(app, pilot, name: str) -> FormScreen:
    await pilot.press("2", "f2")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, FormScreen)
    await type_text(pilot, name)
    form.query_one("#f-notes", Input).value = "U 盘拔出时填写的备注"
    return form


def _kept(form: FormScreen, name: str) -> None:
    assert form.is_attached and form.app.screen is form
    assert form.query_one("#f-name", Input).value == name
    assert form.query_one("#f-notes", Input).value == "U 盘拔出时填写的备注"


async def test_the_stick_pulled_while_a_form_is_open_keeps_the_form(make_app, demo_path, tmp_path):
    """The file renamed away (the stick pulled out, or the file moved in Explorer): the
    save fails in Chinese, the form keeps its contents, and saves once the file is back."""
    app = make_app()
    away = tmp_path / "拔出.db"

    async with app.run_test(size=SIZE) as pilot:
        form = await _open_river_form(app, pilot, "拔盘时新增的河")
        demo_path.rename(away)
        await pilot.press("f2")
        await pilot.pause()
        _kept(form, "拔盘时新增的河")
        error = plain(form.query_one("#form-error"))
        assert "已不在" in error and "仍在" in error, error
        away.rename(demo_path)
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+q")
    with open_database(demo_path, readonly=True) as db:
        assert [r.notes for r in rivers.all(db, "name = ?", ("拔盘时新增的河",))] == ["U 盘拔出时填写的备注"]
    assert sorted(p.name for p in demo_path.parent.iterdir()) == [demo_path.name]  # no -journal


async def test_a_folder_that_cannot_be_written_keeps_the_form(make_app, demo_path):
    """No journal can be made beside the file (a folder made read-only; for root, whom
    permissions do not stop, a folder squatting on the journal's name does the same)."""
    app = make_app()
    folder = demo_path.parent
    journal = demo_path.with_name(demo_path.name + "-journal")

    def block() -> None:
        if os.geteuid() == 0:
            journal.mkdir()
        else:
            folder.chmod(0o555)

    def unblock() -> None:
        if journal.is_dir():
            journal.rmdir()
        folder.chmod(0o755)

    async with app.run_test(size=SIZE) as pilot:
        form = await _open_river_form(app, pilot, "写不进去的河")
        block()
        try:
            await pilot.press("f2")
            await pilot.pause()
            _kept(form, "写不进去的河")
            error = plain(form.query_one("#form-error"))
            assert "U盘" in error and "仍在" in error and "Traceback" not in error, error
        finally:
            unblock()
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    with open_database(demo_path, readonly=True) as db:
        assert rivers.all(db, "name = ?", ("写不进去的河",))
    assert not journal.exists()


async def test_the_file_deleted_while_open_is_a_message_not_a_crash(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        form = await _open_river_form(app, pilot, "文件删掉后的河")
        demo_path.unlink()
        await pilot.press("f2")
        await pilot.pause()
        _kept(form, "文件删掉后的河")
        assert "已不在" in plain(form.query_one("#form-error"))
        await pilot.press("escape")  # give up the form: asked first, then closed
        await confirm(pilot)
        await pilot.press("5", "pagedown", "end")  # reading what is cached still paints
        await pilot.pause()
        assert app.is_running
    assert not demo_path.exists()
    assert not demo_path.with_name(demo_path.name + "-journal").exists()
