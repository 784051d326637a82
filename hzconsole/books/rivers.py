"""河湖名录: rivers, lakes, reservoirs … and their segments."""

from __future__ import annotations

from hzconsole.books.base import Book
from hzconsole.books.models import River, Segment
from hzconsole.store.database import Database
from hzconsole.store.errors import RuleError


class RiverBook(Book[River]):
    def before_write(self, db: Database, new: River, old: River | None) -> None:
        if new.parent_id is not None:
            if new.parent_id == new.id:
                raise RuleError("河流不能是自己的支流")
            db.get("rivers", new.parent_id)


class SegmentBook(Book[Segment]):
    def before_write(self, db: Database, new: Segment, old: Segment | None) -> None:
        db.get("rivers", new.river_id)

    def of_river(self, db: Database, river_id: str) -> list[Segment]:
        return self.all(db, "river_id = ?", (river_id,))


rivers = RiverBook(River, order_by="level, name")
segments = SegmentBook(Segment, order_by="river_id, name")


