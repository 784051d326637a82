"""河长名册 import: people and appointments, from an old .xls and a messy .xlsx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hzconsole.imports import preview_import, run_import
from hzconsole.store.database import Database

from .conftest import FIXTURES, snapshot, workbook

XLS = FIXTURES / "roster-2019.xls"


def roster(db: Database) -> list[tuple]:
    return [
        tuple(r)
        for r in db.query(
            "SELECT p.name, p.post, p.unit, p.phone, a.role, a.level, r.name, s.name, a.start_date"
            " FROM appointments a JOIN people p ON p.id = a.person_id LEFT JOIN rivers r ON r.id = a.river_id"
            " LEFT JOIN segments s ON s.id = a.segment_id WHERE a.start_date = '2019-03-01' ORDER BY p.phone"
        )
    ]


def test_old_xls_roster(township: Database) -> None:
    report = preview_import(township, "chiefs", XLS)
    assert report.ok, report.text()
    assert report.header_rows == {"河长名册": (3, 4)}
    assert [r.text() for r in report.rows] == [
        "第 5 行 王建国 河长\uff08青石河青石村段\uff09\uff1a职务\uff1a镇长 → 村党支部书记\uff1b单位/村\uff08社区\uff09\uff1a白沙镇人民政府 → 青石村",
        "第 6 行 李秋生 河长\uff08白沙河\uff09\uff08新建人员 李秋生\uff09",
        "第 7 行 陈玉兰 巡河员\uff08青石河青石村段\uff09\uff08新建人员 陈玉兰\uff09",
        "第 9 行 赵德胜 民间河长\uff08白沙河\uff09\uff08新建人员 赵德胜\uff09",
    ]
    assert [r.action for r in report.rows] == ["add", "add", "add", "add"]
    assert report.created == {"people": 3, "appointments": 4}
    assert report.updated == {"people": 1}
    assert run_import(township, "chiefs", XLS).written
    assert roster(township) == [
        ("陈玉兰", "村委会委员", "青石村", "0795-7261234", "巡河员", "村级", "青石河", "青石河青石村段", "2019-03-01"),
        ("王建国", "村党支部书记", "青石村", "13807950001", "河长", "村级", "青石河", "青石河青石村段", "2019-03-01"),
        ("李秋生", "村委会主任", "白沙村", "13907950002", "河长", "村级", "白沙河", None, "2019-03-01"),
        ("赵德胜", "村民", "白沙村", "13907950004", "民间河长", "村级", "白沙河", None, "2019-03-01"),
    ]
    again = run_import(township, "chiefs", XLS)
    assert again.counts["same"] == 4 and not again.written
    assert township.scalar("SELECT count(*) FROM people") == 6


ROWS = [
    ["白沙镇河长名册"],
    ["姓名", "职务", "村(社区)", "手机号码", "河长类别", "层级", "所在河流", "河段", "任职时间", "备注"],
    ["张伟", "村支书", "青石村", "13800000001", "河长", "村级", "青石河", "青石村段", "2023-01-01", None],
    ["张伟", "村主任", "白沙村", "13911112222", "村级河长", None, "白沙河", None, "2023-01-01", "换了手机"],
    ["张伟", None, None, None, "巡河员", "村级", "青石河", None, "2024-03-01", None],
    ["刘 洋", "村民", "青石村", "1380013800", "民间河长", "村级", "青石河", None, "2024-03-01", None],
    ["孙丽", "村民", "龙潭村", "13712345678/0795-1234567", "河长(村级)", None, "黑水河", None, "2024-03-01", None],
    ["周强", "副镇长", "白沙镇人民政府", "13712340000", "镇级副总河长", None, None, None, None, None],
    ["周强", "副镇长", "白沙镇人民政府", "13712340000", "镇级副总河长", None, None, None, None, None],
    ["吴刚", "村民", "青石村", "13712340001", "保洁员", "村级", "青石河", None, "2024-02-30", None],
]


def test_messy_roster(township: Database, tmp_path: Path) -> None:
    path = workbook(tmp_path / "名册.xlsx", ROWS)
    before = snapshot(township)
    report = run_import(township, "chiefs", path)
    assert not report.written and snapshot(township) == before
    assert [r.text() for r in report.refused] == [
        "第 5 行 张伟 巡河员\uff08青石河\uff09\uff1a「姓名」\uff08A列\uff09\uff1a有 2 人同名「张伟」\uff1a张伟\uff08青石村\uff0c村支书\uff0c13800000001\uff09、"
        "张伟\uff08白沙村\uff0c村主任\uff0c13911112222\uff09\uff0c无法确定是哪一位",
        "第 6 行 刘洋 民间河长\uff08青石河\uff09\uff1a「手机号码」\uff08D列\uff09\uff1a「1380013800」不是有效的电话号码\uff1a手机号应为 11 位数字\uff0c"
        "固定电话应带区号\uff08如 0795-1234567\uff09",
        "第 7 行 孙丽 河长\uff08黑水河\uff09\uff1a「所在河流」\uff08G列\uff09\uff1a找不到河湖「黑水河」\uff0c请先导入或录入河湖名录",
        "第 8 行 周强 副总河长\uff1a「任职时间」\uff08I列\uff09\uff1a必须填写\uff08表中没有任职日期时\uff0c可为全表指定一个任职日期\uff09",
        "第 9 行 周强 副总河长\uff1a「任职时间」\uff08I列\uff09\uff1a必须填写\uff08表中没有任职日期时\uff0c可为全表指定一个任职日期\uff09",
        "第 10 行 吴刚 保洁员\uff08青石河\uff09\uff1a「任职时间」\uff08I列\uff09\uff1a日期「2024-02-30」不存在\uff08请检查月份和日期\uff09",
    ]
    assert [r.text() for r in report.rows if r.action != "refuse"] == [
        "第 3 行 张伟 河长\uff08青石河青石村段\uff09",
        "第 4 行 张伟 河长\uff08白沙河\uff09\uff1a联系电话\uff1a13900000002 → 13911112222\uff1b备注\uff1a\uff08空\uff09 → 换了手机",
    ]
    # The same sheet, corrected and with a start date for rows that have none.
    fixed = [list(r) for r in ROWS]
    fixed[4][2], fixed[5][3], fixed[6][6], fixed[9][8] = "青石村", "13800138000", "白沙河", "2024-02-29"
    path = workbook(tmp_path / "名册2.xlsx", fixed)
    report = run_import(township, "chiefs", path, start_date=date(2024, 1, 1))
    assert report.written, report.text()
    assert report.counts == {"add": 5, "change": 1, "same": 1, "dup": 1, "refuse": 0}
    assert township.scalar("SELECT count(*) FROM people WHERE name = '张伟'") == 2
    assert township.scalar("SELECT phone FROM people WHERE name = '孙丽'") == "13712345678"
    assert township.scalar("SELECT notes FROM people WHERE name = '孙丽'") == "其他电话\uff1a0795-1234567"
    assert [
        tuple(r)
        for r in township.query(
            "SELECT a.role, a.level, a.river_id, a.start_date FROM appointments a JOIN people p ON p.id = a.person_id"
            " WHERE p.name = '周强'"
        )
    ] == [("副总河长", "乡级", None, "2024-01-01")]
    # Again, with another default start date: the appointment still held is the same one.
    again = run_import(township, "chiefs", path, start_date=date(2024, 5, 1))
    assert again.counts["add"] == 0 and again.counts["refuse"] == 0, again.text()


@pytest.mark.parametrize("role, level", [("镇级河长", "乡级"), ("河长(村级)", "村级"), ("县级河长", "县级")])
def test_level_written_inside_the_role(township: Database, tmp_path: Path, role: str, level: str) -> None:
    path = workbook(
        tmp_path / "r.xlsx",
        [["姓名", "联系电话", "职责", "河湖", "任职日期"], ["钱多", "13700000000", role, "龙潭水库", "2024年1月1日"]],
    )
    assert run_import(township, "chiefs", path).written
    assert township.scalar("SELECT level FROM appointments WHERE role = '河长' AND start_date = '2024-01-01'") == level


def test_an_import_is_undone_as_one_action(township: Database) -> None:
    from hzconsole.store.changelog import undo_last

    def books() -> dict:
        full = snapshot(township)
        return {t: full[t] for t in ("people", "appointments", "rivers", "segments")}

    before = books()
    assert run_import(township, "chiefs", XLS).written
    assert books() != before
    undone = undo_last(township)
    assert {c.actor for c in undone} == {"import:roster-2019.xls"}
    assert books() == before


def test_roster_preview_warns_about_look_alike_people_and_two_chiefs(township: Database, tmp_path: Path) -> None:
    """Issue 12 point 9: duplicates and two chiefs of one level at once are warned about in
    the preview (named by row), and nothing is refused for them."""
    path = workbook(
        tmp_path / "名册.xlsx",
        [
            ["姓名", "职务", "单位", "手机号码", "河长类别", "层级", "所在河流", "河段", "任职时间", "离任日期"],
            # 2: 张伟 again with a third phone and another unit: a new person, or one of the two?
            ["张伟", "村民", "龙潭村", "13700000009", "民间河长", "村级", "白沙河", None, "2024-01-01", None],
            # 3: 王建国's phone under another name.
            ["李四", "村民", "白沙村", "13807950001", "民间河长", "村级", "白沙河", None, "2024-01-01", None],
            # 4 and 5: one name, two phones, both new.
            ["赵六", "村民", None, "13711110000", "巡河员", "村级", "白沙河", None, "2024-01-01", None],
            ["赵六", "村民", None, "13711110001", "巡河员", "村级", "白沙河", None, "2024-02-01", None],
            # 6: a second 乡级河长 of 青石河 while 王建国 (stored, since 2023) still holds it.
            ["陈红", "副镇长", "白沙镇人民政府", "13600000001", "河长", "乡级", "青石河", None, "2024-03-01", None],
            # 7 and 8: a handover on one day is no overlap.
            ["马林", "村民", "龙潭村", "13600000002", "河长", "村级", "龙潭水库", None, "2023-01-01", "2024-01-01"],
            ["钱七", "村民", "龙潭村", "13600000003", "河长", "村级", "龙潭水库", None, "2024-01-01", None],
        ],
    )
    report = preview_import(township, "chiefs", path)
    assert report.ok and not report.refused, report.text()
    assert report.counts["add"] == 7
    text = report.text()
    warnings = report.warnings
    assert len(warnings) == 5, warnings
    same_name = [w for w in warnings if w.startswith("第 2 行 张伟")]
    assert len(same_name) == 2  # one for each 张伟 already in the file
    assert all("同名但电话不同" in w and "台账中已有" in w for w in same_name)
    same_phone = next(w for w in warnings if w.startswith("第 3 行"))
    assert "王建国" in same_phone and "电话相同但姓名不同" in same_phone
    assert any(w.startswith("第 4 行 赵六") and "与第 5 行的 赵六" in w for w in warnings), warnings
    two = next(w for w in warnings if w.startswith("第 6 行"))
    assert "青石河同时有两名乡级河长" in two and "王建国" in two and "陈红" in two
    assert not any("马林" in w or "钱七" in w for w in warnings)
    assert "请核对\uff085条\uff0c不影响导入\uff09\uff1a" in text and two in text
