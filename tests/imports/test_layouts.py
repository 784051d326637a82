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
    got = township.query(
        "SELECT p.name, p.unit, a.level, r.name AS river FROM appointments a JOIN people p"
        " ON p.id = a.person_id JOIN rivers r ON r.id = a.river_id"
        " WHERE a.start_date = '2024-01-01' ORDER BY p.name, r.name"
    )
    assert [tuple(r) for r in got] == [
        ("李秋生", "白沙村", "村级", "白沙河"),
        ("王建国", "白沙镇人民政府", "乡级", "白沙河"),
        ("王建国", "白沙镇人民政府", "乡级", "青石河"),
        ("黄石生", "石门村", "村级", "青石河"),
    ]


def test_right_name_chosen_by_its_parent_header(township: Database, tmp_path: Path) -> None:
    rows = [
        ["巡河日期", "河湖", "记录人", "巡河人"],
        [None, None, "姓名", "姓名"],
        ["2024-06-03", "青石河", "周晓燕", "王建国"],
    ]
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024.6.17", "2024-06-17"),
        ("2024\uff0e6\uff0e17", "2024-06-17"),
        ("2024/6/17", "2024-06-17"),
        ("2024\uff0f6\uff0f17", "2024-06-17"),
        ("２０２４年６月１７日", "2024-06-17"),
        ("2024年6月17日(星期一)", "2024-06-17"),
        ("2024年6月17日\uff08星期一\uff09", "2024-06-17"),
    ],
)
def test_dates_in_both_forms(text: str, expected: str) -> None:
    from hzconsole.imports import cells

    assert cells.to_date(text, None).isoformat() == expected


@pytest.mark.parametrize(
    "text, scale, what, expected",
    [
        ("1.2公里", 1.0, "里程", 1.2),
        ("1\uff0e2公里", 1.0, "里程", 1.2),
        ("１２００米", 1.0, "里程", 1.2),
        ("1,200", 0.001, "里程", 1.2),
        ("1\uff0c200", 0.001, "里程", 1.2),
        ("1.5小时", 1.0, "分钟数", 90.0),
        ("1\uff0e5小时", 1.0, "分钟数", 90.0),
    ],
)
def test_numbers_and_units_in_both_forms(text: str, scale: float, what: str, expected: float) -> None:
    from hzconsole.imports import cells

    assert cells.to_number(text, scale, what) == expected


@pytest.mark.parametrize("text", ["8:30-9:10", "8\uff1a30\uff0d9\uff1a10", "8:30\uff5e9:10", "8\uff1a30至9\uff1a10"])
def test_time_ranges_in_both_forms(text: str) -> None:
    from hzconsole.imports import cells

    assert cells.split_time_range(text) == ("8:30", "9:10")  # the model pads them to 08:30


@pytest.mark.parametrize("header", both("巡河里程(米)") + both("巡河时长(小时)"))
def test_unit_headers_in_both_forms(township: Database, tmp_path: Path, header: str) -> None:
    path = workbook(
        tmp_path / "巡河.xlsx", [["巡河日期", "巡河人", "河湖", header], ["2024-06-03", "王建国", "青石河", 1500]]
    )
    report = run_import(township, "patrols", path)
    assert report.written, report.text()
    column = "distance_km" if "里程" in header else "duration_min"
    assert township.scalar(f"SELECT {column} FROM patrols") == (1.5 if column == "distance_km" else 90000)


@pytest.mark.parametrize("name", both("青石河(上游)"))
def test_names_in_both_forms_match(township: Database, tmp_path: Path, name: str) -> None:
    from hzconsole.books.rivers import rivers

    rivers.add(township, {"name": "青石河\uff08上游\uff09", "kind": "河流", "level": "村级"})
    path = workbook(tmp_path / "巡河.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", name]])
    assert run_import(township, "patrols", path).written
