"""The settings the console needs first, read without the settings model: the 单位名称 of the
status line and what the 首页's figures are counted by (巡河频次要求, 考核方式, 公示牌更新时限).

Loading pydantic and building the settings model takes about 70 ms, longer than the rest of
the launch beyond Textual itself. The model (books/settings.py) stays the one judge of a
stored value: a value is taken here only when it is exactly what the model writes and within
the limits defined here, which the model declares its fields with. Anything else (written by
hand, by a newer version, out of range) gives None, and the caller loads the model, which
falls back to the default and tells the clerk.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from hzconsole import text as tx
from hzconsole.books.terms import LEVELS
from hzconsole.store.database import Database

NORM_PERIODS = ("week", "xun", "month", "quarter")
NORM_SCOPES = ("per_chief", "per_river")
NORM_COUNT = (1, 100)  # patrols per period
NORM_MINUTES = (0, 600)  # the shortest patrol that counts
BOARD_DAYS = (1, 365)  # 公示牌更新时限
DEFAULT_OFFICE_NAME = "示例镇河长制办公室"
DEFAULT_SCOPE: Final = "per_chief"
DEFAULT_BOARD_DAYS = 30
NORM_KEYS = ("level", "period", "count", "min_minutes")


@dataclass(frozen=True)
class Norm:
    level: str
    period: str
    count: int
    min_minutes: int = 0


DEFAULT_NORMS = (
    Norm("县级", "quarter", 1, 0),
    Norm("乡级", "month", 4, 5),
    Norm("乡级", "xun", 1, 5),
    Norm("村级", "week", 1, 5),
)


class CountedBy(Protocol):
    """What the figures are counted by: these settings, or the whole settings model."""

    @property
    def patrol_norms(self) -> Sequence[Norm] | Sequence[Any]: ...
    @property
    def norm_scope(self) -> str: ...
    @property
    def signboard_update_days(self) -> int: ...


@dataclass(frozen=True)
class Counting:
    patrol_norms: tuple[Norm, ...] = DEFAULT_NORMS
    norm_scope: str = DEFAULT_SCOPE
    signboard_update_days: int = DEFAULT_BOARD_DAYS


def _whole(value: Any, limits: tuple[int, int]) -> bool:
    # bool is an int to Python, not to the model.
    return type(value) is int and limits[0] <= value <= limits[1]


def _norm(value: Any) -> Norm | None:
    if not isinstance(value, dict) or tuple(value) != NORM_KEYS:
        return None
    level, period, count, minutes = (value[k] for k in NORM_KEYS)
    if level not in LEVELS or period not in NORM_PERIODS:
        return None
    if not (_whole(count, NORM_COUNT) and _whole(minutes, NORM_MINUTES)):
        return None
    return Norm(level, period, count, minutes)


def _stored(db: Database, keys: tuple[str, ...]) -> dict[str, Any] | None:
    marks = ",".join("?" * len(keys))
    try:
        return {
            r[0]: json.loads(r[1]) for r in db.query(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys)
        }
    except (ValueError, TypeError):
        return None


def counting(db: Database) -> Counting | None:
    """The norms, the 考核方式 and the 公示牌更新时限 as stored, or None when one of them is
    not as the settings model writes it (then the model decides)."""
    stored = _stored(db, ("patrol_norms", "norm_scope", "signboard_update_days"))
    if stored is None:
        return None
    out = Counting()
    if "patrol_norms" in stored:
        raw = stored["patrol_norms"]
        norms = [_norm(n) for n in raw] if isinstance(raw, list) else [None]
        if None in norms:
            return None
        out = Counting(tuple(n for n in norms if n is not None))
    scope = stored.get("norm_scope", DEFAULT_SCOPE)
    days = stored.get("signboard_update_days", DEFAULT_BOARD_DAYS)
    if scope not in NORM_SCOPES or not _whole(days, BOARD_DAYS):
        return None
    return Counting(out.patrol_norms, scope, days)


def office_name(db: Database) -> str | None:
    """The 单位名称 as stored, or None when it is not as the settings model writes it. Not
    checked here: Traditional characters, which the model makes Simplified (that takes
    loading zhconv's tables, ~10 ms); the console shows the model's reading once it has
    checked the settings, after the first frame."""
    stored = _stored(db, ("office_name",))
    if stored is None:
        return None
    name = stored.get("office_name", DEFAULT_OFFICE_NAME)
    if not isinstance(name, str) or tx.blank(name) or tx.halfwidth(name).strip() != name:
        return None
    return name
