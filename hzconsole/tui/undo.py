"""What an undo would revert, in the clerk's words, for the confirmation before it."""

from __future__ import annotations

from hzconsole.store.changelog import MERGE_ACTOR, MERGE_SETTING, Change, issued_refusal
from hzconsole.store.messages import TABLE_NAMES
from hzconsole.tui.strings import OP_NAMES

# The value that names a record of each table (shown after "新增河湖").
NAMING_KEYS = ("name", "number", "doc_number", "title", "text", "date", "key")
SHOWN = 6


def _name(change: Change) -> str:
    row = change.after or change.before or {}
    if change.table == "yearly_records" and row.get("key"):
        from hzconsole.books.yearly import KINDS

        kind = KINDS.get(row["key"])  # its Chinese name, not the key the CLI takes
        if kind is not None:
            return f"{row.get('year', '')}年 {kind.label}"
    for key in NAMING_KEYS:
        value = row.get(key)
        if value:
            text = str(value)
            return text if len(text) <= 24 else text[:24] + "等"
    return ""


def shown(changes: list[Change]) -> list[Change]:
    """The changes the clerk made or merged, without a merge's own bookkeeping (the setting
    that records where the two copies last met, which no clerk typed)."""
    return [c for c in changes if not (c.table == "settings" and _name(c) == MERGE_SETTING)] or changes


def describe(changes: list[Change]) -> tuple[str, str]:
    """(lines naming each change, a warning or ""). A batch that issued a 文号 cannot
    be undone (the number would be given again): the core's reason is the warning."""
    lines = []
    merged = next((c.actor for c in changes if (c.actor or "").startswith(MERGE_ACTOR)), None)
    changes = shown(changes)
    if merged:
        lines.append(f"  合并另一份副本「{merged[len(MERGE_ACTOR) :]}」\uff0c共 {len(changes)} 项\uff1a")
    for change in changes[:SHOWN]:
        what = f"{OP_NAMES.get(change.op, change.op)}{TABLE_NAMES.get(change.table, change.table)}"
        name = _name(change)
        lines.append(f"  {what}  {name}" if name else f"  {what}")
    if len(changes) > SHOWN:
        lines.append(f"  等共 {len(changes)} 项")
    when = changes[0].at.replace("T", " ")[:16] if changes else ""
    head = f"时间：{when}" if when else ""
    warning = issued_refusal(changes) or ""  # the core refuses it: say so before asking
    return "\n".join([head, *lines] if head else lines), warning
