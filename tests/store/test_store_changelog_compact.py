"""A file whose change log was written whole (every row before and after, as before schema
version 2) is compacted when it is opened, and undo works on what is left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import people
from hzconsole.store.changelog import undo_last
from hzconsole.store.database import Database, create_database, open_database
from hzconsole.store.migrations import MIGRATIONS


def test_an_old_whole_row_log_is_compacted_on_open_and_undo_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "旧版 台账.db"
    # The log as versions before 2 wrote it: one entry per write, whole rows.
    monkeypatch.setattr(Database, "_log", lambda self, t, r, op, b, a: self._write_log(t, r, op, b, a))
    with create_database(path, "樟树镇河长制办公室", migrations=MIGRATIONS[:1]) as db:
        rid = rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"}).id
        rivers.update(db, rid, {"length_km": 12.5, "notes": "主要河流"})
        sid = segments.add(db, {"river_id": rid, "name": "青石河上游段"}).id
        with db.transaction():
            names = ["张三", "李四", "王五"]
            ids = [db.insert("people", {"name": n}) for n in names]
        segments.delete(db, sid)
        whole = db.scalar("SELECT after FROM change_log WHERE op = 'insert' AND table_name = 'rivers'")
        assert json.loads(whole)["name"] == "青石河"
        entries = db.scalar("SELECT count(*) FROM change_log")
    monkeypatch.undo()

    with open_database(path) as db:
        assert db.schema_version == MIGRATIONS[-1].version
        log = {(r["op"], r["table_name"]): r for r in db.query("SELECT * FROM change_log")}
        assert db.scalar("SELECT count(*) FROM change_log") == entries - 2  # three people: one entry
        assert json.loads(log[("insert", "people")]["after"]) == ids
        assert log[("insert", "rivers")]["after"] is None
        update = log[("update", "rivers")]
        assert set(json.loads(update["after"])) == {"length_km", "notes", "updated_at"}
        assert json.loads(update["before"]) == {
            "length_km": None,
            "notes": None,
            "updated_at": json.loads(update["before"])["updated_at"],
        }
        assert json.loads(log[("delete", "segments")]["before"])["name"] == "青石河上游段"

        undo_last(db)  # the delete: the segment back, whole
        assert segments.get(db, sid).name == "青石河上游段"
        undo_last(db)  # the three people
        assert people.count(db) == 0
        undo_last(db)  # the segment's insert
        undo_last(db)  # the update: changed fields back
        river = rivers.get(db, rid)
        assert (river.length_km, river.notes, river.name) == (None, None, "青石河")
