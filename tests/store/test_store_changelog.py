"""Every change goes to change_log in the same transaction; undo replays a batch backwards."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from hzconsole.books.models import Person
from hzconsole.books.plans import create_plan, outline, plans, sections, tasks
from hzconsole.books.problems import act, events, problems
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import people
from hzconsole.books.settings import load_settings, save_settings
from hzconsole.store.changelog import recent, undo_last
from hzconsole.store.database import Database
from hzconsole.store.errors import NotFoundError, RuleError, StoreError


def _log_count(db: Database) -> int:
    return db.scalar("SELECT count(*) FROM change_log")


def _river(db: Database, name: str = "青石河") -> str:
    return rivers.add(db, {"name": name, "kind": "河流", "level": "乡级"}).id


def test_each_write_is_logged_with_before_and_after(db: Database) -> None:
    rid = _river(db)
    rivers.update(db, rid, {"length_km": "12.5公里"})
    sid = segments.add(db, {"river_id": rid, "name": "青石河上游段"}).id
    segments.delete(db, sid)
    log = recent(db, 10)
    assert [(c.table, c.op) for c in log[:4]] == [
        ("segments", "delete"),
        ("segments", "insert"),
        ("rivers", "update"),
        ("rivers", "insert"),
    ]
    update = log[2]
    assert update.before["length_km"] is None and update.after["length_km"] == 12.5
    assert update.row_id == rid
    assert log[0].before["name"] == "青石河上游段" and log[0].after is None
    # One user action = one batch; every row id is a UUID (v4), log ids too.
    assert len({c.batch for c in log[:4]}) == 4
    for c in log[:4]:
        assert uuid.UUID(c.row_id).version == 4
    for (log_id,) in db.query("SELECT id FROM change_log"):
        assert uuid.UUID(log_id).version == 4


def test_failed_transaction_leaves_neither_row_nor_log(db: Database) -> None:
    rid = _river(db)
    count = _log_count(db)
    with pytest.raises(ZeroDivisionError), db.transaction():
        db.insert("people", {"name": "张三"})
        db.update("rivers", rid, {"notes": "改了"})
        1 / 0  # noqa: B018
    assert people.count(db) == 0
    assert rivers.get(db, rid).notes is None
    assert _log_count(db) == count
    # A constraint failure on the second write rolls back the first as well.
    with pytest.raises(StoreError, match="编号重复"), db.transaction():
        db.insert("signboards", {"number": "QS-001", "river_id": rid, "content_date": "2024-01-01"})
        db.insert("signboards", {"number": "QS-001", "river_id": rid, "content_date": "2024-01-01"})
    assert db.scalar("SELECT count(*) FROM signboards") == 0
    assert _log_count(db) == count


def test_validation_and_rule_failures_write_nothing(db: Database) -> None:
    count = _log_count(db)
    with pytest.raises(NotFoundError):
        segments.add(db, {"river_id": str(uuid.uuid4()), "name": "孤儿段"})
    with pytest.raises(StoreError, match="还被其他记录引用"):
        rid = _river(db)
        segments.add(db, {"river_id": rid, "name": "段"})
        rivers.delete(db, rid)
    assert _log_count(db) == count + 2  # the river and its segment, not the refused delete
    assert rivers.count(db) == 1


def test_nested_action_failing_inside_a_transaction_is_undone_alone(db: Database) -> None:
    """A nested transaction is a savepoint: an error handled by the caller drops only the
    nested writes (and their log entries)."""
    with db.transaction():
        keep = people.add(db, {"name": "李四"})
        with pytest.raises(RuleError), db.transaction():
            people.add(db, {"name": "王五"})
            raise RuleError("不行")
    assert [p.name for p in people.all(db)] == ["李四"]
    logged = [c.row_id for c in recent(db, 5) if c.table == "people"]
    assert logged == [keep.id]


def test_writes_need_a_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError):
        db.insert("people", {"name": "张三"})


def test_undo_insert_update_delete(db: Database) -> None:
    rid = _river(db)
    assert [c.op for c in undo_last(db)] == ["insert"]
    with pytest.raises(NotFoundError):
        rivers.get(db, rid)

    rid = _river(db)
    rivers.update(db, rid, {"name": "青石河(上游)", "catchment_km2": 186})
    undo_last(db)
    river = rivers.get(db, rid)
    assert river.name == "青石河" and river.catchment_km2 is None

    rivers.delete(db, rid)
    undo_last(db)
    assert rivers.get(db, rid).name == "青石河"
    # Undo reverts older actions one by one; undos themselves are not undone.
    undo_last(db)  # the update was undone already: this reverts the second insert
    assert rivers.count(db) == 0
    assert undo_last(db) == []  # only the file's own creation is left: not undoable
    assert db.file_id and db.get_setting("office_name") == "樟树镇河长制办公室"


def test_undo_settings(db: Database) -> None:
    save_settings(db, {"doc_code": "樟河办"})
    save_settings(db, {"doc_code": "樟树河办"})
    undo_last(db)
    assert load_settings(db).doc_code == "樟河办"
    undo_last(db)
    assert db.get_setting("doc_code") is None
    assert load_settings(db).doc_code == "示河办"  # the default again


def test_undo_leaves_the_row_as_it_was_stamp_included(db: Database) -> None:
    """An undone edit restores updated_at too, as an undone delete puts the whole row back:
    after do + undo the file holds what it held before (a merge compares such copies row by
    row), and a draft edited then undone keeps its place in a list ordered by updated_at.
    The undo itself is dated by its own entry in the change log."""
    rid = _river(db)
    save_settings(db, {"doc_code": "樟河办"})
    river = db.get("rivers", rid)
    setting = dict(db.query_one("SELECT * FROM settings WHERE key = 'doc_code'"))
    rivers.update(db, rid, {"name": "青石河(上游)", "notes": "改名"})
    assert db.get("rivers", rid)["updated_at"] > river["updated_at"]  # the clock moves on
    undo_last(db)
    assert db.get("rivers", rid) == river
    save_settings(db, {"doc_code": "樟树河办"})
    undo_last(db)
    assert dict(db.query_one("SELECT * FROM settings WHERE key = 'doc_code'")) == setting
    undo = recent(db, 1)[0]
    assert undo.actor.startswith("undo:") and undo.at > setting["updated_at"]


def test_undo_an_action_of_several_writes(db: Database) -> None:
    rid = _river(db)
    p = problems.add(
        db,
        {
            "number": "WT2024-001",
            "river_id": rid,
            "found_date": "2024-06-01",
            "description": "河岸堆放建筑垃圾",
            "category": "乱堆",
        },
    )
    act(
        db,
        p.id,
        "交办",
        actor="周晓燕",
        on=date(2024, 6, 2),
        changes={"responsible_unit": "青石村", "deadline": "2024-06-30"},
    )
    undo_last(db)
    again = problems.get(db, p.id)
    assert again.status == "待交办" and again.responsible_unit is None
    assert events(db, p.id) == []


def test_delete_logs_rows_removed_by_cascade_and_undo_restores_them(db: Database) -> None:
    rid = _river(db)
    p = problems.add(
        db,
        {
            "number": "WT2024-001",
            "river_id": rid,
            "found_date": "2024-06-01",
            "description": "垃圾",
            "category": "垃圾",
        },
    )
    act(db, p.id, "交办", actor="周晓燕", changes={"responsible_unit": "青石村", "deadline": "2024-06-30"})
    act(db, p.id, "反馈", actor="青石村", opinion="已安排清理")
    problems.delete(db, p.id)
    batch = recent(db, 1)[0].batch
    deleted = [(c.table, c.op) for c in recent(db, 10) if c.batch == batch]
    assert deleted == [("problems", "delete"), ("problem_events", "delete"), ("problem_events", "delete")]
    undo_last(db)
    assert problems.get(db, p.id).status == "整改中"
    assert [e.action for e in events(db, p.id)] == ["交办", "反馈"]

    plan = create_plan(
        db,
        {"year": 2024, "title": "2024年河湖长制工作要点"},
        [
            {
                "title": "强化河长制",
                "tasks": [{"text": "巡河"}],
                "children": [{"title": "会议", "tasks": [{"text": "召开总河长会议"}]}],
            },
            {"title": "保障措施", "tasks": [{"text": "宣传"}]},
        ],
    )
    before = _tree(db, plan.id)
    plans.delete(db, plan.id)
    assert sections.count(db) == tasks.count(db) == 0
    undo_last(db)
    assert _tree(db, plan.id) == before


def _tree(db: Database, plan_id: str) -> list:
    def walk(node) -> list:
        return [
            (node.section.title if node.section else None),
            [t.text for t in node.tasks],
            [walk(c) for c in node.children],
        ]

    return walk(outline(db, plan_id))


def test_change_log_json_is_readable_chinese(db: Database) -> None:
    person = people.add(db, Person(name="张三", phone="138 0000 1234"))
    people.update(db, person.id, {"name": "張三柱", "phone": "138 0000 4321"})
    raw = db.scalar("SELECT after FROM change_log WHERE table_name = 'people' AND op = 'update'")
    assert "张三柱" in raw  # stored normalised and not \\u-escaped
    assert json.loads(raw)["phone"] == "13800004321"


def test_the_log_keeps_changed_fields_and_one_entry_per_run_of_inserts(db: Database) -> None:
    """The compact log: an update keeps the fields it changed, an insert only the id, a run
    of inserts in one action one entry; read back as one change per row all the same."""
    rid = _river(db)
    rivers.update(db, rid, {"length_km": 3.5})
    entry = db.query_one("SELECT before, after FROM change_log WHERE op = 'update'")
    assert set(json.loads(entry["after"])) == {"length_km", "updated_at"}
    assert json.loads(entry["before"])["length_km"] is None
    with db.transaction():
        ids = [db.insert("people", {"name": f"巡河员{n}"}) for n in range(50)]
        db.update("rivers", rid, {"notes": "改了"})
        ids += [db.insert("people", {"name": "李四"})]
    stored = db.query("SELECT op, table_name, after FROM change_log ORDER BY seq DESC LIMIT 3")
    assert [(r["op"], r["table_name"]) for r in stored] == [
        ("insert", "people"),
        ("update", "rivers"),
        ("insert", "people"),
    ]
    assert json.loads(stored[2]["after"]) == ids[:50] and stored[0]["after"] is None
    changes = recent(db, 3)
    assert [c.row_id for c in changes if c.op == "insert"] == list(reversed(ids))
    assert changes[0].after["name"] == "李四"  # named from the row, for the undo prompt
    undo_last(db)
    assert people.count(db) == 0 and rivers.get(db, rid).notes is None and rivers.get(db, rid).length_km == 3.5


def test_a_savepoint_rolled_back_drops_its_pending_inserts(db: Database) -> None:
    with db.transaction():
        keep = db.insert("people", {"name": "李四"})
        with pytest.raises(RuleError), db.transaction():
            db.insert("people", {"name": "王五"})
            raise RuleError("不行")
        db.insert("people", {"name": "赵六"})
    logged = [c.row_id for c in recent(db, 5) if c.table == "people"]
    assert len(logged) == 2 and keep in logged


def test_undo_never_takes_the_demo_apart(demo_db: Database) -> None:
    assert undo_last(demo_db) == []
    assert demo_db.scalar("SELECT count(*) FROM rivers") == 20
    rivers.add(demo_db, {"name": "新河", "level": "村级"})
    assert [c.op for c in undo_last(demo_db)] == ["insert"]
    assert undo_last(demo_db) == []
    assert demo_db.scalar("SELECT count(*) FROM rivers") == 20


def test_undo_never_takes_back_an_issued_number(db: Database) -> None:
    from hzconsole.books.register import cancel, issue, issued_file, keep_file, register

    with db.transaction():
        doc = issue(db, title="关于开展河湖清四乱的通知", kind="通知", on=date(2024, 3, 1))
        keep_file(db, doc.id, b"PK docx")
    with pytest.raises(RuleError) as refused:
        undo_last(db)
    # The clerk is told why and what to do instead: keep it, 作废 if it is not to be used.
    assert doc.doc_number in refused.value.message
    assert "作废" in refused.value.message
    assert register.get(db, doc.id).status == "已发文"
    assert issued_file(db, doc.id) == b"PK docx"
    assert issue(db, title="下一份", kind="通知", on=date(2024, 3, 2)).seq == doc.seq + 1
    # 作废 keeps the number taken; undoing the 作废 itself gives no number back.
    cancel(db, doc.id, "内容有误")
    assert undo_last(db)
    assert register.get(db, doc.id).status == "已发文"
