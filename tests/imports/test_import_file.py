"""import_file: the one entry the CLI and the console share, for ledgers and plans alike."""

from __future__ import annotations

from pathlib import Path

from hzconsole.imports import PLAN, ImportOptions, import_file
from hzconsole.store.database import Database

from .conftest import snapshot, workbook

PLAN_TEXT = """白沙镇2024年河湖长制工作要点

一、持续强化河湖长制
1.落实河长巡河制度。
2.完善河湖名录。
"""


def test_ledger_preview_then_write(township: Database, tmp_path: Path) -> None:
    rows = [["河流名称", "类型", "级别"], ["石门溪", "河流", "村级"]]
    path = workbook(tmp_path / "名录.xlsx", rows)
    before = snapshot(township)
    preview = import_file(township, "rivers", path, write=False, options=ImportOptions(year=2024))
    assert preview.ok and not preview.written
    assert snapshot(township) == before
    report = import_file(township, "rivers", path, write=True)
    assert report.written
    assert township.scalar("SELECT count(*) FROM rivers WHERE name = '石门溪'") == 1


def test_plan_takes_its_title_from_the_options(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "要点.txt"
    path.write_text(PLAN_TEXT, encoding="utf-8")
    options = ImportOptions(year=2024, plan="白沙镇2024年河湖长制工作计划")
    assert not import_file(db, PLAN, path, write=False, options=options).written
    assert db.scalar("SELECT count(*) FROM plans") == 0
    report = import_file(db, PLAN, path, write=True, options=options)
    assert report.written, report.text()
    assert db.scalar("SELECT title FROM plans") == "白沙镇2024年河湖长制工作计划"
    assert db.scalar("SELECT year FROM plans") == 2024
