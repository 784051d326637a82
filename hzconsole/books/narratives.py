"""The clerk's own paragraphs of a document (a summary's 存在的问题, 下一步工作 …), kept in
the file so the document can be regenerated with them."""

from __future__ import annotations

from hzconsole.store.database import Database


def get_text(db: Database, scope: str, key: str) -> str | None:
    return db.scalar("SELECT text FROM narratives WHERE scope = ? AND key = ?", (scope, key))


def get_all(db: Database, scope: str) -> dict[str, str]:
    return {r["key"]: r["text"] for r in db.query("SELECT key, text FROM narratives WHERE scope = ?", (scope,))}


def set_text(db: Database, scope: str, key: str, text: str) -> None:
    """Save (or replace) one paragraph; the text is kept exactly as typed."""
    with db.transaction():
        row = db.query_one("SELECT id FROM narratives WHERE scope = ? AND key = ?", (scope, key))
        if row is None:
            db.insert("narratives", {"scope": scope, "key": key, "text": text})
        else:
            db.update("narratives", row["id"], {"text": text})
