"""Missing links a clerk expects (issue 12, point 9): a problem recorded from a patrol, the
经办人 not retyped at each step, segments edited and deleted, the filtered list exported."""

from __future__ import annotations

from openpyxl import load_workbook

from hzconsole.books.patrols import patrols
from hzconsole.books.problems import problems
from hzconsole.books.settings import save_settings
from hzconsole.store.database import open_database
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.widgets.book_table import BookTable
from tests.tui.conftest import SIZE, type_text, wait_for


async def test_a_problem_recorded_from_a_patrol_is_linked_to_it(make_app, demo_path):
    app = make_app()
    seen: dict = {}

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        seen["patrol"] = app.screen.query_one(BookTable).current.id
        await pilot.press("f7")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-description").value = "岸边堆放建筑垃圾约10立方米"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    with open_database(demo_path, readonly=True) as db:
        patrol = patrols.get(db, seen["patrol"])
        [problem] = problems.all(db, "patrol_id = ?", (patrol.id,))
        assert (problem.found_date, problem.river_id, problem.source) == (patrol.date, patrol.river_id, "巡河发现")


async def test_the_last_handler_is_offered_at_the_next_step(make_app, demo_path):
    with open_database(demo_path) as db:
        save_settings(db, {"clerk": ""})
        numbers = [r[0] for r in db.query("SELECT number FROM problems WHERE status = '待交办' ORDER BY number")][:2]
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        for n, number in enumerate(numbers):
            await pilot.press("slash", "ctrl+u")
            await type_text(pilot, number)
            await pilot.press("escape", "f5", "enter")  # 交办
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FormScreen)
            if n == 0:
                assert form.query_one("#f-actor").value == ""
                form.query_one("#f-actor").value = "周晓燕"
            else:
                assert form.query_one("#f-actor").value == "周晓燕"
            form.query_one("#f-responsible_unit").value = "仙山村"
            form.query_one("#f-deadline").value = "2024-12-10"
            await pilot.press("f2")
            await pilot.pause()
            assert not isinstance(app.screen, FormScreen)


async def test_the_filtered_list_is_exported_as_shown(make_app, demo_path):
    app = make_app()
    seen: dict = {}

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await type_text(pilot, "青石河")
        seen["total"] = app.screen.query_one(BookTable).total
        await pilot.press("ctrl+e")  # from the filter too
        await wait_for(pilot, lambda: any("已导出" in m for m, _ in app.messages))
    [out] = list(demo_path.parent.glob("巡河台账-青石河-*.xlsx"))
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "巡河日期" and len(rows) - 1 == seen["total"] > 0
    assert all("青石河" in " ".join(str(c) for c in r if c) for r in rows[1:])
    assert not list(demo_path.parent.glob("*.part"))


async def test_segments_are_edited_and_deleted(make_app, demo_path):
    from hzconsole.books.rivers import rivers, segments
    from tests.tui.conftest import confirm

    with open_database(demo_path) as db:
        river = rivers.add(db, {"name": "河段测试溪", "kind": "河流", "level": "村级"})
        keep = segments.add(db, {"river_id": river.id, "name": "上段"})
        gone = segments.add(db, {"river_id": river.id, "name": "下段"})
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.show_record(river.id, river.name)
        await pilot.pause()
        await pilot.press("f7", "enter", "enter")  # 上段, 编辑
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.query_one("#f-name").value == "上段"
        form.query_one("#f-name").value = "上游段"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f7", "down", "enter", "down", "enter")  # 下段, 删除
        await confirm(pilot)
    with open_database(demo_path, readonly=True) as db:
        assert [s.name for s in segments.of_river(db, river.id)] == ["上游段"]
        assert segments.get(db, keep.id).name == "上游段"
        assert gone.id not in {s.id for s in segments.of_river(db, river.id)}


async def test_a_person_is_added_from_the_appointment_form(make_app, demo_path):
    from hzconsole.books.roster import people
    from hzconsole.tui.screens.roster import AppointmentForm

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AppointmentForm)
        await type_text(pilot, "欧阳新任")
        await pilot.press("f7")
        await pilot.pause()
        person_form = app.screen
        assert isinstance(person_form, FormScreen) and person_form.query_one("#f-name").value == "欧阳新任"
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is form
        with open_database(demo_path, readonly=True) as db:
            [person] = people.all(db, "name = ?", ("欧阳新任",))
        assert form.current("person_id") == person.id


async def test_backup_and_restore_from_the_settings_screen(make_app, demo_path):
    from hzconsole.books.rivers import rivers
    from hzconsole.store.backup import folder_for, list_backups
    from hzconsole.tui.screens.dialogs import ChooseScreen
    from tests.tui.conftest import confirm

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0", "f7")  # 立即备份
        await pilot.pause()
        assert any("已备份到" in m for m, _ in app.messages)
        rivers.add(app.db, {"name": "备份后新增的河", "kind": "河流", "level": "村级"})
        await pilot.press("f9")  # 恢复备份: the newest first
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press("enter")
        await confirm(pilot)
        await pilot.pause()
        assert any("已用备份恢复" in m for m, _ in app.messages), app.messages
        assert app.db is not None and not rivers.all(app.db, "name = ?", ("备份后新增的河",))
        assert len(list_backups(folder_for(app.db))) >= 2  # and the replaced content kept
    with open_database(demo_path, readonly=True) as db:
        assert not rivers.all(db, "name = ?", ("备份后新增的河",))
