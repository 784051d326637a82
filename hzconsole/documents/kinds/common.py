"""Lookups several document kinds share."""

from __future__ import annotations

from hzconsole.books.rivers import rivers
from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import OptionSpec, place_name
from hzconsole.store.database import Database

# The year a report is about (the circular, the summary).
YEAR_OPTION = OptionSpec("year", "年度", kind="int", help="默认成文日期所在年")

# Levels as a township's documents write them: its own level is 镇级, not the books' 乡级.
LEVEL_NAMES = {"县级": "县级", "乡级": "镇级", "村级": "村级"}


def keep_words(db: Database, settings: OfficeSettings) -> tuple[str, ...]:
    """Names a title line break must not split: the township, rivers, villages."""
    words = {place_name(settings), settings.office_name}
    for river in rivers.all(db):
        words.add(river.name)
        for village in (river.villages or "").replace(",", "、").split("、"):
            if village.strip():
                words.add(village.strip())
    return tuple(sorted(w for w in words if w))
