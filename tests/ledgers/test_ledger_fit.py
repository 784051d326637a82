"""ledgers/fit.py: which paper, orientation, widths and pages' width a ledger gets."""

from __future__ import annotations

from hzconsole.ledgers.fit import MIN_SCALE, PART_ROOM, plan, printable_pt, sheet_pt


def test_narrow_ledgers_stand_upright() -> None:
    (part,) = plan([6, 12, 20, 12], [6, 12, 12, 12])
    assert (part.paper, part.orientation, part.widths) == ("A4", "portrait", (6, 12, 20, 12))


def test_wide_text_columns_give_way_first() -> None:
    natural = [6, 12, 10, 60, 60, 11, 11, 11]
    minimum = [6, 12, 10, 12, 12, 11, 11, 11]
    (part,) = plan(natural, minimum)
    assert part.orientation == "landscape" and part.scale >= MIN_SCALE
    assert part.widths[:3] == (6, 12, 10) and part.widths[5:] == (11, 11, 11)  # untouched
    assert part.widths[3] == part.widths[4] < 60


def test_a3_only_where_the_definition_says_so() -> None:
    natural = [6, 14] + [14] * 14
    minimum = [6, 14] + [13] * 14
    parts = plan(natural, minimum, paper="A3", keys=[0, 1])
    assert [(p.paper, p.orientation) for p in parts] == [("A3", "landscape")]
    parts = plan(natural, minimum, keys=[0, 1])
    assert len(parts) == 2 and all(p.paper == "A4" for p in parts)


def test_too_wide_for_a4_prints_over_two_pages_with_the_keys_repeated() -> None:
    natural = [6, 14] + [14] * 14
    minimum = [6, 14] + [13] * 14
    groups = [None, None] + ["a"] * 6 + ["b"] * 8
    parts = plan(natural, minimum, keys=[0, 1], groups=groups)
    assert [p.columns[:2] for p in parts] == [(0, 1), (0, 1)]
    assert sorted({c for p in parts for c in p.columns}) == list(range(16))
    assert parts[1].columns[2] == 8  # the page breaks between the two upper headers
    for p in parts:
        assert sheet_pt(p.widths) <= printable_pt("A4", "landscape") * PART_ROOM + 0.01


def test_a_blank_form_is_never_split() -> None:
    natural = [6] + [14] * 20
    (part,) = plan(natural, [6] + [6] * 20, split=False)
    assert len(part.columns) == 21
