"""The column-mapping step (proposals with how sure, --map, remembered per layout), defaults
proposed from the sheet, missing names added on request, refused rows set aside, and the
guards on what a ledger can be."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hzconsole.cli import main
from hzconsole.cli.imports import hints as cli_hints
from hzconsole.imports import ImportOptions, preview_import, run_import
from hzconsole.imports.hints import Hint
from hzconsole.store.database import Database
from hzconsole.tui.screens.import_file import hints as console_hints

from .conftest import snapshot, workbook

COLON = "\uff1a"


def uses(report, sheet: str = "Sheet1") -> dict[str, tuple[str, int, str]]:
    return {c.header: (c.target, c.sure, c.why) for c in report.columns[sheet]}


def test_proposals_by_header_and_content_with_how_sure(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "巡河.xlsx",
        [
            ["日子", "人", "水", "手机", "天气"],
            ["2024-06-03", "王建国", "青石河", "13807950001", "晴"],
            ["2024-06-04", "王建国", "白沙河", "13807950001", "阴"],
        ],
    )
    report = preview_import(township, "patrols", path)
    got = uses(report)
    assert got["人"][0] == "巡河人" and got["人"][2] == "内容是名册中的人员"
    assert got["水"][0] == "河湖" and got["水"][2] == "内容是名录中的河湖"
    assert got["手机"][0] == "联系电话"
    assert got["天气"][0] == ""
    # A date column nobody named is only proposed: dates could be many fields.
    assert got["日子"][0] == "" and "可能是" in report.columns["Sheet1"][0].note
    text = report.text()
    assert "把握" in text and Hint.MAP in report.all_hints()
    assert "--map" not in text and "F5" not in text  # the core's text names no front end's controls
    assert '用 --map "表头=字段" 改正' in report.text(hints=cli_hints())
    assert "按 F5 核对" in report.text(hints=console_hints())
    assert report.fatal  # no 巡河日期 yet
    # The clerk confirms the date column by its header; that mapping is then used.
    report = run_import(township, "patrols", path, maps={"日子": "巡河日期"})
    assert report.written, report.text()
    assert township.scalar("SELECT count(*) FROM patrols") == 2


def test_a_confirmed_mapping_is_remembered_for_the_layout(township: Database, tmp_path: Path) -> None:
    rows = [["巡查日", "巡河人", "河湖", "备注"], ["2024-06-03", "王建国", "青石河", None]]
    first = workbook(tmp_path / "6月.xlsx", rows)
    assert not preview_import(township, "patrols", first).ok  # no date column without help
    assert run_import(township, "patrols", first, maps={"巡查日": "巡河日期"}).written
    second = workbook(tmp_path / "7月.xlsx", [rows[0], ["2024-07-03", "王建国", "青石河", None]])
    report = run_import(township, "patrols", second)
    assert report.written, report.text()
    assert uses(report)["巡查日"] == ("巡河日期", 100, "上次确认")
    # The clerk may still change it: 不导入 leaves the column out (and the sheet unreadable).
    assert not preview_import(township, "patrols", second, maps={"巡查日": "不导入"}).ok


def test_map_errors_are_clear(township: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workbook(tmp_path / "a.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", "青石河"]])
    report = preview_import(township, "patrols", path, maps={"没有这列": "河湖"})
    assert "没有找到" in report.fatal[0] and "巡河日期" in report.fatal[0]
    report = preview_import(township, "patrols", path, maps={"河湖": "不知道"})
    assert "不认识" in report.fatal[0] and "巡河人" in report.fatal[0]
    db_path = township.path
    township.close()
    assert main(["import", "patrols", str(path), "--db", str(db_path), "--map", "河湖"]) == 2


@pytest.mark.parametrize("colon", [":", COLON])
def test_default_proposed_from_the_sheet_date_and_used(township: Database, tmp_path: Path, colon: str) -> None:
    path = workbook(
        tmp_path / "问题.xlsx",
        [
            ["白沙镇问题清单"],
            ["河湖", "问题描述"],
            ["青石河", "岸边垃圾"],
            ["白沙河", "漂浮物"],
            [f"填表人{colon}周晓燕", None, f"填表日期{colon}2024年6月30日"],
        ],
    )
    report = preview_import(township, "problems", path)
    assert report.fatal  # 发现日期 is required: proposed from the form's 填表日期
    assert report.defaults_proposed == {"发现日期": "2024年6月30日"}
    assert "表中没有「发现日期」\uff1a可为全表指定「2024年6月30日」" in report.text()
    assert Hint.DEFAULT in report.all_hints() and '用 --default "字段=值"' in report.text(hints=cli_hints())
    report = preview_import(township, "problems", path, defaults={"发现日期": "2024年6月30日"})
    assert report.ok, report.text()
    # Without the column but with the form's 填表日期 in view, the date is proposed.
    report = preview_import(township, "problems", path, defaults={"问题来源": "巡河发现"}, maps={})
    assert report.fatal
    ok = run_import(township, "problems", path, defaults={"发现日期": "2024年6月30日"})
    assert ok.written and ok.counts["add"] == 2
    assert {r[0] for r in township.query("SELECT found_date FROM problems")} == {"2024-06-30"}


def test_sheet_date_proposal_in_the_report(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "名册.xlsx",
        [["姓名", "职务", "河湖"], ["黄石生", "石门村党支部书记", "青石河"], [f"填报日期{COLON}2024年3月1日"]],
    )
    report = preview_import(township, "chiefs", path)
    assert report.defaults_proposed == {"任职日期": "2024年3月1日"}
    assert "表中没有「任职日期」\uff1a可为全表指定「2024年3月1日」" in report.text()
    assert report.all_hints() == [Hint.DEFAULT, Hint.START_DATE]
    assert run_import(township, "chiefs", path, defaults={**report.defaults_proposed, "层级": "村级"}).written
    assert township.scalar("SELECT unit FROM people WHERE name = '黄石生'") == "石门村"


def test_missing_names_listed_then_added_with_the_rest(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "巡河.xlsx",
        [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "黄石生", "石门溪"], ["2024-06-04", "黄石生", "石门溪"]],
    )
    before = snapshot(township)
    report = run_import(township, "patrols", path)
    assert not report.written and snapshot(township) == before
    assert report.missing == {"人员": ["黄石生"], "河湖": ["石门溪"]} or report.missing == {
        "河湖": ["石门溪"],
        "人员": ["黄石生"],
    }
    assert "确认这些名称无误后\uff0c可以一并新建" in report.text() and report.all_hints() == [Hint.ADD_MISSING]
    assert "提示\uff1a确认表中的新名称无误后\uff0c导入时加 --add-missing 一并新建" in report.text(hints=cli_hints())
    assert "「表中的新河湖、新人员一并新建」" in report.text(hints=console_hints())
    report = run_import(township, "patrols", path, add_missing=True)
    assert report.written, report.text()
    assert township.scalar("SELECT count(*) FROM rivers WHERE name = '石门溪'") == 1
    assert township.scalar("SELECT count(*) FROM people WHERE name = '黄石生'") == 1
    assert township.scalar("SELECT count(*) FROM patrols") == 2


def test_skip_refused_writes_the_rest_and_returns_the_refused(township: Database, tmp_path: Path) -> None:
    rows = [["巡河记录"], ["巡河日期", "巡河人", "河湖"]]
    rows += [[f"2024-06-{d:02d}", "王建国", "青石河"] for d in range(1, 26)]
    rows += [["2024-02-30", "王建国", "青石河"], ["2024-06-27", "王建国", "没有这条河"]]
    rows += [[f"2024-07-{d:02d}", "王建国", "不存在的河"] for d in range(1, 12)]
    path = workbook(tmp_path / "巡河.xlsx", rows)
    report = preview_import(township, "patrols", path)
    assert report.counts["refuse"] == 13 and not report.ok
    text = report.text(limit=5)
    # Grouped by reason: the 12 unknown rivers are one line, whatever their names.
    assert "按原因归类" in text and "12 行" in text
    before = township.scalar("SELECT count(*) FROM patrols")
    report = run_import(township, "patrols", path, options=ImportOptions(skip_refused=True))
    assert report.written and "另存为" in report.summary()
    assert township.scalar("SELECT count(*) FROM patrols") == before + 25
    back = Path(report.refused_file)
    assert back.name == "巡河_未导入的行.xlsx"
    ws = openpyxl.load_workbook(back).active
    assert [c.value for c in ws[2]] == ["巡河日期", "巡河人", "河湖", "未导入原因"]
    assert ws.max_row == 2 + 13 and "不存在" in ws.cell(3, 4).value
    # Fixed by the clerk, the returned workbook imports like any other.
    for r in range(3, ws.max_row + 1):
        ws.cell(r, 3).value = "青石河"
        if ws.cell(r, 1).value == "2024-02-30":
            ws.cell(r, 1).value = "2024-02-28"
    ws.delete_cols(4)
    openpyxl.Workbook.save(ws.parent, back)
    again = run_import(township, "patrols", back)
    assert again.written, again.text()
    assert again.counts["add"] == 13


def test_rows_differing_only_in_columns_not_imported(township: Database, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "巡河.xlsx",
        [
            ["巡河日期", "巡河人", "河湖", "天气"],
            ["2024-06-03", "王建国", "青石河", "晴"],
            ["2024-06-03", "王建国", "青石河", "雨"],
            ["2024-06-03", "王建国", "青石河", "晴"],
        ],
    )
    report = preview_import(township, "patrols", path)
    dup = [r.text() for r in report.rows if r.action == "dup"]
    assert "只有不导入的列不同" in dup[0] and "「天气」" in dup[0]
    assert "完全相同" in dup[1]


def test_a_zip_bomb_is_refused_in_seconds(township: Database, tmp_path: Path) -> None:
    base = workbook(tmp_path / "base.xlsx", [["巡河日期", "巡河人", "河湖"]])
    bomb = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with z.open(info.filename, "w", force_zip64=True) as f:
                f.write(head)
                chunk = b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>' * 16000
                for _ in range(400_000_000 // len(chunk)):
                    f.write(chunk)
                f.write(b"</sheetData>" + tail)
    assert bomb.stat().st_size < 2_000_000
    start = time.perf_counter()
    report = preview_import(township, "patrols", bomb)
    assert time.perf_counter() - start < 5
    assert "不像是一份台账" in report.fatal[0]


def test_skip_refused_keeps_rows_that_need_a_refused_row_out(township: Database, tmp_path: Path) -> None:
    """A person created by a refused row cannot be used by a later row: that row goes back
    to the clerk too, with its reason, instead of failing the whole import."""
    path = workbook(
        tmp_path / "名册.xlsx",
        [
            ["姓名", "联系电话", "职责", "层级", "河湖", "任职日期"],
            ["钱多", "13700000000", "河长", "村级", "没有这条河", "2024年1月1日"],
            ["钱多", "13700000000", "巡河员", "村级", "青石河", "2024年1月1日"],
            ["孙少", "13700000001", "河长", "村级", "青石河", "2024年1月1日"],
        ],
    )
    report = run_import(township, "chiefs", path, skip_refused=True)
    assert report.written, report.text()
    assert report.counts["refuse"] == 2 and report.counts["add"] == 1
    assert township.scalar("SELECT count(*) FROM people WHERE name IN ('钱多', '孙少')") == 1
    back = openpyxl.load_workbook(report.refused_file).active
    assert back.max_row == 3 and back.cell(3, 1).value == "钱多" and "被拒绝" in back.cell(3, 7).value


def test_a_sheet_claiming_the_whole_grid_is_still_read(township: Database, tmp_path: Path) -> None:
    """A stray cell far out (or a <dimension> saying so) must not make the reader allocate
    the whole grid: such a sheet is streamed instead."""
    path = workbook(tmp_path / "巡河.xlsx", [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", "青石河"]])
    patched = tmp_path / "大.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in data
            out.writestr(info, data)
    assert run_import(township, "patrols", patched).written


def test_cli_lists_refusals_by_reason_not_every_row(
    township: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [["巡河日期", "巡河人", "河湖"]] + [[f"2024-06-{d % 28 + 1:02d}", "王建国", f"河{d}"] for d in range(120)]
    path = workbook(tmp_path / "巡河.xlsx", rows)
    db_path = township.path
    township.close()
    assert main(["import", "patrols", str(path), "--db", str(db_path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "按原因归类" in out and "120 行" in out and "另有 70 条" in out
    assert len(out.splitlines()) < 200
    assert main(["import", "patrols", str(path), "--db", str(db_path), "--dry-run", "--limit", "0"]) == 1
    assert "另有" not in capsys.readouterr().out


def test_skip_refused_when_the_refused_rows_cannot_be_saved(
    township: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refused rows' workbook is saved inside the import's transaction: if it cannot be
    (a write-protected stick, the file open in WPS), nothing is imported, and the clerk is told."""
    path = workbook(
        tmp_path / "巡河.xlsx",
        [["巡河日期", "巡河人", "河湖"], ["2024-06-03", "王建国", "青石河"], ["2024-06-04", "王建国", "没有这条河"]],
    )

    def refuse(*_args: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(openpyxl.Workbook, "save", refuse)
    before = snapshot(township)
    with pytest.raises(Exception, match="无法另存为"):
        run_import(township, "patrols", path, skip_refused=True)
    assert snapshot(township) == before
