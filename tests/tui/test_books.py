"""Every book screen: open, filter (characters and pinyin initials), sort, add, edit with a
validation error shown under its field, delete only after confirming, undo."""

from __future__ import annotations

import threading

import pytest

from hzconsole.books.patrols import patrols
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import people
from hzconsole.store.database import open_database
from hzconsole.tui.screens.dialogs import ChooseScreen, ConfirmScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.widgets.book_table import BookTable
from tests.tui.conftest import SIZE, confirm, decline, plain, type_text, wait_for


def table(app) -> BookTable:
    return app.screen.query_one(BookTable)


def error_under(app, field: str) -> str:
    return plain(app.screen.query_one(f"#err-{field}"))


def add_zhang_sanzhu(path) -> tuple[str, str]:
    with open_database(path) as db:
        person = people.add(db, {"name": "张三柱", "post": "村委会委员", "unit": "青石村", "phone": "13800001111"})
        river_id = db.scalar("SELECT id FROM rivers WHERE name = '青石河'")
        patrol = patrols.add(
            db,
            {
                "date": "2024-11-18",
                "person_id": person.id,
                "river_id": river_id,
                "duration_min": 35,
                "seen": "河面整洁",
            },
        )
    return person.id, patrol.id


async def test_patrols_filter_by_pinyin_initials_and_chinese(make_app, demo_path):
    _person, patrol_id = add_zhang_sanzhu(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        total = table(app).total
        assert total > 2000
        # typing on the list starts the filter
        await type_text(pilot, "zsz")
        assert table(app).total == 1 and table(app).current.id == patrol_id
        assert "找到 1 条" in plain(app.screen.query_one("#count"))
        detail = plain(app.screen.query_one("#detail-body"))
        assert "张三柱" in detail and "河面整洁" in detail
        await pilot.press("escape")  # back to the list, filter kept
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert table(app).total == total
        await pilot.press("slash")
        await type_text(pilot, "张三")
        assert table(app).total == 1
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "青石河 2024-11")
        found = table(app).total
        assert 1 <= found < total
        assert all("青石河" in table(app).row_at(i).values[2] for i in range(found))


async def test_sort_by_a_column_and_reverse(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        # 默认顺序, 编号, 发现日期 ... choose 编号
        await pilot.press("down", "enter")
        await pilot.pause()
        numbers = [table(app).row_at(i).values[0] for i in range(table(app).total)]
        assert numbers == sorted(numbers)
        assert "排序\uff1a编号\uff08升\uff09" in plain(app.screen.query_one("#count"))
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert table(app).row_at(0).values[0] == max(numbers)


async def test_add_a_river_with_a_validation_error_then_saved(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = table(app).total
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-catchment_km2").value = "很大"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert error_under(app, "name") == "必须填写"
        assert "面积" in error_under(app, "catchment_km2")
        assert app.screen.focused.id == "f-name"
        await type_text(pilot, "测试新河")
        app.screen.query_one("#f-catchment_km2").value = "12.5"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert table(app).total == before + 1
        assert table(app).current.values[0] == "测试新河"
    with open_database(demo_path) as db:
        saved = rivers.all(db, "name = ?", ("测试新河",))
        assert len(saved) == 1 and saved[0].catchment_km2 == 12.5


async def test_edit_a_patrol_with_a_bad_date_then_fixed(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        row = table(app).current
        await pilot.press("f4")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#f-date").value == row.values[0]
        await type_text(pilot, "2024-13-01")  # the date field is focused, its text selected
        await pilot.press("f2")
        await pilot.pause()
        assert "不存在" in error_under(app, "date")
        form.query_one("#f-date").value = "2024年11月1日"
        form.query_one("#f-seen").value = "河面有漂浮物,已通知保洁员"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    with open_database(demo_path) as db:
        changed = db.query_one("SELECT date, seen FROM patrols WHERE seen = '河面有漂浮物,已通知保洁员'")
        assert changed["date"] == "2024-11-01"


async def test_delete_asks_first_and_undo_brings_it_back(make_app, demo_path):
    with open_database(demo_path) as db:
        river = rivers.add(db, {"name": "待删除的塘", "kind": "山塘", "level": "村级"})
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # a filter starting with d: d is typed, not a command
        await type_text(pilot, "dscdt")  # 待删除的塘
        assert table(app).total == 1
        await pilot.press("escape", "f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "待删除的塘" in plain(app.screen.query_one(".confirm-message"))
        await decline(pilot)
        assert table(app).total == 1
        await pilot.press("delete")
        await confirm(pilot)
        assert table(app).total == 0
        with open_database(demo_path, readonly=True) as ro:
            assert ro.query_one("SELECT 1 FROM rivers WHERE id = ?", (river.id,)) is None
        await pilot.press("ctrl+z")  # says what it would undo, and asks
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "删除河湖  待删除的塘" in plain(app.screen.query_one(".confirm-message"))
        await confirm(pilot)
        assert table(app).total == 1
        assert any("已撤销" in m for m, _ in app.messages)
    with open_database(demo_path) as db:
        assert rivers.get(db, river.id).name == "待删除的塘"


async def test_delete_refused_while_in_use_is_a_chinese_message(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_text(pilot, "青石河")
        await pilot.press("escape", "f8")
        await confirm(pilot)
        assert table(app).total >= 1
        messages = [m for m, _ in app.messages]
        assert any("不能删除" in m or "引用" in m or "使用" in m for m in messages), messages


@pytest.mark.parametrize(
    ("key", "typed", "field", "expected"),
    [
        ("3", "13", "phone", "电话"),  # roster: person phone (edit person: Ctrl+T)
        ("4", "", "content_date", "必须填写"),  # signboards
        ("6", "", "description", "必须填写"),  # problems
        ("7", "", "text", "必须填写"),  # plans: task
    ],
)
async def test_each_book_form_shows_the_core_message_inline(make_app, key, typed, field, expected):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        await pilot.press("ctrl+t" if key == "3" else "f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        widget = form.query_one(f"#f-{field}")
        if hasattr(widget, "load_text"):
            widget.load_text(typed)
        else:
            widget.value = typed
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert expected in error_under(app, field)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)


async def test_pick_a_river_by_initials_in_a_form(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-number").value = "QS-900"
        await pilot.press("tab")
        await type_text(pilot, "qsh")
        await pilot.press("enter")  # takes 青石河, moves on to 河段
        await pilot.pause()
        assert form.current("river_id") is not None
        segs = form.query_one("#f-segment_id").choices()
        assert segs and all("青石河" in c.label for c in segs)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert form.current("segment_id") == segs[0].id
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await wait_for(pilot, lambda: table(app).current is not None)
        assert table(app).current.values[0] == "QS-900"


async def test_typing_stays_free_while_the_index_of_a_large_book_is_built(make_app):
    from hzconsole import listing

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        listing._indexes.clear()
        holding, release = threading.Event(), threading.Event()

        def builder() -> None:  # a build under way in another thread
            with listing._lock:
                holding.set()
                release.wait(10)

        thread = threading.Thread(target=builder)
        thread.start()
        holding.wait(5)
        try:
            await pilot.press("slash")
            await type_text(pilot, "青石")  # not blocked by the build
            assert app.screen.query_one("#filter").value == "青石"
            assert "正在准备筛选" in plain(app.screen.query_one("#count"))
        finally:
            release.set()
            thread.join()
        await wait_for(pilot, lambda: "找到" in plain(app.screen.query_one("#count")))
        assert 0 < table(app).total < 2900
        assert all("青石" in "".join(map(str, table(app).row_at(i).values)) for i in range(table(app).total))
