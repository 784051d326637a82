"""The change log: every write, before and after, grouped by user action (batch). Undo
replays a batch backwards as a new, itself logged, batch."""

from __future__ import annotations

import json
from dataclasses import dataclass

from hzconsole.store.database import SYSTEM_ACTOR, Database


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
    """The newest batch that is not itself an undo, not the program's own (actor 'system'
    or 'system:…': the file's identity, the demo), and has not been undone.

    Two linear scans instead of a correlated subquery: the log of a ten-year file holds
    hundreds of thousands of rows and `actor` has no index.
    """
    undone = {
        r[0][len("undo:"):]
        for r in db.query("SELECT DISTINCT actor FROM change_log WHERE actor LIKE 'undo:%'")
    }
    rows = db.conn.execute(
        "SELECT batch, max(seq) AS last, min(coalesce(actor, '')) AS actor FROM change_log"
        " WHERE batch IS NOT NULL GROUP BY batch ORDER BY last DESC"
    )
    try:
        for batch, _last, actor in rows:
            if actor.startswith(("undo:", f"{SYSTEM_ACTOR}:")) or actor == SYSTEM_ACTOR or batch in undone:
                continue
            return batch
    finally:
        rows.close()
    return None


def last_batch_changes(db: Database) -> list[Change]:
    """The changes `undo_last` would revert now (oldest first), so a screen can say what
    they are before the clerk confirms; empty if there is nothing to undo."""
    batch = last_undoable_batch(db)
    if batch is None:
        return []
    rows = db.query("SELECT * FROM change_log WHERE batch = ? ORDER BY seq", (batch,))
    return [_change(r) for r in rows]


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
