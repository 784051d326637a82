"""河长公示牌: the boards by the water. Staleness is derived (rules.boards), never typed."""

from __future__ import annotations

from datetime import date

from hzconsole.books.base import Book
from hzconsole.books.models import Signboard
from hzconsole.books.rivers import check_place
from hzconsole.store.database import Database


class SignboardBook(Book[Signboard]):
    def before_write(self, db: Database, new: Signboard, old: Signboard | None) -> None:
        db.get("rivers", new.river_id)
        check_place(db, new.river_id, new.segment_id)


signboards = SignboardBook(Signboard, order_by="number")


def mark_reprinted(db: Database, board_id: str, on: date) -> Signboard:
    """The board's content was re-printed with the current roster on `on`."""
    return signboards.update(db, board_id, {"content_date": on, "condition": "完好", "last_inspection": on})
