"""Fixtures for the import tests: a small township in the books, and messy workbooks that
the tests build themselves (title rows, merged two-level headers, synonyms, bad cells)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, people
from hzconsole.store.database import Database

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


@pytest.fixture
def township(db: Database) -> Database:
    """The empty test database with rivers, segments, people and appointments of 白沙镇."""
    qs = rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级", "length_km": 12.5})
    bs = rivers.add(db, {"name": "白沙河", "kind": "河流", "level": "村级"})
    rivers.add(db, {"name": "龙潭水库", "kind": "水库", "level": "乡级"})
    rivers.add(db, {"name": "龙潭", "kind": "山塘", "level": "村级"})
    rivers.add(db, {"name": "龙潭", "kind": "水库", "level": "村级"})
    seg = segments.add(db, {"river_id": qs.id, "name": "青石河青石村段"})
    segments.add(db, {"river_id": qs.id, "name": "青石河白沙村段"})
    wang = people.add(db, {"name": "王建国", "post": "镇长", "unit": "白沙镇人民政府", "phone": "13807950001"})
    z1 = people.add(db, {"name": "张伟", "post": "村支书", "unit": "青石村", "phone": "13800000001"})
    z2 = people.add(db, {"name": "张伟", "post": "村主任", "unit": "白沙村", "phone": "13900000002"})
    start = date(2023, 1, 1)
    appointments.add(
        db, {"person_id": wang.id, "role": "河长", "level": "乡级", "river_id": qs.id, "start_date": start}
    )
    appointments.add(
        db,
        {
            "person_id": z1.id,
            "role": "河长",
            "level": "村级",
            "river_id": qs.id,
            "segment_id": seg.id,
            "start_date": start,
        },
    )
    appointments.add(db, {"person_id": z2.id, "role": "河长", "level": "村级", "river_id": bs.id, "start_date": start})
    return db


def workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Iterable[str] = (),
    title: str = "Sheet1",
    formats: dict[str, str] | None = None,
    extra: dict[str, Sequence[Sequence[Any]]] | None = None,
) -> Path:
    """Write `rows` (None = empty cell) to an .xlsx with the given merged ranges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for name, sheet_rows in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in sheet_rows:
            other.append(list(row))
    wb.save(path)
    return path


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table (change log and settings included)."""
    out = {}
    for (name,) in db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        out[name] = sorted(tuple(r) for r in db.query(f"SELECT * FROM {name}"))
    return out


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
