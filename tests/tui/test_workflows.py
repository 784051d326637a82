"""Workflows, not just tables: appointment change, problem actions, a month of paper patrol
sheets, a board re-printed; and the 首页 jumping to records."""

from __future__ import annotations

from datetime import date

from hzconsole import figures
from hzconsole.books.problems import events, problems
from hzconsole.books.roster import appointments
from hzconsole.books.signboards import signboards
from hzconsole.store.database import open_database
from hzconsole.tui.screens.appointment_change import ChangeDoneScreen
from hzconsole.tui.screens.dialogs import ChooseScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen
from hzconsole.tui.widgets.book_table import BookTable
from tests.conftest import DEMO_TODAY
from tests.tui.conftest import SIZE, confirm, plain, type_text


def table(app) -> BookTable:
    return app.screen.query_one(BookTable)


async def test_home_lists_what_is_due_and_jumps_to_the_record(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        first_overdue = figures.overdue_problems(db, DEMO_TODAY)[0].problem
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        text = plain(home.query_one("#home-levels"))
        assert "乡级" in text and "村级" in text and "%" in text
        keys = list(home.items)
        assert any(k.startswith("s0-") for k in keys)  # 还需巡河的河长 (this week / 旬 / month)
        assert any(k.startswith("s2-") for k in keys)  # 逾期未整改的问题
        options = home.query_one("#home-items")
        target = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == "s2-0")
        options.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "problems"
        assert table(app).current.id == first_overdue.id
        assert first_overdue.number in plain(app.screen.query_one("#detail-body"))
        await pilot.press("1")  # and back: the chief behind the norm leads to the roster
        await pilot.pause()
        options = app.screen.query_one("#home-items")
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "s1-0"
        )
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "roster"
        item = home.items["s1-0"]
        assert table(app).current.id == item.record_id


async def test_appointment_change_ends_one_starts_another_and_lists_boards(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        appt_id = db.scalar(
            "SELECT a.id FROM appointments a JOIN signboards b ON b.river_id = a.river_id"
            " WHERE a.role = '河长' AND a.level = '乡级' AND a.end_date IS NULL LIMIT 1"
        )
        name = db.scalar(
            "SELECT p.name FROM appointments a JOIN people p ON p.id = a.person_id WHERE a.id = ?", (appt_id,)
        )
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.screen.show_record(appt_id, name)
        await pilot.pause()
        assert table(app).current.id == appt_id
        await pilot.press("f5")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and name in plain(form.query_one(".form-note"))
        form.query_one("#f-on").value = "11月18日"
        form.query_one("#f-new_name").value = "欧阳新任"
        form.query_one("#f-new_phone").value = "123"  # bad phone: the core's message, inline
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert plain(form.query_one("#err-new_phone"))
        form.query_one("#f-new_phone").value = "13912345678"
        form.query_one("#f-new_post").value = "副镇长"
        await pilot.press("f2")
        await pilot.pause()
        done = app.screen
        assert isinstance(done, ChangeDoneScreen)
        text = plain(done.query_one(".message-body Static"))
        assert "欧阳新任" in text and "公示牌" in text
        await pilot.press("down", "enter")  # 完成
        await pilot.pause()
        assert app.current_mode == "roster"
    with open_database(demo_path, readonly=True) as db:
        old = appointments.get(db, appt_id)
        assert old.end_date == date(2024, 11, 18) and old.end_reason == "工作调整"
        new = appointments.all(db, "river_id = ? AND start_date = '2024-11-18'", (old.river_id,))
        assert [a.level + a.role for a in new] == ["乡级河长"]
        stale = [s for s in figures.stale_signboards(db, DEMO_TODAY) if s.board.river_id == old.river_id]
        assert stale


async def test_problem_actions_assign_return_and_fix_with_opinions_logged(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        pid = db.scalar("SELECT id FROM problems WHERE status = '待交办' ORDER BY number LIMIT 1")
        number = problems.get(db, pid).number
    app = make_app()

    async def act(pilot, action_index: int, fill: dict[str, str]) -> FormScreen:
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press(*(["down"] * action_index), "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        for name, value in fill.items():
            form.query_one(f"#f-{name}").value = value
        await pilot.press("f2")
        await pilot.pause()
        return form

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "slash")
        await type_text(pilot, number)
        await pilot.press("escape")
        assert table(app).current.id == pid
        # 交办 without a deadline: refused, shown in the form
        form = await act(pilot, 0, {"actor": "周晓燕", "responsible_unit": "青石村", "deadline": ""})
        assert isinstance(app.screen, FormScreen)
        assert "必须填写" in plain(form.query_one("#err-deadline")) or "时限" in plain(form.query_one("#form-error"))
        form.query_one("#f-deadline").value = "2024-12-10"
        form.query_one("#f-opinion").value = "请于12月10日前清理完毕"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        # 退回 (the second action of 已交办: 反馈, 整改完成, 退回) needs a reason
        form = await act(pilot, 2, {"opinion": ""})
        assert isinstance(app.screen, FormScreen)
        form.query_one("#f-opinion").value = "责任单位有误,应交白沙村"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert "退回" in plain(app.screen.query_one("#detail-body"))
    with open_database(demo_path, readonly=True) as db:
        p = problems.get(db, pid)
        assert p.status == "待交办" and p.deadline == date(2024, 12, 10)
        log = [(e.action, e.opinion) for e in events(db, pid)]
        assert log == [("交办", "请于12月10日前清理完毕"), ("退回", "责任单位有误,应交白沙村")]


async def test_a_month_of_paper_patrol_sheets_by_keyboard(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        before = {r[0] for r in db.query("SELECT id FROM patrols")}
        chief = db.query_one(
            "SELECT p.id, p.name, a.river_id FROM appointments a JOIN people p ON p.id = a.person_id"
            " WHERE a.role = '河长' AND a.level = '村级' AND a.end_date IS NULL AND a.river_id IS NOT NULL"
            " ORDER BY p.name LIMIT 1"
        )
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "f5")
        await pilot.pause()
        entry = app.screen
        assert isinstance(entry, PatrolEntryScreen)
        # sheet 1, keyboard only: Enter from field to field, the last Enter saves
        await type_text(pilot, "2024-11-03")
        await pilot.press("enter")
        await type_text(pilot, chief["name"])
        await pilot.press("enter")  # takes the chief; his river is filled in
        await pilot.pause()
        assert entry.current("person_id") == chief["id"]
        assert entry.current("river_id") == chief["river_id"]
        await pilot.press("enter", "enter", "enter", "enter")  # river, segment, start, end
        await type_text(pilot, "40")
        await pilot.press("enter", "enter")  # minutes, distance
        await type_text(pilot, "河面整洁")
        await pilot.press("enter")
        await type_text(pilot, "1")  # handled on the spot
        await pilot.press("enter", "enter")  # on-spot, notes: saved
        await pilot.pause()
        assert entry.count == 1 and app.screen is entry, plain(entry.query_one("#form-error"))
        # sheet 2: only the day; chief and river kept
        assert entry.focused.id == "f-date"
        await type_text(pilot, "10")
        entry.query_one("#f-duration_min").value = "35"
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 2
        assert entry.current("person_id") == chief["id"]
        # a bad day is refused inline, nothing saved
        await type_text(pilot, "31")  # November has no 31st
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 2 and "11月没有31日" in plain(entry.query_one("#err-date"))
        await pilot.press("escape")  # the sheet typed but not saved: asks first
        await pilot.pause()
        await confirm(pilot)
        assert app.current_mode == "patrols" and not isinstance(app.screen, PatrolEntryScreen)
    with open_database(demo_path, readonly=True) as db:
        new = [dict(r) for r in db.query("SELECT * FROM patrols ORDER BY date") if r["id"] not in before]
        assert [
            (p["date"], p["person_id"], p["river_id"], p["duration_min"], p["handled_on_spot"], p["seen"]) for p in new
        ] == [
            ("2024-11-03", chief["id"], chief["river_id"], 40, 1, "河面整洁"),
            ("2024-11-10", chief["id"], chief["river_id"], 35, 0, None),
        ]


async def test_mark_a_stale_board_reprinted(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        stale = figures.stale_signboards(db, DEMO_TODAY)[0].board
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app.screen.show_record(stale.id, stale.number)
        await pilot.pause()
        assert "需要更新" in plain(app.screen.query_one("#detail-body")) or "超过" in plain(
            app.screen.query_one("#detail-body")
        )
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        at = table(app).listing.column_index("stale")
        assert table(app).current.values[at] in (None, "")
    with open_database(demo_path, readonly=True) as db:
        assert signboards.get(db, stale.id).content_date == DEMO_TODAY
        assert stale.id not in {s.board.id for s in figures.stale_signboards(db, DEMO_TODAY)}
