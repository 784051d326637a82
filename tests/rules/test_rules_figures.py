"""Overdue and due problems, stale signboards, and a year's summary figures: exact numbers
on small hand-built data (facts, and a real file read through hzconsole.figures)."""

from __future__ import annotations

from datetime import date

import pytest

from hzconsole import figures
from hzconsole.books.plans import create_plan, tasks
from hzconsole.books.problems import problems
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import appointments, people
from hzconsole.books.settings import save_settings
from hzconsole.books.signboards import signboards
from hzconsole.rules.boards import stale_boards
from hzconsole.rules.facts import BoardFact, DutyFact, ProblemFact
from hzconsole.rules.periods import year_range
from hzconsole.rules.problems import due_soon, is_overdue, overdue
from hzconsole.store.database import Database

D = date


def problem(
    number: str,
    status: str,
    found: date,
    deadline: date | None = None,
    fixed: date | None = None,
    closed: date | None = None,
) -> ProblemFact:
    return ProblemFact(number, number, "R1", status, found, deadline, fixed, closed, "巡河发现", "垃圾")


def test_overdue_problems() -> None:
    open_ = problem("WT-1", "整改中", D(2024, 6, 1), deadline=D(2024, 6, 10))
    late_fix = problem("WT-2", "已整改", D(2024, 6, 1), deadline=D(2024, 6, 10), fixed=D(2024, 6, 12))
    no_deadline = problem("WT-3", "已交办", D(2024, 6, 1))
    future = problem("WT-4", "已交办", D(2024, 7, 1), deadline=D(2024, 6, 5))
    closed = problem("WT-5", "已销号", D(2024, 5, 1), deadline=D(2024, 5, 10), closed=D(2024, 5, 8))
    assigned = problem("WT-6", "已交办", D(2024, 5, 1), deadline=D(2024, 5, 20))
    everything = [open_, late_fix, no_deadline, future, closed, assigned]
    assert not is_overdue(open_, D(2024, 6, 10))  # the deadline day itself is not late
    assert is_overdue(open_, D(2024, 6, 11))
    # As of a past day, a problem fixed later still counted as open then.
    assert is_overdue(late_fix, D(2024, 6, 11)) and not is_overdue(late_fix, D(2024, 6, 12))
    assert [(o.problem.number, o.days) for o in overdue(everything, D(2024, 6, 11))] == [
        ("WT-6", 22),
        ("WT-1", 1),
        ("WT-2", 1),
    ]
    assert [(o.problem.number, o.days) for o in overdue(everything, D(2024, 6, 30))] == [("WT-6", 41), ("WT-1", 20)]


def test_problems_due_soon() -> None:
    facts = [
        problem("A", "已交办", D(2024, 6, 1), deadline=D(2024, 6, 10)),
        problem("B", "整改中", D(2024, 6, 1), deadline=D(2024, 6, 17)),
        problem("C", "整改中", D(2024, 6, 1), deadline=D(2024, 6, 18)),
        problem("D", "已整改", D(2024, 6, 1), deadline=D(2024, 6, 12), fixed=D(2024, 6, 9)),
        problem("E", "整改中", D(2024, 6, 1), deadline=D(2024, 6, 9)),
        problem("F", "已交办", D(2024, 6, 1)),
    ]
    assert [p.number for p in due_soon(facts, D(2024, 6, 10))] == ["A", "B"]
    assert [p.number for p in due_soon(facts, D(2024, 6, 10), days=8)] == ["A", "B", "C"]


def board(number: str, river: str, segment: str | None, content: date) -> BoardFact:
    return BoardFact(number, number, river, segment, content, "完好")


def chief(
    person: str,
    river: str,
    segment: str | None,
    start: date,
    end: date | None = None,
    role: str = "河长",
    level: str = "村级",
) -> DutyFact:
    return DutyFact(person, person, level, role, river, segment, start, end)


def test_stale_boards_segment_and_river_level() -> None:
    boards = [
        board("QS-1", "R", None, D(2024, 1, 1)),  # river-level board: any change on the river
        board("QS-2", "R", "S1", D(2024, 1, 1)),  # segment S1: S1's and the river's chiefs
        board("QS-3", "R", "S2", D(2024, 3, 1)),  # re-printed after S1's change
        board("QS-4", "R2", None, D(2024, 1, 1)),  # another river: no change
    ]
    duties = [
        chief("总", "R", None, D(2020, 1, 1), level="乡级"),
        chief("甲", "R", "S1", D(2020, 1, 1), D(2024, 2, 1)),
        chief("乙", "R", "S1", D(2024, 2, 1)),
        chief("丙", "R", "S2", D(2020, 1, 1), D(2024, 3, 10)),
        chief("丁", "R", "S2", D(2024, 3, 10)),
        chief("巡", "R2", None, D(2024, 2, 1), role="巡河员"),  # not on a board
        chief("将来", "R2", None, D(2024, 4, 1), level="乡级"),  # after today
        chief("戊", "R2", None, D(2020, 1, 1), D(2024, 4, 1)),
    ]
    stale = stale_boards(boards, duties, D(2024, 3, 20), limit_days=30)
    assert [(s.board.number, s.since, s.days, s.overdue) for s in stale] == [
        ("QS-1", D(2024, 2, 1), 48, True),
        ("QS-2", D(2024, 2, 1), 48, True),
        ("QS-3", D(2024, 3, 10), 10, False),
    ]
    # A river-level change reaches every board of the river, a segment's only its own.
    later = stale_boards(
        boards, [*duties, chief("新总", "R", None, D(2024, 3, 15), level="乡级")], D(2024, 3, 20), limit_days=5
    )
    assert [(s.board.number, s.since, s.overdue) for s in later] == [
        ("QS-1", D(2024, 2, 1), True),
        ("QS-2", D(2024, 2, 1), True),
        ("QS-3", D(2024, 3, 10), True),
    ]
    assert [s.board.number for s in stale_boards(boards, duties, D(2024, 4, 2), 30)] == ["QS-1", "QS-2", "QS-3", "QS-4"]


# -- a year's summary from a real file ------------------------------------------------------


@pytest.fixture
def small(db: Database) -> Database:
    """Four waters, six people, three boards, eight patrols, seven problems, four tasks."""
    r = {}
    for key, name, kind, level, area, length in [
        ("R1", "青石河", "河流", "县级", 186, 32.5),
        ("R2", "白沙河", "河流", "乡级", 50, 18.2),
        ("R3", "龙潭水库", "水库", "乡级", 12.6, None),
        ("R4", "荷塘", "山塘", "村级", None, None),
    ]:
        r[key] = rivers.add(
            db, {"name": name, "kind": kind, "level": level, "catchment_km2": area, "length_km": length}
        ).id
    p = {name: people.add(db, {"name": name}).id for name in "ABCDEF"}
    for person, role, level, river, start, end in [
        ("A", "河长", "县级", "R1", "2023-01-01", None),
        ("A", "副河长", "乡级", "R2", "2023-01-01", None),
        ("B", "总河长", "乡级", None, "2023-01-01", None),
        ("B", "河长", "乡级", "R2", "2023-01-01", None),
        ("C", "河长", "乡级", "R3", "2023-01-01", "2024-06-01"),
        ("D", "河长", "乡级", "R3", "2024-06-01", None),
        ("E", "河长", "村级", "R4", "2023-01-01", None),
        ("F", "巡河员", "村级", "R4", "2023-01-01", None),
    ]:
        appointments.add(
            db,
            {
                "person_id": p[person],
                "role": role,
                "level": level,
                "river_id": r[river] if river else None,
                "start_date": start,
                "end_date": end,
            },
        )
    for number, river, content, condition in [
        ("QS-1", "R1", "2024-01-01", "完好"),
        ("QS-2", "R3", "2024-01-01", "损坏"),
        ("QS-3", "R4", "2024-03-01", "缺失"),
    ]:
        signboards.add(db, {"number": number, "river_id": r[river], "content_date": content, "condition": condition})
    for person, river, day, minutes, km in [
        ("A", "R1", "2024-03-05", 60, 2.0),
        ("A", "R2", "2024-04-05", 30, 1.0),
        ("B", "R3", "2024-02-01", None, 1.5),
        ("C", "R3", "2024-05-20", 45, 2.5),
        ("C", "R3", "2024-07-01", 30, 1.2),
        ("E", "R4", "2024-08-08", 15, 0.5),
        ("F", "R4", "2024-09-09", 20, 0.8),
        ("E", "R4", "2023-12-31", 30, 9.0),
    ]:
        db_patrol = {
            "date": day,
            "person_id": p[person],
            "river_id": r[river],
            "duration_min": minutes,
            "distance_km": km,
        }
        from hzconsole.books.patrols import patrols

        patrols.add(db, db_patrol)
    for number, status, found, deadline, fixed, closed, source, category in [
        ("P1", "已销号", "2024-02-01", "2024-02-20", "2024-02-10", "2024-02-15", "巡河发现", "垃圾"),
        ("P2", "已整改", "2024-03-01", "2024-04-01", "2024-12-20", None, "群众举报", "乱堆"),
        ("P3", "整改中", "2024-05-01", "2024-06-01", None, None, "上级交办", "乱建"),
        ("P4", "已交办", "2024-11-01", "2025-01-31", None, None, "巡河发现", "排污口"),
        ("P5", "已整改", "2023-10-01", "2023-12-01", "2024-01-15", None, "巡河发现", "垃圾"),
        ("P6", "已销号", "2023-06-01", None, "2023-07-01", "2024-01-05", "暗访督查", "其他"),
        ("P7", "待交办", "2025-01-03", None, None, None, "媒体曝光", "其他"),
    ]:
        problems.add(
            db,
            {
                "number": number,
                "river_id": r["R1"],
                "found_date": found,
                "deadline": deadline,
                "status": status,
                "fixed_date": fixed,
                "closed_date": closed,
                "source": source,
                "category": category,
                "description": "问题",
            },
        )
    plan = create_plan(
        db,
        {"year": 2024, "title": "2024年工作要点"},
        [{"title": "一", "tasks": [{"text": f"任务{i}"} for i in range(1, 5)]}],
    )
    create_plan(db, {"year": 2023, "title": "2023年工作要点"}, [{"title": "一", "tasks": [{"text": "旧任务"}]}])
    rows = tasks.all(db, "plan_id = ?", (plan.id,))
    for task, status, done in zip(
        rows, ["已完成", "已完成", "进行中", "已完成"], ["2024-06-01", "2025-01-10", None, None], strict=True
    ):
        tasks.update(db, task.id, {"status": status, "done_date": done})
    save_settings(db, {"signboard_update_days": 30})
    return db


EXPECTED_2024 = {
    "start": "2024-01-01",
    "end": "2024-12-31",
    "rivers_total": 4,
    "rivers_by_kind": {"河流": 2, "湖泊": 0, "水库": 1, "山塘": 1, "渠道": 0, "小微水体": 0},
    "rivers_by_level": {"县级": 1, "乡级": 2, "村级": 1},
    "rivers_catchment_50": 2,  # 186 and exactly 50
    "rivers_length_km": 50.7,
    "chiefs_total": 4,  # A, B, D, E (A counts at two levels, once in the total; F is a 巡河员)
    "chiefs_by_level": {"县级": 1, "乡级": 3, "村级": 1},
    "appointments_by_role": {
        "总河长": 1,
        "副总河长": 0,
        "河长": 4,
        "副河长": 1,
        "民间河长": 0,
        "河长助理": 0,
        "巡河员": 1,
        "保洁员": 0,
        "警长": 0,
        "检察长": 0,
    },
    "boards_total": 3,
    "boards_by_condition": {"完好": 1, "损坏": 1, "缺失": 1},
    "boards_stale": 1,  # QS-2: R3's chief changed on 2024-06-01
    "patrols_total": 7,
    # A on R1 → 县级; A on R2, B (no duty on R3: highest of his), C → 乡级; C after leaving and
    # F (not a chief) → 其他; E → 村级.
    "patrols_by_level": {"县级": 1, "乡级": 3, "村级": 1, "其他": 2},
    "patrol_km": 9.5,
    "patrol_hours": 3.3,  # 200 minutes
    "problems_found": 4,
    "problems_by_source": {
        "巡河发现": 2,
        "群众举报": 1,
        "上级交办": 1,
        "暗访督查": 0,
        "卫星遥感图斑": 0,
        "媒体曝光": 0,
    },
    "problems_by_category": {
        "乱占": 0,
        "乱采": 0,
        "乱堆": 1,
        "乱建": 1,
        "垃圾": 1,
        "排污口": 1,
        "黑臭水体": 0,
        "非法采砂": 0,
        "非法捕捞": 0,
        "其他": 0,
    },
    "problems_fixed": 3,  # P1, P2, P5 (P6 was fixed in 2023, only closed in 2024)
    "problems_closed": 2,  # P1, P6
    "problems_found_fixed": 2,  # P1, P2
    "problems_overdue": 1,  # P3
    "problems_open": 2,  # P3, P4
    "tasks_total": 4,
    "tasks_done": 2,  # the one done in 2025 is not done by the end of 2024
    "fix_rate": 0.5,
}


def test_year_summary_exact_figures(small: Database) -> None:
    assert figures.summary(small, *year_range(2024)).to_dict() == EXPECTED_2024


def test_half_year_summary(small: Database) -> None:
    s = figures.summary(small, date(2024, 1, 1), date(2024, 6, 30))
    assert (s.patrols_total, s.problems_found, s.problems_fixed, s.problems_found_fixed, s.problems_overdue) == (
        4,
        3,
        2,
        1,
        2,
    )  # P2 and P3 were open and late on 30 June
    assert (s.chiefs_by_level, s.boards_stale, s.tasks_done) == ({"县级": 1, "乡级": 3, "村级": 1}, 1, 2)
    assert round(s.fix_rate, 4) == 0.3333


def test_figures_helpers_on_the_small_file(small: Database) -> None:
    late = figures.overdue_problems(small, date(2024, 12, 31))
    assert [(o.problem.number, o.days) for o in late] == [("P3", 213)]
    assert [p.number for p in figures.problems_due_soon(small, date(2025, 1, 25))] == ["P4"]
    stale = figures.stale_signboards(small, date(2024, 7, 15))
    assert [(s.board.number, s.since, s.days, s.overdue) for s in stale] == [("QS-2", date(2024, 6, 1), 44, True)]
    rows = figures.chief_compliance(small, date(2024, 1, 1), date(2024, 12, 31), as_of=date(2025, 1, 1))
    # B's 总河长 duty is per chief too; C judged only until June, D from June (whole months).
    assert [(r.name, r.level) for r in rows] == [
        ("A", "县级"),
        ("A", "乡级"),
        ("B", "乡级"),
        ("C", "乡级"),
        ("D", "乡级"),
        ("E", "村级"),
    ]
    county = rows[0]
    # Per chief: his patrols as 乡级 chief of R2 count for his county duty as well.
    assert (county.required, county.done, [p.label for p in county.missing]) == (
        4,
        2,
        ["2024年第3季度", "2024年第4季度"],
    )
    c = rows[3]
    assert [p.period.label for p in c.norms[0].periods] == [f"2024年{m}月" for m in range(1, 6)]
    d = rows[4]
    assert [p.period.label for p in d.norms[0].periods] == [f"2024年{m}月" for m in range(6, 13)]
    assert not any(r.compliant for r in rows)


@pytest.mark.parametrize("today", [D(2024, 3, 1), D(2024, 11, 20), D(2025, 6, 30), D(2026, 11, 24)])
def test_the_problems_read_for_the_home_are_all_it_can_list(demo_db: Database, today: date) -> None:
    # The 首页 reads only the problems open on `today` with a deadline by a week from it:
    # the rules give what they give over every problem (and the week is SOON_DAYS).
    from datetime import timedelta

    from hzconsole.agenda import SOON_DAYS

    every = figures.load_problems(demo_db)
    some = figures.load_problems(demo_db, due_by=today + timedelta(days=SOON_DAYS), open_on=today)
    assert len(some) < len(every)
    assert overdue(some, today) == overdue(every, today)
    assert due_soon(some, today, SOON_DAYS) == due_soon(every, today, SOON_DAYS)
    # ... and on the day after the deadline of a problem fixed late: overdue then, fixed since.
    late = [p for p in every if p.deadline and p.fixed and (p.fixed - p.deadline).days >= 2]
    assert late  # the demo has them
    for p in late:
        assert p.deadline is not None
        day = p.deadline + timedelta(days=1)
        some = figures.load_problems(demo_db, due_by=day + timedelta(days=SOON_DAYS), open_on=day)
        assert p in some and p in [o.problem for o in overdue(some, day)]
        assert overdue(some, day) == overdue(every, day)
