"""The settings read without the model (books/plain_settings) are the model's: every value the
settings book writes is read plainly and alike, and a value read plainly is never one the
model would read otherwise; anything else is left to the model (None)."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hzconsole import figures
from hzconsole.books import plain_settings as plain
from hzconsole.books.settings import OfficeSettings, PatrolNorm, load_settings_checked, save_settings
from hzconsole.store.database import Database


def _as_plain(model: OfficeSettings) -> plain.Counting:
    return plain.Counting(
        tuple(plain.Norm(n.level, n.period, n.count, n.min_minutes) for n in model.patrol_norms),
        model.norm_scope,
        model.signboard_update_days,
    )


def _store(db: Database, key: str, value: Any) -> None:
    # As a hand edit or a newer version would: the JSON as given, no model in between.
    with db.transaction():
        db.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '') "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )


def test_the_model_declares_the_plain_limits() -> None:
    fields = OfficeSettings.model_fields
    assert get_args(fields["norm_scope"].annotation) == plain.NORM_SCOPES
    assert get_args(PatrolNorm.model_fields["period"].annotation) == plain.NORM_PERIODS
    assert tuple(PatrolNorm.model_fields) == plain.NORM_KEYS
    assert _as_plain(OfficeSettings()) == plain.Counting()
    assert OfficeSettings().office_name == plain.DEFAULT_OFFICE_NAME


def test_an_empty_file_reads_the_defaults(db: Database) -> None:
    with db.transaction():
        db.conn.execute("DELETE FROM settings")
    assert plain.counting(db) == plain.Counting()
    assert plain.office_name(db) == plain.DEFAULT_OFFICE_NAME


@pytest.mark.parametrize(
    "changes",
    [
        {"office_name": "青石镇河长制办公室"},
        {"norm_scope": "per_river", "signboard_update_days": 1},
        {"signboard_update_days": 365},
        {"patrol_norms": []},
        {
            "patrol_norms": [
                {"level": "镇级", "period": "month", "count": 100, "min_minutes": 600},
                {"level": "村", "period": "week", "count": "2"},
            ]
        },
    ],
)
def test_what_the_settings_book_writes_is_read_plainly(db: Database, changes: dict[str, Any]) -> None:
    model = save_settings(db, changes)
    assert plain.counting(db) == _as_plain(model)
    assert plain.office_name(db) == model.office_name
    assert figures.counted_by(db) == _as_plain(model)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("signboard_update_days", "三十"),
        ("signboard_update_days", 0),
        ("signboard_update_days", 30.0),
        ("signboard_update_days", True),
        ("norm_scope", "per_town"),
        ("patrol_norms", {"level": "乡级"}),
        ("patrol_norms", [{"level": "乡", "period": "month", "count": 4, "min_minutes": 5}]),
        ("patrol_norms", [{"level": "乡级", "period": "month", "count": 4}]),
        ("patrol_norms", [{"level": "乡级", "period": "month", "count": 4, "min_minutes": 5, "x": 1}]),
        ("patrol_norms", [{"level": "乡级", "period": "year", "count": 4, "min_minutes": 5}]),
    ],
)
def test_anything_else_is_left_to_the_model(db: Database, key: str, value: Any) -> None:
    _store(db, key, value)
    assert plain.counting(db) is None
    # ... and the figures then go by the model, which decides (default or coerced).
    model, _problems = load_settings_checked(db)
    assert figures.counted_by(db) == model


@pytest.mark.parametrize("name", ["  青石镇 ", "", "   ", 12, None, ["青石镇"]])
def test_an_office_name_not_as_written_is_left_to_the_model(db: Database, name: Any) -> None:
    _store(db, "office_name", name)
    assert plain.office_name(db) is None


_scalars = st.one_of(
    st.integers(-5, 800),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["乡级", "镇", "村级", "week", "xun", "month", "year", "per_chief", "per_river", "30", ""]),
    st.none(),
)
_norm = st.dictionaries(st.sampled_from([*plain.NORM_KEYS, "x"]), _scalars, max_size=5)
_fixed_norm = st.fixed_dictionaries(
    {
        "level": st.sampled_from(["县级", "乡级", "村级", "乡", "区级"]),
        "period": st.sampled_from(["week", "xun", "month", "quarter", "year"]),
        "count": st.one_of(st.integers(-1, 102), st.booleans()),
        "min_minutes": st.one_of(st.integers(-1, 602), st.just(5.0)),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    norms=st.one_of(st.none(), st.lists(st.one_of(_fixed_norm, _norm), max_size=4), _scalars),
    scope=st.one_of(st.none(), _scalars),
    days=st.one_of(st.none(), _scalars),
)
def test_a_value_read_plainly_is_read_alike_by_the_model(db: Database, norms: Any, scope: Any, days: Any) -> None:
    with db.transaction():
        db.conn.execute("DELETE FROM settings WHERE key IN ('patrol_norms', 'norm_scope', 'signboard_update_days')")
    for key, value in (("patrol_norms", norms), ("norm_scope", scope), ("signboard_update_days", days)):
        if value is not None:
            _store(db, key, value)
    read = plain.counting(db)
    if read is None:
        return
    model, problems = load_settings_checked(db)
    assert not problems
    assert read == _as_plain(model)
