"""The change log: every write, before and after, grouped by user action (batch). Undo
replays a batch backwards as a new, itself logged, batch."""

from __future__ import annotations

import json
from dataclasses import dataclass

from hzconsole.store.database import Database


@dataclass(frozen=True)
class Change:
    seq: int
    at: str
    table: str
    row_id: str
    op: str
    before: dict | None
    after: dict | None
    batch: str | None
    actor: str | None


def _change(row) -> Change:
    return Change(
        seq=row["seq"], at=row["at"], table=row["table_name"], row_id=row["row_id"], op=row["op"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        batch=row["batch"], actor=row["actor"],
    )


def recent(db: Database, limit: int = 50) -> list[Change]:
    rows = db.query("SELECT * FROM change_log ORDER BY seq DESC LIMIT ?", (limit,))
    return [_change(r) for r in rows]


def last_undoable_batch(db: Database) -> str | None:
    """The newest batch that is not itself an undo and has not been undone."""
    row = db.query_one(
        "SELECT batch FROM change_log c WHERE batch IS NOT NULL"
        " AND coalesce(actor, '') NOT LIKE 'undo:%'"
        " AND NOT EXISTS (SELECT 1 FROM change_log u WHERE u.actor = 'undo:' || c.batch)"
        " ORDER BY seq DESC LIMIT 1"
    )
    return None if row is None else row["batch"]


def undo_last(db: Database) -> list[Change]:
    """Revert the last user action; returns the changes that were reverted (empty if none)."""
    batch = last_undoable_batch(db)
    if batch is None:
        return []
    rows = db.query("SELECT * FROM change_log WHERE batch = ? ORDER BY seq DESC", (batch,))
    changes = [_change(r) for r in rows]
    with db.transaction(actor=f"undo:{batch}"):
        for ch in changes:
            if ch.table == "settings":
                if ch.before is None:
                    db.conn.execute("DELETE FROM settings WHERE key = ?", (ch.row_id,))
                    db._log("settings", ch.row_id, "delete", ch.after, None)
                else:
                    db.set_setting(ch.row_id, json.loads(ch.before["value"]))
            elif ch.op == "insert":
                db.delete(ch.table, ch.row_id)
            elif ch.op == "update":
                assert ch.before is not None
                db.update(ch.table, ch.row_id, ch.before)
            else:
                assert ch.before is not None
                db.insert(ch.table, ch.before)
    return changes
