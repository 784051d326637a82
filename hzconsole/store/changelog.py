"""The change log: every write, grouped by user action (batch). Undo replays a batch
backwards as a new, itself logged, batch; a merge of two copies (hzconsole/sync) tells what
each copy changed since their common history from the entries only one of them has.

The log is compact (it used to be half of a ten-year file, with the whole row before and
after every write): an update keeps the changed fields only (before and after), an insert
only the new row's id (the row holds its values), a run of inserts into one table in one
action (an import, the demo) is one entry whose `after` lists the ids, and a delete keeps
the whole row, which undo puts back. Entries written before the log was compact (whole
rows) are read the same way. `Change` objects are one per row whichever way was stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from hzconsole.store.database import SYSTEM_ACTOR, Database
from hzconsole.store.errors import RuleError


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


# The actor of a merge's batch starts with this (hzconsole/sync/merge.py); undoing such a
# batch also takes out the other copy's log entries the merge added.
MERGE_ACTOR = "merge:"
MERGE_SETTING = "last_merge"

# Undoing the issue of a document would take its 文号 back (the register entry and its kept
# .docx go), and the next document would be issued under the same number.
ISSUED_NOT_UNDONE = (
    "上一次操作是发文取号（{numbers}），不能撤销：文号一经使用不能收回，"
    "撤销会让同一个文号再次发出。发出的文件保留在发文登记中；如不再使用，"
    "请在发文登记中将其作废（写明原因），文号仍保留，不会重复。"
)


def stamp(db: Database) -> int:
    """Where the change log stands: it moves with every write to the file, from this console
    or any other, so a screen can tell whether what it shows may be out of date."""
    return int(db.scalar("SELECT coalesce(max(seq), 0) FROM change_log"))


def changes_of(row: Any) -> list[Change]:
    """The changes one stored entry stands for, in the order they were made (a run of
    inserts stands for one per id)."""
    before = json.loads(row["before"]) if row["before"] else None
    after = json.loads(row["after"]) if row["after"] else None
    common = dict(
        seq=row["seq"], at=row["at"], table=row["table_name"], op=row["op"], batch=row["batch"], actor=row["actor"]
    )
    if isinstance(after, list):
        return [Change(row_id=rid, before=None, after=None, **common) for rid in after]
    return [Change(row_id=row["row_id"], before=before, after=after, **common)]


def _expanded(rows: Any, newest_first: bool) -> list[Change]:
    out: list[Change] = []
    for row in rows:
        found = changes_of(row)
        out.extend(reversed(found) if newest_first else found)
    return out


def _with_rows(db: Database, changes: list[Change]) -> list[Change]:
    """Inserts and updates shown with the row as it is now (the compact log does not keep
    it), so a screen can name the record; the entry's own fields win."""
    out = []
    for ch in changes:
        if ch.op in ("insert", "update") and ch.table != "settings":
            row = db.query_one(f"SELECT * FROM {ch.table} WHERE id = ?", (ch.row_id,))
            if row is not None:
                current = dict(row)
                ch = replace(
                    ch,
                    after={**current, **(ch.after or {})},
                    before=None if ch.op == "insert" else {**current, **(ch.before or {})},
                )
        out.append(ch)
    return out


def recent(db: Database, limit: int = 50) -> list[Change]:
    """The newest changes, newest first (at most `limit` stored entries)."""
    rows = db.query("SELECT * FROM change_log ORDER BY seq DESC LIMIT ?", (limit,))
    return _with_rows(db, _expanded(rows, newest_first=True))


def last_undoable_batch(db: Database) -> str | None:
    """The newest batch that is not itself an undo, not the program's own (actor 'system'
    or 'system:…': the file's identity, the demo), and has not been undone.

    Two linear scans instead of a correlated subquery: the log of a ten-year file holds
    hundreds of thousands of rows and `actor` has no index.
    """
    undone = {r[0][len("undo:") :] for r in db.query("SELECT DISTINCT actor FROM change_log WHERE actor LIKE 'undo:%'")}
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
    return _with_rows(db, _expanded(rows, newest_first=False))


def issued_refusal(changes: list[Change]) -> str | None:
    """Why these changes cannot be undone, when they issued a document (None otherwise).
    A merge is not refused here: its documents were issued in the other copy."""
    if changes and (changes[0].actor or "").startswith(MERGE_ACTOR):
        return None
    issued = [ch for ch in changes if ch.table == "documents" and ch.op == "insert"]
    if not issued:
        return None
    numbers = "\u3001".join(str((ch.after or {}).get("doc_number") or ch.row_id) for ch in reversed(issued))
    return ISSUED_NOT_UNDONE.format(numbers=numbers)


def undo_last(db: Database) -> list[Change]:
    """Revert the last user action; returns the changes that were reverted (empty if none)."""
    batch = last_undoable_batch(db)
    if batch is None:
        return []
    rows = db.query("SELECT * FROM change_log WHERE batch = ? ORDER BY seq DESC", (batch,))
    changes = _expanded(rows, newest_first=True)
    merged = changes and (changes[0].actor or "").startswith(MERGE_ACTOR)
    refused = None if merged else issued_refusal(_with_rows(db, [ch for ch in changes if ch.table == "documents"]))
    if refused:
        raise RuleError(refused)
    with db.transaction(actor=f"undo:{batch}"):
        if merged:
            _forget_merged_entries(db, batch)
        for ch in changes:
            if ch.table == "settings":
                if ch.before is None:
                    db.conn.execute("DELETE FROM settings WHERE key = ?", (ch.row_id,))
                    db._log("settings", ch.row_id, "delete", ch.after, None)
                else:
                    db.set_setting(ch.row_id, json.loads(ch.before["value"]), updated_at=ch.before.get("updated_at"))
            elif ch.op == "insert":
                db.delete(ch.table, ch.row_id)
            elif ch.op == "update":
                assert ch.before is not None
                # Only the fields this change made (an older entry may hold the whole row),
                # and the row's own stamp: undone, the row is as it was, updated_at too
                # (as an undone delete puts the whole row back). When the undo happened is
                # this batch's own entry in the log.
                db.update(
                    ch.table,
                    ch.row_id,
                    {k: v for k, v in ch.before.items() if ch.after is None or k not in ch.after or ch.after[k] != v},
                    updated_at=ch.before.get("updated_at"),
                )
            else:
                assert ch.before is not None
                db.insert(ch.table, ch.before)
    return changes


def _forget_merged_entries(db: Database, batch: str) -> None:
    """Undoing a merge: the other copy's log entries it added go too, so that a later merge
    sees those changes as not yet taken and offers them again."""
    info = db.get_setting(MERGE_SETTING) or {}
    if info.get("batch") != batch:
        return
    ids = list(info.get("log_ids") or [])
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        db._execute(f"DELETE FROM change_log WHERE id IN ({','.join('?' * len(chunk))})", chunk)
