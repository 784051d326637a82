"""公示牌台账: one board per row, known by its number.

Creates or updates boards; the river and segment must already be in the books. A board
without a content date (内容更新日期) takes its install date: its content was printed when
it was put up.
"""

from __future__ import annotations

from typing import Any

from hzconsole.books.models import Signboard
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, SourceRow
from hzconsole.imports.headers import value_synonyms
from hzconsole.imports.kinds.common import model_titles, present
from hzconsole.imports.matching import name_key

_KEYS = {"river_id": "river", "segment_id": "segment"}


class SignboardImporter(KindImporter):
    kind = "signboards"
    required = ("number", "river")
    titles = model_titles(Signboard, {"river_id": "river", "segment_id": "segment"})

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.numbers = {name_key(r["number"]): dict(r) for r in self.db.query("SELECT * FROM signboards")}

    def plan_row(self, row: SourceRow) -> None:
        number = row.text("number")
        river_name, seg_name, river_id, segment_id = self.place(row)
        install = row.date("install_date")
        data = {
            "number": number,
            "river_id": river_id,
            "segment_id": segment_id,
            "location": row.text("location"),
            "lat": row.numeric("lat", "纬度"),
            "lon": row.numeric("lon", "经度"),
            "install_date": install,
            "content_date": row.date("content_date"),
            "supervision_phone": row.text("supervision_phone"),
            "duties": row.text("duties"),
            "targets": row.text("targets"),
            "condition": row.choice("condition", value_synonyms("condition")),
            "last_inspection": row.date("last_inspection"),
            "notes": row.text("notes"),
        }
        what = " ".join(x for x in (number, river_name, seg_name) if x)
        existing = self.numbers.get(name_key(number)) if number else None
        if existing is None and data["content_date"] is None and "content_date" not in row.bad:
            data["content_date"] = install
            if install is None and "install_date" not in row.bad:
                row.issue("content_date", msg.CONTENT_DATE_MISSING, Signboard.label("content_date"))
        if river_id is None:
            if not river_name:
                row.issue("river", msg.REQUIRED, Signboard.label("river_id"))
            self.validate(Signboard, {**present(data), "river_id": "?"}, row, _KEYS)
            self.settle(row, ["refuse"], what)
            return
        outcome, _id = self.upsert(
            Signboard,
            existing,
            data,
            row,
            keys=_KEYS,
            seen=("board", name_key(number)) if number else None,
            describe=(msg.WHAT_BOARD, msg.WHAT_BOARD_KEY),
        )
        self.settle(row, [outcome], what)
