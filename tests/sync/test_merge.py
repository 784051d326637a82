"""Two copies of the demo township diverge (imports, forms, workflows on both sides) and are
merged: the union comes in, every kind of conflict is shown and decided, a second merge
changes nothing, and the merge is undone as one action. Real files throughout."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest

from hzconsole.books import register
from hzconsole.books.plans import tasks
from hzconsole.books.problems import act, next_number, problems
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import people
from hzconsole.books.signboards import signboards
from hzconsole.cli import main
from hzconsole.imports import run_import
from hzconsole.store.changelog import undo_last
from hzconsole.store.check import check_file
from hzconsole.store.database import BOOK_TABLES, open_database
from hzconsole.sync.merge import MergeError, apply_merge, plan_merge

from .conftest import workbook

HEAD1 = ["序号", "巡河日期", "河长姓名", "单位", "巡查河湖", "巡河时间", None, "巡河里程（米）", "巡查情况"]
HEAD2 = [None, None, None, None, None, "开始", "结束"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every book row, stamps included, and the ids of the change log."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        out = {}
        for t in BOOK_TABLES:
            cur = conn.execute(f"SELECT * FROM {t}")
            out[t] = sorted((tuple(r) for r in cur.fetchall()), key=repr)
        out["log ids"] = sorted(r[0] for r in conn.execute("SELECT id FROM change_log"))
        return out
    finally:
        conn.close()


def _pick(path: Path) -> dict[str, str]:
    """Records of the demo the two sides work on (read with plain sqlite3)."""
    conn = sqlite3.connect(path)
    one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
    try:
        chief = one(
            "SELECT p.name, r.name FROM appointments a JOIN people p ON p.id = a.person_id"
            " JOIN rivers r ON r.id = a.river_id WHERE a.level = '乡级' AND a.role = '河长'"
            " AND a.end_date IS NULL AND a.segment_id IS NULL"
            " AND (SELECT count(*) FROM people q WHERE q.name = p.name) = 1"
            " AND (SELECT count(*) FROM rivers s WHERE s.name = r.name) = 1 LIMIT 1"
        )
        rivers_ = [r[0] for r in conn.execute("SELECT id FROM rivers ORDER BY name LIMIT 3")]
        waiting = [r[0] for r in conn.execute("SELECT id FROM problems WHERE status = '待交办' ORDER BY number")]
        boards = [r[0] for r in conn.execute("SELECT id FROM signboards ORDER BY number LIMIT 2")]
        person = one("SELECT id FROM people ORDER BY name LIMIT 1")[0]
        task = one("SELECT id FROM tasks ORDER BY seq LIMIT 1")[0]
    finally:
        conn.close()
    return {
        "chief": chief[0],
        "chief_river": chief[1],
        "r1": rivers_[0],
        "r2": rivers_[1],
        "r3": rivers_[2],
        "p1": waiting[0],
        "p2": waiting[1],
        "b1": boards[0],
        "b2": boards[1],
        "person": person,
        "task": task,
    }


@pytest.fixture
def copies(demo_path: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """The office's copy and the station's, diverged on both sides."""
    ours, theirs = tmp_path / "镇河长办" / "台账.db", tmp_path / "水利站 U盘" / "台账.db"
    ours.parent.mkdir()
    theirs.parent.mkdir()
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    ids = _pick(ours)
    on = date(2024, 11, 21)

    with open_database(theirs) as db:  # the station: an import, forms, workflows
        rows = [
            HEAD1,
            HEAD2,
            [1, "2024-11-18", ids["chief"], None, ids["chief_river"], "08:30", "09:10", 1500, "河面整洁"],
            [2, "2024-11-19", ids["chief"], None, ids["chief_river"], "14:00", "15:00", 900, "无异常"],
        ]
        report = run_import(
            db,
            "patrols",
            workbook(theirs.parent / "巡河记录.xlsx", rows, merges=["F1:G1", *(f"{c}1:{c}2" for c in "ABCDEHI")]),
        )
        assert report.written, report.text()
        ids["theirs_problem"] = problems.add(
            db,
            {
                "number": next_number(db, 2024),
                "river_id": ids["r3"],
                "found_date": "2024-11-20",
                "description": "水利站发现河边倾倒垃圾",
                "category": "垃圾",
            },
        ).id
        act(
            db,
            ids["p2"],
            "交办",
            actor="周晓燕",
            on=on,
            changes={"responsible_unit": "青石村", "deadline": "2024-12-10"},
        )
        rivers.update(db, ids["r1"], {"notes": "水利站：河道已清淤"})  # conflict: both change notes
        rivers.update(db, ids["r2"], {"notes": "水利站：新设监测点"})  # one side each: no conflict
        signboards.update(db, ids["b1"], {"condition": "损坏"})  # edited here, deleted there
        tasks.delete(db, ids["task"])  # deleted here, edited there
        ids["theirs_doc"] = register.issue(db, title="关于水利站巡河情况的报告", kind="报告", on=on).id

    with open_database(ours) as db:  # the office: an import, forms and workflows
        rows = [
            HEAD1,
            HEAD2,
            [1, "2024-11-15", ids["chief"], None, ids["chief_river"], "10:00", "10:40", 1200, "镇里补录"],
        ]
        report = run_import(
            db,
            "patrols",
            workbook(ours.parent / "镇巡河记录.xlsx", rows, merges=["F1:G1", *(f"{c}1:{c}2" for c in "ABCDEHI")]),
        )
        assert report.written, report.text()
        ids["ours_patrol"] = db.scalar("SELECT id FROM patrols WHERE seen = '镇里补录'")
        ids["ours_river"] = rivers.add(db, {"name": "新开渠", "kind": "渠道", "level": "村级"}).id
        ids["ours_problem"] = problems.add(
            db,
            {
                "number": next_number(db, 2024),
                "river_id": ids["r3"],
                "found_date": "2024-11-20",
                "description": "镇河长办接群众举报：排污口",
                "category": "排污口",
                "source": "群众举报",
            },
        ).id
        act(
            db,
            ids["p1"],
            "交办",
            actor="周晓燕",
            on=on,
            changes={"responsible_unit": "白沙村", "deadline": "2024-12-05"},
        )
        rivers.update(db, ids["r1"], {"notes": "镇河长办：列入明年整治"})
        rivers.update(db, ids["r2"], {"length_km": 7.5})
        people.update(db, ids["person"], {"phone": "13912345678"})
        signboards.delete(db, ids["b1"])
        tasks.update(db, ids["task"], {"progress": "已完成一半", "status": "进行中"})
        ids["ours_doc"] = register.issue(db, title="关于开展冬季河湖清洁行动的通知", kind="通知", on=on).id
    return ours, theirs, ids


def test_diverged_copies_merge_to_the_union_with_every_conflict_decided(copies) -> None:
    ours, theirs, ids = copies
    theirs_hash = sha(theirs)
    before = dump(ours)
    shutil.copyfile(ours, ours.with_name("pre-merge.db"))
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        plan = plan_merge(db, other)
        kinds = {(c.kind, c.table) for c in plan.conflicts}
        assert kinds == {
            ("edit", "rivers"),
            ("edit_delete", "signboards"),
            ("edit_delete", "tasks"),
            ("doc_number", "documents"),
            ("doc_number", "problems"),
        }
        shown = "\n".join(c.describe() for c in plan.conflicts)
        assert "本文件「镇河长办：列入明年整治」 对方「水利站：河道已清淤」 原来「" in shown
        assert "本文件已删除，对方修改了它" in shown and "对方已删除，本文件修改了它" in shown
        assert "condition" not in shown  # fields by their Chinese names
        # Nothing is decided silently: no decision, no merge, not a byte written.
        with pytest.raises(MergeError, match="没有决定"):
            apply_merge(db, theirs, plan, {})
        assert dump(ours) == before
        number = {(c.kind, c.table): c.number for c in plan.conflicts}
        decisions = {
            number[("edit", "rivers")]: "theirs",
            number[("edit_delete", "signboards")]: "theirs",
            number[("edit_delete", "tasks")]: "ours",
            number[("doc_number", "documents")]: "renumber",
            number[("doc_number", "problems")]: "renumber",
        }
        result = apply_merge(db, theirs, plan, decisions)
        assert result.backup is not None and result.backup.exists()

        # Theirs' import, forms and workflows came in; ours' are kept.
        for table in ("patrols", "problems", "problem_events", "people", "rivers", "documents"):
            theirs_ids = {r[0] for r in other.query(f"SELECT id FROM {table}")}
            ours_ids = {r[0] for r in db.query(f"SELECT id FROM {table}")}
            assert theirs_ids <= ours_ids, table
        assert db.scalar("SELECT count(*) FROM patrols") == other.scalar("SELECT count(*) FROM patrols") + 1
        assert db.scalar("SELECT count(*) FROM patrols WHERE id = ?", (ids["ours_patrol"],)) == 1
        assert len(db.get_setting("import_log")) == len(other.get_setting("import_log")) + 1  # both imports
        assert problems.get(db, ids["theirs_problem"]).description == "水利站发现河边倾倒垃圾"
        assert problems.get(db, ids["ours_problem"]).number != problems.get(db, ids["theirs_problem"]).number
        assert problems.get(db, ids["p1"]).responsible_unit == "白沙村"
        assert problems.get(db, ids["p2"]).status == "已交办"
        assert len(db.query("SELECT id FROM problem_events WHERE problem_id = ?", (ids["p2"],))) >= 1
        assert rivers.get(db, ids["ours_river"]).name == "新开渠"
        # One field each side on one record: both taken.
        r2 = rivers.get(db, ids["r2"])
        assert (r2.length_km, r2.notes) == (7.5, "水利站：新设监测点")
        assert rivers.get(db, ids["r1"]).notes == "水利站：河道已清淤"  # decided: theirs
        assert signboards.get(db, ids["b1"]).condition == "损坏"  # deleted here, theirs' edit taken: back
        assert tasks.get(db, ids["task"]).progress == "已完成一半"  # ours: kept the edited task
        assert people.get(db, ids["person"]).phone == "13912345678"
        docs = {d.id: d for d in register.register.all(db)}
        assert docs[ids["theirs_doc"]].seq == docs[ids["ours_doc"]].seq + 1
        assert docs[ids["theirs_doc"]].doc_number.endswith(f"{docs[ids['theirs_doc']].seq}号")
        # The logs are unioned by id.
        theirs_log = {r[0] for r in other.query("SELECT id FROM change_log")}
        assert theirs_log <= {r[0] for r in db.query("SELECT id FROM change_log")}

        # A second merge finds nothing to do and writes nothing.
        again = plan_merge(db, other)
        assert again.nothing_to_do, (again.actions, again.conflicts)
    assert sha(theirs) == theirs_hash
    assert check_file(ours).healthy, check_file(ours).problems
    after = dump(ours)
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        assert apply_merge(db, theirs, plan_merge(db, other), {}).written == 0
    assert dump(ours) == after

    # Undone as one action: the books as they were before the merge, row for row with their
    # stamps, and theirs' log entries out again (a later merge offers their changes again).
    with open_database(ours) as db:
        undone = undo_last(db)
        assert undone and all(c.actor.startswith("merge:") for c in undone)
    restored, premerge = dump(ours), dump(ours.with_name("pre-merge.db"))
    assert {t: v for t, v in restored.items() if t != "log ids"} == {
        t: v for t, v in premerge.items() if t != "log ids"
    }
    assert set(before["log ids"]) <= set(restored["log ids"])
    assert not (theirs_log - set(before["log ids"])) & set(restored["log ids"])
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        assert len(plan_merge(db, other).conflicts) == 5


def test_cli_dry_run_lists_everything_then_decisions_from_the_command_line(copies, capsys, tmp_path) -> None:
    ours, theirs, _ids = copies
    before, theirs_hash = sha(ours), sha(theirs)
    code = main(["merge", str(ours), str(theirs), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and "试运行" in out and "冲突 5" in out and "新增巡河记录" in out
    assert sha(ours) == before and sha(theirs) == theirs_hash

    code = main(["merge", str(ours), str(theirs), "--take", "1=theirs"])
    captured = capsys.readouterr()
    assert code == 1 and "没有决定" in captured.err and sha(ours) == before

    decisions = tmp_path / "决定.txt"
    decisions.write_text("# 冲突编号 决定\n2 theirs\n3 ours\n", "utf-8")
    code = main(
        [
            "merge",
            str(ours),
            str(theirs),
            "--take",
            "1=theirs",
            "--decisions",
            str(decisions),
            "--take",
            "all=renumber",
            "--yes",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "已合并" in out, out
    code = main(["merge", str(ours), str(theirs)])
    assert code == 0 and "没有需要合并的改动" in capsys.readouterr().out
    assert sha(theirs) == theirs_hash


def test_files_of_two_offices_are_not_merged(demo_path: Path, db, tmp_path: Path) -> None:
    other = db.path
    db.close()
    with (
        open_database(demo_path) as ours,
        open_database(other, readonly=True) as theirs,
        pytest.raises(MergeError, match="不是"),
    ):
        plan_merge(ours, theirs)


def test_conflicts_are_asked_one_by_one_at_a_terminal(copies, capsys, monkeypatch) -> None:
    ours, theirs, ids = copies

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    # Five conflicts in the order shown: rivers, signboards, tasks, then the two numbers; a
    # mistyped answer is asked again.
    monkeypatch.setattr(sys, "stdin", Terminal("theirs\nours\nok\nours\nrenumber\nrenumber\ny\n"))
    code = main(["merge", str(ours), str(theirs)])
    out = capsys.readouterr().out
    assert code == 0 and out.count("请选择") == 6 and "已合并" in out, out
    with open_database(ours) as db:
        assert rivers.get(db, ids["r1"]).notes == "水利站\uff1a河道已清淤"
        assert db.scalar("SELECT count(*) FROM signboards WHERE id = ?", (ids["b1"],)) == 0


def test_a_copy_kept_by_an_older_version_is_merged_through_an_upgraded_temporary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both copies were made by the older program (whole-row log, schema 1); the office's
    was upgraded since, the station's was not: the station's is upgraded in a temporary
    copy (never written itself), its log compacted the same way, and the merge works."""
    from hzconsole.store.database import Database, create_database
    from hzconsole.store.migrations import MIGRATIONS
    from hzconsole.sync.merge import open_for_reading

    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    with monkeypatch.context() as old:
        old.setattr(Database, "_log", lambda self, t, r, op, b, a: self._write_log(t, r, op, b, a))
        with create_database(ours, "白沙镇河长制办公室", migrations=MIGRATIONS[:1]) as db:
            rid = rivers.add(db, {"name": "白沙河", "kind": "河流", "level": "乡级"}).id
            with db.transaction():
                for name in ("张三", "李四", "王五"):
                    db.insert("people", {"name": name})
        shutil.copyfile(ours, theirs)
        with open_database(theirs, migrations=MIGRATIONS[:1]) as db:
            rivers.update(db, rid, {"notes": "水利站补充"})
            theirs_person = people.add(db, {"name": "赵六"}).id
    theirs_hash = sha(theirs)
    with open_database(ours) as db:  # upgraded now
        rivers.update(db, rid, {"length_km": 8.0})
    with open_for_reading(theirs) as other, open_database(ours) as db:
        plan = plan_merge(db, other)
        assert not plan.conflicts
        apply_merge(db, theirs, plan, {})
        river = rivers.get(db, rid)
        assert (river.length_km, river.notes) == (8.0, "水利站补充")
        assert people.get(db, theirs_person).name == "赵六" and people.count(db) == 4
    assert sha(theirs) == theirs_hash


def test_a_record_kept_deleted_leaves_out_theirs_new_records_under_it_and_says_so(
    demo_path: Path, tmp_path: Path
) -> None:
    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    problem = _pick(ours)["p1"]
    with open_database(theirs) as db:
        act(
            db,
            problem,
            "交办",
            actor="周晓燕",
            on=date(2024, 11, 21),
            changes={"responsible_unit": "青石村", "deadline": "2024-12-10"},
        )
    with open_database(ours) as db:
        problems.delete(db, problem)
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        plan = plan_merge(db, other)
        assert [(c.kind, c.table, c.ours_deleted) for c in plan.conflicts] == [("edit_delete", "problems", True)]
        result = apply_merge(db, theirs, plan, {1: "ours"})
        assert db.scalar("SELECT count(*) FROM problems WHERE id = ?", (problem,)) == 0
        assert db.scalar("SELECT count(*) FROM problem_events WHERE problem_id = ?", (problem,)) == 0
        assert any("没有并入" in line for line in result.kept)
    assert check_file(ours).healthy


def test_one_paper_sheet_imported_on_both_sides_is_a_question_not_two_copies(demo_path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    ids = _pick(ours)
    rows = [
        HEAD1,
        HEAD2,
        [1, "2024-11-18", ids["chief"], None, ids["chief_river"], "07:30", "08:10", 1500, "河面整洁"],
        [2, "2024-11-19", ids["chief"], None, ids["chief_river"], "16:00", "17:00", 900, "发现垃圾"],
    ]
    sheet = workbook(tmp_path / "巡河记录.xlsx", rows, merges=["F1:G1", *(f"{c}1:{c}2" for c in "ABCDEHI")])
    for path in (ours, theirs):
        with open_database(path) as db:
            assert run_import(db, "patrols", sheet).written
    with open_database(theirs) as db:
        found_on = db.scalar("SELECT id FROM patrols WHERE date = '2024-11-19' AND start_time = '16:00'")
        found = problems.add(
            db,
            {
                "number": next_number(db, 2024),
                "river_id": ids["r3"],
                "found_date": "2024-11-19",
                "description": "巡河发现垃圾",
                "category": "垃圾",
                "patrol_id": found_on,
            },
        ).id
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        count = db.scalar("SELECT count(*) FROM patrols")
        plan = plan_merge(db, other)
        assert [(c.kind, c.label) for c in plan.conflicts] == [("duplicates", "2 条")]
        assert "两边录入或导入了同一批纸质记录" in plan.conflicts[0].describe()
        apply_merge(db, theirs, plan, {1: "ours"})
        assert db.scalar("SELECT count(*) FROM patrols") == count
        mine = db.scalar("SELECT id FROM patrols WHERE date = '2024-11-19' AND start_time = '16:00'")
        assert problems.get(db, found).patrol_id == mine != found_on
    assert check_file(ours).healthy


def test_taking_theirs_for_a_record_deleted_here_brings_back_what_went_with_it(demo_path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    with open_database(ours) as db:  # a problem with events on both copies
        problem = db.scalar(
            "SELECT problem_id FROM problem_events GROUP BY problem_id HAVING count(*) >= 2 ORDER BY problem_id LIMIT 1"
        )
        status = problems.get(db, problem).status
    shutil.copyfile(ours, theirs)
    with open_database(theirs) as db:
        problems.update(db, problem, {"location": "桥下"})
        events_there = db.scalar("SELECT count(*) FROM problem_events WHERE problem_id = ?", (problem,))
    with open_database(ours) as db:
        problems.delete(db, problem)
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        plan = plan_merge(db, other)
        assert "一起恢复" in plan.conflicts[0].describe()
        apply_merge(db, theirs, plan, {1: "theirs"})
        back = problems.get(db, problem)
        assert (back.location, back.status) == ("桥下", status)
        assert db.scalar("SELECT count(*) FROM problem_events WHERE problem_id = ?", (problem,)) == events_there
    assert check_file(ours).healthy


def test_one_paragraph_written_on_both_sides_is_one_record(demo_path: Path, tmp_path: Path) -> None:
    from hzconsole.books import narratives

    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    for path, text in ((ours, "一是部分河长巡河不规范。"), (theirs, "一是个别问题整改偏慢。")):
        with open_database(path) as db:
            narratives.set_text(db, "summary:2024", "problems", text)
            narratives.set_text(db, "summary:2024", "next_steps", "加强巡河。")
    with open_database(theirs, readonly=True) as other, open_database(ours) as db:
        plan = plan_merge(db, other)
        assert [(c.kind, c.table) for c in plan.conflicts] == [("edit", "narratives")]
        assert not [a for a in plan.actions if a.table == "narratives"]  # the same next_steps: nothing
        apply_merge(db, theirs, plan, {1: "theirs"})
        assert narratives.get_text(db, "summary:2024", "problems") == "一是个别问题整改偏慢。"
        assert db.scalar("SELECT count(*) FROM narratives") == 2


def test_a_record_that_cannot_be_written_stops_the_merge_with_nothing_changed(demo_path: Path, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "镇.db", tmp_path / "站.db"
    shutil.copyfile(demo_path, ours)
    shutil.copyfile(demo_path, theirs)
    for path in (ours, theirs):  # one board number given to two boards
        with open_database(path) as db:
            river = db.scalar("SELECT id FROM rivers ORDER BY name LIMIT 1")
            signboards.add(db, {"number": "QS-999", "river_id": river, "content_date": "2024-11-21"})
    before = dump(ours)
    with (
        open_database(theirs, readonly=True) as other,
        open_database(ours) as db,
        pytest.raises(MergeError, match=r"QS-999.*文件没有改动"),
    ):
        apply_merge(db, theirs, plan_merge(db, other), {})
    assert dump(ours) == before
