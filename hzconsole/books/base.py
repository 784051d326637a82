"""Generic reading and writing of one book (table + model); books add their own workflows."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from hzconsole.books.models import Record, from_row
from hzconsole.books.validation import validate
from hzconsole.store.database import Database

M = TypeVar("M", bound=Record)

# table -> the book that owns it: an import's planned rows are written through it.
BOOKS: dict[str, Book[Any]] = {}


class _Planned:
    """A planned row as before_write sees a record: the validated values read as
    attributes, without building a model for each of 100,000 rows. A rule that completes
    the record (an appointment's river from its segment) writes into the values."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]) -> None:
        object.__setattr__(self, "values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        self.values[name] = value


class CachedReads:
    """The file as before_write sees it while one import writes: the records a rule looks
    up (the person, river and segment of each of 100,000 patrols) are read once. An import
    writes rows of its own kind, never the records those rules read, and update_planned
    forgets everything read before it all the same."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}

    def get(self, table: str, row_id: str) -> dict[str, Any]:
        row = self.rows.get((table, row_id))
        if row is None:
            row = self.rows[(table, row_id)] = self.db.get(table, row_id)
        return row

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)


def book_for(table: str) -> Book[Any]:
    """The book that owns `table` (every book module loaded first)."""
    if table in BOOKS:
        return BOOKS[table]
    import importlib

    for name in ("narratives", "patrols", "plans", "problems", "register", "rivers", "roster", "signboards"):
        importlib.import_module(f"hzconsole.books.{name}")
    return BOOKS[table]


class Book(Generic[M]):
    """Add, change, delete and read records of one kind, validated and logged."""

    def __init__(self, model: type[M], order_by: str) -> None:
        self.model = model
        self.table = model.table
        self.order_by = order_by
        BOOKS.setdefault(self.table, self)

    def add(self, db: Database, data: dict[str, Any] | M) -> M:
        """Validate and insert; returns the saved record with its id."""
        record = data if isinstance(data, self.model) else validate(self.model, dict(data))
        with db.transaction():
            self.before_write(db, record, None)
            row = record.row()
            if row.get("id") is None:
                row.pop("id")
            new_id = db.insert(self.table, row)
        return self.get(db, new_id)

    def update(self, db: Database, record_id: str, changes: dict[str, Any]) -> M:
        """Validate the record as it would be after `changes`, then write only what changed."""
        with db.transaction():
            current = db.get(self.table, record_id)
            merged = {k: v for k, v in current.items() if k in self.model.model_fields}
            merged.update(changes)
            merged["id"] = record_id
            record = validate(self.model, merged)
            old = from_row(self.model, current)
            self.before_write(db, record, old)
            db.update(self.table, record_id, record.row())
        return self.get(db, record_id)

    def delete(self, db: Database, record_id: str) -> M:
        """Delete one record; refused while others refer to it. Undo via the change log."""
        with db.transaction():
            row = db.delete(self.table, record_id)
        return from_row(self.model, row)

    def insert_planned(self, db: Database, values: dict[str, Any], reads: CachedReads | None = None) -> None:
        """Write a new row an import planned: `values` (record.row() of the model) were
        validated when planned, so only the book's cross-record rules (before_write) run
        again here, in the caller's transaction, with no read-back: 100,000 rows stay quick."""
        planned = _Planned(values)
        self.before_write(reads or db, planned, None)  # type: ignore[arg-type]
        db.insert(self.table, planned.values)

    def update_planned(
        self, db: Database, record_id: str, changes: dict[str, Any], reads: CachedReads | None = None
    ) -> None:
        """Write the changed fields an import planned, past the book's cross-record rules."""
        if reads is not None:
            reads.rows.clear()
        current = db.get(self.table, record_id)
        merged = {k: v for k, v in current.items() if k in self.model.model_fields}
        merged.update(changes)
        self.before_write(db, from_row(self.model, merged), from_row(self.model, current))
        db.update(self.table, record_id, changes)

    def before_write(self, db: Database, new: M, old: M | None) -> None:
        """Hook for cross-record checks (e.g. a segment's river exists)."""

    def get(self, db: Database, record_id: str) -> M:
        return from_row(self.model, db.get(self.table, record_id))

    def all(self, db: Database, where: str = "", params: Any = ()) -> list[M]:
        sql = f"SELECT * FROM {self.table}"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {self.order_by}"
        return [from_row(self.model, dict(r)) for r in db.query(sql, params)]

    def count(self, db: Database) -> int:
        return int(db.scalar(f"SELECT count(*) FROM {self.table}"))

    def names(self, db: Database) -> dict[str, str]:
        """id → name of every record, for books whose records have a name (rivers,
        segments, people): what a sheet or a document shows in place of an id."""
        return {r["id"]: r["name"] for r in db.query(f"SELECT id, name FROM {self.table}")}
