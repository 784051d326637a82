"""`hzconsole import` exit codes and output; cell and header conversions."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from hzconsole.cli import main
from hzconsole.cli.imports import hints as cli_hints
from hzconsole.imports import cells
from hzconsole.imports.headers import find_header, normalize_label, synonyms
from hzconsole.imports.hints import Hint
from hzconsole.imports.workbook import Grid
from hzconsole.store.database import Database
from hzconsole.tui.screens.import_file import hints as console_hints

from .conftest import REFERENCE, digest, workbook


def test_cli_dry_run_then_import(township: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = workbook(tmp_path / "巡河.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", "青石河"]])
    bad = workbook(tmp_path / "坏.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-31", "王建国", "青石河"]])
    path = township.path
    township.close()
    before = digest(path)
    assert main(["import", "patrols", str(good), "--db", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "结论\uff1a预览\uff0c尚未写入\uff1b可以导入。新增 1 行" in out and digest(path) == before
    assert main(["import", "patrols", str(bad), "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "第 2 行 王建国 青石河\uff1a「巡河日期」\uff08A列\uff09\uff1a日期「2024-06-31」不存在" in out
    assert "本次没有写入任何数据" in out and digest(path) == before
    assert main(["import", "patrols", str(good), "--db", str(path)]) == 0
    assert "结论\uff1a已导入。新增 1 行" in capsys.readouterr().out
    assert main(["import", "patrols", str(good), "--db", str(path)]) == 0
    assert "结论\uff1a没有需要导入的新内容" in capsys.readouterr().out
    # What the clerk can add is said in the CLI's own words: its option.
    missing = workbook(tmp_path / "新人.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "黄石生", "青石河"]])
    assert main(["import", "patrols", str(missing), "--db", str(path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "表中有、文件中还没有的人员\uff081\uff09\uff1a黄石生" in out
    assert "提示\uff1a确认表中的新名称无误后\uff0c导入时加 --add-missing 一并新建" in out
    assert main(["import", "rivers", str(tmp_path / "没有.xlsx"), "--db", str(path)]) == 1
    assert "找不到文件" in capsys.readouterr().out
    assert main(["import", "--help"]) == 0
    assert "hzconsole import plan 实施方案.docx --db 台账.db" in capsys.readouterr().out


@pytest.mark.skipif(not (REFERENCE / "zhangshu-2024-plan-notice.txt").exists(), reason="no ../shared/reference")
def test_cli_plan(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    path = db.path
    db.close()
    plan = str(REFERENCE / "zhangshu-2024-plan-notice.txt")
    assert main(["import", "plan", plan, "--db", str(path), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "章节 7 个\uff0c任务 23 项" in out and "…… 另有 21 条" in out
    assert main(["import", "plan", str(REFERENCE / "yangjiang-qa-2017-traditional.txt"), "--db", str(path)]) == 1


@pytest.mark.parametrize(
    "value, year, expected",
    [
        (datetime(2024, 6, 17, 8, 30), None, date(2024, 6, 17)),
        (45460, None, date(2024, 6, 17)),
        (45460.0, None, date(2024, 6, 17)),
        ("45460", None, date(2024, 6, 17)),
        (20240617, None, date(2024, 6, 17)),
        ("2024.6.17", None, date(2024, 6, 17)),
        ("２０２４年６月１７日", None, date(2024, 6, 17)),
        ("二〇二四年六月十七日", None, date(2024, 6, 17)),
        ("2024年6月17日(星期一)", None, date(2024, 6, 17)),
        ("6月17日", 2023, date(2023, 6, 17)),
        (6.17, 2024, date(2024, 6, 17)),
        ("6.1", 2024, date(2024, 6, 1)),
    ],
)
def test_dates(value: object, year: int | None, expected: date) -> None:
    assert cells.to_date(value, year) == expected


@pytest.mark.parametrize(
    "value, message",
    [
        ("2024-02-30", "日期「2024-02-30」不存在"),
        ("6月17日", "没有写年份"),
        (6.17, "没有写年份"),
        (123, "不是有效的日期"),
        (time(8, 30), "是时间\uff0c不是日期"),
    ],
)
def test_bad_dates(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cells.to_date(value, None)


@pytest.mark.parametrize(
    "value, expected",
    [
        (time(8, 5), "08:05"),
        (0.375, "09:00"),
        ("8点半", "8:30"),
        ("下午3:10", "15:10"),
        ("08:30:00", "08:30"),
        (9, "09:00"),
    ],
)
def test_times(value: object, expected: str) -> None:
    assert cells.to_time(value) == expected


def test_phones_and_numbers() -> None:
    assert cells.to_phone(13807950001.0) == ("13807950001", None)
    assert cells.to_phone("13712345678/0795-1234567") == ("13712345678", "0795-1234567")
    assert cells.to_number(1500, 0.001, "里程") == 1.5
    assert cells.to_number("1.2公里", 0.001, "里程") == 1.2
    assert cells.to_number("800米", 1.0, "里程") == 0.8
    assert cells.to_number("1.5小时", 1.0, "分钟数") == 90
    assert cells.as_text(360981001.0) == "360981001"


def test_header_labels_and_levels() -> None:
    assert normalize_label(" 联系\n电话* ") == "联系电话"
    assert normalize_label("流域面积(km²)") == "流域面积(km²)"
    # Full-width brackets, as Chinese Excel sheets type them, match the half-width header.
    assert normalize_label("流域面积\uff08平方公里\uff09") == normalize_label("流域面积(平方公里)")
    syn = synonyms("chiefs")
    assert syn.match("河长姓名") == "name" and syn.match("手机号码") == "phone" and syn.match("所在河流") == "river"
    assert syn.match("姓名(必填)") == "name" and syn.match("聯繫電話") == "phone"
    grid = Grid("表", [["某镇河长名册"], ["姓名", "职务", "手机"], [1, 2, 3], ["张三", "村支书", "13800000000"]])
    match = find_header(grid, syn)
    assert (match.first, match.last, match.title) == (1, 1, "某镇河长名册")


def test_hidden_sheets_are_left_alone(township: Database, tmp_path: Path) -> None:
    import openpyxl

    path = workbook(
        tmp_path / "h.xlsx",
        [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", "青石河"]],
        extra={"下拉选项": [["巡河日期", "巡河人", "河湖"], ["2024-06-04", "王建国", "青石河"]]},
    )
    wb = openpyxl.load_workbook(path)
    wb["下拉选项"].sheet_state = "hidden"
    wb.save(path)
    from hzconsole.imports import preview_import

    report = preview_import(township, "patrols", path)
    assert report.counts["add"] == 1 and report.skipped_sheets == ["「下拉选项」\uff1a隐藏的工作表"]
    # The core names what the clerk can give; each front end says how.
    assert report.all_hints() == [Hint.SHEET]
    assert "提示\uff1a要导入隐藏的工作表\uff0c加 --sheet 工作表名称" in report.text(hints=cli_hints())
    assert "提示\uff1a要导入隐藏的工作表\uff0c请在 WPS 或 Excel 中取消隐藏" in report.text(hints=console_hints())
    assert "--sheet" not in report.text() and "提示" not in report.text()
    assert preview_import(township, "patrols", path, sheet="下拉选项").counts["add"] == 1
