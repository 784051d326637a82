"""One definition of each figure (issue 12, point 7): who still has to patrol in the period
running today; a week named by its days; what counts towards 应巡; overdue judged as of today
in a year not yet over."""

from __future__ import annotations

from datetime import date

from hzconsole.books.settings import PatrolNorm
from hzconsole.rules.compliance import by_level, compliance, still_to_patrol
from hzconsole.rules.facts import DutyFact, PatrolFact, ProblemFact
from hzconsole.rules.summary import period_summary

D = date
NORMS = [
    PatrolNorm(level="村级", period="week", count=1, min_minutes=10),
    PatrolNorm(level="乡级", period="month", count=4, min_minutes=0),
    PatrolNorm(level="乡级", period="xun", count=1, min_minutes=0),
]


START = D(2024, 1, 1)


def duty(pid: str, level: str, start: date = START, end: date | None = None) -> DutyFact:
    return DutyFact(pid, pid, level, "河长", "r1", None, start, end)


def test_still_to_patrol_this_week_and_this_xun():
    today = D(2024, 11, 20)  # a Wednesday, in 11月中旬
    duties = [duty("甲", "村级"), duty("乙", "村级"), duty("丙", "乡级"), duty("丁", "村级", end=D(2024, 11, 1))]
    patrols = [
        PatrolFact("甲", "r1", D(2024, 11, 18), 30),  # this week: done
        PatrolFact("乙", "r1", D(2024, 11, 17), 30),  # last week: not this one
        PatrolFact("乙", "r1", D(2024, 11, 19), 5),  # this week, too short
        PatrolFact("丙", "r1", D(2024, 11, 12), 30),
    ]  # this 旬: done; month: 1 of 4
    needs = still_to_patrol(duties, patrols, NORMS, today)
    got = [(n.person_id, n.period.kind, n.done, n.required, n.needed) for n in needs]
    assert got == [("乙", "week", 0, 1, 1), ("丙", "month", 1, 4, 3)]  # 丁 has left; soonest first


def test_a_week_reads_as_its_days_and_counted_reaches_required_only_when_met():
    norms = [NORMS[0]]
    patrols = [PatrolFact("甲", "r1", D(2024, 10, d), 30) for d in (1, 2, 3, 15, 22)]
    (row,) = compliance([duty("甲", "村级")], patrols, norms, D(2024, 10, 1), D(2024, 10, 31), as_of=D(2024, 11, 1))
    assert "第" not in row.shortfall_text(drop_year=2024)
    assert row.shortfall_text(drop_year=2024) == "10月7日—13日当周巡0次/应1次"
    assert (row.done, row.required, row.counted) == (5, 4, 3)  # 5 patrols, 3 of 4 weeks met
    (lv,) = [lv for lv in by_level([row]) if lv.level == "村级"]
    assert (lv.counted, lv.required, lv.compliant) == (3, 4, 0)


def test_a_year_not_over_judges_overdue_as_of_today():
    late = ProblemFact("p", "WT-1", "r1", "已交办", D(2024, 3, 1), D(2024, 12, 1), None, None, "巡河发现", "垃圾")
    kwargs = dict(rivers=[], duties=[], boards=[], patrols=[], problems=[late], tasks=[])
    assert period_summary(D(2024, 1, 1), D(2024, 12, 31), **kwargs).problems_overdue == 1  # as of 31 Dec
    assert period_summary(D(2024, 1, 1), D(2024, 12, 31), as_of=D(2024, 11, 20), **kwargs).problems_overdue == 0
