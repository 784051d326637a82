"""The console's mapping step: a column nobody named is mapped on the mapping screen (F4),
the preview follows it, the import writes and remembers it; refused rows may be set aside."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook
from textual.widgets import Select

from hzconsole.store.database import open_database
from hzconsole.tui.screens.import_mapping import MappingScreen
from tests.tui.conftest import SIZE, open_import, report_shown


def sheet(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


async def test_a_column_mapped_on_the_mapping_screen(make_app, demo_path, tmp_path):
    book = sheet(
        tmp_path / "水体.xlsx",
        ["水体", "类型", "管理层级", "备注"],
        [["映射测试渠1", "渠道", "村级", None], ["映射测试渠2", "山塘", "村级", None]],
    )
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, "2")
        screen.query_one("#import-path").value = str(book)
        await pilot.press("f2")
        text = await report_shown(pilot, "结论")
        assert "缺少必需的列" in text and "A「水体」" in text
        assert screen.query_one("#run").disabled
        await pilot.press("f5")
        await pilot.pause()
        mapping = app.screen
        assert isinstance(mapping, MappingScreen)
        assert mapping.query_one("#map-1", Select).value == "类型"
        mapping.query_one("#map-0", Select).value = "河湖名称"
        await pilot.pause()
        await pilot.press("f2")  # 确定: back to the import, previewed again
        text = await report_shown(pilot, "可以导入")
        assert "A「水体」->河湖名称" in text and "指定" in text  # the console shows → as ->
        await pilot.press("f3")
        await report_shown(pilot, "已导入")
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM rivers WHERE name LIKE '映射测试渠%'") == 2
        assert db.scalar("SELECT count(*) FROM import_layouts WHERE kind = 'rivers'") == 1


async def test_refused_rows_set_aside_from_the_console(make_app, demo_path, tmp_path):
    book = sheet(
        tmp_path / "名录.xlsx",
        ["河湖名称", "类型", "管理层级"],
        [["另存测试渠1", "渠道", "村级"], ["另存测试渠2", "大河", "村级"]],
    )
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        screen = await open_import(pilot, "2")
        screen.query_one("#import-path").value = str(book)
        await pilot.press("f2")
        await report_shown(pilot, "拒绝 1 行")
        assert screen.query_one("#run").disabled
        screen.query_one("#import-skip-refused", Select).value = True
        await pilot.pause()
        await pilot.press("f2")
        await report_shown(pilot, "只导入没有问题的行")
        assert not screen.query_one("#run").disabled
        await pilot.press("f3")
        await report_shown(pilot, "另存为")
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM rivers WHERE name LIKE '另存测试渠%'") == 1
    back = load_workbook(tmp_path / "名录_未导入的行.xlsx").active
    assert back.cell(2, 1).value == "另存测试渠2" and "大河" in back.cell(2, 4).value
