"""Batch entry of paper patrol sheets (F5 on 巡河台账) checks each sheet as of its own date
(issue 12, point 5): a departed chief's old sheets are entered; a sheet outside a term, a
duplicate, a future date and a segment of another river are warned about or refused at
the field, in Chinese."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hzconsole.books.patrols import patrols
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import appointments, people
from hzconsole.store.database import open_database
from hzconsole.store.errors import ValidationError
from hzconsole.tui.screens.patrol_entry import PatrolEntryScreen
from tests.conftest import DEMO_TODAY
from tests.tui.conftest import SIZE, plain, type_text


def _only_chief(db) -> dict:
    """A village chief holding one appointment only, on one river."""
    return dict(
        db.query_one(
            "SELECT a.id AS appt, p.id, p.name, a.river_id FROM appointments a JOIN people p ON p.id = a.person_id"
            " WHERE a.role = '河长' AND a.end_date IS NULL AND a.river_id IS NOT NULL"
            " AND (SELECT count(*) FROM appointments b WHERE b.person_id = p.id) = 1"
            " AND (SELECT count(*) FROM people q WHERE q.name = p.name) = 1 ORDER BY p.name LIMIT 1"
        )
    )


async def _start(app, pilot) -> PatrolEntryScreen:
    await pilot.press("5", "f5")
    await pilot.pause()
    entry = app.screen
    assert isinstance(entry, PatrolEntryScreen)
    return entry


async def _sheet(pilot, day: str, person: str) -> None:
    await type_text(pilot, day)
    await pilot.press("enter")
    await type_text(pilot, person)
    await pilot.press("enter")
    await pilot.pause()


def _new_patrols(path, before: set[str]) -> list:
    with open_database(path, readonly=True) as db:
        return [p for p in patrols.all(db) if p.id not in before]


def _ids(path) -> set[str]:
    with open_database(path, readonly=True) as db:
        return {p.id for p in patrols.all(db)}


async def test_a_departed_chiefs_old_sheet_is_entered(make_app, demo_path):
    with open_database(demo_path) as db:
        chief = _only_chief(db)
        appointments.update(db, chief["appt"], {"end_date": DEMO_TODAY - timedelta(days=5), "end_reason": "工作调整"})
    day = DEMO_TODAY - timedelta(days=10)
    before = _ids(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        entry = await _start(app, pilot)
        await _sheet(pilot, day.isoformat(), chief["name"])
        assert entry.current("person_id") == chief["id"]
        assert entry.current("river_id") == chief["river_id"]  # his river of that day
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 1, plain(entry.query_one("#form-error"))
    assert [(p.person_id, p.date) for p in _new_patrols(demo_path, before)] == [(chief["id"], day)]


async def test_a_sheet_before_the_appointment_warns_then_saves_on_a_second_f2(make_app, demo_path):
    start = DEMO_TODAY - timedelta(days=3)
    with open_database(demo_path) as db:
        river = rivers.all(db)[0]
        person = people.add(db, {"name": "欧阳新任"})
        appointments.add(
            db, {"person_id": person.id, "role": "河长", "level": "村级", "river_id": river.id, "start_date": start}
        )
    before = _ids(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        entry = await _start(app, pilot)
        await _sheet(pilot, (start - timedelta(days=2)).isoformat(), "oyxr")
        assert entry.current("person_id") == person.id  # choosable, marked 不在任
        entry.query_one("#f-river_id").set_value(river.id)
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 0
        assert "不在任" in plain(entry.query_one("#err-person_id"))
        assert "再按 F2" in plain(entry.query_one("#form-error"))
        await pilot.press("f2")  # the clerk has looked: saved as it is
        await pilot.pause()
        assert entry.count == 1
    assert len(_new_patrols(demo_path, before)) == 1


async def test_future_dates_are_refused_and_duplicates_warned(make_app, demo_path):
    with open_database(demo_path) as db:
        chief = _only_chief(db)
    before = _ids(demo_path)
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        entry = await _start(app, pilot)
        await _sheet(pilot, (DEMO_TODAY + timedelta(days=1)).isoformat(), chief["name"])
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 0 and "晚于今天" in plain(entry.query_one("#err-date"))
        entry.query_one("#f-date").value = DEMO_TODAY.isoformat()
        entry.query_one("#f-start_time").value = "08:30"
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 1
        entry.query_one("#f-start_time").value = "08:30"  # the same sheet again
        await pilot.press("f2")
        await pilot.pause()
        assert entry.count == 1 and "重复" in plain(entry.query_one("#err-date"))
    assert len(_new_patrols(demo_path, before)) == 1


async def test_typing_over_the_filled_in_river_replaces_it_and_a_segment_can_be_cleared(make_app, demo_path):
    with open_database(demo_path) as db:
        seg = db.query_one("SELECT s.id, s.river_id, r.name FROM segments s JOIN rivers r ON r.id = s.river_id LIMIT 1")
        chief = _only_chief(db)
        other = next(r for r in rivers.all(db) if r.id != chief["river_id"] and r.id != seg["river_id"])
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        entry = await _start(app, pilot)
        await _sheet(pilot, DEMO_TODAY.isoformat(), chief["name"])
        assert entry.current("river_id") == chief["river_id"]
        assert entry.focused is entry.query_one("#f-river_id").input
        await type_text(pilot, other.name)  # replaces the river filled in
        await pilot.press("enter")
        await pilot.pause()
        assert entry.current("river_id") == other.id
        # a segment chosen for one sheet, then cleared for the next
        entry.query_one("#f-river_id").set_value(seg["river_id"])
        await pilot.pause()
        picker = entry.query_one("#f-segment_id")
        picker.reset_choices()
        picker.set_value(seg["id"])
        picker.focus()
        await pilot.pause()
        await pilot.press("ctrl+u")  # empty the field
        await pilot.press("enter")
        await pilot.pause()
        assert entry.current("segment_id") is None


async def test_patrollers_include_patrol_staff_and_citizen_chiefs(make_app, demo_path):
    with open_database(demo_path, readonly=True) as db:
        staff = db.query(
            "SELECT DISTINCT p.id, a.role FROM appointments a JOIN people p ON p.id = a.person_id"
            " WHERE a.role IN ('巡河员', '民间河长') AND a.end_date IS NULL"
        )
    assert {r["role"] for r in staff} == {"巡河员", "民间河长"}
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        entry = await _start(app, pilot)
        ids = {c.id for c in entry.query_one("#f-person_id").choices()}
        assert {r["id"] for r in staff} <= ids


def test_the_core_refuses_a_segment_of_another_river(demo_path):
    with open_database(demo_path) as db:
        seg = segments.all(db)[0]
        other = next(r for r in rivers.all(db) if r.id != seg.river_id)
        person = people.all(db)[0]
        with pytest.raises(ValidationError) as refused:
            patrols.add(db, {"date": DEMO_TODAY, "person_id": person.id, "river_id": other.id, "segment_id": seg.id})
        assert refused.value.problems[0].field == "segment_id"
        assert "河段" in refused.value.problems[0].message
