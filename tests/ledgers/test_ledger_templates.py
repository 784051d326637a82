"""Blank entry templates: the ledger's headers without computed columns, drop-downs for the
closed lists, date checks, text-formatted columns, nothing filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ledgerhelp import load
from openpyxl.utils import get_column_letter

from hzconsole.books import terms as fields
from hzconsole.ledgers.build import TEMPLATE_SHEETS, spec_for

LISTS = {
    "template-rivers": {"类型": fields.RIVER_KINDS, "管理层级": ("县级", "镇级", "村级")},
    "template-chiefs": {"职责": fields.ROLES, "层级": ("县级", "镇级", "村级")},
    "template-signboards": {"状况": fields.BOARD_CONDITIONS},
    "template-patrols": {"是否现场处理": ("是", "否")},
    "template-problems": {
        "问题来源": fields.PROBLEM_SOURCES,
        "问题类别": fields.PROBLEM_CATEGORIES,
        "状态": fields.PROBLEM_STATUSES,
    },
    "template-tasks": {"状态": fields.TASK_STATUSES},
}


@pytest.mark.parametrize("kind", list(LISTS))
def test_template_validations(kind: str, exported: dict[str, Path]) -> None:
    wb = load(exported[kind])
    assert wb.custom_doc_props["hzconsole_ledger"].value == kind
    ws = wb.worksheets[0]
    spec = spec_for(TEMPLATE_SHEETS[kind.removeprefix("template-")][0]).for_template()
    first = 5 if spec.has_groups else 4
    by_column: dict[str, list] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            by_column.setdefault(re.match(r"[A-Z]+", rng).group(), []).append(dv)
    for header, choices in LISTS[kind].items():
        letter = get_column_letter(spec.headers.index(header) + 1)
        (dv,) = by_column[letter]
        assert dv.type == "list" and dv.formula1 == '"' + ",".join(choices) + '"'
        assert str(dv.sqref).startswith(f"{letter}{first}:")
        assert dv.showErrorMessage and "下拉" in dv.error
    for i, column in enumerate(spec.columns, 1):
        letter = get_column_letter(i)
        if column.type == "date":
            (dv,) = by_column[letter]
            assert dv.type == "date" and "日期" in dv.error
        if column.type == "text":
            # Typed IDs and phones stay text: the whole column is formatted "@".
            assert ws.cell(first, i).number_format == "@"
    # Nothing filled in: bordered blank rows between the header and the signature line.
    body = list(ws.iter_rows(min_row=first, max_row=first + 50, values_only=True))
    assert all(v is None for row in body for v in row)
    assert ws.cell(first + 10, 2).border.left.style == "thin"
    assert ws.cell(2, 1).value == "填报单位（盖章）："


def test_template_has_no_computed_columns(exported: dict[str, Path]) -> None:
    ws = load(exported["template-signboards"]).worksheets[0]
    headers = [c.value for c in ws[4] if c.value] + [c.value for c in ws[3] if c.value]
    assert "是否需更新" not in headers and "公示河长" not in headers
    assert "公示牌编号" in headers and "内容更新日期" in headers


def test_river_template_has_a_segment_sheet(exported: dict[str, Path]) -> None:
    titles = [ws.title for ws in load(exported["template-rivers"]).worksheets if ws.sheet_state == "visible"]
    assert titles == ["河湖名录", "河段名录"]


def test_known_names_are_offered_but_new_ones_allowed(exported: dict[str, Path], demo_ro) -> None:
    wb = load(exported["template-patrols"])
    lists = wb["选项"]
    assert lists.sheet_state == "hidden"
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in lists.iter_cols()}
    rivers = columns["已登记河湖"]
    assert sorted(rivers) == sorted(r["name"] for r in demo_ro.query("SELECT name FROM rivers"))
    assert len(columns["已登记人员"]) == demo_ro.scalar("SELECT count(DISTINCT name) FROM people")
    ws = wb.worksheets[0]
    spec = spec_for("patrols").for_template()
    letter = get_column_letter(spec.headers.index("河湖") + 1)
    (dv,) = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith(f"{letter}5:")]
    assert dv.type == "list" and dv.errorStyle == "warning"
    assert dv.formula1 == f"'选项'!$A$2:$A${len(rivers) + 1}"
    person = get_column_letter(spec.headers.index("巡河人") + 1)
    assert any(str(d.sqref).startswith(f"{person}5:") for d in ws.data_validations.dataValidation)


def test_number_columns_are_checked(exported: dict[str, Path]) -> None:
    def validation(kind: str, book: str, header: str):
        ws = load(exported[kind]).worksheets[0]
        spec = spec_for(book).for_template()
        letter = get_column_letter(spec.headers.index(header) + 1)
        first = 5 if spec.has_groups else 4
        (dv,) = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith(f"{letter}{first}:")]
        return dv

    minutes = validation("template-patrols", "patrols", "巡河时长(分钟)")
    assert (minutes.type, minutes.operator, minutes.formula1) == ("whole", "greaterThanOrEqual", "0")
    lon = validation("template-signboards", "signboards", "经度")
    assert (lon.type, lon.operator, lon.formula1, lon.formula2) == ("decimal", None, "-180", "180")
