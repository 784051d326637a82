"""Periods and patrol compliance on hand-built facts with exact expected results."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from hzconsole.books.settings import PatrolNorm
from hzconsole.rules.compliance import by_level, compliance
from hzconsole.rules.facts import DutyFact, PatrolFact
from hzconsole.rules.periods import (
    half_range,
    month_range,
    period_of,
    periods_ending_in,
    quarter_range,
    year_range,
)

D = date


# -- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, day, start, end, label",
    [
        ("week", D(2024, 6, 19), D(2024, 6, 17), D(2024, 6, 23), "2024年第25周"),
        ("week", D(2024, 12, 31), D(2024, 12, 30), D(2025, 1, 5), "2025年第1周"),
        ("xun", D(2024, 2, 10), D(2024, 2, 1), D(2024, 2, 10), "2024年2月上旬"),
        ("xun", D(2024, 2, 11), D(2024, 2, 11), D(2024, 2, 20), "2024年2月中旬"),
        ("xun", D(2024, 2, 29), D(2024, 2, 21), D(2024, 2, 29), "2024年2月下旬"),
        ("xun", D(2023, 2, 21), D(2023, 2, 21), D(2023, 2, 28), "2023年2月下旬"),
        ("xun", D(2024, 3, 31), D(2024, 3, 21), D(2024, 3, 31), "2024年3月下旬"),
        ("month", D(2024, 2, 5), D(2024, 2, 1), D(2024, 2, 29), "2024年2月"),
        ("quarter", D(2024, 8, 15), D(2024, 7, 1), D(2024, 9, 30), "2024年第3季度"),
    ],
)
def test_period_of(kind: str, day: date, start: date, end: date, label: str) -> None:
    p = period_of(kind, day)
    assert (p.start, p.end, p.label, p.kind) == (start, end, label, kind)
    assert p.contains(day) and p.contains(start) and p.contains(end)
    assert not p.contains(date.fromordinal(end.toordinal() + 1))


def test_periods_of_a_year_have_no_gaps() -> None:
    start, end = year_range(2024)
    for kind, n in (("xun", 36), ("month", 12), ("quarter", 4)):
        got = periods_ending_in(kind, start, end)
        assert len(got) == n
        assert got[0].start == start and got[-1].end == end
        assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in itertools.pairwise(got))
    weeks = periods_ending_in("week", start, end)
    # Weeks ending in 2024: the first ends Sunday 7 January, the last Sunday 29 December.
    assert (len(weeks), weeks[0].end, weeks[-1].end) == (52, D(2024, 1, 7), D(2024, 12, 29))
    assert periods_ending_in("month", D(2024, 1, 15), D(2024, 2, 28)) == [period_of("month", D(2024, 1, 1))]
    with pytest.raises(ValueError):
        period_of("day", D(2024, 1, 1))


def test_ranges() -> None:
    assert half_range(2024, 1) == (D(2024, 1, 1), D(2024, 6, 30))
    assert half_range(2024, 2) == (D(2024, 7, 1), D(2024, 12, 31))
    assert month_range(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert quarter_range(2024, 4) == (D(2024, 10, 1), D(2024, 12, 31))


# -- compliance -----------------------------------------------------------------------------

NORMS = [
    PatrolNorm(level="县级", period="quarter", count=1, min_minutes=0),
    PatrolNorm(level="乡级", period="month", count=4, min_minutes=5),
    PatrolNorm(level="乡级", period="xun", count=1, min_minutes=5),
    PatrolNorm(level="村级", period="week", count=1, min_minutes=5),
]


def duty(
    person: str,
    level: str,
    start: date,
    end: date | None = None,
    river: str = "R1",
    role: str = "河长",
    segment: str | None = None,
) -> DutyFact:
    return DutyFact(person, person, level, role, river, segment, start, end)


def patrols(
    person: str, days: list[tuple[int, int]], minutes: int | None = 30, river: str = "R1", year: int = 2024
) -> list[PatrolFact]:
    return [PatrolFact(person, river, D(year, m, d), minutes) for m, d in days]


def labels(periods) -> list[str]:
    return [p.label for p in periods]


def test_township_chief_month_and_xun_with_minimum_minutes() -> None:
    facts = (
        patrols("甲", [(1, 3), (1, 13), (1, 23), (1, 25)])  # every 旬, 4 in the month
        + patrols("甲", [(2, 1), (2, 2), (2, 3), (2, 4)])  # 4, all in 上旬
        + patrols("甲", [(3, 5), (3, 15), (3, 25)])  # 3 in the month
        + patrols("甲", [(3, 27)], minutes=3)  # too short: not counted
        + patrols("甲", [(4, 2)])  # after the range
    )
    [row] = compliance(
        [duty("甲", "乡级", D(2023, 1, 1))], facts, NORMS, D(2024, 1, 1), D(2024, 3, 31), as_of=D(2024, 4, 10)
    )
    month, xun = row.norms
    assert (month.period_kind, month.required, month.done, labels(month.missing)) == ("month", 12, 11, ["2024年3月"])
    assert (xun.period_kind, xun.required, xun.done, labels(xun.missing)) == (
        "xun",
        9,
        11,
        ["2024年2月中旬", "2024年2月下旬"],
    )
    assert [(p.done, p.required, p.met) for p in month.periods] == [(4, 4, True), (4, 4, True), (3, 4, False)]
    assert labels(row.missing) == ["2024年2月中旬", "2024年2月下旬", "2024年3月"]
    assert (row.required, row.done, row.assessed, row.compliant, row.level) == (12, 11, True, False, "乡级")


def test_unknown_duration_counts() -> None:
    facts = patrols("乙", [(3, 5), (3, 15), (3, 25)]) + patrols("乙", [(3, 28)], minutes=None)
    [row] = compliance(
        [duty("乙", "乡级", D(2023, 1, 1))], facts, NORMS, D(2024, 3, 1), D(2024, 3, 31), as_of=D(2024, 4, 1)
    )
    assert (row.done, row.required, row.compliant) == (4, 4, True)


def test_mid_period_appointment_is_not_judged_on_that_period() -> None:
    facts = patrols("丙", [(2, 25), (3, 5), (3, 15), (3, 25), (3, 26)])
    [row] = compliance(
        [duty("丙", "乡级", D(2024, 2, 15))], facts, NORMS, D(2024, 1, 1), D(2024, 3, 31), as_of=D(2024, 4, 1)
    )
    month, xun = row.norms
    assert labels(p.period for p in month.periods) == ["2024年3月"]  # not Jan, not Feb
    assert labels(p.period for p in xun.periods) == ["2024年2月下旬", "2024年3月上旬", "2024年3月中旬", "2024年3月下旬"]
    assert row.compliant and row.done == 5


def test_chief_who_left_is_judged_only_while_in_office() -> None:
    # Village chief from 2024-01-01 to 2024-01-22 (the successor's first day): weeks ending
    # 7, 14 and 21 January are his; he patrolled in the first two.
    facts = patrols("丁", [(1, 3), (1, 10)]) + patrols("戊", [(1, 23), (1, 30)])
    duties = [duty("丁", "村级", D(2024, 1, 1), D(2024, 1, 22)), duty("戊", "村级", D(2024, 1, 22))]
    rows = compliance(duties, facts, NORMS, D(2024, 1, 1), D(2024, 2, 4), as_of=D(2024, 3, 1))
    by_name = {r.name: r for r in rows}
    assert labels(p.period for p in by_name["丁"].norms[0].periods) == ["2024年第1周", "2024年第2周", "2024年第3周"]
    assert labels(by_name["丁"].missing) == ["2024年第3周"]
    assert labels(p.period for p in by_name["戊"].norms[0].periods) == ["2024年第4周", "2024年第5周"]
    assert by_name["戊"].compliant


def test_as_of_leaves_running_periods_unjudged() -> None:
    facts = patrols("甲", [(1, 3), (1, 13), (1, 23), (1, 25)])
    [row] = compliance(
        [duty("甲", "乡级", D(2023, 1, 1))], facts, NORMS, D(2024, 1, 1), D(2024, 12, 31), as_of=D(2024, 2, 15)
    )
    month, xun = row.norms
    assert labels(p.period for p in month.periods) == ["2024年1月"]
    assert labels(p.period for p in xun.periods) == ["2024年1月上旬", "2024年1月中旬", "2024年1月下旬", "2024年2月上旬"]
    assert labels(row.missing) == ["2024年2月上旬"]
    # Before the first period ended nothing is judged: not compliant, but not assessed either.
    [early] = compliance(
        [duty("甲", "乡级", D(2023, 1, 1))], facts, NORMS, D(2024, 1, 1), D(2024, 12, 31), as_of=D(2024, 1, 9)
    )
    assert not early.assessed and not early.compliant and early.missing == [] and early.required == 0


def test_county_quarter_and_several_duties_of_one_person() -> None:
    # A county chief of two rivers; norms count per chief: one patrol a quarter in all.
    facts = patrols("己", [(2, 10)], river="R1") + patrols("己", [(5, 10)], river="R2")
    duties = [duty("己", "县级", D(2023, 1, 1), river="R1"), duty("己", "县级", D(2023, 6, 1), river="R2")]
    [row] = compliance(duties, facts, NORMS, D(2024, 1, 1), D(2024, 6, 30), as_of=D(2024, 7, 1))
    assert (row.required, row.done, row.compliant, row.river_id) == (2, 2, True, None)


def test_per_river_scope() -> None:
    norms = [PatrolNorm(level="乡级", period="month", count=1, min_minutes=5)]
    facts = patrols("庚", [(3, 5), (3, 20)], river="R1")
    duties = [duty("庚", "乡级", D(2023, 1, 1), river="R1"), duty("庚", "乡级", D(2023, 1, 1), river="R2")]
    [chief] = compliance(duties, facts, norms, D(2024, 3, 1), D(2024, 3, 31), as_of=D(2024, 4, 1))
    assert chief.compliant and chief.done == 2
    rows = compliance(duties, facts, norms, D(2024, 3, 1), D(2024, 3, 31), as_of=D(2024, 4, 1), per_river=True)
    assert [(r.river_id, r.done, r.compliant) for r in rows] == [("R1", 2, True), ("R2", 0, False)]
    assert labels(rows[1].missing) == ["2024年3月"]


def test_levels_without_norms_are_not_assessed_and_by_level() -> None:
    facts = patrols("甲", [(3, 5), (3, 15), (3, 25), (3, 26)]) + patrols("辛", [(3, 4)])
    duties = [duty("甲", "乡级", D(2023, 1, 1)), duty("乙", "乡级", D(2023, 1, 1)), duty("辛", "村级", D(2023, 1, 1))]
    township_only = [n for n in NORMS if n.level == "乡级"]
    rows = compliance(duties, facts, township_only, D(2024, 3, 1), D(2024, 3, 31), as_of=D(2024, 4, 1))
    assert [r.name for r in rows] == ["乙", "甲"]  # ordered by level, then name; 辛 has no norm
    levels = by_level(rows)
    assert [(lv.level, lv.chiefs, lv.compliant, lv.patrols, lv.required) for lv in levels] == [
        ("县级", 0, 0, 0, 0),
        ("乡级", 2, 1, 4, 8),
        ("村级", 0, 0, 0, 0),
    ]
    assert [lv.rate for lv in levels] == [1.0, 0.5, 1.0]


def test_per_river_scope_judges_a_duty_without_river_on_all_patrols() -> None:
    norms = [PatrolNorm(level="乡级", period="month", count=2, min_minutes=0)]
    facts = patrols("总", [(3, 5)], river="R1") + patrols("总", [(3, 9)], river="R2")
    duties = [duty("总", "乡级", D(2023, 1, 1), river=None, role="总河长")]
    [row] = compliance(duties, facts, norms, D(2024, 3, 1), D(2024, 3, 31), as_of=D(2024, 4, 1), per_river=True)
    assert (row.river_id, row.done, row.compliant) == (None, 2, True)


def test_shortfall_text_names_each_unmet_period_with_its_counts() -> None:
    """A chief with 5 patrols against '4 a month, 1 a 旬' who missed October's four reads as
    '10月巡3次/应4次', never the puzzling '巡河5次,应5次;未达标'."""
    norms = [
        PatrolNorm(level="乡级", period="month", count=4, min_minutes=0),
        PatrolNorm(level="乡级", period="xun", count=1, min_minutes=0),
    ]
    duty = DutyFact("p1", "张三柱", "乡级", "河长", "r1", None, D(2024, 1, 1), None)
    days = [D(2024, 10, 2), D(2024, 10, 15), D(2024, 10, 25), D(2024, 11, 3), D(2024, 11, 12)]
    patrols = [PatrolFact("p1", "r1", d, 30) for d in days]
    (row,) = compliance([duty], patrols, norms, D(2024, 10, 1), D(2024, 11, 20), as_of=D(2024, 11, 20))
    assert not row.compliant
    assert [(p.period.label, p.done, p.required) for p in row.shortfalls] == [("2024年10月", 3, 4)]
    assert row.shortfall_text(drop_year=2024) == "10月巡3次/应4次"
    late = [PatrolFact("p1", "r1", D(2024, 11, 19), 30)]
    (row,) = compliance([duty], late, norms, D(2024, 10, 1), D(2024, 11, 20), as_of=D(2024, 11, 20))
    assert row.shortfall_text(limit=2) == "2024年10月上旬巡0次/应1次、2024年10月巡0次/应4次等5个周期"
