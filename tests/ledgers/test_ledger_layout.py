"""Every ledger and template of the demo, read back with openpyxl: title, 填报单位/日期,
headers, print setup, frozen panes, and the marks the rules put on rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from ledgerhelp import DEMO_TODAY, header_row, headers, load, norm, records, table, visible
from openpyxl.utils import get_column_letter

from hzconsole import figures
from hzconsole.books.patrols import count_between
from hzconsole.ledgers import LEDGER_KINDS
from hzconsole.ledgers.build import TEMPLATE_SHEETS, spec_for
from hzconsole.rules.periods import short_label, year_range

SHEETS = {
    "rivers": ("rivers", "segments"),
    "chiefs": ("chiefs", "appointments"),
    "signboards": ("signboards",),
    "patrols": ("patrols", "compliance"),
    "problems": ("problems",),
    "tasks": ("tasks",),
} | {f"template-{k}": v for k, v in TEMPLATE_SHEETS.items()}


def _run(columns, group):
    for c in columns:
        if c.group != group:
            return
        yield c


def _sheets(kind: str, path: Path):
    """Each visible sheet with the definition it prints: the definition's columns that the
    sheet shows (empty ones dropped; a part of a split sheet shows some), in order."""
    wb = load(path)
    specs = [spec_for(k) for k in SHEETS[kind]]
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if kind.startswith("template-"):
        specs = [s.for_template() for s in specs]
        # The names offered in drop-downs sit on one hidden sheet after the forms.
        assert [ws.title for ws in wb.worksheets if ws.sheet_state == "hidden"] == ["选项"]
        assert len(sheets) == len(specs)  # a form is never split: imports read it whole
    out = []
    for ws in sheets:
        spec = next(s for s in specs if ws.title.startswith(s.sheet))
        shown = headers(ws)
        columns = tuple(c for c in spec.columns if c.header in shown)
        assert [c.header for c in columns] == shown, ws.title
        if kind.startswith("template-"):
            assert columns == spec.columns
        out.append((ws, spec.with_columns(columns)))
    return out


@pytest.mark.parametrize("kind", list(LEDGER_KINDS))
def test_layout_and_print_setup(kind: str, exported: dict[str, Path]) -> None:
    for ws, spec in _sheets(kind, exported[kind]):
        n = len(spec.columns)
        last = get_column_letter(n)
        merged = {str(r) for r in ws.merged_cells.ranges}
        # Row 1: the title over every column, or over each page's columns when the sheet
        # prints over several pages' width (the key columns repeated at the left).
        breaks = [b.id for b in ws.col_breaks.brk]
        if breaks:
            assert ws.page_setup.scale == 92 and ws.print_title_cols == "$A:$B"
            ends = [get_column_letter(b) for b in breaks] + [last]
            assert f"A1:{ends[0]}1" in merged
            assert ws.cell(1, breaks[0] + 1).value.endswith("\uff08续\uff09")
        else:
            assert f"A1:{last}1" in merged
        assert "青石镇" in ws["A1"].value and ws["A1"].alignment.horizontal == "center"
        assert ws["A1"].font.sz == 18
        # Row 2: 填报单位 left, 填报日期 right.
        row2 = [c for c in ws[2] if c.value]
        # (after the repeated key columns when the sheet prints over several pages' width)
        assert row2[0].value.startswith("填报单位") and row2[0].column == (3 if breaks else 1)
        assert row2[-1].value.startswith("填报日期") and row2[-1].alignment.horizontal == "right"
        if not kind.startswith("template-"):
            assert row2[-1].value == "填报日期\uff1a2024年11月20日"
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
                    assert norm(ws.cell(3, i).value) == column.group
                    run = sum(1 for _ in _run(spec.columns[i - 1 :], column.group))
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
        # Print: A4 (A3 only where the definition says so), upright where the columns fit
        # it, one page wide, header repeated, footer.
        assert ws.page_setup.paperSize == (8 if spec.paper == "A3" else 9)
        assert ws.page_setup.orientation in ("portrait", "landscape")
        if spec.orientation != "auto":
            assert ws.page_setup.orientation == spec.orientation
        if not breaks:
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == f"$3:${lower}"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.freeze_panes == f"A{lower + 1}"
        # Column widths set for every column (CJK-aware, not Excel's default).
        for i in range(1, n + 1):
            assert ws.column_dimensions[get_column_letter(i)].width >= 6


def shown(cell) -> str:
    """A header cell's text as the definition writes it (no line break before a bracketed
    unit, half-width brackets: the sheet prints them full width)."""
    return norm(cell.value)


def test_data_rows_are_numbered_bordered_and_typed(exported: dict[str, Path], demo_ro) -> None:
    sheets = visible(exported["problems"])
    rows = records(sheets)
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM problems")
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(isinstance(r["发现日期"], datetime) for r in rows)
    ws = next(ws for ws in sheets if "发现日期" in headers(ws))
    found = headers(ws).index("发现日期")
    first = header_row(ws) + 1
    assert ws.cell(first, found + 1).number_format == "yyyy-mm-dd"
    assert ws.cell(first, 2).border.bottom.style == "thin"
    # The foot line carries the office's clerk, reviewer and phone.
    foot = [c.value for row in ws.iter_rows(min_row=first + len(rows)) for c in row if c.value]
    assert any(v.startswith("填报人\uff1a") for v in foot)
    assert any(v.startswith("审核人\uff1a") for v in foot) and any(v.startswith("联系电话\uff1a") for v in foot)


def test_overdue_problems_are_marked(exported: dict[str, Path], demo_ro) -> None:
    sheets = visible(exported["problems"])
    rows = records(sheets)
    expected = {o.problem.number: o.days for o in figures.overdue_problems(demo_ro, DEMO_TODAY)}
    assert expected, "the demo should have overdue problems"
    marked = {r["问题编号"]: r["超期天数"] for r in rows if r["是否超期"] == "是"}
    assert marked == expected
    ws = next(ws for ws in sheets if "是否超期" in headers(ws))
    flag, first = headers(ws).index("是否超期"), header_row(ws) + 1
    at = next(i for i, r in enumerate(rows) if r["是否超期"] == "是")
    cell = ws.cell(first + at, flag + 1)
    assert cell.font.color.rgb.endswith("C00000") and cell.fill.fgColor.rgb.endswith("FDE9D9")
    plain = next(i for i, r in enumerate(rows) if r["是否超期"] == "否")
    assert ws.cell(first + plain, 2).fill.fgColor.rgb in ("00000000", None)


def test_stale_signboards_are_marked(exported: dict[str, Path], demo_ro) -> None:
    rows = records(visible(exported["signboards"]))
    stale = figures.stale_signboards(demo_ro, DEMO_TODAY)
    assert stale, "the demo should have stale boards"
    got = {
        r["公示牌编号"]: (r["是否需更新"], r["人员变动日期"].date(), r["已过天数"])
        for r in rows
        if r["是否需更新"] != "否"
    }
    assert got == {s.board.number: ("是\uff08超期\uff09" if s.overdue else "是", s.since, s.days) for s in stale}
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM signboards")


def test_chiefs_roster_and_history(exported: dict[str, Path], demo_ro) -> None:
    roster, history = load(exported["chiefs"]).worksheets
    assert roster.title == "河长名册" and history.title == "任职变更记录"
    day = DEMO_TODAY.isoformat()
    active = demo_ro.scalar(
        "SELECT count(*) FROM appointments WHERE start_date <= ? AND (end_date IS NULL OR end_date > ?)", (day, day)
    )
    rows = table(roster)
    assert len(rows) == active
    levels = [r["层级"] for r in rows]
    assert "乡级" not in levels  # a 镇 names its own level 镇级, as its documents do
    assert levels == sorted(levels, key=["县级", "镇级", "村级"].index)
    assert all(isinstance(r["联系电话"], str) for r in rows if r["联系电话"])
    hrows = table(history)
    assert len(hrows) == demo_ro.scalar("SELECT count(*) FROM appointments")
    ended = [r for r in hrows if r["状态"] == "已离任"]
    assert ended and all(isinstance(r["离任日期"], datetime) for r in ended)


def test_rivers_and_segments_sheets(exported: dict[str, Path], demo_ro) -> None:
    rivers, segments = load(exported["rivers"]).worksheets
    rows = table(rivers)
    assert len(rows) == demo_ro.scalar("SELECT count(*) FROM rivers")
    assert any(isinstance(r["流域面积(平方公里)"], float) for r in rows)
    assert len(table(segments)) == demo_ro.scalar("SELECT count(*) FROM segments")


def test_patrol_ledger_and_compliance(exported: dict[str, Path], demo_ro) -> None:
    patrols, compliance = load(exported["patrols"]).worksheets
    assert patrols["A1"].value == "青石镇河长制办公室2024年巡河台账"
    rows = table(patrols)
    start, end = year_range(2024)
    assert len(rows) == count_between(demo_ro, start, end) > 0
    dates = [r["巡河日期"] for r in rows]
    assert dates == sorted(dates)
    assert {r["是否现场处理"] for r in rows} == {"是", "否"}
    crows = table(compliance)
    expected = figures.chief_compliance(demo_ro, start, end, as_of=DEMO_TODAY)
    assert len(crows) == len(expected)
    for row, c in zip(crows, expected, strict=True):
        assert (row["姓名"], row["应巡次数"], row["已巡次数"]) == (c.name, c.required, c.done)
        assert row["未达标期数"] == len(c.missing)
        if c.missing:
            assert row["是否达标"] == "未达标"
            ordered = sorted(c.missing, key=lambda p: (p.start, -p.end.toordinal()))
            assert row["未达标期间"].split("\u3001") == [short_label(p, 2024) for p in ordered]
            assert "周" not in row["未达标期间"]  # weeks by their dates


def test_task_list_of_the_year(exported: dict[str, Path], demo_ro) -> None:
    ws = load(exported["tasks"]).worksheets[0]
    rows = table(ws)
    assert len(rows) == demo_ro.scalar(
        "SELECT count(*) FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE p.year = 2024"
    )
    assert "任务清单" in ws["A1"].value
    assert [r["序号"] for r in rows] == sorted(r["序号"] for r in rows)


def test_printed_words_as_a_clerk_writes_them(exported: dict[str, Path]) -> None:
    """Chinese punctuation on the sheet (填报单位：, 巡河时长（分钟）), each chief on a line
    of their own with the level as a 镇 names it, a header's bracketed unit on its own line
    rather than broken, template rows tall enough to write in."""
    import re

    rivers = load(exported["rivers"]).worksheets[0]
    assert rivers["A2"].value.startswith("填报单位\uff1a")
    cells = [r["河长"] for r in table(rivers)]
    multi = [c for c in cells if c and "\n" in c]
    assert multi, "no river with two chiefs in the demo"
    for cell in filter(None, cells):
        for line in cell.split("\n"):
            assert re.fullmatch(r"\w+\uff08(县级|镇级|村级)\w+\uff09", line), line
    for kind in ("rivers", "patrols", "problems", "signboards"):
        for ws in visible(exported[kind]):
            heads = [c.value for row in ws.iter_rows(min_row=3, max_row=header_row(ws)) for c in row if c.value]
            assert all("\n" not in h or "\n\uff08" in h for h in heads), heads  # never inside a bracket
            assert not any("(" in h for h in heads), heads
    assert "巡河时长\n\uff08分钟\uff09" in [c.value for c in load(exported["patrols"]).worksheets[0][3]]
    template = load(exported["template-problems"]).worksheets[0]
    assert template.row_dimensions[6].height >= 21  # xlsxwriter rounds to whole pixels


def test_a_township_named_xiang_keeps_xiangji() -> None:
    from types import SimpleNamespace

    from hzconsole.ledgers.build import levels_of

    assert levels_of(SimpleNamespace(settings=SimpleNamespace(office_name="青石镇河长制办公室"))) == {"乡级": "镇级"}
    assert levels_of(SimpleNamespace(settings=SimpleNamespace(office_name="白沙乡河长办"))) == {}
