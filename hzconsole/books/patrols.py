"""巡河台账: one record per patrol."""

from __future__ import annotations

from hzconsole.books.base import Book
from hzconsole.books.models import Patrol
from hzconsole.store.database import Database


class PatrolBook(Book[Patrol]):
    def before_write(self, db: Database, new: Patrol, old: Patrol | None) -> None:
        db.get("people", new.person_id)
        db.get("rivers", new.river_id)


patrols = PatrolBook(Patrol, order_by="date DESC, id")
