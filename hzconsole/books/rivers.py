"""河湖名录: rivers, lakes, reservoirs … and their segments."""

from __future__ import annotations

from hzconsole.books.base import Book
from hzconsole.books.models import River, Segment
from hzconsole.store.database import Database
from hzconsole.store.errors import FieldProblem, RuleError, ValidationError

# The place rule: a record's segment lies on its river. Checked by every book whose records
# name both (appointments, patrols, problems, signboards), whoever writes: form or import.
SEGMENT_NOT_OF_RIVER = "所选河段不属于所选河湖"


def check_place(db: Database, river_id: str | None, segment_id: str | None) -> str | None:
    """The river of `segment_id` (or `river_id` when no segment is given); RuleError when
    the segment lies on another river (a ValidationError at 河段). NotFoundError for an unknown segment."""
    if segment_id is None:
        return river_id
    segment = db.get("segments", segment_id)
    seg_river = segment["river_id"]
    if river_id is not None and seg_river != river_id:
        # At the field, so a form shows it under 河段; naming the segment's own river.
        owner = db.get("rivers", seg_river)["name"]
        raise ValidationError(
            [
                FieldProblem(
                    "segment_id",
                    "河段",
                    f"{SEGMENT_NOT_OF_RIVER}\uff1a「{segment['name']}」是{owner}的河段",
                )
            ]
        )
    return seg_river


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
