"""What a clerk at the keyboard runs into: keys typed ahead, text that looks like markup,
a paste of several lines, Esc on a half-filled form, dates and times typed the short way,
required fields of a workflow, CJK text in columns."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual.widgets import Input

from hzconsole.agenda import Item
from hzconsole.books import lookups
from hzconsole.books.patrols import patrols
from hzconsole.books.problems import events, problems
from hzconsole.books.rivers import rivers
from hzconsole.store.database import open_database
from hzconsole.tui.screens.dialogs import ConfirmScreen
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.screens.home import item_prompts
from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen
from hzconsole.tui.widgets.book_table import BookTable
from hzconsole.tui.widgets.chrome import NavBar
from tests.tui.conftest import SIZE, burst, confirm, decline, plain, type_text, wait_for


def table(app) -> BookTable:
    return app.screen.query_one(BookTable)


def _chief(path):
    with open_database(path, readonly=True) as db:
        return dict(
            db.query_one(
                "SELECT p.id, p.name, a.river_id FROM appointments a JOIN people p ON p.id = a.person_id"
                " WHERE a.role = '河长' AND a.level = '村级' AND a.end_date IS NULL AND a.river_id IS NOT NULL"
                " ORDER BY p.name LIMIT 1"
            )
        )


async def test_patrol_sheets_typed_ahead_in_bursts_land_field_by_field(make_app, demo_path):
    """Two whole sheets sent at once, as from a fast typist: every value in its field (before,
    the keys went to the field focused when they arrived: all of a sheet in its date)."""
    from pypinyin import Style, lazy_pinyin

    chief = _chief(demo_path)
    initials = "".join(lazy_pinyin(chief["name"], style=Style.FIRST_LETTER))
    with open_database(demo_path, readonly=True) as db:
        before = {r[0] for r in db.query("SELECT id FROM patrols")}
        river = lookups.duty_rivers(db, chief["id"], date(2024, 11, 1))[0]  # filled in for him
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        burst(
            app,
            [
                "f5",
                "9",
                "enter",
                initials,
                "enter",
                "enter",
                "enter",
                "0830",
                "enter",
                "9.10",
                "enter",
                "enter",
                "2.5",
                "enter",
                "河面整洁",
                "enter",
                "enter",
                "enter",
                "12",
                "enter",
                "enter",
                "enter",
                "enter",
                "1400",
                "enter",
                "1425",
                "enter",
                "enter",
                "enter",
                "发现垃圾一处",
                "enter",
                "是",
                "enter",
                "enter",
            ],
        )
        await wait_for(pilot, lambda: isinstance(app.screen, PatrolEntryScreen) and app.screen.count == 2)
    with open_database(demo_path, readonly=True) as db:
        new = sorted((p for p in patrols.all(db) if p.id not in before), key=lambda p: p.date)
    assert [
        (
            p.date,
            p.person_id,
            p.river_id,
            p.start_time,
            p.end_time,
            p.duration_min,
            p.distance_km,
            p.seen,
            p.handled_on_spot,
        )
        for p in new
    ] == [
        (date(2024, 11, 9), chief["id"], river, "08:30", "09:10", 40, 2.5, "河面整洁", False),
        (date(2024, 11, 12), chief["id"], river, "14:00", "14:25", 25, None, "发现垃圾一处", True),
    ]


async def test_typing_on_a_list_keeps_every_character_of_the_filter(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        burst(app, ["qsh"])  # on the list: the first character starts the filter
        await wait_for(pilot, lambda: app.screen.query_one("#filter", Input).value == "qsh")
        await pilot.press("escape", "escape")
        await pilot.pause()
        burst(app, ["/", "zsh"])  # after "/" too
        await wait_for(pilot, lambda: app.screen.query_one("#filter", Input).value == "zsh")
        await pilot.press("escape", "slash")
        await type_text(pilot, "x")  # "/" again: what is there is selected, typing replaces it
        assert app.screen.query_one("#filter", Input).value == "x"


async def test_text_that_looks_like_markup_is_shown_as_typed(make_app, demo_path):
    """A note "清理[/]垃圾" crashed the console when its river was shown; "[b]" vanished."""
    with open_database(demo_path) as db:
        river = rivers.add(
            db, {"name": "方括号溪", "kind": "河流", "level": "村级", "notes": "清理[/]垃圾,[b]重点[/b]"}
        )
        pid = db.scalar("SELECT id FROM problems WHERE status = '待交办' ORDER BY number LIMIT 1")
        problems.update(db, pid, {"description": "河道[/red]内有[@click=app.quit]垃圾"})
        number = problems.get(db, pid).number
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash")
        await type_text(pilot, "方括号溪")
        assert table(app).current.id == river.id
        assert "清理[/]垃圾,[b]重点[/b]" in plain(app.screen.query_one("#detail-body"))
        await pilot.press("escape", "6", "slash")
        await type_text(pilot, number)
        await pilot.press("escape", "f5", "enter")  # 交办: the form's note is the description
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "河道[/red]内有[@click=app.quit]垃圾" in plain(form.query_one(".form-note"))
        app.notify("文件[b]台账[/b].db")
        await pilot.pause()
        assert app.screen_stack[0].query_one(NavBar).message == "文件[b]台账[/b].db"
        assert app.is_running


async def test_a_multi_line_paste_keeps_every_line(make_app):
    from textual import events

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "f2")
        await pilot.pause()
        field = app.screen.query_one("#f-description", Input)
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste("河道内有生活垃圾,\n约3立方米;\r\nnear the bridge\nbank"))
        await pilot.pause()
        # CJK lines joined as they are, Latin ones with a space
        assert field.value == "河道内有生活垃圾,约3立方米; near the bridge bank"


async def test_esc_on_a_form_with_typing_asks_before_dropping_it(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f2")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("f2")
        await pilot.pause()
        await type_text(pilot, "还没保存的河")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # a second Esc keeps the form, and what is in it
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#f-name", Input).value == "还没保存的河"
        await pilot.press("escape")
        await confirm(pilot)
        assert not isinstance(app.screen, FormScreen | ConfirmScreen)
    with open_database(demo_path, readonly=True) as db:
        assert not rivers.all(db, "name = ?", ("还没保存的河",))


async def test_workflow_forms_require_their_starred_fields_and_take_short_dates(make_app, demo_path):
    """反馈 without 反馈情况 was saved; 退回 without a reason was refused at the top of the
    form while the focus stayed on 经办人, so the reason typed next replaced the clerk's
    name; a deadline typed 12月20日, as the placeholder offers, was refused."""
    with open_database(demo_path, readonly=True) as db:
        pid = db.scalar("SELECT id FROM problems WHERE status = '待交办' ORDER BY number LIMIT 1")
        number = problems.get(db, pid).number
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "slash")
        await type_text(pilot, number)
        await pilot.press("escape", "f5", "enter")  # 交办
        await pilot.pause()
        form = app.screen
        form.query_one("#f-responsible_unit").value = "青石村"
        form.query_one("#f-deadline").value = "12月20日"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), plain(form.query_one("#form-error"))
        await pilot.press("f5", "down", "down", "enter")  # 退回, with no reason
        await pilot.pause()
        form = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert plain(form.query_one("#err-opinion")) == "必须填写"
        assert form.focused.id == "f-opinion"
        await type_text(pilot, "责任单位有误")
        assert form.query_one("#f-actor", Input).value  # the clerk's name is untouched
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    with open_database(demo_path, readonly=True) as db:
        assert problems.get(db, pid).deadline == date(2024, 12, 20)
        assert [(e.action, e.opinion) for e in events(db, pid)][-1] == ("退回", "责任单位有误")


async def test_undo_says_what_it_undoes_and_warns_about_a_document_number(make_app, tmp_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        docs = app.screen
        await docs.preselect("notice", {"title": "关于清理河道的通知", "body": "请各村清理。"})
        docs.query_one("#out-path").value = str(tmp_path / "通知.docx")
        await pilot.press("f2")  # a draft (no 文号): undoing it warns of nothing
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DoneScreen")
        await pilot.press("escape", "escape", "2", "ctrl+z")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = plain(app.screen.query_one(".confirm-message"))
        assert "新增公文草稿  关于清理河道的通知" in text and "作废" not in text
        await decline(pilot)
        await pilot.press("9", "f5")  # 定稿发文 of that draft takes the 文号
        await confirm(pilot)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DoneScreen" and app.screen.done.doc_number)
        await pilot.press("escape", "escape", "2", "ctrl+z")  # Esc: from the form to the kinds
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = plain(app.screen.query_one(".confirm-message"))
        assert "新增发文登记  青河办〔2024〕1号" in text and "作废" in text
        await decline(pilot)
        assert not any("已撤销" in m for m, _ in app.messages)


def test_home_columns_line_up_in_terminal_cells():
    items = [
        Item(("WT2024-015", "白沙河", "非法采砂"), "逾期111天(时限2024-08-04,已交办)", "problems", "a", ""),
        Item(("WT2024-035", "竹林溪", "乱采"), "逾期56天(时限2024-09-28,已交办)", "problems", "b", ""),
        Item(("WT2024-1", "大塘湖湿地", "垃圾"), "逾期5天", "problems", "c", ""),
    ]
    lines = [t.plain for t in item_prompts(items, 100)]
    starts = [cell_len(line[: line.index("逾期")]) for line in lines]
    assert len(set(starts)) == 1, lines
    rivers_at = [
        cell_len(line[: line.index(r)]) for line, r in zip(lines, ("白沙河", "竹林溪", "大塘湖湿地"), strict=True)
    ]
    assert len(set(rivers_at)) == 1, lines
    # a note too long for the line wraps under itself, not under the columns
    long = [
        Item(
            ("黎海", "乡级"),
            "本季度巡河1次;未达标:10月上旬巡0次/应1次、10月巡1次/应4次、10月下旬巡0次/应1次等5个周期",
            "roster",
            "d",
            "",
        )
    ]
    first, *rest = item_prompts(long, 60)[0].plain.split("\n")
    assert rest and all(cell_len(line) <= 60 for line in [first, *rest])
    assert all(cell_len(line) - cell_len(line.lstrip()) == cell_len(first[: first.index("本季度")]) for line in rest)


async def test_the_announcement_offered_after_a_change_is_for_that_change(make_app, demo_path, tmp_path):
    """The 公告 form opened from 人事调整 had its dates left empty, so it announced every
    change of the year (ten rows in the demo) instead of the one just made."""
    from docx import Document

    from hzconsole.tui.screens.appointment_change import ChangeDoneScreen
    from hzconsole.tui.screens.documents import DocumentsScreen, DoneScreen

    with open_database(demo_path, readonly=True) as db:
        appt_id, name = db.query_one(
            "SELECT a.id, p.name FROM appointments a JOIN people p ON p.id = a.person_id"
            " WHERE a.role = '河长' AND a.level = '乡级' AND a.end_date IS NULL AND a.river_id IS NOT NULL LIMIT 1"
        )
    app = make_app()
    out = tmp_path / "公告.docx"

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        app.screen.show_record(appt_id, name)
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-on").value = "11月18日"
        form.query_one("#f-new_name").value = "欧阳新任"
        form.query_one("#f-new_post").value = "副镇长"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ChangeDoneScreen)
        await pilot.press("enter")  # 生成河长调整公告
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, DocumentsScreen)
                and app.screen.kind is not None
                and app.screen.kind.key == "doc:announcement"
            ),
        )
        docs = app.screen
        await pilot.pause()
        assert docs.query_one("#f-start", Input).value == "2024-11-18"
        assert docs.query_one("#f-end", Input).value == "2024-11-18"
        docs.query_one("#out-path", Input).value = str(out)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen))
    tables = Document(str(out)).tables
    changes = tables[0]
    assert len(changes.rows) == 2  # the header and this one change
    row = " ".join(c.text for c in changes.rows[1].cells)
    assert "欧阳新任" in row and name in row and "2024年11月18日" in row


async def test_the_assignment_slip_opens_filled_in_with_a_plain_file_name(make_app, demo_path):
    from hzconsole.tui.screens.documents import DocumentsScreen

    with open_database(demo_path, readonly=True) as db:
        number = db.scalar("SELECT number FROM problems WHERE status = '已交办' ORDER BY number LIMIT 1")
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "slash")
        await type_text(pilot, number)
        await pilot.press("escape", "f7")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, DocumentsScreen)
                and app.screen.kind is not None
                and app.screen.kind.key == "doc:assignment"
            ),
        )
        await pilot.pause()
        docs = app.screen
        assert docs.query_one("#f-problem", Input).value == number
        # "问题交办单/督办单" in a file name made a folder 问题交办单: a document now goes
        # into the folder under the name the core gives it (交办单-WT2024-001（草稿）.docx)
        assert docs.query_one("#out-path", Input).value == str(demo_path.parent)
