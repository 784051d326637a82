"""The 首页 agenda: every item is what the rules say, and leads to a record in a listing."""

from hzconsole import figures
from hzconsole.agenda import agenda
from hzconsole.books import listing
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
