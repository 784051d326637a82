"""What a clerk can supply to an import, named once for every front end.

A core message says what is missing in words of the import itself (“没有找到计划的年度”);
the report keeps a `Hint` beside it, and each front end words the hint its own way: the
CLI names its option (`--year 2024`), the console its field or key (“在“年度”一栏填写”).
So no core message names one front end's flags or keys."""

from __future__ import annotations

from enum import Enum


class Hint(Enum):
    """One thing the clerk can give the import; the members' order is the order shown."""

    MAP = "map"  # which field a column fills (or that it is not imported)
    DEFAULT = "default"  # one value for a field the sheet lacks, for every row
    ADD_MISSING = "add_missing"  # create the rivers and people the sheet names and the file lacks
    YEAR = "year"  # the year of dates written without one; a plan's year
    START_DATE = "start_date"  # the start date of appointments when the roster has none
    PLAN_TITLE = "plan_title"  # a plan's title when the document has none
    SHEET = "sheet"  # a hidden sheet is read only when the clerk asks for it


class NeedsInput(ValueError):
    """A cell that cannot be read without something the clerk supplies (`hint`)."""

    def __init__(self, message: str, hint: Hint) -> None:
        super().__init__(message)
        self.hint = hint
