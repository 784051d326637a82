"""Paged listings: the fast SQL path and the in-memory index agree, filters by characters and
pinyin initials, sorting, and the index stays right after every kind of write."""

from __future__ import annotations

from datetime import date

import pytest

from hzconsole import listing
from hzconsole.books.patrols import patrols
from hzconsole.books.roster import people
from hzconsole.store.changelog import undo_last
from tests.conftest import DEMO_TODAY


def _all(db, name, **kw):
    total = listing.page(db, name, limit=0, today=DEMO_TODAY, **kw).total
    rows = []
    for offset in range(0, total, 250):
        rows += listing.page(db, name, offset=offset, limit=250, today=DEMO_TODAY, **kw).rows
    return rows


def test_every_listing_pages_with_the_count_of_its_book(demo_db):
    expected = {
        "rivers": "rivers",
        "roster_history": "appointments",
        "people": "people",
        "signboards": "signboards",
        "patrols": "patrols",
        "problems": "problems",
        "tasks": "tasks",
        "register": "documents",
    }
    for name, table in expected.items():
        page = listing.page(demo_db, name, limit=7, today=DEMO_TODAY)
        assert page.total == demo_db.scalar(f"SELECT count(*) FROM {table}"), name
        assert len(page.rows) == min(7, page.total)
        lst = listing.LISTINGS[name]
        for row in page.rows:
            assert len(row.cells(lst)) == len(lst.columns)


def test_fast_path_and_index_give_the_same_order(demo_db):
    fast = _all(demo_db, "patrols")
    # descending=False with a no-op filter token forces the index path over the same order
    indexed = listing.page(demo_db, "patrols", text=" ", limit=10**6, today=DEMO_TODAY).rows
    assert [r.id for r in fast] == [r.id for r in indexed]
    dates = [r.values[0] for r in fast]
    assert dates == sorted(dates, reverse=True)


def test_filter_by_pinyin_initials_and_characters(demo_db):
    person = people.add(demo_db, {"name": "张三柱", "post": "村委会委员", "unit": "青石村"})
    river_id = demo_db.scalar("SELECT id FROM rivers WHERE name = '青石河'")
    patrols.add(demo_db, {"date": "2024-11-18", "person_id": person.id, "river_id": river_id, "seen": "河面整洁"})
    for text in ("zsz", "张三", "ZSZ", "張三柱", "zsz 2024-11-18"):
        rows = listing.page(demo_db, "patrols", text=text, today=DEMO_TODAY).rows
        assert [r.values[1] for r in rows] == ["张三柱"], text
    assert listing.page(demo_db, "patrols", text="zsz 2023", today=DEMO_TODAY).total == 0
    people_rows = listing.page(demo_db, "people", text="zsz", today=DEMO_TODAY).rows
    assert [r.id for r in people_rows] == [person.id]


def test_narrowing_filter_matches_a_fresh_filter(demo_db):
    listing.page(demo_db, "patrols", text="q", today=DEMO_TODAY)
    narrowed = _all(demo_db, "patrols", text="qsh")
    listing._indexes.clear()
    fresh = _all(demo_db, "patrols", text="qsh")
    assert narrowed and [r.id for r in narrowed] == [r.id for r in fresh]
    assert all("青石河" in r.values[2] or "qsh" in "".join(map(str, r.values)) for r in fresh)


@pytest.mark.parametrize("column", ["person", "minutes", "date"])
def test_sort_any_column_both_ways_blanks_last(demo_db, column):
    lst = listing.LISTINGS["patrols"]
    at = lst.column_index(column)
    for desc in (False, True):
        rows = _all(demo_db, "patrols", sort=column, descending=desc)
        present = [r.values[at] for r in rows if r.values[at] not in (None, "")]
        blanks = [r for r in rows if r.values[at] in (None, "")]
        assert rows[len(present) :] == blanks
        if column != "person":  # names sort by pinyin, checked below
            assert present == sorted(present, reverse=desc)
    names = [r.values[1] for r in _all(demo_db, "patrols", sort="person")]
    from pypinyin import lazy_pinyin

    keys = [" ".join(lazy_pinyin(n)) for n in names]
    assert keys == sorted(keys)


def test_index_follows_writes_and_undo(demo_db):
    text = "钱塘江边"
    assert listing.page(demo_db, "rivers", text=text, today=DEMO_TODAY).total == 0
    from hzconsole.books.rivers import rivers

    river = rivers.add(demo_db, {"name": "钱塘江边渠", "kind": "渠道", "level": "村级"})
    assert [r.id for r in listing.page(demo_db, "rivers", text="qtjbq", today=DEMO_TODAY).rows] == [river.id]
    rivers.update(demo_db, river.id, {"name": "钱塘新渠"})
    assert listing.page(demo_db, "rivers", text=text, today=DEMO_TODAY).total == 0
    assert listing.page(demo_db, "rivers", text="qtxq", today=DEMO_TODAY).total == 1
    undo_last(demo_db)
    assert listing.page(demo_db, "rivers", text="qtjbq", today=DEMO_TODAY).total == 1
    rivers.delete(demo_db, river.id)
    assert listing.page(demo_db, "rivers", text="qtjbq", today=DEMO_TODAY).total == 0


def test_a_name_change_reaches_the_listings_that_show_it(demo_db):
    row = listing.page(demo_db, "patrols", limit=1, today=DEMO_TODAY).rows[0]
    listing.page(demo_db, "patrols", text=row.values[1], today=DEMO_TODAY)  # build the index
    person_id = demo_db.scalar("SELECT person_id FROM patrols WHERE id = ?", (row.id,))
    people.update(demo_db, person_id, {"name": "欧阳改名"})
    found = listing.page(demo_db, "patrols", text="oygm", today=DEMO_TODAY)
    assert found.total == demo_db.scalar("SELECT count(*) FROM patrols WHERE person_id = ?", (person_id,))


def test_position_finds_a_record_in_the_sorted_filtered_order(demo_db):
    rows = _all(demo_db, "problems", sort="deadline", descending=True)
    target = rows[17]
    assert listing.position(demo_db, "problems", target.id, sort="deadline", descending=True, today=DEMO_TODAY) == 17
    assert listing.position(demo_db, "problems", target.id, text="no-such-thing", today=DEMO_TODAY) is None


def test_derived_columns_come_from_the_rules(demo_db):
    from hzconsole import figures

    overdue = {o.problem.id for o in figures.overdue_problems(demo_db, DEMO_TODAY)}
    at = listing.LISTINGS["problems"].column_index("overdue")
    rows = _all(demo_db, "problems")
    assert overdue and {r.id for r in rows if r.values[at]} == overdue
    stale = {s.board.id for s in figures.stale_signboards(demo_db, DEMO_TODAY)}
    at = listing.LISTINGS["signboards"].column_index("stale")
    assert {r.id for r in _all(demo_db, "signboards") if r.values[at]} == stale


def test_current_roster_hides_ended_appointments(demo_db):
    current = {r.id for r in _all(demo_db, "roster")}
    ended = {
        r["id"]
        for r in demo_db.query(
            "SELECT id FROM appointments WHERE end_date IS NOT NULL AND end_date <= ?",
            (DEMO_TODAY.isoformat(),),
        )
    }
    assert ended and not current & ended
    assert len(current) + len(ended) == demo_db.scalar("SELECT count(*) FROM appointments")
    later = listing.page(demo_db, "roster", limit=0, today=date(2000, 1, 1)).total
    assert later == 0


def test_ready_says_whether_a_filter_would_wait(demo_db):
    listing._indexes.clear()
    assert not listing.ready(demo_db, "patrols", DEMO_TODAY)
    listing.warm(demo_db, "patrols", DEMO_TODAY)
    assert listing.ready(demo_db, "patrols", DEMO_TODAY)
    from hzconsole.books.rivers import rivers

    rivers.add(demo_db, {"name": "新开渠", "kind": "渠道", "level": "村级"})
    assert not listing.ready(demo_db, "patrols", DEMO_TODAY)  # the log moved: checked again
    import threading

    holding, release = threading.Event(), threading.Event()

    def builder() -> None:  # another thread in the middle of a build
        with listing._lock:
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=builder)
    thread.start()
    holding.wait(5)
    try:
        assert not listing.ready(demo_db, "rivers", DEMO_TODAY)
        assert not listing.wait_idle(timeout=0.01)
    finally:
        release.set()
        thread.join()
    assert listing.wait_idle(timeout=1)


def test_position_in_natural_order_of_a_large_book_needs_no_index(demo_db):
    rows = _all(demo_db, "patrols")
    listing._indexes.clear()
    for at in (0, 1, 17, len(rows) - 1):
        assert listing.position(demo_db, "patrols", rows[at].id, today=DEMO_TODAY) == at
    assert not listing._indexes.get(demo_db)  # answered in SQL
    assert listing.position(demo_db, "patrols", "no-such-id", today=DEMO_TODAY) is None


def test_a_file_gone_bad_under_an_open_listing_is_a_chinese_error(demo_path):
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import StoreError

    with open_database(demo_path, readonly=True) as db:
        listing.page(db, "patrols", limit=5, today=DEMO_TODAY)
        with open(demo_path, "r+b") as fh:  # the stick's copy damaged while open
            fh.seek(4096)
            fh.write(b"\xff" * 4096 * 40)
        db.conn.execute("PRAGMA cache_size = 0")
        with pytest.raises(StoreError) as caught:
            for offset in range(0, 3000, 100):
                listing.page(db, "patrols", offset=offset, limit=100, today=DEMO_TODAY)
            listing._indexes.clear()
            listing.page(db, "patrols", text="x", today=DEMO_TODAY)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)
