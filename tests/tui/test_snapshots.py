"""SVG snapshots of the main screens and of the modal screens a clerk meets, with the demo
township's Chinese data. Deterministic: the demo is built for a fixed day, the console judges
by that day, every stamp comes from a clock of the test's own, no clock is shown, the file is
shown by its name and a folder named the same in every test (pytest's tmp folders are named
by the test and numbered by what ran before on the same worker), the paths typed are short
ones in that folder, and cursors do not blink.

Update after a deliberate change of the screens: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import DEMO_TODAY, SteppingClock
from tests.tui.conftest import plain, type_text, wait_for


@pytest.fixture
def snap_dir(tmp_path: Path) -> Path:
    """The folder of the file on screen, named the same in every test: the title shows
    <folder>/<file>, and tmp_path's own name is cut to 30 characters and numbered per worker
    (confirm_delete and confirm_delete_chosen both got test_main_screens_confirm_dele, then
    0 or 1 by which of them ran first on that worker under -n 2: the flake)."""
    folder = tmp_path / "快照"
    folder.mkdir()
    return folder


@pytest.fixture
def make_app(make_app, demo_path: Path, snap_dir: Path):
    """The console on a copy of the demo in `snap_dir` (or on `path`, a file there)."""
    path = snap_dir / demo_path.name
    shutil.move(demo_path, path)

    def make(file: Path | None = None, **kw):
        return make_app(path if file is None else file, **kw)

    return make


@pytest.fixture
def here(snap_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in `snap_dir`, so paths typed on screen are short and the same in every run."""
    monkeypatch.chdir(snap_dir)
    return snap_dir


@pytest.fixture(autouse=True)
def fresh_clock(monkeypatch: pytest.MonkeyPatch) -> SteppingClock:
    """A clock of every snapshot's own: the session's clock has moved by as many writes as
    the tests before it on the same worker made, and a stamp shown must not depend on that."""
    from hzconsole.store import database

    fixed = SteppingClock(datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=9))
    monkeypatch.setattr(database, "time_source", fixed)
    return fixed


async def _settle(pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


def _keys(*keys: str, text: str = ""):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if text:
            await type_text(pilot, text)
        await _settle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("name", "size", "keys", "text"),
    [
        ("home", (80, 24), (), ""),
        ("patrols", (100, 30), ("5",), ""),
        ("roster_filtered", (100, 30), ("3", "slash"), "qsh"),
        ("problems", (80, 24), ("6",), ""),
        ("river_form_error", (80, 24), ("2", "f2", "f2"), ""),
        ("documents_summary", (100, 30), ("9", "down", "down", "down", "down", "down"), ""),
        ("confirm_delete", (80, 24), ("3", "f8"), ""),
        ("confirm_delete_chosen", (100, 30), ("3", "f8", "tab"), ""),
        ("batch_entry_80x24", (80, 24), ("5", "f5"), "12"),
        ("help_roster", (100, 30), ("3", "f1"), ""),
    ],
)
def test_main_screens(snap_compare, make_app, name, size, keys, text):
    assert snap_compare(make_app(), terminal_size=size, run_before=_keys(*keys, text=text))


def test_undo_confirm(snap_compare, make_app):
    """Ctrl+Z says what it would undo (a river just added) and asks."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.db.clock = lambda: "2024-11-20T10:30:00"  # the change's time is shown
        await pilot.press("2", "f2")
        await pilot.pause()
        await type_text(pilot, "新开河")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


# -- the modal screens a clerk meets ---------------------------------------------------------


def _sheet(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_patrol_form_with_a_field_error(snap_compare, make_app):
    """巡河台账 F2, a date that does not exist, F2: the error under its field."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("5", "f2")
        await pilot.pause()
        await type_text(pilot, "2024-13-01")
        await pilot.press("f2")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def _import_previewed(pilot, name: str, needle: str) -> None:
    """河湖名录 F9, the file's name typed (the test works in its folder), F2 until `needle`."""
    await pilot.pause()
    await pilot.press("2", "f9")
    await pilot.pause()
    await type_text(pilot, name)
    await pilot.press("f2")
    screen = pilot.app.screen
    await wait_for(pilot, lambda: needle in plain(screen.query_one("#import-report")))


def test_import_preview(snap_compare, make_app, here):
    """The preview of a sheet with one refused row: what would be written, what is wrong."""
    _sheet(
        here / "名录.xlsx",
        ["河湖名称", "类型", "管理层级"],
        [["快照渠一", "渠道", "村级"], ["快照渠二", "大河", "村级"], ["快照塘", "山塘", "村级"]],
    )

    async def run_before(pilot) -> None:
        await _import_previewed(pilot, "名录.xlsx", "结论")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_import_column_mapping(snap_compare, make_app, here):
    """F5 on the import screen: a column nobody named (水体) waits for its field."""
    _sheet(
        here / "水体.xlsx",
        ["水体", "类型", "管理层级", "备注"],
        [["映射渠1", "渠道", "村级", None], ["映射渠2", "山塘", "村级", None]],
    )

    async def run_before(pilot) -> None:
        await _import_previewed(pilot, "水体.xlsx", "结论")
        await pilot.press("f5")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "MappingScreen")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_merge_with_a_conflict(snap_compare, make_app, here):
    """Ctrl+O, the other copy typed, F5: its changes and one conflict waiting for a choice."""
    from hzconsole.books.rivers import rivers
    from hzconsole.store.database import open_database

    app = make_app()
    ours, theirs = here / "青石镇 演示.db", here / "水利站.db"
    shutil.copyfile(ours, theirs)
    with open_database(theirs) as db:
        rid = rivers.all(db)[0].id
        rivers.update(db, rid, {"notes": "水利站核实"})
        rivers.add(db, {"name": "新开渠", "kind": "渠道", "level": "村级"})
    with open_database(ours) as db:
        rivers.update(db, rid, {"notes": "镇河长办核实"})

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await type_text(pilot, theirs.name)
        await pilot.press("f5")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "MergeScreen")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: "冲突" in screen.conflicts_text())
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_rollup_of_township_files(snap_compare, make_app, here):
    """Ctrl+O F6: a folder of township files (one not a data file) summed and ranked."""
    app = make_app()
    folder = here / "乡镇"
    folder.mkdir()
    shutil.copyfile(here / "青石镇 演示.db", folder / "青石镇.db")
    (folder / "坏文件.db").write_bytes(b"x" * 2048)

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+o", "f6")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "RollupScreen")
        screen = pilot.app.screen
        await type_text(pilot, "乡镇")
        await pilot.press("tab")
        await type_text(pilot, "县汇总.db")
        await pilot.press("tab")
        await type_text(pilot, "2024")
        await pilot.press("f2")
        await wait_for(pilot, lambda: "排名" in screen.report_text(), timeout=30)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_open_file_with_recent_files(snap_compare, make_app, data_dir):
    """Ctrl+O: the path to type and the files this PC opened lately (a stick not plugged in
    is said so). The list is written here: the file the test opened lives in a tmp folder."""
    app = make_app()

    async def run_before(pilot) -> None:
        await pilot.pause()
        recent = ["E:\\河长办\\2024 台账.db", "E:\\河长办\\2023 台账.db", "D:\\备份\\青石镇 2024-10.db"]
        (data_dir / "recent.json").write_text(
            json.dumps({"files": [{"path": p} for p in recent]}, ensure_ascii=False), "utf-8"
        )
        await pilot.press("ctrl+o")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_new_file(snap_compare, make_app):
    """Ctrl+O Ctrl+N: where, the office's name, its 机关代字; Enter with no name says what is
    missing."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+o", "ctrl+n")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "NewFileScreen")
        await type_text(pilot, "2025 台账")
        await pilot.press("enter", "enter", "enter")  # no office name: asked for
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_yearly_records(snap_compare, make_app):
    """设置 F8: the 年度工作记录 of the demo's year."""
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_keys("0", "f8"))


def test_appointment_change(snap_compare, make_app):
    """河长名册 F5 (人事调整) on the first appointment: the present holder, the day, a successor."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=_keys("3", "f5"))


def _county(here: Path) -> Path:
    """A county file rolled up from the demo township and a second one of its own."""
    from hzconsole.books.settings import save_settings
    from hzconsole.demo import DemoSize, create_demo
    from hzconsole.sync.rollup import rollup

    other = here / "白沙乡.db"
    with create_demo(other, seed=7, today=DEMO_TODAY, size=DemoSize(rivers=6, people=20, boards=8, problems=15)) as db:
        save_settings(db, {"office_name": "白沙乡河长制办公室"})
    out = here / "县汇总.db"
    result = rollup([here / "青石镇 演示.db", other], out, year=2024, today=DEMO_TODAY)
    assert all(t.ok for t in result.townships)
    return out


@pytest.mark.parametrize("township", [False, True], ids=["county", "township"])
def test_county_file(snap_compare, make_app, here, township):
    """A county file: its 首页 ranks the townships; Enter shows one's 首页, read-only."""
    app = make_app(_county(here))

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.county is not None)
        await pilot.pause()
        if township:
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: pilot.app.county.township is not None)
            await wait_for(pilot, lambda: pilot.app.screen.agenda is not None)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
