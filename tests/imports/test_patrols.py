"""巡河台账 import: a messy monthly sheet as villages keep it."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from hzconsole.cli.imports import hints as cli_hints
from hzconsole.imports import preview_import, run_import
from hzconsole.store.changelog import recent
from hzconsole.store.database import Database, open_database
from hzconsole.tui.screens.import_file import hints as console_hints

from .conftest import digest, snapshot, workbook

TITLE = ["白沙镇2024年6月河长巡河记录表"]
HEAD1 = [
    "序号",
    "巡河日期",
    "河长姓名",
    "单位",
    "巡查河湖",
    "巡河时间",
    None,
    "巡河里程(米)",
    "巡查情况",
    "是否现场处理",
    "天气",
]
HEAD2 = [None, None, None, None, None, "开始", "结束"]
MERGES = ["A1:K1", "F3:G3", *(f"{c}3:{c}4" for c in "ABCDEHIJK")]
GOOD = [
    [1, "2024.6.3", "王建国", None, "青石河", "08:30", "09:10", 1500, "河面整洁", "是", "晴"],
    [2, "6月17日", "张伟", "青石村", "青石村段", "14:00", "15:00", 800, "发现垃圾,已清理", "是", "阴"],
    [3, 45474, "张 伟", "白沙村", "白沙河", time(9, 0), "9点40", "1.2公里", None, "否", None],
]
BAD = [
    [4, "2024-02-30", "王建国", None, "青石河", "08:00", "08:40", 1000, "无异常", "否", None],
    [5, "２０２４年６月２０日", "张伟", None, "龙潭水库", "10:00", "10:30", 500, "无异常", "否", None],
    [6, "2024.6.3", "王建国", None, "青石河", "8:30", "9:10", 1500, "河面整洁", "是", "晴"],
    [7, "2024/6/25", "李四", None, "青石河", "08:00", "09:00", 900, None, None, None],
    [8, "2024-06-28", "王建国", None, "龙潭", "08:00", "09:00", 900, None, None, None],
    [9, datetime(2024, 6, 29), "王建国", None, "青石河", "10:00", "09:00", 900, None, None, None],
]


def sheet(path: Path, rows: list[list]) -> Path:
    body = [
        TITLE,
        ["填报单位:白沙镇河长办", None, None, None, None, None, None, None, "填报日期:2024年7月1日"],
        HEAD1,
        HEAD2,
        list(range(1, 12)),
        *rows[:3],
        [None],
        *rows[3:],
        ["填报人:周晓燕", None, None, "审核人:林建国"],
    ]
    return workbook(path, body, merges=MERGES, title="6月")


EXPECTED = """导入巡河台账\uff1a巡河记录.xlsx
工作表「6月」\uff1a表头在第 3–4 行
  识别的列\uff1aB「巡河日期」、C「河长姓名」→巡河人、D「单位」→单位/村\uff08社区\uff09、E「巡查河湖」→河湖、F「巡河时间/开始」→开始时间、G「巡河时间/结束」→结束时间、H「巡河里程(米)」→巡河里程\uff08公里\uff09\uff08按米换算为公里\uff09、I「巡查情况」、J「是否现场处理」
  未使用的列\uff1aA「序号」、K「天气」
说明\uff1a巡河台账导入\uff1a只新增或更新巡河记录\uff1b巡河人、河湖、河段必须已在名册和名录中\uff0c不会自动新建\uff0c找不到的行被拒绝。
说明\uff1a不带年份的日期按 2024 年理解\uff08取自表格标题\uff09
表中有、文件中还没有的人员\uff081\uff09\uff1a李四
确认这些名称无误后\uff0c可以一并新建\uff08与其他内容一起写入\uff0c或一起不写\uff09。
结论\uff1a有 5 行被拒绝\uff0c本次没有写入任何数据\uff1b请按下面的原因改正表格后重新导入。\uff08新增 3 行\uff0c修改 0 行\uff0c未变化 0 行\uff0c重复 1 行\uff0c拒绝 5 行\uff09
需要核对的名称\uff083\uff09\uff1a
  第 11 行「河长姓名」「张伟」\uff1a有 2 条同名记录\uff1a张伟\uff08青石村\uff0c村支书\uff0c13800000001\uff09、张伟\uff08白沙村\uff0c村主任\uff0c13900000002\uff09\uff1b请在表中增加“单位/村\uff08社区\uff09”或“联系电话”列以区分同名人员
  第 13 行「河长姓名」「李四」\uff1a没有找到
  第 14 行「巡查河湖」「龙潭」\uff1a有 2 条同名记录\uff1a龙潭\uff08山塘\uff0c村级\uff09、龙潭\uff08水库\uff0c村级\uff09
被拒绝的行\uff085\uff09\uff1a
  第 10 行 王建国 青石河 08:00\uff1a「巡河日期」\uff08B列\uff09\uff1a日期「2024-02-30」不存在\uff08请检查月份和日期\uff09
  第 11 行 2024年6月20日 张伟 龙潭水库 10:00\uff1a「河长姓名」\uff08C列\uff09\uff1a有 2 人同名「张伟」\uff1a张伟\uff08青石村\uff0c村支书\uff0c13800000001\uff09、张伟\uff08白沙村\uff0c村主任\uff0c13900000002\uff09\uff0c无法确定是哪一位
  第 13 行 2024年6月25日 李四 青石河 08:00\uff1a「河长姓名」\uff08C列\uff09\uff1a找不到人员「李四」\uff0c请先导入或录入河长名册
  第 14 行 2024年6月28日 王建国 龙潭 08:00\uff1a「巡查河湖」\uff08E列\uff09\uff1a有 2 个河湖都叫「龙潭」\uff1a龙潭\uff08山塘\uff0c村级\uff09、龙潭\uff08水库\uff0c村级\uff09\uff0c请在表中增加“类型”列或写明河段
  第 15 行 2024年6月29日 王建国 青石河 10:00\uff1a「巡河时间/结束」\uff08G列\uff09\uff1a结束时间不能早于开始时间
新增\uff083\uff09\uff1a
  第 6 行 2024年6月3日 王建国 青石河 08:30
  第 7 行 2024年6月17日 张伟 青石村段 14:00
  第 8 行 2024年7月1日 张伟 白沙河 09:00
表内重复\uff0c跳过\uff081\uff09\uff1a
  第 12 行 2024年6月3日 王建国 青石河 08:30\uff1a与第 6 行完全相同"""


def test_messy_sheet_report_is_exact(township: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "巡河记录.xlsx", GOOD + BAD)
    report = preview_import(township, "patrols", path)
    assert report.text() == EXPECTED
    # The hint of the names the file lacks, as each front end words it, before the outcome.
    lines = EXPECTED.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("结论"))
    assert report.text(hints=cli_hints()).splitlines() == [
        *lines[:at],
        "提示\uff1a确认表中的新名称无误后\uff0c导入时加 --add-missing 一并新建",
        *lines[at:],
    ]
    assert report.text(hints=console_hints()).splitlines() == [
        *lines[:at],
        "提示\uff1a确认表中的新名称无误后\uff0c在「文件中没有的」一栏选「表中的新河湖、新人员一并新建」\uff0c再预览",
        *lines[at:],
    ]
    assert not report.ok and report.counts["refuse"] == 5
    assert [(i.column, i.letter) for i in report.refused[0].issues] == [("巡河日期", "B")]


def test_refused_import_changes_nothing(township: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "巡河记录.xlsx", GOOD + BAD)
    db_path = township.path
    before = snapshot(township)
    report = run_import(township, "patrols", path)
    assert not report.written and report.counts["refuse"] == 5
    assert snapshot(township) == before
    township.close()
    # And not a byte of the file, through a fresh open, preview and refused run.
    digest_before = digest(db_path)
    with open_database(db_path) as db:
        assert not run_import(db, "patrols", path).written
    assert digest(db_path) == digest_before


def test_good_rows_import_once(township: Database, tmp_path: Path) -> None:
    path = sheet(tmp_path / "巡河记录.xlsx", [*GOOD, BAD[2]])
    report = run_import(township, "patrols", path)
    assert report.ok and report.written, report.text()
    assert report.counts == {"add": 3, "change": 0, "same": 0, "dup": 1, "refuse": 0}
    rows = [
        dict(r)
        for r in township.query(
            "SELECT p.date, pe.name, r.name AS river, s.name AS seg, p.start_time, p.end_time, p.duration_min,"
            " p.distance_km, p.seen, p.handled_on_spot FROM patrols p JOIN people pe ON pe.id = p.person_id"
            " JOIN rivers r ON r.id = p.river_id LEFT JOIN segments s ON s.id = p.segment_id ORDER BY p.date"
        )
    ]
    assert rows == [
        {
            "date": "2024-06-03",
            "name": "王建国",
            "river": "青石河",
            "seg": None,
            "start_time": "08:30",
            "end_time": "09:10",
            "duration_min": 40,
            "distance_km": 1.5,
            "seen": "河面整洁",
            "handled_on_spot": 1,
        },
        {
            "date": "2024-06-17",
            "name": "张伟",
            "river": "青石河",
            "seg": "青石河青石村段",
            "start_time": "14:00",
            "end_time": "15:00",
            "duration_min": 60,
            "distance_km": 0.8,
            "seen": "发现垃圾,已清理",
            "handled_on_spot": 1,
        },
        {
            "date": "2024-07-01",
            "name": "张伟",
            "river": "白沙河",
            "seg": None,
            "start_time": "09:00",
            "end_time": "09:40",
            "duration_min": 40,
            "distance_km": 1.2,
            "seen": None,
            "handled_on_spot": 0,
        },
    ]
    # The 张伟 of 白沙村 (13900000002), told apart by the 单位 column.
    pid = township.scalar("SELECT person_id FROM patrols WHERE date = '2024-07-01'")
    assert township.scalar("SELECT phone FROM people WHERE id = ?", (pid,)) == "13900000002"
    # Logged as one batch by the import, with its summary in the import log.
    changes = [c for c in recent(township, 50) if c.actor == "import:巡河记录.xlsx"]
    assert sorted(c.table for c in changes) == ["patrols", "patrols", "patrols", "settings"]
    assert len({c.batch for c in changes}) == 1
    log = township.get_setting("import_log")
    assert log[-1]["kind"] == "patrols" and log[-1]["added"] == 3 and log[-1]["created"] == {"patrols": 3}

    again = run_import(township, "patrols", path)
    assert again.counts == {"add": 0, "change": 0, "same": 3, "dup": 1, "refuse": 0}
    assert not again.written
    assert township.scalar("SELECT count(*) FROM patrols") == 3
    assert any("已于" in n for n in again.notes)


def test_changed_cells_update_the_patrol(township: Database, tmp_path: Path) -> None:
    run_import(township, "patrols", sheet(tmp_path / "a.xlsx", GOOD))
    changed = [list(r) for r in GOOD]
    changed[0][8] = "河面有少量漂浮物"
    changed[1][8] = None  # a blank cell never clears what is stored
    report = run_import(township, "patrols", sheet(tmp_path / "b.xlsx", changed))
    assert report.written
    assert [r.text() for r in report.of("change")] == [
        "第 6 行 2024年6月3日 王建国 青石河 08:30\uff1a巡查情况\uff1a河面整洁 → 河面有少量漂浮物"
    ]
    assert township.scalar("SELECT count(*) FROM patrols") == 3
    assert township.scalar("SELECT seen FROM patrols WHERE date = '2024-06-17'") == "发现垃圾,已清理"


def test_one_column_of_date_and_time_range(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "p.xlsx",
        [
            ["巡河人", "河湖", "巡河时间", "时长(小时)"],
            ["王建国", "青石河", "2024-06-03 08:30-09:30", None],
            ["王建国", "青石河", datetime(2024, 6, 4, 7, 45), 1.5],
        ],
    )
    report = run_import(township, "patrols", path)
    assert report.written, report.text()
    got = [
        tuple(r) for r in township.query("SELECT date, start_time, end_time, duration_min FROM patrols ORDER BY date")
    ]
    assert got == [("2024-06-03", "08:30", "09:30", 60), ("2024-06-04", "07:45", None, 90)]


def test_dates_without_a_year_need_one(township: Database, tmp_path: Path) -> None:
    path = workbook(tmp_path / "p.xlsx", [["巡河日期", "巡河人", "河湖"], ["6月3日", "王建国", "青石河"]])
    report = preview_import(township, "patrols", path)
    assert report.refused[0].issues[0].reason.startswith("「6月3日」没有写年份")
    assert preview_import(township, "patrols", path, year=2023).ok
    assert run_import(township, "patrols", path, year=2023).written
    assert township.scalar("SELECT date FROM patrols") == "2023-06-03"
    assert date(2023, 6, 3).isoformat() == "2023-06-03"


def test_missing_columns_are_named_in_chinese_punctuation(township: Database, tmp_path: Path) -> None:
    """Each column the sheet lacks is named with the headers it may go by; the names are
    joined as Chinese text is, with \uff1b (the first version joined them with an ASCII ;)."""
    path = workbook(tmp_path / "巡河记录.xlsx", [["序号", "河长姓名", "天气"], [1, "王建国", "晴"]])
    report = preview_import(township, "patrols", path)
    text = report.text()
    assert not report.ok
    assert "\u300c巡河日期\u300d\uff08可写作\uff1a" in text and "\uff09\uff1b\u300c" in text
    assert ";" not in text
