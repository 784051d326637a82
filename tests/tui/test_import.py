"""Importing from the console: the dry-run report first, the import only when nothing is
refused, and the book shows what came in."""

from __future__ import annotations

from openpyxl import Workbook

from hzconsole.store.database import open_database
from hzconsole.tui.screens.dialogs import ChooseScreen
from hzconsole.tui.screens.import_file import ImportScreen
from hzconsole.tui.widgets.book_table import BookTable
from tests.tui.conftest import SIZE, open_import, plain, report_shown

PLAN = """樟树镇2025年河湖长制工作要点

一、强化河长制工作机制
1.落实各级河长巡河制度,镇级河长每月巡河不少于4次。(镇河长办牵头,各村落实)
2.按时召开镇总河长会议。(镇党政办牵头)
二、加强水域岸线管理保护
3.持续开展“清四乱”常态化规范化整治。(镇水利站牵头,各村配合)
"""


def rivers_workbook(path, kinds: list[str]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["青石镇河湖名录"])
    ws.append(["河湖名称", "类型", "管理层级", "流经村(社区)"])
    for n, kind in enumerate(kinds, 1):
        ws.append([f"导入测试渠{n}", kind, "村级", "青石村"])
    wb.save(path)


async def test_import_rivers_preview_refused_then_fixed_and_written(make_app, demo_path, tmp_path):
    bad, good = tmp_path / "名录 有错.xlsx", tmp_path / "名录.xlsx"
    rivers_workbook(bad, ["渠道", "大河"])
    rivers_workbook(good, ["渠道", "山塘"])
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        before = app.screen.query_one(BookTable).total
        await pilot.press("f9")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#import-path").value = str(bad)
        await pilot.press("f2")
        text = await report_shown(pilot, "结论")
        assert "大河" in text and "拒绝 1 行" in text
        assert screen.query_one("#run").disabled
        await pilot.press("f3")  # refused rows: nothing written
        await pilot.pause()
        screen.query_one("#import-path").value = str(good)
        await pilot.press("f2")
        await report_shown(pilot, "可以导入")
        assert not screen.query_one("#run").disabled
        await pilot.press("f3")
        await report_shown(pilot, "已导入")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(BookTable).total == before + 2
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM rivers WHERE name LIKE '导入测试渠%'") == 2


async def test_the_report_says_what_to_do_in_the_consoles_words(make_app, tmp_path):
    """A name the file lacks: the report points to the screen's own choice, not to the
    CLI's --add-missing."""
    path = tmp_path / "巡河.xlsx"
    wb = Workbook()
    wb.active.append(["巡河日期", "巡河人", "河湖"])
    wb.active.append(["2024-06-03", "欧阳新来", "龙潭水库"])
    wb.save(path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, "5")
        screen.query_one("#import-path").value = str(path)
        await pilot.press("f2")
        text = await report_shown(pilot, "\u63d0\u793a")  # 提示
        assert "在「文件中没有的」一栏选「表中的新河湖、新人员一并新建」" in text
        assert "--" not in text


async def test_import_a_plan_document_into_the_plans(make_app, demo_path, tmp_path):
    source = tmp_path / "2025年工作要点.txt"
    source.write_text(PLAN, "utf-8")
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        before = app.screen.query_one(BookTable).total
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, ChooseScreen)
        await pilot.press("enter")  # 工作计划(Word 或文本)
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(source)
        await pilot.press("enter")  # Enter in the path previews
        text = await report_shown(pilot, "可以导入")
        assert "章节 2 个\uff0c任务 3 项" in text
        await pilot.press("f3")
        await report_shown(pilot, "已导入")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(BookTable).total == before + 3
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM plans WHERE title = '樟树镇2025年河湖长制工作要点'") == 1


async def test_f4_chooses_the_file_from_those_beside_the_data_file(make_app, demo_path):
    good = demo_path.parent / "各村河湖名录.xlsx"
    rivers_workbook(good, ["渠道", "山塘"])
    (demo_path.parent / "~$各村河湖名录.xlsx").write_bytes(b"lock")  # Office's lock file: not offered
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "f9")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("f4")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ChooseScreen)
        keys = [k for k, _label in chooser.options]
        assert str(good) in keys and not any("~$" in k for k in keys)
        chooser.query_one("OptionList").highlighted = keys.index(str(good))
        await pilot.press("enter")
        text = await report_shown(pilot, "结论")
        assert app.screen.query_one("#import-path").value == str(good)
        assert "山塘" in text or "新增" in text


async def test_a_plan_without_title_or_year_gets_them_in_the_console(make_app, demo_path, tmp_path):
    """A web page's list of requirements names neither title nor year: the report says to
    fill the 标题 and 年度 fields of this screen, and with them the plan comes in."""
    source = tmp_path / "巡河要求.txt"
    source.write_text(
        "1.\u9547\u7ea7\u6cb3\u957f\u6bcf\u6708\u5de1\u6cb3\u81f3\u5c111\u6b21\u3002 "
        "2.\u6751\u7ea7\u6cb3\u957f\u6bcf\u6708\u5de1\u6cb3\u81f3\u5c112\u6b21\u3002\n",
        "utf-8",
    )
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("enter")  # 工作计划(Word 或文本)
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(source)
        await pilot.press("f2")
        text = await report_shown(pilot, "无法导入")
        assert "标题」一栏" in text and "年度」一栏" in text  # quotes as the console shows them
        app.screen.query_one("#import-title").value = "丁湖镇巡河工作具体要求"
        app.screen.query_one("#import-year").value = "2025"
        await pilot.press("f2")
        text = await report_shown(pilot, "可以导入")
        assert "新增任务 2 项" in text
        await pilot.press("f3")
        await report_shown(pilot, "已导入")
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM plans WHERE title = '丁湖镇巡河工作具体要求' AND year = 2025") == 1


async def test_the_outcome_stays_in_sight_and_f3_says_why_it_waits(make_app, demo_path, tmp_path):
    """A real ledger has many columns (广州天河's 公示牌 sheet: 23), and the report's list of
    them pushed its 结论 below the box: the clerk saw no outcome, and F3 did nothing at all.
    The 结论 stands above the report; F3 says why it waits."""
    wide, good = tmp_path / "名录 多列.xlsx", tmp_path / "名录.xlsx"
    wb = Workbook()
    extra = [
        f"{level}级{what}" for level in ("区", "镇（街）", "社区") for what in ("河长姓名", "单位", "职务", "联系电话")
    ]
    wb.active.append(["河湖名称", "类型", "管理层级", "流经村(社区)", *extra])
    for n in range(1, 9):
        wb.active.append([f"导入测试渠{n}", "大河" if n % 2 else "渠道", "村级", "青石村", *(["某"] * len(extra))])
    wb.save(wide)
    rivers_workbook(good, ["渠道"])
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, "2")
        outcome = screen.query_one("#import-outcome")
        assert not outcome.display  # nothing previewed yet
        await pilot.press("f3")
        await pilot.pause()
        assert "请先按 F2 预览" in app.messages[-1][0]

        screen.query_one("#import-path").value = str(wide)
        await pilot.press("f2")
        await report_shown(pilot, "结论")
        await pilot.pause()
        assert outcome.display and outcome.has_class("-refused")
        assert plain(outcome).startswith("结论\uff1a有 4 行被拒绝")
        box = screen.query_one("#import-report-box")
        assert box.max_scroll_y > 0  # the report runs on below the box
        # In sight: the outcome and the buttons, between the message line and the keys.
        assert screen.query_one(".import-box").region.y >= 2
        for widget in (outcome, screen.query_one("#run")):
            assert widget.region.height >= 1 and widget.region.bottom <= app.size.height - 1, widget
        await pilot.press("f3")
        await pilot.pause()
        assert app.messages[-1] == ("不能导入\uff1a请看预览的结论\uff0c改正后重新预览\uff08F2\uff09\u3002", "warning")

        screen.query_one("#import-path").value = str(good)
        await pilot.pause()
        assert not outcome.display  # the outcome was the other file's
        await pilot.press("f2")
        await report_shown(pilot, "可以导入")
        await pilot.pause()
        assert plain(outcome).startswith("结论\uff1a预览") and not outcome.has_class("-refused")
        await pilot.press("f3")
        await report_shown(pilot, "已导入")
        await pilot.pause()
        assert plain(outcome).startswith("结论\uff1a已导入") and not outcome.has_class("-refused")
        await pilot.press("f3")
        await pilot.pause()
        assert app.messages[-1][0].startswith("已经导入")
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM rivers WHERE name LIKE '导入测试渠%'") == 1
