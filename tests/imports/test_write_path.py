"""Imports write through the books: the place rule (a segment lies on its river) and the
roster rule hold, with the books' own messages, for an imported row as for a form."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from hzconsole.books.patrols import patrols
from hzconsole.books.rivers import SEGMENT_NOT_OF_RIVER
from hzconsole.books.roster import NO_TARGET, appointments
from hzconsole.imports import preview_import, run_import
from hzconsole.imports.engine import Op, apply_op
from hzconsole.store.database import Database, new_id
from hzconsole.store.errors import RuleError, ValidationError

from .conftest import snapshot, workbook


def _ids(db: Database) -> tuple[str, str, str, str]:
    qs = db.scalar("SELECT id FROM rivers WHERE name = '青石河'")
    bs = db.scalar("SELECT id FROM rivers WHERE name = '白沙河'")
    seg = db.scalar("SELECT id FROM segments WHERE name = '青石河青石村段'")
    wang = db.scalar("SELECT id FROM people WHERE name = '王建国'")
    return qs, bs, seg, wang


def test_problem_moved_to_another_river_keeps_no_segment_of_the_old_one(township: Database, tmp_path: Path) -> None:
    head = ["问题编号", "所在河湖", "河段", "发现时间", "问题描述"]
    first = workbook(tmp_path / "问题.xlsx", [head, ["WT2024-010", "青石河", "青石村段", "2024-05-06", "河岸堆放垃圾"]])
    assert run_import(township, "problems", first).written
    before = snapshot(township)
    # The same problem, now said to be on 白沙河; the blank 河段 would keep 青石河's segment.
    moved = workbook(tmp_path / "问题2.xlsx", [head, ["WT2024-010", "白沙河", None, "2024-05-06", "河岸堆放垃圾"]])
    report = run_import(township, "problems", moved)
    assert [r.action for r in report.rows] == ["refuse"]
    assert SEGMENT_NOT_OF_RIVER in report.rows[0].text()
    assert snapshot(township) == before


def test_signboard_moved_to_another_river_is_refused(township: Database, tmp_path: Path) -> None:
    head = ["公示牌编号", "所在河流", "河段", "位置", "安装日期", "监督电话", "完好情况"]
    assert run_import(
        township,
        "signboards",
        workbook(
            tmp_path / "牌.xlsx", [head, ["QS-01", "青石河", "青石村段", "青石桥头", "2023.5.1", "12314", "良好"]]
        ),
    ).written
    before = snapshot(township)
    report = run_import(
        township,
        "signboards",
        workbook(tmp_path / "牌2.xlsx", [head, ["QS-01", "白沙河", None, "青石桥头", "2023.5.1", "12314", "良好"]]),
    )
    assert [r.action for r in report.rows] == ["refuse"]
    assert SEGMENT_NOT_OF_RIVER in report.rows[0].text()
    assert snapshot(township) == before


def test_a_patrol_on_another_rivers_segment_is_refused_by_the_book(township: Database, tmp_path: Path) -> None:
    _qs, bs, seg, wang = _ids(township)
    data = {"date": date(2024, 6, 3), "person_id": wang, "river_id": bs, "segment_id": seg}
    with pytest.raises(ValidationError, match=SEGMENT_NOT_OF_RIVER):
        patrols.add(township, data)
    # An import's planned row is written through the same book, whatever its plan said.
    ctx = SimpleNamespace(source_name="巡河.xlsx")  # an insert uses nothing of the import's context
    before = snapshot(township)
    op = Op("insert", "patrols", new_id(), {**data, "date": "2024-06-03", "id": new_id()})
    with pytest.raises(ValidationError, match=SEGMENT_NOT_OF_RIVER), township.transaction():
        apply_op(township, op, ctx)  # type: ignore[arg-type]
    assert snapshot(township) == before


def test_the_roster_rule_has_one_message(township: Database, tmp_path: Path) -> None:
    wang = township.scalar("SELECT id FROM people WHERE name = '王建国'")
    with pytest.raises(RuleError) as book:
        appointments.add(township, {"person_id": wang, "role": "河长", "level": "乡级", "start_date": date(2024, 1, 1)})
    report = preview_import(
        township,
        "chiefs",
        workbook(
            tmp_path / "名册.xlsx",
            [["姓名", "职务", "河长职务", "河长级别", "任职日期"], ["王建国", "镇长", "河长", "乡级", "2024-01-01"]],
        ),
    )
    assert [r.action for r in report.rows] == ["refuse"]
    assert book.value.message == NO_TARGET.format(role="河长")
    assert book.value.message in report.rows[0].text()
