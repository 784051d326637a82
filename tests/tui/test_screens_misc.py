"""The register, settings and plans screens; the command palette, F1 help, 80x24."""

from __future__ import annotations

from rich.cells import cell_len
from textual.command import CommandPalette

from hzconsole.books.register import register
from hzconsole.books.settings import load_settings
from hzconsole.store.database import open_database
from hzconsole.tui.screens.form import FormScreen
from hzconsole.tui.screens.help import HelpScreen
from hzconsole.tui.strings import SCREENS
from hzconsole.tui.widgets.book_table import BookTable
from hzconsole.tui.widgets.chrome import HzFooter, NavBar
from tests.tui.conftest import SIZE, confirm, palette_offers, plain, type_text, wait_for


def table(app) -> BookTable:
    return app.screen.query_one(BookTable)


async def test_register_a_number_then_cancel_it_never_delete(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8")
        await pilot.pause()
        assert table(app).total == 0
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-title").value = "关于做好冬季河道保洁工作的通知"
        await pilot.press("f2")
        await pilot.pause()
        assert table(app).total == 1
        assert table(app).current.values[0] == "青河办〔2024〕1号"
        await pilot.press("d")  # not offered (numbers are never deleted): starts a filter
        await pilot.pause()
        assert app.screen.MODE == "register" and app.screen.text == "d"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert table(app).total == 1
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f2")  # no reason: refused inline
        await pilot.pause()
        assert "必须填写" in plain(app.screen.query_one("#form-error")) + plain(
            app.screen.query_one("#err-reason")
        ) or "原因" in plain(app.screen.query_one("#form-error"))
        app.screen.query_one("#f-reason").value = "标题有误"
        await pilot.press("f2")
        await pilot.pause()
        assert "已作废" in plain(app.screen.query_one("#detail-body"))
    with open_database(demo_path, readonly=True) as db:
        docs = register.all(db)
        assert [(d.doc_number, d.status, d.cancel_reason) for d in docs] == [
            ("青河办〔2024〕1号", "已作废", "标题有误")
        ]


async def test_settings_office_and_norms_with_validation(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert "青石镇河长制办公室" in plain(app.screen.query_one("#settings-view"))
        await pilot.press("f4")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-office_name").value = ""
        form.query_one("#f-signboard_update_days").value = "999"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert plain(form.query_one("#err-office_name")) == "必须填写"
        assert plain(form.query_one("#err-signboard_update_days"))
        form.query_one("#f-office_name").value = "青石镇河湖长制办公室"
        form.query_one("#f-signboard_update_days").value = "45"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert "青石镇河湖长制办公室" in str(app.screen.query_one("#status").render())
        await pilot.press("f5")
        await pilot.pause()
        norms = app.screen
        norms.query_one("#f-count1").value = "6"  # 乡级 month: 4 -> 6
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+z")  # undo the norms change (after saying so)
        await confirm(pilot)
    with open_database(demo_path, readonly=True) as db:
        s = load_settings(db)
        assert s.office_name == "青石镇河湖长制办公室" and s.signboard_update_days == 45
        assert [n.count for n in s.patrol_norms] == [1, 4, 1, 1]  # the change to 6 was undone


async def test_plans_add_a_plan_and_a_task(make_app, demo_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        before = table(app).total
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#f-title").value = "青石镇2025年河湖长制工作要点"
        app.screen.query_one("#f-year").value = "2025"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-plan_id").focus()
        form.query_one("#f-plan_id").input.value = ""
        await type_text(pilot, "2025")
        await pilot.press("enter")
        await pilot.pause()
        form.query_one("#f-text").load_text("开展河湖“清四乱”常态化整治。")
        form.query_one("#f-deadline").value = "2025年6月30日"
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), plain(form.query_one("#form-error"))
        assert table(app).total == before + 1
        assert table(app).current.values[:2] == (2025, 1)


async def test_command_palette_reaches_screens_and_actions(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "wtqd")  # 问题清单 by initials
        await wait_for(pilot, lambda: palette_offers(app, "问题清单"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "problems"
        # the current screen's own actions are offered too
        await pilot.press("ctrl+p")
        await type_text(pilot, "处理")
        await wait_for(pilot, lambda: palette_offers(app, "处理"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ChooseScreen"
        await pilot.press("escape")
        # and another screen's action: chosen here, done there
        await pilot.press("ctrl+p")
        await type_text(pilot, "批量录入")
        await wait_for(pilot, lambda: palette_offers(app, "批量录入"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "PatrolEntryScreen")
        assert app.current_mode == "patrols"


async def test_f1_lists_the_keys_of_the_screen(make_app):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one(".message-body Static"))
        for words in ("人事调整", "新人员", "筛选", "撤销", "Ctrl+Q", "退出", "河长名册", "zsz"):
            assert words in text, words
        await pilot.press("escape")
        await pilot.pause()
        assert app.current_mode == "roster" and not isinstance(app.screen, HelpScreen)


async def test_every_screen_fits_80x24_with_its_keys_shown(make_app):
    app = make_app()

    async with app.run_test(size=(80, 24)) as pilot:
        for key, (mode, _title) in SCREENS.items():
            await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            nav = screen.query_one(NavBar)
            assert len(str(nav.render())) <= 80  # every screen named in the top line
            footer = screen.query_one(HzFooter)
            keys = [k.description for k in footer.query("FooterKey")]
            assert "帮助" in keys and "退出" in keys, (mode, keys)
            assert footer.region.bottom == 24
            # every shown key lies within the screen, its words not cut
            for k in footer.query("FooterKey"):
                assert k.region.right <= 80, (mode, k.description)
                assert k.region.width >= cell_len(k.key_display) + cell_len(k.description), (mode, k.description)
