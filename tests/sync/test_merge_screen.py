"""The console's 合并另一份副本 screen on real files: the preview lists the changes and the
conflict, merging waits for the clerk's choice, then writes and can be undone."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.widgets import Button, Input, Select, Static

from hzconsole.books.rivers import rivers
from hzconsole.store.changelog import undo_last
from hzconsole.store.database import Database, open_database
from hzconsole.tui.screens.dialogs import ConfirmScreen
from hzconsole.tui.screens.sync import MergeScreen, RollupScreen


class Host(App):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    def on_mount(self) -> None:
        self.push_screen(MergeScreen())


async def wait_for(pilot, check: Callable[[], bool], timeout: float = 20.0) -> None:
    end = asyncio.get_running_loop().time() + timeout
    while not check():
        assert asyncio.get_running_loop().time() < end, "condition not met in time"
        await pilot.pause(0.05)


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_merge_screen_shows_asks_and_merges(demo_path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    with open_database(theirs) as db:
        rid = db.scalar("SELECT id FROM rivers ORDER BY name LIMIT 1")
        rivers.update(db, rid, {"notes": "水利站"})
        new = rivers.add(db, {"name": "新开渠", "kind": "渠道", "level": "村级"}).id
    db = open_database(ours)
    rivers.update(db, rid, {"notes": "镇河长办"})
    app = Host(db)

    try:
        async with app.run_test(size=(110, 36)) as pilot:
            screen = app.screen
            screen.query_one("#merge-path", Input).value = str(theirs)
            await pilot.press("f2")
            await wait_for(pilot, lambda: "冲突 1" in screen.conflicts_text())
            report = text(screen, "#merge-report") + screen.conflicts_text()
            assert "新增河湖「新开渠」" in report and "本文件「镇河长办」 对方「水利站」" in report
            assert screen.query_one("#merge-run", Button).disabled  # nothing chosen yet
            await pilot.press("f3")
            await pilot.pause()
            assert rivers.get(db, rid).notes == "镇河长办"  # not merged without a choice
            screen.query_one("#merge-c1", Select).value = "theirs"
            await pilot.pause()
            assert not screen.query_one("#merge-run", Button).disabled
            await pilot.press("f3")  # asked first: the action on its own button
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await wait_for(pilot, app.screen.ready)  # counted from its first paint, not from now
            await pilot.press("tab", "enter")
            await wait_for(pilot, lambda: "已合并" in text(screen, "#merge-report"))
        assert rivers.get(db, rid).notes == "水利站" and rivers.get(db, new).name == "新开渠"
        undo_last(db)
        assert rivers.get(db, rid).notes == "镇河长办"
        assert db.scalar("SELECT count(*) FROM rivers WHERE id = ?", (new,)) == 0
    finally:
        db.close()


class RollupHost(App):
    def on_mount(self) -> None:
        self.push_screen(RollupScreen())


async def test_rollup_screen_reads_a_folder_of_township_files(demo_path: Path, db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "乡镇"
    folder.mkdir()
    shutil.copyfile(demo_path, folder / "青石镇.db")
    db.close()
    shutil.copyfile(db.path, folder / "樟树镇.db")
    (folder / "坏文件.db").write_bytes(b"x" * 2048)
    out = tmp_path / "县汇总.db"
    app = RollupHost()

    async with app.run_test(size=(110, 36)) as pilot:
        screen = app.screen
        screen.query_one("#rollup-files", Input).value = str(folder)
        screen.query_one("#rollup-out", Input).value = str(out)
        screen.query_one("#rollup-year", Input).value = "2024"
        await pilot.press("f2")
        await wait_for(pilot, lambda: "排名" in screen.report_text())
        report = screen.report_text()
        assert "已跳过" in report and "坏文件.db" in report
        assert "青石镇" in report and "樟树镇" in report and "共 2 个乡镇" in report
    assert out.exists()
