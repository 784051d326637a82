"""The console entry points of the travelling file, the PC's look and the yearly records,
driven like a clerk on real copies of the demo file: Ctrl+O F5 merges another copy (every
conflict decided on screen, a confirm dialog, Ctrl+Z undoes it), Ctrl+O F6 rolls townships'
files up and opens the county file, 设置 F6 keeps this PC's look, 设置 F8 / Ctrl+P fill in
the 年度工作记录."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Input, Select

from hzconsole import look
from hzconsole.books import yearly
from hzconsole.books.rivers import rivers
from hzconsole.store.database import open_database
from hzconsole.tui.screens.dialogs import ChooseScreen, ConfirmScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.screens.open_file import OpenFileScreen
from hzconsole.tui.screens.sync import MergeScreen, RollupScreen
from hzconsole.tui.screens.yearly import YearlyRecordsScreen
from tests.tui.conftest import SIZE, confirm, palette_offers, plain, type_text, wait_for


def _diverged(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Two copies of the demo: the station added a river and changed a river's notes, the
    office changed the same notes otherwise (one conflict, one addition)."""
    ours, theirs = tmp_path / "镇河长办.db", tmp_path / "水利站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    with open_database(theirs) as db:
        rid = rivers.all(db)[0].id
        rivers.update(db, rid, {"notes": "水利站核实"})
        new = rivers.add(db, {"name": "新开渠", "kind": "渠道", "level": "村级"}).id
    with open_database(ours) as db:
        rivers.update(db, rid, {"notes": "镇河长办核实"})
    return ours, theirs, rid, new


async def test_ctrl_o_f5_merges_another_copy_after_every_conflict_is_decided_and_ctrl_z_undoes_it(
    make_app, demo_path: Path, tmp_path: Path
) -> None:
    ours, theirs, rid, new = _diverged(demo_path, tmp_path)
    app = make_app(ours)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OpenFileScreen)
        await type_text(pilot, str(theirs))
        await pilot.press("f5")  # the path typed is the other copy: previewed at once
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        screen = app.screen
        assert screen.query_one("#merge-path", Input).value == str(theirs)
        await wait_for(pilot, lambda: "冲突 1" in screen.conflicts_text())
        report = plain(screen.query_one("#merge-report")) + screen.conflicts_text()
        assert "ours" not in report  # the CLI's keys are not shown
        assert app.screen.focused is screen.query_one("#merge-c1", Select)  # the first choice
        assert "新增河湖「新开渠」" in report
        assert "本文件「镇河长办核实」" in report and "对方「水利站核实」" in report
        # Nothing decided for the clerk: F3 with a conflict open writes nothing.
        await pilot.press("f3")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "新开渠" not in {r.name for r in rivers.all(app.db)}
        # The conflict decided with the keyboard: the list opens on Enter, 对方 chosen.
        select = screen.query_one("#merge-c1", Select)
        await pilot.press("enter")
        await pilot.pause()
        labels = [str(p) for p, _v in select._options]
        await pilot.press(*["down"] * labels.index(next(lb for lb in labels if "对方" in lb)), "enter")
        await pilot.pause()
        assert select.value == "theirs"
        assert not screen.query_one("#merge-run", Button).disabled
        await pilot.press("f3")
        await confirm(pilot)  # asked first, on its own button
        await wait_for(pilot, lambda: "已合并" in plain(screen.query_one("#merge-report")))
        assert rivers.get(app.db, rid).notes == "水利站核实"
        assert rivers.get(app.db, new).name == "新开渠"
        assert "Ctrl+Z" in plain(screen.query_one("#merge-report"))
        # Undone as one action, from the merge screen itself, named as the merge.
        await pilot.press("ctrl+z")
        await pilot.pause()
        asked = plain(app.screen.query_one(".confirm-message"))
        assert "合并另一份副本「水利站.db」" in asked and "last_merge" not in asked
        await confirm(pilot)
        await pilot.pause()
        assert rivers.get(app.db, rid).notes == "镇河长办核实"
        assert new not in {r.id for r in rivers.all(app.db)}
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MergeScreen)
    with open_database(theirs, readonly=True) as db:  # the other copy was only read
        assert rivers.get(db, rid).notes == "水利站核实"


async def test_merge_is_not_offered_on_a_file_open_read_only(make_app, demo_path: Path, tmp_path: Path) -> None:
    ours, theirs, _rid, _new = _diverged(demo_path, tmp_path)
    holder = open_database(ours)  # another console has it: this one opens it read-only
    app = make_app(ours)

    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+o")
            await type_text(pilot, str(theirs))
            await pilot.press("f5")
            await pilot.pause()
            assert not isinstance(app.screen, MergeScreen)
            assert "不能修改" in app.messages[-1][0]
    finally:
        holder.close()


async def test_ctrl_o_f6_rolls_up_a_folder_of_township_files_and_exports_the_county_ledgers(
    make_app, demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "乡镇"
    folder.mkdir()
    shutil.copyfile(demo_path, folder / "青石镇.db")
    (folder / "坏文件.db").write_bytes(b"x" * 2048)
    before = (folder / "青石镇.db").read_bytes()
    county = tmp_path / "县汇总.db"
    app = make_app(demo_path)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "f6")
        await wait_for(pilot, lambda: isinstance(app.screen, RollupScreen))
        screen = app.screen
        await type_text(pilot, str(folder))
        await pilot.press("tab")
        await type_text(pilot, str(county))
        await pilot.press("tab")
        await type_text(pilot, "2024")
        await pilot.press("f2")
        await wait_for(pilot, lambda: "排名" in screen.report_text(), timeout=30)
        report = screen.report_text()
        assert "已跳过" in report and "坏文件.db" in report and "共 1 个乡镇" in report
        row = next(line for line in report.splitlines() if "青石镇" in line and "%" in line)
        assert row.split()[0] == "1"  # ranked, one township
        await pilot.press("f3")  # the county ledgers, with a 乡镇 column
        await wait_for(pilot, lambda: "已导出县汇总台账" in screen.report_text(), timeout=30)
        assert "排名" in screen.report_text()  # the ranking stays on screen
        assert app.db is not None and app.db.path == demo_path  # the open file is not changed
    assert (folder / "青石镇.db").read_bytes() == before
    ledgers = sorted((tmp_path / "县汇总台账").glob("*.xlsx"))
    assert len(ledgers) == 4
    import openpyxl

    book = openpyxl.load_workbook(next(p for p in ledgers if "河湖名录" in p.name), read_only=True)
    cells = [str(c) for row in book.active.iter_rows(max_row=6, values_only=True) for c in row if c]
    assert "乡镇" in cells and "青石镇" in cells


async def test_settings_f6_keeps_this_pcs_look_on_the_pc_and_applies_it_at_once(make_app, data_dir: Path) -> None:
    from hzconsole.tui.look import AsciiLook

    app = make_app(ascii=False)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        await wait_for(pilot, lambda: "本机界面显示方式" in plain(app.screen.query_one("#settings-view")))
        view = plain(app.screen.query_one("#settings-view"))
        assert "不在数据文件里" in view and "现在显示的是完整字符" in view
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        keys = [k for k, _label in app.screen.options]
        await pilot.press(*["down"] * (keys.index("ascii") - keys.index(look.load_choice())), "enter")
        await pilot.pause()
        assert look.load_choice() == "ascii"
        assert app.ascii_look and any(isinstance(f, AsciiLook) for f in app._filters)
        assert "现在显示的是简单字符" in plain(app.screen.query_one("#settings-view"))
    assert (data_dir / "look.json").exists()
    assert look.load_choice() == "ascii"


async def test_yearly_records_are_filled_in_from_settings_f8_and_found_in_ctrl_p(make_app, demo_path: Path) -> None:
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0", "f8")
        await wait_for(pilot, lambda: isinstance(app.screen, YearlyRecordsScreen))
        screen = app.screen
        assert screen.year == 2024 and "未填写" in plain(screen.query_one("#yearly-view"))
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "4")  # the first field: meetings
        await pilot.press("enter")
        await type_text(pilot, "三次")  # 河长令 is a count: refused under its field
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "应填写数字" in plain(app.screen.query_one("#err-chief_orders"))
        app.screen.query_one("#f-chief_orders", Input).value = "3"
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, YearlyRecordsScreen))
        shown = plain(screen.query_one("#yearly-view"))
        assert "4次" in shown and "3道" in shown
        await pilot.press("ctrl+z")  # asked in the clerk's words, not by the CLI's keys
        await pilot.pause()
        asked = plain(app.screen.query_one(".confirm-message"))
        assert "2024年 召开河长制工作会议" in asked and "meetings" not in asked
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        assert "2023年度工作记录" in str(screen.query_one("#yearly-title").render())
        await pilot.press("escape")
        await pilot.pause()
        # The command palette finds it by pinyin initials.
        await pilot.press("ctrl+p")
        await type_text(pilot, "ndgzjl")
        await wait_for(pilot, lambda: palette_offers(app, "年度工作记录"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, YearlyRecordsScreen))
    with open_database(demo_path, readonly=True) as db:
        assert yearly.get_year(db, 2024) == {"meetings": "4", "chief_orders": "3"}
