"""Our own ledgers and blank templates (issue 3) come back in: a template filled in by a
village imports cleanly, and every ledger of the demo township round-trips into a new file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.imports import preview_import, run_import
from hzconsole.store.database import Database, create_database

ledgers = pytest.importorskip("hzconsole.ledgers")


def fill_template(db: Database, kind: str, path: Path, sheets: dict[str, list[list]]) -> Path:
    """Export the blank template of `kind`, then type rows into it as a village would."""
    ledgers.export_ledger(db, f"template-{kind}", path, today=date(2024, 7, 1))
    wb = openpyxl.load_workbook(path)
    for name, rows in sheets.items():
        ws = wb[name]
        header = next(r for r in range(1, 12) if ws.cell(r, 1).value == "序号")
        # A second header level (开始时间/结束时间 under 巡河时间) takes one more row.
        start = header + (2 if any(ws.cell(header + 1, c).value for c in range(1, 30)) else 1)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                ws.cell(start + i, j + 1, value)
    wb.save(path)
    return path


def test_village_templates_import(township: Database, tmp_path: Path) -> None:
    rivers = fill_template(
        township,
        "rivers",
        tmp_path / "河湖名录填报表.xlsx",
        {
            "河湖名录": [
                [1, "石门溪", None, "河流", "村级", 8.5, 4.2, "石门村后山", "白沙河", "白沙河", "石门村", None]
            ],
            "河段名录": [
                [1, "石门溪", "石门溪上段", "石门村后山", "石门桥", 2.1, "石门村", None],
                [2, "青石河", "青石河石门段", "石门桥", "河口", "1.5", "石门村", None],
            ],
        },
    )
    report = run_import(township, "rivers", rivers)
    assert report.written, report.text()
    assert report.created == {"rivers": 1, "segments": 2}
    parent = township.scalar("SELECT p.name FROM rivers r JOIN rivers p ON p.id = r.parent_id WHERE r.name = '石门溪'")
    assert parent == "白沙河"

    chiefs = fill_template(
        township,
        "chiefs",
        tmp_path / "河长名册填报表.xlsx",
        {
            "河长名册": [
                [
                    1,
                    "黄石生",
                    "村委会主任",
                    "石门村",
                    "13607950011",
                    "河长",
                    "村级",
                    "石门溪",
                    "石门溪上段",
                    date(2024, 3, 1),
                    None,
                ],
                [
                    2,
                    "黄石生",
                    "村委会主任",
                    "石门村",
                    "13607950011",
                    "巡河员",
                    "村级",
                    "青石河",
                    "青石河石门段",
                    "2024.3.1",
                    None,
                ],
            ]
        },
    )
    report = run_import(township, "chiefs", chiefs)
    assert report.written, report.text()
    assert report.created == {"people": 1, "appointments": 2}

    patrols = fill_template(
        township,
        "patrols",
        tmp_path / "巡河台账填报表.xlsx",
        {
            "巡河台账": [
                [1, "2024年6月3日", "黄石生", "石门溪", "石门溪上段", "8:00", "8:45", None, 2.1, "正常", "否", None],
                [2, "2024-06-10", "黄石生", "石门溪", None, "08:00", "08:30", 30, 1, "发现垃圾", "是", None],
            ]
        },
    )
    report = run_import(township, "patrols", patrols)
    assert report.written, report.text()
    assert [tuple(r) for r in township.query("SELECT date, duration_min FROM patrols ORDER BY date")] == [
        ("2024-06-03", 45),
        ("2024-06-10", 30),
    ]

    boards = fill_template(
        township,
        "signboards",
        tmp_path / "公示牌.xlsx",
        {
            "公示牌台账": [
                [
                    1,
                    "BS-001",
                    "石门溪",
                    None,
                    "石门桥头",
                    113.1,
                    28.2,
                    "2024-03-15",
                    None,
                    "12314",
                    "巡河护河",
                    "河面无漂浮物",
                    "完好",
                    None,
                    None,
                ]
            ]
        },
    )
    report = run_import(township, "signboards", boards)
    assert report.written, report.text()
    assert township.scalar("SELECT content_date FROM signboards WHERE number = 'BS-001'") == "2024-03-15"

    problems = fill_template(
        township,
        "problems",
        tmp_path / "问题.xlsx",
        {
            "问题整改台账": [
                [
                    1,
                    None,
                    "石门溪",
                    None,
                    "石门桥下",
                    "2024-06-10",
                    "巡河发现",
                    "垃圾",
                    "桥下堆放生活垃圾",
                    "石门村",
                    "黄石生",
                    "2024-06-20",
                    "组织清理",
                    "已交办",
                    None,
                    None,
                    None,
                ]
            ]
        },
    )
    report = run_import(township, "problems", problems)
    assert report.written, report.text()
    assert township.scalar("SELECT number || status FROM problems") == "WT2024-001已交办"

    tasks = fill_template(
        township,
        "tasks",
        tmp_path / "任务.xlsx",
        {
            "任务清单": [
                [
                    1,
                    "强化河长制",
                    "落实村级河长巡河制度",
                    "镇河长办",
                    "各村",
                    "各村(社区)",
                    "2024-12-31",
                    None,
                    "进行中",
                    None,
                ],
                [
                    2,
                    "水污染防治",
                    "开展入河排污口排查",
                    "镇生态环境办",
                    None,
                    None,
                    "2024-09-30",
                    "已排查 3 处",
                    "已完成",
                    "2024-09-01",
                ],
            ]
        },
    )
    report = run_import(township, "tasks", tasks, plan="白沙镇2024年河湖长制工作要点")
    assert report.written, report.text()
    assert township.scalar("SELECT count(*) FROM plan_sections") == 2
    assert [tuple(r) for r in township.query("SELECT seq, status FROM tasks ORDER BY seq")] == [
        (1, "进行中"),
        (2, "已完成"),
    ]

    for kind, path in (
        ("rivers", rivers),
        ("chiefs", chiefs),
        ("patrols", patrols),
        ("signboards", boards),
        ("problems", problems),
    ):
        again = preview_import(township, kind, path)
        assert again.ok and not again.has_work, (kind, again.text())
    assert not preview_import(township, "tasks", tasks, plan="白沙镇2024年河湖长制工作要点").has_work


def test_demo_ledgers_round_trip(demo_db: Database, tmp_path: Path) -> None:
    target = create_database(tmp_path / "新文件.db", "青石镇河长制办公室")
    today = date(2024, 11, 20)
    files = {}
    for kind, year in (
        ("rivers", None),
        ("chiefs", None),
        ("signboards", None),
        ("patrols", 2023),
        ("problems", None),
        ("tasks", 2024),
    ):
        path = tmp_path / f"{kind}.xlsx"
        ledgers.export_ledger(demo_db, kind, path, year=year, today=today)
        report = run_import(target, kind, path)
        assert report.written and report.ok, report.text(limit=5)
        files[kind] = path

    def rows(db: Database, sql: str) -> list[tuple]:
        # Ledgers print Chinese text with Chinese punctuation (，（）): what comes back is
        # the demo's text in that form.
        return sorted(tuple(fullwidth(v) if isinstance(v, str) else v for v in r) for r in db.query(sql))

    checks = [
        "SELECT name, kind, level, catchment_km2, length_km, villages FROM rivers",
        "SELECT r.name, s.name, s.length_km FROM segments s JOIN rivers r ON r.id = s.river_id",
        "SELECT p.name, p.phone, a.role, a.level, r.name, s.name, a.start_date, a.end_date FROM appointments a"
        " JOIN people p ON p.id = a.person_id LEFT JOIN rivers r ON r.id = a.river_id"
        " LEFT JOIN segments s ON s.id = a.segment_id",
        "SELECT number, location, content_date, condition FROM signboards",
        "SELECT p.date, pe.name, r.name, p.start_time, p.duration_min, p.seen FROM patrols p"
        " JOIN people pe ON pe.id = p.person_id JOIN rivers r ON r.id = p.river_id WHERE p.date < '2024-01-01'",
        "SELECT number, found_date, status, deadline, description FROM problems",
        "SELECT seq, text, lead_units, status FROM tasks",
        "SELECT title, year FROM plans",
        "SELECT title, seq FROM plan_sections",
    ]
    for sql in checks:
        assert rows(target, sql) == rows(demo_db, sql), sql
    # Every ledger again: nothing new.
    for kind, path in files.items():
        assert not preview_import(target, kind, path).has_work, kind
    target.close()


def test_demo_patrol_year_round_trips(demo_db: Database, tmp_path: Path) -> None:
    """A year of the demo's patrols (no chief starts two patrols of one river at the same
    minute) imports into a new file whole, every row as it was."""
    doubles = demo_db.scalar(
        "SELECT count(*) FROM (SELECT 1 FROM patrols GROUP BY date, person_id, river_id,"
        " start_time HAVING count(*) > 1)"
    )
    assert doubles == 0
    target = create_database(tmp_path / "新文件.db", "青石镇河长制办公室")
    for kind in ("rivers", "chiefs"):
        ledgers.export_ledger(demo_db, kind, tmp_path / f"{kind}.xlsx", today=date(2024, 11, 20))
        assert run_import(target, kind, tmp_path / f"{kind}.xlsx").written
    ledgers.export_ledger(demo_db, "patrols", tmp_path / "p.xlsx", year=2024, today=date(2024, 11, 20))
    report = run_import(target, "patrols", tmp_path / "p.xlsx")
    assert report.written and report.ok, report.text(limit=5)
    sql = (
        "SELECT p.date, pe.name, r.name, p.start_time, p.duration_min, p.seen FROM patrols p"
        " JOIN people pe ON pe.id = p.person_id JOIN rivers r ON r.id = p.river_id"
        " WHERE p.date >= '2024-01-01'"
    )

    def rows(db: Database) -> list[tuple]:  # Chinese punctuation as the ledger prints it
        return sorted(tuple(fullwidth(v) if isinstance(v, str) else v for v in r) for r in db.query(sql))

    assert rows(target) == rows(demo_db)
    target.close()
