"""Every ledger and template of the demo, read back with openpyxl: title, 填报单位/日期,
headers, print setup, frozen panes, and the marks the rules put on rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from ledgerhelp import DEMO_TODAY, data_rows, load
from openpyxl.utils import get_column_letter

from hzconsole import figures
from hzconsole.books.patrols import count_between
from hzconsole.ledgers import LEDGER_KINDS
from hzconsole.ledgers.build import TEMPLATE_SHEETS, spec_for
from hzconsole.rules.periods import short_label, year_range

SHEETS = {
    "rivers": ("rivers", "segments"), "chiefs": ("chiefs", "appointments"),
    "signboards": ("signboards",), "patrols": ("patrols", "compliance"),
    "problems": ("problems",), "tasks": ("tasks",),
} | {f"template-{k}": v for k, v in TEMPLATE_SHEETS.items()}


def _run(columns, group):
    for c in columns:
        if c.group != group:
            return
        yield c


def _sheets(kind: str, path: Path):
    wb = load(path)
    specs = [spec_for(k) for k in SHEETS[kind]]
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if kind.startswith("template-"):
        specs = [s.for_template() for s in specs]
        # The names offered in drop-downs sit on one hidden sheet after the forms.
        assert [ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"] == ["选项"]
    assert len(sheets) == len(specs)
    return list(zip(sheets, specs, strict=True))


@pytest.mark.parametrize("kind", list(LEDGER_KINDS))
def test_layout_and_print_setup(kind: str, exported: dict[str, Path]) -> None:
    for ws, spec in _sheets(kind, exported[kind]):
        n = len(spec.columns)
        last = get_column_letter(n)
        merged = {str(r) for r in ws.merged_cells.ranges}
        # Row 1: the title over every column.
        assert f"A1:{last}1" in merged
        assert "青石镇" in ws["A1"].value and ws["A1"].alignment.horizontal == "center"
        assert ws["A1"].font.sz == 18
        # Row 2: 填报单位 left, 填报日期 right.
        row2 = [c for c in ws[2] if c.value]
        assert row2[0].value.startswith("填报单位") and row2[0].column == 1
        assert row2[-1].value.startswith("填报日期") and row2[-1].alignment.horizontal == "right"
        if not kind.startswith("template-"):
            assert row2[-1].value == "填报日期：2024年11月20日"
            assert "青石镇" in row2[0].value
        # Headers: one row, or two with groups merged over their columns.
        header_rows = 2 if spec.has_groups else 1
        lower = 2 + header_rows
        previous_group = None
        for i, column in enumerate(spec.columns, 1):
            letter = get_column_letter(i)
            if column.group:
                assert shown(ws.cell(lower, i)) == column.header
                if column.group != previous_group:  # first column of the group's run
                    assert ws.cell(3, i).value == column.group
                    run = sum(1 for _ in _run(spec.columns[i - 1:], column.group))
                    if run > 1:
                        assert f"{letter}3:{get_column_letter(i + run - 1)}3" in merged
                own = ws.cell(lower, i)
            else:
                assert shown(ws.cell(3, i)) == column.header
                if header_rows == 2:
                    assert f"{letter}3:{letter}4" in merged
                own = ws.cell(3, i)
            previous_group = column.group
            assert own.font.name == "黑体" and own.alignment.horizontal == "center"
            assert own.alignment.wrap_text and own.border.left.style == "thin"
        assert ws.cell(3, 1).value == "序号"
        # Print: A4, orientation from the definition, one page wide, header repeated, footer.
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.orientation == spec.orientation
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == f"$3:${lower}"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.freeze_panes == f"A{lower + 1}"
        # Column widths set for every column (CJK-aware, not Excel's default).
        for i in range(1, n + 1):
            assert ws.column_dimensions[get_column_letter(i)].width >= 6


def shown(cell) -> str:
    """A header cell's text without the line break the sheet puts before a bracketed unit."""
    return (cell.value or "").replace("\n", "")


def test_data_rows_are_numbered_bordered_and_typed(exported: dict[str, Path], demo_ro) -> None:
    ws = load(exported["problems"]).worksheets[0]
    spec = spec_for("problems")
    rows = data_rows(ws, 5, len(spec.columns))
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM problems")
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    found = spec.headers.index("发现日期")
    assert all(isinstance(r[found], datetime) for r in rows)
    assert ws.cell(5, found + 1).number_format == "yyyy-mm-dd"
    assert ws.cell(5, 2).border.bottom.style == "thin"
    # The foot line carries the office's clerk, reviewer and phone.
    foot = [c.value for row in ws.iter_rows(min_row=5 + len(rows)) for c in row if c.value]
    assert any(v.startswith("填报人：") for v in foot)
    assert any(v.startswith("审核人：") for v in foot) and any(v.startswith("联系电话：") for v in foot)


def test_overdue_problems_are_marked(exported: dict[str, Path], demo_ro) -> None:
    ws = load(exported["problems"]).worksheets[0]
    spec = spec_for("problems")
    rows = data_rows(ws, 5, len(spec.columns))
    number, flag, days = (spec.headers.index(h) for h in ("问题编号", "是否超期", "超期天数"))
    expected = {o.problem.number: o.days for o in figures.overdue_problems(demo_ro, DEMO_TODAY)}
    assert expected, "the demo should have overdue problems"
    marked = {r[number]: r[days] for r in rows if r[flag] == "是"}
    assert marked == expected
    first = next(i for i, r in enumerate(rows) if r[flag] == "是")
    cell = ws.cell(5 + first, flag + 1)
    assert cell.font.color.rgb.endswith("C00000") and cell.fill.fgColor.rgb.endswith("FDE9D9")
    plain = next(i for i, r in enumerate(rows) if r[flag] == "否")
    assert ws.cell(5 + plain, 2).fill.fgColor.rgb in ("00000000", None)


def test_stale_signboards_are_marked(exported: dict[str, Path], demo_ro) -> None:
    ws = load(exported["signboards"]).worksheets[0]
    spec = spec_for("signboards")
    rows = data_rows(ws, 5, len(spec.columns))
    number, flag, since, days = (spec.headers.index(h) for h in ("公示牌编号", "是否需更新", "人员变动日期", "已过天数"))
    stale = figures.stale_signboards(demo_ro, DEMO_TODAY)
    assert stale, "the demo should have stale boards"
    got = {r[number]: (r[flag], r[since].date(), r[days]) for r in rows if r[flag] != "否"}
    assert got == {
        s.board.number: ("是（超期）" if s.overdue else "是", s.since, s.days) for s in stale
    }
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM signboards")


def test_chiefs_roster_and_history(exported: dict[str, Path], demo_ro) -> None:
    roster, history = load(exported["chiefs"]).worksheets
    assert roster.title == "河长名册" and history.title == "任职变更记录"
    spec, hspec = spec_for("chiefs"), spec_for("appointments")
    day = DEMO_TODAY.isoformat()
    active = demo_ro.scalar(
        "SELECT count(*) FROM appointments WHERE start_date <= ? AND (end_date IS NULL OR end_date > ?)", (day, day)
    )
    rows = data_rows(roster, 5, len(spec.columns))
    assert len(rows) == active
    levels = [r[spec.headers.index("层级")] for r in rows]
    assert "乡级" not in levels  # a 镇 names its own level 镇级, as its documents do
    assert levels == sorted(levels, key=["县级", "镇级", "村级"].index)
    phone = spec.headers.index("联系电话")
    assert all(isinstance(r[phone], str) for r in rows if r[phone])
    hrows = data_rows(history, 5, len(hspec.columns))
    assert len(hrows) == demo_ro.scalar("SELECT count(*) FROM appointments")
    state, end = hspec.headers.index("状态"), hspec.headers.index("离任日期")
    ended = [r for r in hrows if r[state] == "已离任"]
    assert ended and all(isinstance(r[end], datetime) for r in ended)


def test_rivers_and_segments_sheets(exported: dict[str, Path], demo_ro) -> None:
    rivers, segments = load(exported["rivers"]).worksheets
    spec = spec_for("rivers")
    rows = data_rows(rivers, 5, len(spec.columns))
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM rivers")
    area = spec.headers.index("流域面积(平方公里)")
    assert any(isinstance(r[area], float) for r in rows)
    sspec = spec_for("segments")
    assert len(data_rows(segments, 5, len(sspec.columns))) == demo_ro.scalar("SELECT count(*) FROM segments")


def test_patrol_ledger_and_compliance(exported: dict[str, Path], demo_ro) -> None:
    patrols, compliance = load(exported["patrols"]).worksheets
    assert patrols["A1"].value == "青石镇河长制办公室2024年巡河台账"
    spec = spec_for("patrols")
    rows = data_rows(patrols, 5, len(spec.columns))
    start, end = year_range(2024)
    assert len(rows) == count_between(demo_ro, start, end) > 0
    dates = [r[spec.headers.index("巡河日期")] for r in rows]
    assert dates == sorted(dates)
    assert {r[spec.headers.index("是否现场处理")] for r in rows} == {"是", "否"}
    cspec = spec_for("compliance")
    crows = data_rows(compliance, 5, len(cspec.columns))
    expected = figures.chief_compliance(demo_ro, start, end, as_of=DEMO_TODAY)
    assert len(crows) == len(expected)
    h = cspec.headers
    for row, c in zip(crows, expected, strict=True):
        assert (row[h.index("姓名")], row[h.index("应巡次数")], row[h.index("已巡次数")]) == (c.name, c.required, c.done)
        assert row[h.index("未达标期数")] == len(c.missing)
        if c.missing:
            assert row[h.index("是否达标")] == "未达标"
            ordered = sorted(c.missing, key=lambda p: (p.start, -p.end.toordinal()))
            assert row[h.index("未达标期间")].split("、") == [short_label(p, 2024) for p in ordered]
            assert "周" not in row[h.index("未达标期间")]  # weeks by their dates


def test_task_list_of_the_year(exported: dict[str, Path], demo_ro) -> None:
    ws = load(exported["tasks"]).worksheets[0]
    spec = spec_for("tasks")
    rows = data_rows(ws, 5, len(spec.columns))
    assert len(rows) == demo_ro.scalar(
        "SELECT count(*) FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.year = 2024"
    )
    assert "任务清单" in ws["A1"].value
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_printed_words_as_a_clerk_writes_them(exported: dict[str, Path]) -> None:
    """Chinese punctuation on the sheet (填报单位：), each chief on a line of their own with
    the level as a 镇 names it, a header's bracketed unit on its own line rather than broken,
    template rows tall enough to write in."""
    import re

    rivers = load(exported["rivers"]).worksheets[0]
    assert rivers["A2"].value.startswith("填报单位：")
    spec = spec_for("rivers")
    cells = [r[spec.headers.index("河长")] for r in data_rows(rivers, 5, len(spec.columns))]
    multi = [c for c in cells if c and "\n" in c]
    assert multi, "no river with two chiefs in the demo"
    for cell in filter(None, cells):
        for line in cell.split("\n"):
            assert re.fullmatch(r"\w+（(县级|镇级|村级)\w+）", line), line
    for kind in ("rivers", "patrols", "problems", "signboards"):
        heads = [c.value for row in load(exported[kind]).worksheets[0].iter_rows(min_row=3, max_row=4)
                 for c in row if c.value]
        assert all("\n" not in h or "\n(" in h for h in heads), heads  # never inside a bracket
    assert "巡河时长\n(分钟)" in [c.value for c in load(exported["patrols"]).worksheets[0][3]]
    template = load(exported["template-problems"]).worksheets[0]
    assert template.row_dimensions[6].height >= 21  # xlsxwriter rounds to whole pixels


def test_a_township_named_xiang_keeps_xiangji() -> None:
    from types import SimpleNamespace

    from hzconsole.ledgers.build import levels_of

    assert levels_of(SimpleNamespace(settings=SimpleNamespace(office_name="青石镇河长制办公室"))) == {"乡级": "镇级"}
    assert levels_of(SimpleNamespace(settings=SimpleNamespace(office_name="白沙乡河长办"))) == {}
