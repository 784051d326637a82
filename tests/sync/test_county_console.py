"""The county clerk's console on a county roll-up file: 首页 ranks the townships with the
figures of each township's own `stats`; Enter reads one township's books (its 首页 and every
list), read-only; F3 goes back; the county 通报 is offered in 公文台账; neither the county file
nor any township file changes a byte."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from hzconsole.books.rivers import rivers
from hzconsole.store.database import open_database
from hzconsole.sync.county_file import open_township
from hzconsole.sync.rollup import county_figures, ranked, rollup
from hzconsole.tui.app import HzApp
from tests.sync.conftest import PLACES, TODAY
from tests.tui.conftest import wait_for

SIZE = (110, 32)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def county(files: list[Path], tmp_path: Path) -> Path:
    out = tmp_path / "县汇总.db"
    result = rollup(files, out, year=2024, today=TODAY)
    assert all(t.ok for t in result.townships)
    return out


def options(app: HzApp) -> list[str]:
    items = app.screen.query_one("#home-items", OptionList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


def test_a_township_view_and_its_readers_see_only_that_township(county: Path, files: list[Path]) -> None:
    with open_database(county, readonly=True) as db:
        towns = {t.place: t for t in county_figures(db)}
    for path, place in zip(files, PLACES, strict=True):
        with open_database(path, readonly=True) as own:
            names = sorted(r.name for r in rivers.all(own))
        view, town = open_township(county, towns[place].file_id)
        with view:
            assert town.place == place and view.readonly
            assert sorted(r.name for r in rivers.all(view)) == names
            # The 首页 agenda is counted on a reader() in a thread: it sees the same township.
            with view.reader() as reader:
                assert sorted(r.name for r in rivers.all(reader)) == names


def test_a_township_view_joins_its_books_by_index(county: Path) -> None:
    """Each join of a list read through the views finds its row by (township_id, id), as
    in the township's own file; with only a township_id index SQLite scanned a township's
    people for every patrol (15 s for a ten-year patrol list instead of 0.7 s)."""
    from hzconsole.listing import LISTINGS, select_sql

    with open_database(county, readonly=True) as db:
        file_id = county_figures(db)[0].file_id
    view, _town = open_township(county, file_id)
    with view:
        for name in ("patrols", "problems", "roster", "signboards"):
            plan = [
                str(r[3])
                for r in view.conn.execute(
                    "EXPLAIN QUERY PLAN " + select_sql(LISTINGS[name]), {"today": TODAY.isoformat()}
                )
            ]
            joined = [step for step in plan[1:] if step.startswith("SEARCH")]
            assert joined, plan
            for step in joined:
                assert "township_id=? AND" in step, (name, plan)


async def test_county_console_ranks_townships_opens_one_read_only_and_goes_back(
    county: Path, files: list[Path], data_dir: Path
) -> None:
    before = {p: sha(p) for p in [county, *files]}
    with open_database(county, readonly=True) as db:
        order = ranked(county_figures(db))
    app = HzApp(county, today=date(2024, 11, 20))

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("名次" in o for o in options(app)))
        lines = options(app)
        assert "名次" in lines[0] and "巡河达标率" in lines[0]
        # Ranked as `rollup` ranks them, each with its own figures.
        for n, town in enumerate(order, 1):
            line = lines[n]
            assert line.split()[:2] == [str(n), town.place]
            assert f"{town.patrol_rate:.1%}" in line and f"{town.fix_rate:.1%}" in line
        # The county file's own books are empty: a book key says where to go instead.
        await pilot.press("2")
        await pilot.pause()
        assert app.current_mode == "home"
        assert "请在首页选中一个乡镇" in app.messages[-1][0]

        # Enter on the second township: its 首页, its office on the status line.
        second = order[1]
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.county is not None and app.county.township is not None)
        assert app.county is not None and app.county.township is not None
        assert app.county.township.place == second.place
        assert app.office_name == second.office
        await wait_for(pilot, lambda: app.screen.agenda is not None)  # type: ignore[attr-defined]
        # Its rivers, and no other township's.
        await pilot.press("2")
        await wait_for(pilot, lambda: app.current_mode == "rivers")
        with open_database(second.source, readonly=True) as own:
            names = {r.name for r in rivers.all(own)}
        await wait_for(pilot, lambda: app.screen.table.total == len(names))  # type: ignore[attr-defined]
        # Read-only: 新增 is refused with the reason.
        await pilot.press("f2")
        await pilot.pause()
        assert "县汇总文件中" in app.messages[-1][0] and "只供查看" in app.messages[-1][0]
        assert len(app.screen_stack) == 1  # no form opened

        # F3 on 首页: back to the county's ranking.
        await pilot.press("1")
        await wait_for(pilot, lambda: app.current_mode == "home")
        await pilot.press("f3")
        await wait_for(pilot, lambda: app.county is not None and app.county.overview)
        await wait_for(pilot, lambda: any("名次" in o for o in options(app)))
        assert app.db is not None and not app.db.readonly

        # 公文台账 offers the county 通报 only.
        await pilot.press("9")
        await wait_for(pilot, lambda: app.current_mode == "documents")
        kinds = app.screen.query_one("#kinds", OptionList)
        await wait_for(pilot, lambda: kinds.option_count > 0)
        ids = [kinds.get_option_at_index(i).id for i in range(kinds.option_count)]
        assert [i for i in ids if i] == ["doc:county"]
    assert {p: sha(p) for p in [county, *files]} == before


async def test_rollup_screen_rolls_into_the_open_county_file_and_shows_it(
    county: Path, files: list[Path], data_dir: Path
) -> None:
    app = HzApp(county, today=date(2024, 11, 20))

    from hzconsole.tui.screens.sync import RollupScreen

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: any("名次" in o for o in options(app)))
        app.action_rollup()
        await wait_for(pilot, lambda: isinstance(app.screen, RollupScreen))
        screen = app.screen
        assert isinstance(screen, RollupScreen)
        await wait_for(pilot, lambda: bool(screen.query("#rollup-files")))
        screen.query_one("#rollup-files", Input).value = str(files[0].parent)
        screen.query_one("#rollup-out", Input).value = str(county)
        screen.query_one("#rollup-year", Input).value = "2024"
        await pilot.press("f2")
        await wait_for(pilot, lambda: screen.county is not None, timeout=30)
        report = screen.report_text()
        assert report.count("已汇总") == len(PLACES), report
        # The console let go of the open county file for the roll-up and opened it again.
        assert app.db is not None and app.db.path == county and not app.db.readonly
        await pilot.press("f4")
        await wait_for(pilot, lambda: not isinstance(app.screen, RollupScreen))
        await wait_for(pilot, lambda: any("名次" in o for o in options(app)))
        assert app.county is not None and app.county.overview


async def test_the_county_ranking_fits_80_columns(county: Path, data_dir: Path) -> None:
    """At 80 columns no township's line wraps: the columns least needed are left out."""
    from rich.cells import cell_len

    app = HzApp(county, today=date(2024, 11, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: any("名次" in o for o in options(app)))
        room = app.screen.query_one("#home-items", OptionList).scrollable_content_region.width
        assert all(cell_len(line) <= room for line in options(app)), options(app)
        assert "巡河达标率" in options(app)[0] and "超期问题" in options(app)[0]
