"""What the clerk typed comes back exactly: IDs and phones as text, a leading = + - @ never
turns into a formula, numbers stay numbers and dates real dates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from ledgerhelp import data_rows, header_row, headers, load

from hzconsole.books.patrols import patrols
from hzconsole.books.problems import problems
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, people
from hzconsole.books.settings import save_settings
from hzconsole.books.signboards import signboards
from hzconsole.ledgers import export_ledger
from hzconsole.ledgers.build import spec_for
from hzconsole.store.database import Database

CODE = "360124198706150011"  # 18 digits: a float would print 3.60124E+17
PHONE = "13800138000"
FORMULA = "=1+1"
TODAY = date(2024, 6, 30)


@pytest.fixture
def tricky(db: Database) -> Database:
    save_settings(db, {"clerk": "周晓燕", "reviewer": "林建国", "contact_phone": "0795-7261234"})
    river = rivers.add(
        db,
        {
            "name": "青石河",
            "code": CODE,
            "kind": "河流",
            "level": "乡级",
            "catchment_km2": "186.5",
            "length_km": 32,
            "source": "+源头在@山",
            "notes": "-5 度以下结冰",
        },
    )
    seg = segments.add(db, {"river_id": river.id, "name": "<r>上游段</r>", "start_point": "=A1"})
    person = people.add(db, {"name": "张三柱", "post": "镇长", "phone": PHONE, "unit": "@镇政府"})
    appointments.add(
        db,
        {
            "person_id": person.id,
            "role": "河长",
            "level": "乡级",
            "river_id": river.id,
            "segment_id": seg.id,
            "start_date": "2024-01-01",
        },
    )
    signboards.add(
        db,
        {
            "number": "001",
            "river_id": river.id,
            "content_date": "2023-12-01",
            "supervision_phone": "12345",
            "location": '=HYPERLINK("x")',
        },
    )
    patrols.add(
        db,
        {
            "date": "2024-06-17",
            "person_id": person.id,
            "river_id": river.id,
            "start_time": "08:30",
            "end_time": "09:15",
            "distance_km": 2.5,
            "seen": FORMULA,
        },
    )
    problems.add(
        db,
        {
            "number": "0012",
            "river_id": river.id,
            "found_date": "2024-05-01",
            "description": FORMULA,
            "deadline": "2024-05-31",
            "status": "已交办",
            "responsible_person": "+86 13800138000",
            "category": "垃圾",
        },
    )
    return db


def _export(db: Database, tmp_path: Path, kind: str, **kw) -> list:
    out = export_ledger(db, kind, tmp_path / f"{kind}.xlsx", today=TODAY, **kw)
    return load(out).worksheets


def _cell(sheets, kind: str, header: str, row: int = 0):
    """The cell of `header` in data row `row`: in the sheet, or in whichever part of a
    split ledger (a list of sheets) shows that column."""
    for ws in sheets if isinstance(sheets, list) else [sheets]:
        shown = headers(ws)
        if header in shown:
            assert spec_for(kind).headers.index(header) >= 0
            return ws.cell(header_row(ws) + 1 + row, shown.index(header) + 1)
    raise AssertionError(f"no column {header}")


def test_rivers_keep_codes_and_leading_signs_literal(tricky: Database, tmp_path: Path) -> None:
    rivers_ws, segments_ws = _export(tricky, tmp_path, "rivers")
    code = _cell(rivers_ws, "rivers", "河湖编码")
    assert (code.value, code.data_type) == (CODE, "s")
    assert _cell(rivers_ws, "rivers", "起点/源头").value == "+源头在@山"
    assert _cell(rivers_ws, "rivers", "备注").value == "-5 度以下结冰"
    area = _cell(rivers_ws, "rivers", "流域面积(平方公里)")
    assert (area.value, area.data_type) == (186.5, "n")
    assert "张三柱（镇级河长）" in _cell(segments_ws, "segments", "河段长").value
    # A value that looks like xlsxwriter's raw rich-text marker stays plain text.
    assert _cell(segments_ws, "segments", "河段名称").value == "<r>上游段</r>"
    start = _cell(segments_ws, "segments", "起点")
    assert (start.value, start.data_type) == ("=A1", "s")


def test_phones_stay_text(tricky: Database, tmp_path: Path) -> None:
    roster, history = _export(tricky, tmp_path, "chiefs")
    phone = _cell(roster, "chiefs", "联系电话")
    assert (phone.value, phone.data_type) == (PHONE, "s")
    assert _cell(roster, "chiefs", "单位/村(社区)").value == "@镇政府"
    assert _cell(roster, "chiefs", "河段").value == "<r>上游段</r>"
    start = _cell(history, "appointments", "任职日期")
    assert start.value == datetime(2024, 1, 1) and start.number_format == "yyyy-mm-dd"
    # The foot line comes from the office settings.
    foot = [c.value for row in roster.iter_rows(min_row=6) for c in row if c.value]
    assert "填报人：周晓燕" in foot and "审核人：林建国" in foot and "联系电话：0795-7261234" in foot


def test_formula_like_text_in_problems_and_patrols(tricky: Database, tmp_path: Path) -> None:
    ws = _export(tricky, tmp_path, "problems", year=2024)
    assert ws[0]["A1"].value.startswith("樟树镇河长制办公室2024年河湖问题整改台账")
    desc = _cell(ws, "problems", "问题描述")
    assert (desc.value, desc.data_type) == (FORMULA, "s")
    assert _cell(ws, "problems", "问题编号").value == "0012"  # not the number 12
    assert _cell(ws, "problems", "责任人").value == "+86 13800138000"
    assert _cell(ws, "problems", "是否超期").value == "是"
    assert _cell(ws, "problems", "超期天数").value == 30
    patrol_ws, compliance_ws = _export(tricky, tmp_path, "patrols", year=2024, month=6)
    seen = _cell(patrol_ws, "patrols", "巡查情况")
    assert (seen.value, seen.data_type) == (FORMULA, "s")
    assert _cell(patrol_ws, "patrols", "巡河时长(分钟)").value == 45
    assert _cell(patrol_ws, "patrols", "开始时间").value == "08:30"
    assert patrol_ws["A1"].value == "樟树镇河长制办公室2024年6月巡河台账"
    # A township chief with one patrol in June is behind the 4-a-month norm.
    behind = _cell(compliance_ws, "compliance", "是否达标")
    assert behind.value == "未达标" and behind.font.b


def test_signboard_stale_and_service_phone(tricky: Database, tmp_path: Path) -> None:
    ws = _export(tricky, tmp_path, "signboards")
    assert _cell(ws, "signboards", "监督电话").value == "12345"
    assert _cell(ws, "signboards", "设置位置").value == '=HYPERLINK("x")'
    assert _cell(ws, "signboards", "是否需更新").value == "是\uff08超期\uff09"
    assert _cell(ws, "signboards", "人员变动日期").value == datetime(2024, 1, 1)
    assert _cell(ws, "signboards", "已过天数").value == (TODAY - date(2024, 1, 1)).days


def test_no_formula_anywhere(tricky: Database, tmp_path: Path) -> None:
    for kind in ("rivers", "chiefs", "signboards", "problems"):
        out = export_ledger(tricky, kind, tmp_path / f"all-{kind}.xlsx", today=TODAY)
        for ws in load(out).worksheets:
            for row in ws.iter_rows():
                assert all(c.data_type != "f" for c in row), kind


@pytest.mark.parametrize("kind", ["rivers", "chiefs", "signboards", "patrols", "problems", "tasks"])
def test_empty_book_exports(db: Database, tmp_path: Path, kind: str) -> None:
    out = export_ledger(db, kind, tmp_path / f"{kind}.xlsx", today=TODAY)
    for ws in load(out).worksheets:
        assert ws["A1"].value and ws["A3"].value == "序号"
        spec_kind = {"河段名录": "segments", "任职变更记录": "appointments", "巡河达标情况": "compliance"}.get(
            ws.title, kind
        )
        spec = spec_for(spec_kind)
        assert data_rows(ws, 5 if spec.has_groups else 4, len(spec.columns)) == []


def test_formula_like_text_carries_the_quote_prefix(tricky: Database, tmp_path: Path) -> None:
    """Text beginning with = + - @ carries Excel's quote prefix (issue 11.8): it stays text
    when the clerk edits the cell or saves the sheet as CSV; other text does not."""
    rivers_ws, segments_ws = _export(tricky, tmp_path, "rivers")
    assert _cell(rivers_ws, "rivers", "起点/源头").quotePrefix  # +源头在@山
    assert _cell(rivers_ws, "rivers", "备注").quotePrefix  # -5 度以下结冰
    assert _cell(segments_ws, "segments", "起点").quotePrefix  # =A1
    assert not _cell(rivers_ws, "rivers", "河湖名称").quotePrefix
    (ws,) = _export(tricky, tmp_path, "problems", year=2024)
    assert _cell(ws, "problems", "问题描述").quotePrefix
    assert _cell(ws, "problems", "责任人").quotePrefix
    assert not _cell(ws, "problems", "问题编号").quotePrefix
    roster, _history = _export(tricky, tmp_path, "chiefs")
    unit = _cell(roster, "chiefs", "单位/村(社区)")
    assert unit.quotePrefix and unit.value == "@镇政府" and unit.border.left.style  # format kept
