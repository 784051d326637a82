"""Ledger layouts real offices use: three-row headers over merged cells, wide rosters,
footers with full-width colons, both punctuation forms of every header."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzconsole.imports import preview_import, run_import
from hzconsole.imports.kinds.chiefs import unit_from_post
from hzconsole.store.database import Database

from .conftest import workbook

FW = str.maketrans({"(": "\uff08", ")": "\uff09", ":": "\uff1a", ",": "\uff0c"})


def both(text: str) -> list[str]:
    return [text, text.translate(FW)]


@pytest.mark.parametrize("colon", [":", "\uff1a"])
def test_three_row_header_wide_roster_and_footer(township: Database, tmp_path: Path, colon: str) -> None:
    rows = [
        ["白沙镇河长名册"],
        ["序号", "河湖", "河长", None, None, None, None, None, "任职日期"],
        [None, None, "镇级河长", None, None, "村级河长", None, None, None],
        [None, None, "姓名", "职务", "电话", "姓名", "职务", "电话", None],
        [1, "青石河", "王建国", "镇长", "13807950001", "黄石生", "石门村党支部书记", "13607950011", "2024年1月1日"],
        [2, "白沙河", "王建国", "镇长", "13807950001", "李秋生", "白沙村村委会主任", "13907950002", "2024年1月1日"],
        [f"填表人{colon}周晓燕", None, None, f"审核人{colon}林建国", None, None, f"联系电话{colon}0795-7261234"],
        [f"填表日期{colon}2024年1月5日"],
    ]
    merges = ["A2:A4", "B2:B4", "C2:H2", "C3:E3", "F3:H3", "I2:I4"]
    path = workbook(tmp_path / "名册.xlsx", rows, merges=merges)
    report = run_import(township, "chiefs", path)
    assert report.written, report.text()
    assert report.header_rows["Sheet1"] == (2, 4)
    assert report.counts["add"] == 2 and report.counts["refuse"] == 0
    got = township.query("SELECT p.name, p.unit, a.level, r.name AS river FROM appointments a JOIN people p"
                         " ON p.id = a.person_id JOIN rivers r ON r.id = a.river_id"
                         " WHERE a.start_date = '2024-01-01' ORDER BY p.name, r.name")
    assert [tuple(r) for r in got] == [
        ("李秋生", "白沙村", "村级", "白沙河"), ("王建国", "白沙镇人民政府", "乡级", "白沙河"),
        ("王建国", "白沙镇人民政府", "乡级", "青石河"), ("黄石生", "石门村", "村级", "青石河")]


def test_right_name_chosen_by_its_parent_header(township: Database, tmp_path: Path) -> None:
    rows = [["巡河日期", "河湖", "记录人", "巡河人"], [None, None, "姓名", "姓名"],
            ["2024-06-03", "青石河", "周晓燕", "王建国"]]
    path = workbook(tmp_path / "巡河.xlsx", rows, merges=["A1:A2", "B1:B2"])
    report = preview_import(township, "patrols", path)
    assert report.ok, report.text()
    used = {c.header: c.target for c in report.columns["Sheet1"] if c.target}
    assert used["巡河人/姓名"] == "巡河人" and "记录人/姓名" not in used


@pytest.mark.parametrize("header", both("河道(涌)名称") + both("所在河流(必填)"))
def test_headers_in_both_forms(township: Database, tmp_path: Path, header: str) -> None:
    path = workbook(tmp_path / "牌.xlsx", [["公示牌编号", header, "设立日期"], ["QS-01", "青石河", "2024年3月1日"]])
    assert run_import(township, "signboards", path).written


def test_unit_from_post() -> None:
    assert unit_from_post("石门村党支部书记") == "石门村"
    assert unit_from_post("青石社区居委会主任") == "青石社区"
    assert unit_from_post("镇长") is None
    assert unit_from_post(None) is None
