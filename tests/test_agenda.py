"""The 首页 agenda: every item is what the rules say, and leads to a record in a listing."""

import re

from hzconsole import figures, listing
from hzconsole.agenda import agenda
from tests.conftest import DEMO_TODAY


def test_agenda_items_match_the_rules_and_find_their_records(demo_db):
    a = agenda(demo_db, DEMO_TODAY)
    assert a.period_label.startswith("2024年第4季度")
    assert [lv.level for lv in a.levels] == ["县级", "乡级", "村级"]
    assert {i.record_id for i in a.overdue} == {o.problem.id for o in figures.overdue_problems(demo_db, DEMO_TODAY)}
    assert {i.record_id for i in a.due_soon} == {p.id for p in figures.problems_due_soon(demo_db, DEMO_TODAY, 7)}
    assert {i.record_id for i in a.stale_boards} == {
        s.board.id for s in figures.stale_signboards(demo_db, DEMO_TODAY) if s.overdue
    }
    assert a.behind and a.overdue and a.tasks_due
    for item in [*a.behind, *a.overdue, *a.due_soon, *a.stale_boards, *a.tasks_due]:
        at = listing.position(demo_db, item.listing, item.record_id, text=item.find, today=DEMO_TODAY)
        assert at is not None, item


def test_the_home_quotes_the_ledgers_count_and_lists_who_still_has_to_patrol(demo_db):
    from hzconsole.rules.periods import period_of

    a = agenda(demo_db, DEMO_TODAY)
    quarter = period_of("quarter", DEMO_TODAY)
    for item in a.behind:
        person = demo_db.scalar("SELECT person_id FROM appointments WHERE id = ?", (item.record_id,))
        in_ledger = demo_db.scalar(
            "SELECT count(*) FROM patrols WHERE person_id = ? AND date BETWEEN ? AND ?",
            (person, quarter.start.isoformat(), DEMO_TODAY.isoformat()),
        )
        assert f"本季度已巡河{in_ledger}次" in item.note, item
        assert not re.search(r"第\d+周", item.note)  # a week by its days, never 第40周
    needs = figures.still_to_patrol(demo_db, DEMO_TODAY)
    assert a.to_patrol and len(a.to_patrol) == len(needs)
    assert all("还差" in i.note and "已巡" in i.note for i in a.to_patrol)
    for item in a.to_patrol:
        assert listing.position(demo_db, item.listing, item.record_id, text=item.find, today=DEMO_TODAY) is not None


def test_a_river_without_a_signboard_is_flagged(demo_db):
    from hzconsole.books.rivers import rivers

    assert agenda(demo_db, DEMO_TODAY).no_board == []  # every demo river has its board
    river = rivers.add(demo_db, {"name": "无牌溪", "kind": "河流", "level": "村级"})
    [item] = agenda(demo_db, DEMO_TODAY).no_board
    assert (item.record_id, item.listing) == (river.id, "rivers") and "公示牌" in item.note
    assert listing.position(demo_db, "rivers", river.id, text=item.find, today=DEMO_TODAY) is not None


def test_the_agenda_counted_in_a_thread_reads_a_connection_of_its_own(demo_db):
    # The console counts the 首页 agenda in a thread: on a read-only connection of its own,
    # never the session's, and with the same result.
    import threading

    out = {}

    def count():
        with demo_db.reader() as reader:
            assert reader.conn is not demo_db.conn and reader.readonly
            out["a"] = agenda(reader, DEMO_TODAY)

    t = threading.Thread(target=count)
    t.start()
    t.join()
    assert out["a"] == agenda(demo_db, DEMO_TODAY)
    assert demo_db.conn.execute("SELECT 1").fetchone()[0] == 1  # the session's still open
