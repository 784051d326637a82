"""Merging two copies of one office's file: a three-way merge against their common history.

The common history is the change log both copies hold: every entry has a UUID, a copy made
by any means (Explorer, a stick) carries the log as it stood, and a merge adds the other
copy's entries to ours (the logs are unioned by id). So what each copy did since they
parted is exactly the log entries only it has, and the state before them (the base) is in
those entries: an update keeps its fields' values before, a delete the whole row, an insert
says the row is new. Nothing has to be kept when a copy is made, and no snapshot can go
missing or go stale.

Why not SQLite's session extension (apsw's `Session`, changesets with a conflict handler):
a session records only while it is attached to the connection that writes, so it cannot
say what a copy did in a program that did not record (an older version, the station's PC),
and `Session.diff` between two files is a two-way difference: it cannot tell "added there"
from "deleted here". It would also add a dependency (apsw) built against a session-enabled
SQLite on an old Windows PC. Plain SQL by id over the change log does the three-way merge
with what every file already has.

Per record (table + id) changed since the base:
- changed in theirs only: theirs' state is taken (added, changed or deleted here);
- changed in ours only: kept;
- changed in both: field by field against the base, a field changed on one side is taken
  from that side, one changed differently on both sides is a conflict; a record edited on
  one side and deleted on the other is a conflict; the clerk decides each (ours / theirs).
- 文号 (year + seq) issued on both sides to different documents: a conflict of its own,
  resolved only by renumbering theirs' document with the clerk's consent.

`plan_merge` reads both files and writes nothing (the dry run); `apply_merge` takes a backup
of ours, then in one transaction adds theirs' log entries and writes the plan with the
clerk's decisions as one batch (actor "merge:…"), which undo reverts as one action.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from hzconsole.books import models
from hzconsole.books.problems import problem_number
from hzconsole.books.register import format_number
from hzconsole.books.settings import load_settings
from hzconsole.store.changelog import MERGE_ACTOR, MERGE_SETTING, Change, changes_of
from hzconsole.store.database import BOOK_TABLES, Database, open_database
from hzconsole.store.errors import HzError
from hzconsole.store.messages import TABLE_NAMES
from hzconsole.sync.copies import readable

# Columns that say when, not what: never a conflict.
_STAMPS = ("id", "created_at", "updated_at")
# Settings of the file itself, never merged: its identity and where its last merge stands.
_LOCAL_SETTINGS = ("file_id", MERGE_SETTING)
# Settings whose value is a list both copies append to: merged as the union.
_LIST_SETTINGS = ("import_log",)
NAMING_KEYS = ("name", "number", "doc_number", "title", "text", "date", "key")

OURS, THEIRS, RENUMBER = "ours", "theirs", "renumber"
CHOICE_NAMES = {OURS: "用本文件的", THEIRS: "用对方的", RENUMBER: "给对方的记录重新编号"}


class MergeError(HzError):
    """The merge cannot go on (message in Chinese); nothing was written."""


def _field_titles() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"settings": {"value": "值"}}
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, models.Record) and obj.table:
            out[obj.table] = {name: f.title or name for name, f in obj.model_fields.items()}
    return out


FIELD_TITLES = _field_titles()


def field_title(table: str, name: str) -> str:
    return FIELD_TITLES.get(table, {}).get(name, name)


@dataclass(frozen=True)
class FieldDiff:
    name: str
    title: str
    ours: Any
    theirs: Any
    base: Any
    base_known: bool = True


@dataclass
class Conflict:
    """One thing the clerk decides. kind: 'edit' (same fields changed differently),
    'edit_delete' (changed on one side, deleted on the other), 'doc_number' (one 文号 for
    two documents)."""

    number: int
    kind: str
    table: str
    row_id: str
    label: str
    fields: list[FieldDiff] = field(default_factory=list)
    ours_deleted: bool = False
    theirs_deleted: bool = False
    choices: tuple[str, ...] = (OURS, THEIRS)
    theirs_row: dict[str, Any] | None = None
    note: str = ""
    # 'duplicates': theirs' new records equal to one of ours (their id, ours' id).
    same: list[tuple[Action, str]] = field(default_factory=list)
    # 'edit_delete' deleted here: theirs' records under it that went with it here (a
    # problem's events), brought back with it if the clerk takes theirs.
    companions: list[Action] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # what a choice means here

    def describe(self) -> str:
        """The conflict in the clerk's words, field by field: 本文件 / 对方 / 原来."""
        head = f"冲突 {self.number}\uff1a{TABLE_NAMES.get(self.table, self.table)}「{self.label}」"
        lines = [head]
        if self.kind == "edit_delete":
            lines.append("  本文件已删除，对方修改了它" if self.ours_deleted else "  对方已删除，本文件修改了它")
            if self.note:
                lines.append(f"  {self.note}")
        if self.kind in ("doc_number", "duplicates"):
            lines.append(f"  {self.note}")
        for f in self.fields:
            line = f"  {f.title}：本文件「{_show(f.ours)}」 对方「{_show(f.theirs)}」"
            if self.kind != "doc_number":  # two new records: no 原来
                line += f" 原来「{_show(f.base) if f.base_known else '（不详）'}」"
            lines.append(line)
        names = {**CHOICE_NAMES, **self.labels}
        lines.append("  可选：" + "；".join(f"{c} = {names[c]}" for c in self.choices))
        return "\n".join(lines)


def _show(value: Any) -> str:
    if value is None or value == "":
        return "空"
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


@dataclass
class Action:
    """One write the merge makes in ours. op: insert | update | delete | setting."""

    op: str
    table: str
    row_id: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        what = {"insert": "新增", "update": "修改", "delete": "删除", "setting": "修改"}[self.op]
        text = f"{what}{TABLE_NAMES.get(self.table, self.table)}「{self.label}」"
        if self.op == "update":
            names = "、".join(field_title(self.table, k) for k in self.values if k not in _STAMPS)
            text += f"({names})" if names else ""
        return text


@dataclass
class MergePlan:
    ours: Path
    theirs: Path
    actions: list[Action]
    conflicts: list[Conflict]
    log_entries: list[dict[str, Any]]  # theirs' entries ours lacks, to be added
    ours_only: int  # entries only ours has (its own changes since the base)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.actions or self.conflicts or self.log_entries)

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for a in self.actions:
            counts[a.op] = counts.get(a.op, 0) + 1
        words = {"insert": "新增", "update": "修改", "delete": "删除", "setting": "设置"}
        parts = [f"{words[k]} {v} 条" for k, v in counts.items()]
        return (
            "对方的改动："
            + ("，".join(parts) if parts else "没有可以直接并入的记录")
            + f"；冲突 {len(self.conflicts)} 处；对方的修改记录 {len(self.log_entries)} 条并入"
        )


@dataclass
class MergeResult:
    plan: MergePlan
    backup: Path | None
    written: int
    kept: list[str]  # deletes not done because ours still refers to the record


@dataclass
class _Touch:
    inserted: bool
    base: dict[str, Any] = field(default_factory=dict)
    deleted_row: dict[str, Any] | None = None


def _label(table: str, row: dict[str, Any] | None, row_id: str) -> str:
    row = row or {}
    for key in NAMING_KEYS:
        value = row.get(key)
        if value:
            text = str(value)
            return text if len(text) <= 24 else text[:24] + "…"
    return row_id[:8]


def _log_ids(db: Database) -> dict[str, int]:
    return {r[0]: r[1] for r in db.conn.execute("SELECT id, seq FROM change_log")}


def _entries(db: Database, ids: set[str], seqs: dict[str, int]) -> list[dict[str, Any]]:
    """The stored log entries with these ids, in the order they were written."""
    if not ids:
        return []
    first = min(seqs[i] for i in ids)
    rows = db.conn.execute("SELECT * FROM change_log WHERE seq >= ? ORDER BY seq", (first,))
    return [dict(r) for r in rows if r["id"] in ids]


def _merge_batches(db: Database) -> set[str]:
    rows = db.conn.execute("SELECT DISTINCT batch FROM change_log WHERE actor LIKE ?", (MERGE_ACTOR + "%",))
    return {r[0] for r in rows if r[0]}


def _touches(entries: list[dict[str, Any]], merges: set[str]) -> dict[tuple[str, str], _Touch]:
    """What one copy changed since the base, per record, with the base values it saw.

    A merge's own writes (and the undo of one) copy the other side's changes, whose entries
    come along: they are not this copy's doing and are left out."""
    undo_of_merge = {f"undo:{b}" for b in merges}
    out: dict[tuple[str, str], _Touch] = {}
    for entry in entries:
        if entry["batch"] in merges or (entry["actor"] or "") in undo_of_merge:
            continue
        for ch in changes_of(entry):
            _touch(out, ch)
    return out


def _touch(out: dict[tuple[str, str], _Touch], ch: Change) -> None:
    key = (ch.table, ch.row_id)
    t = out.get(key)
    if t is None:
        t = out[key] = _Touch(inserted=ch.op == "insert" and ch.table != "settings")
    if ch.before and not t.inserted:
        for name, value in ch.before.items():
            t.base.setdefault(name, value)
        if ch.op == "delete":
            t.deleted_row = ch.before


def _row(db: Database, table: str, row_id: str) -> dict[str, Any] | None:
    if table == "settings":
        r = db.query_one("SELECT * FROM settings WHERE key = ?", (row_id,))
    else:
        r = db.query_one(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
    return None if r is None else dict(r)


@contextmanager
def open_for_reading(path: Path) -> Iterator[Database]:
    """A copy opened read-only (the other copy; ours in a dry run). One written by an older
    version of the program is read from an upgraded temporary copy: both sides of a merge
    must be at one schema version, and their logs are then compacted alike."""
    with readable(Path(path)) as source, open_database(source, readonly=True) as db:
        yield db


def open_pair_check(ours: Database, theirs: Database) -> None:
    """Both files must be copies of one office's file, at one schema version."""
    if ours.path.resolve() == theirs.path.resolve():
        raise MergeError("两个文件是同一个文件，不需要合并。")
    if not ours.file_id or ours.file_id != theirs.file_id:
        raise MergeError(
            f"「{theirs.path.name}」不是「{ours.path.name}」的副本（两个文件来自不同的台账），不能合并。"
            "县里汇总各乡镇的文件用的是「汇总」，不是合并。"
        )
    if ours.schema_version != theirs.schema_version:
        raise MergeError(
            f"两个文件的版本不同（本文件 {ours.schema_version}，对方 {theirs.schema_version}）。"
            "请先用同一版本的程序分别打开两个文件（会自动升级），再合并。"
        )


def plan_merge(ours: Database, theirs: Database) -> MergePlan:
    """Everything the merge would do and every conflict, reading both files only."""
    open_pair_check(ours, theirs)
    ours_ids, theirs_ids = _log_ids(ours), _log_ids(theirs)
    ours_only = set(ours_ids) - set(theirs_ids)
    theirs_only = set(theirs_ids) - set(ours_ids)
    ours_entries = _entries(ours, ours_only, ours_ids)
    theirs_entries = _entries(theirs, theirs_only, theirs_ids)
    merges = _merge_batches(ours) | _merge_batches(theirs)
    mine, other = _touches(ours_entries, merges), _touches(theirs_entries, merges)

    actions: list[Action] = []
    conflicts: list[Conflict] = []
    order = {t: i for i, t in enumerate(BOOK_TABLES)}
    for key in sorted(other, key=lambda k: (order.get(k[0], 99), k[1])):
        table, row_id = key
        if table == "settings" and row_id in _LOCAL_SETTINGS:
            continue
        o, t = _row(ours, table, row_id), _row(theirs, table, row_id)
        if table == "settings":
            _plan_setting(row_id, o, t, mine.get(key), other[key], actions, conflicts)
            continue
        label = _label(table, t or o or other[key].deleted_row, row_id)
        if key not in mine:
            if t is None and o is not None:
                actions.append(Action("delete", table, row_id, label))
            elif t is not None and o is None:
                actions.append(Action("insert", table, row_id, label, t))
            elif t is not None and o is not None:
                diff = {k: v for k, v in t.items() if k not in ("id", "created_at") and o.get(k) != v}
                if any(k not in _STAMPS for k in diff):
                    actions.append(Action("update", table, row_id, label, diff))
            continue
        base = {**other[key].base, **mine[key].base}
        if o is None and t is None:
            continue
        if o is None or t is None:
            alive = o if o is not None else t
            assert alive is not None
            edited = [k for k in alive if k not in _STAMPS and (k not in base or alive[k] != base[k])]
            if not edited:  # the side that kept it changed nothing in the end: the delete stands
                if o is not None:
                    actions.append(Action("delete", table, row_id, label))
                continue
            conflicts.append(
                Conflict(
                    0,
                    "edit_delete",
                    table,
                    row_id,
                    label,
                    fields=[
                        FieldDiff(
                            k,
                            field_title(table, k),
                            None if o is None else o[k],
                            None if t is None else t[k],
                            base.get(k),
                            k in base,
                        )
                        for k in edited
                    ],
                    ours_deleted=o is None,
                    theirs_deleted=t is None,
                    theirs_row=t,
                )
            )
            continue
        take: dict[str, Any] = {}
        clash: list[FieldDiff] = []
        for k, tv in t.items():
            if k in _STAMPS or o.get(k) == tv:
                continue
            if k in base:
                ours_changed, theirs_changed = o.get(k) != base[k], tv != base[k]
                if theirs_changed and not ours_changed:
                    take[k] = tv
                    continue
                if ours_changed and not theirs_changed:
                    continue
            clash.append(FieldDiff(k, field_title(table, k), o.get(k), tv, base.get(k), k in base))
        if take:
            actions.append(Action("update", table, row_id, label, take))
        if clash:
            conflicts.append(Conflict(0, "edit", table, row_id, label, fields=clash, theirs_row=t))

    _plan_companions(ours, theirs, actions, conflicts)
    _plan_doc_numbers(ours, actions, conflicts)
    _plan_paragraphs(ours, actions, conflicts)
    _plan_duplicates(ours, actions, conflicts)
    for n, c in enumerate(conflicts, 1):
        c.number = n
    return MergePlan(ours.path, theirs.path, actions, conflicts, theirs_entries, len(ours_entries))


def _plan_setting(
    key: str,
    o: dict | None,
    t: dict | None,
    mine: _Touch | None,
    other: _Touch,
    actions: list[Action],
    conflicts: list[Conflict],
) -> None:
    if t is None or (o is not None and o["value"] == t["value"]):
        return
    theirs_value = json.loads(t["value"])
    if o is None:
        actions.append(Action("setting", "settings", key, key, {"value": theirs_value}))
        return
    ours_value = json.loads(o["value"])
    if key in _LIST_SETTINGS and isinstance(ours_value, list) and isinstance(theirs_value, list):
        seen = {json.dumps(v, sort_keys=True, ensure_ascii=False) for v in ours_value}
        extra = [v for v in theirs_value if json.dumps(v, sort_keys=True, ensure_ascii=False) not in seen]
        if extra:
            actions.append(Action("setting", "settings", key, key, {"value": ours_value + extra}))
        return
    base = (mine.base if mine else {}).get("value", other.base.get("value"))
    known = (mine is not None and "value" in mine.base) or "value" in other.base
    if mine is None or (known and o["value"] == base):
        actions.append(Action("setting", "settings", key, key, {"value": theirs_value}))
        return
    if known and t["value"] == base:
        return
    conflicts.append(
        Conflict(
            0,
            "edit",
            "settings",
            key,
            key,
            fields=[FieldDiff("value", "值", o["value"], t["value"], base, known)],
            theirs_row=t,
        )
    )


def _plan_companions(ours: Database, theirs: Database, actions: list[Action], conflicts: list[Conflict]) -> None:
    """For each record deleted here and edited there: theirs' rows that point at it (by a
    foreign key) and are missing here, deleted along with it."""
    children: dict[str, list[tuple[str, str]]] = {}
    for child in BOOK_TABLES:
        for fk in theirs.query(f"PRAGMA foreign_key_list({child})"):
            children.setdefault(fk["table"], []).append((child, fk["from"]))
    planned = {(a.table, a.row_id) for a in actions}  # theirs' new ones come in anyway
    for c in conflicts:
        if c.kind != "edit_delete" or not c.ours_deleted:
            continue
        for child, column in children.get(c.table, []):
            for row in theirs.query(f"SELECT * FROM {child} WHERE {column} = ?", (c.row_id,)):
                if (child, row["id"]) not in planned and _row(ours, child, row["id"]) is None:
                    c.companions.append(
                        Action("insert", child, row["id"], _label(child, dict(row), row["id"]), dict(row))
                    )
        if c.companions:
            c.note = (
                f"对方的这条记录下还有 {len(c.companions)} 条记录\uff08本文件随它一起删除了\uff09\uff0c"
                f"用对方的会一起恢复。"
            )


def _plan_doc_numbers(ours: Database, actions: list[Action], conflicts: list[Conflict]) -> None:
    """Theirs' new documents whose year and number ours has given to another document, and
    theirs' new problems whose number ours has given to another problem."""
    for a in [a for a in actions if a.op == "insert" and a.table in ("documents", "problems")]:
        if a.table == "documents":
            mine = ours.query_one(
                "SELECT * FROM documents WHERE year = ? AND seq = ? AND id <> ?",
                (a.values["year"], a.values["seq"], a.row_id),
            )
            fields = [("title", "标题"), ("date", "成文日期")]
            note = (
                f"两个副本都用了文号「{a.values['doc_number']}」，发给不同的公文。对方的公文只有重新编号"
                "（取本年下一个文号）才能并入；已印发的文件上的文号不会改变，请另行说明。"
            )
        else:
            mine = ours.query_one("SELECT * FROM problems WHERE number = ? AND id <> ?", (a.values["number"], a.row_id))
            fields = [("description", "问题描述"), ("found_date", "发现日期")]
            note = (
                f"两个副本都用了问题编号「{a.values['number']}」，登记的是不同的问题。"
                "对方的问题只有重新编号（取本年下一个编号）才能并入。"
            )
        if mine is None:
            continue
        actions.remove(a)
        conflicts.append(
            Conflict(
                0,
                "doc_number",
                a.table,
                a.row_id,
                a.label,
                fields=[FieldDiff(k, t, mine[k], a.values[k], None, False) for k, t in fields],
                choices=(RENUMBER,),
                theirs_row=a.values,
                note=note,
            )
        )


def _plan_paragraphs(ours: Database, actions: list[Action], conflicts: list[Conflict]) -> None:
    """One paragraph of a document (a summary's 存在的问题) written on both sides: one
    record by its scope and key. The same text is nothing to do; a different one is a
    conflict on ours' record (taking theirs replaces the text)."""
    for a in [a for a in actions if a.op == "insert" and a.table == "narratives"]:
        mine = ours.query_one(
            "SELECT * FROM narratives WHERE scope = ? AND key = ? AND id <> ?",
            (a.values["scope"], a.values["key"], a.row_id),
        )
        if mine is None:
            continue
        actions.remove(a)
        if mine["text"] != a.values["text"]:
            conflicts.append(
                Conflict(
                    0,
                    "edit",
                    "narratives",
                    mine["id"],
                    f"{mine['scope']} {mine['key']}",
                    fields=[
                        FieldDiff(
                            "text", field_title("narratives", "text"), mine["text"], a.values["text"], None, False
                        )
                    ],
                )
            )


# What makes two records one, for records both copies may enter from one paper sheet (the
# station and the office importing the same patrol sheet): a second copy is a duplicate.
NATURAL_KEYS = {"patrols": ("date", "person_id", "river_id", "segment_id", "start_time")}


def _plan_duplicates(ours: Database, actions: list[Action], conflicts: list[Conflict]) -> None:
    """Theirs' new records equal to one ours already has, one conflict per table: the clerk
    says whether they are the same (keep ours only) or really two (keep both)."""
    for table, cols in NATURAL_KEYS.items():
        where = " AND ".join(f"{c} IS ?" for c in cols)
        same: list[tuple[Action, str]] = []
        for a in [a for a in actions if a.op == "insert" and a.table == table]:
            mine = ours.query_one(
                f"SELECT id FROM {table} WHERE {where} AND id <> ?", (*(a.values.get(c) for c in cols), a.row_id)
            )
            if mine is not None:
                same.append((a, mine[0]))
        if not same:
            continue
        for a, _mine in same:
            actions.remove(a)
        examples = []
        for a, _mine in same[:3]:
            who = ours.scalar("SELECT name FROM people WHERE id = ?", (a.values.get("person_id"),)) or ""
            river = ours.scalar("SELECT name FROM rivers WHERE id = ?", (a.values.get("river_id"),)) or ""
            examples.append(f"{a.values.get('date')} {who} {river} {a.values.get('start_time') or ''}".strip())
        conflicts.append(
            Conflict(
                0,
                "duplicates",
                table,
                "*",
                f"{len(same)} 条",
                choices=(OURS, THEIRS),
                same=same,
                labels={OURS: "是同一批记录，只保留本文件的", THEIRS: "不是重复，两份都保留"},
                note=(
                    f"对方新增的 {len(same)} 条{TABLE_NAMES.get(table, table)}与本文件已有的记录相同"
                    "\uff08日期、河长、河湖、河段、开始时间都相同\uff09，可能是两边录入或导入了同一批纸质记录。"
                    "例如\uff1a" + "\uff1b".join(examples)
                ),
            )
        )


def apply_merge(ours: Database, theirs_path: Path, plan: MergePlan, decisions: dict[int, str]) -> MergeResult:
    """Write the plan into ours with the clerk's decision for every conflict: a backup
    first, then one transaction (one undoable action). MergeError if a conflict is not
    decided or a decision is not one of its choices; nothing is written then."""
    missing = [c.number for c in plan.conflicts if c.number not in decisions]
    if missing:
        raise MergeError(f"还有 {len(missing)} 处冲突没有决定（冲突 {'、'.join(map(str, missing))}），没有合并。")
    for c in plan.conflicts:
        if decisions[c.number] not in c.choices:
            allowed = "、".join(c.choices)
            raise MergeError(f"冲突 {c.number} 的决定「{decisions[c.number]}」无效，应为：{allowed}。没有合并。")
    if ours.readonly:
        raise MergeError(f"「{ours.path.name}」是只读打开的（{ours.readonly_reason}），不能合并。")
    if plan.nothing_to_do:
        return MergeResult(plan, None, 0, [])
    from hzconsole.store.backup import make_backup

    backup = make_backup(ours, reason="合并前")
    kept: list[str] = []
    written = 0
    actor = f"{MERGE_ACTOR}{Path(theirs_path).name}"
    with ours.transaction(actor=actor):
        # Foreign keys checked at commit: theirs' new records come in whatever order.
        ours._execute("PRAGMA defer_foreign_keys = ON")
        for entry in plan.log_entries:
            ours._execute(
                "INSERT OR IGNORE INTO change_log (id, at, actor, table_name, row_id, op, before, after, batch)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                tuple(
                    entry[k] for k in ("id", "at", "actor", "table_name", "row_id", "op", "before", "after", "batch")
                ),
            )
        writes = list(plan.actions)
        same_as: dict[str, str] = {}  # theirs' duplicate's id -> ours' record, for references
        for c in plan.conflicts:
            if c.kind == "duplicates":
                if decisions[c.number] == OURS:
                    same_as.update((a.row_id, mine) for a, mine in c.same)
                else:
                    writes.extend(a for a, _mine in c.same)
                continue
            writes.extend(_decided(ours, c, decisions[c.number], writes))
        for a in writes:  # a problem theirs found on a duplicate patrol points at ours' patrol
            for k, v in list(a.values.items()):
                if k.endswith("_id") and v in same_as:
                    a.values[k] = same_as[v]
        # A record kept deleted here by the clerk's decision takes theirs' new records under
        # it along (a problem's new events): they could not stand without it. Said, not silent.
        gone = {
            c.row_id: c
            for c in plan.conflicts
            if c.kind == "edit_delete" and c.ours_deleted and decisions[c.number] == OURS
        }
        for a in [a for a in writes if a.op == "insert" and gone]:
            parent = next((gone[v] for k, v in a.values.items() if k.endswith("_id") and v in gone), None)
            if parent is not None:
                writes.remove(a)
                kept.append(
                    f"对方新增的{TABLE_NAMES.get(a.table, a.table)}「{a.label}」属于本文件已删除的"
                    f"{TABLE_NAMES.get(parent.table, parent.table)}「{parent.label}」\uff0c没有并入"
                )
        order = {t: i for i, t in enumerate(BOOK_TABLES)}
        upserts = [a for a in writes if a.op != "delete"]
        deletes = sorted((a for a in writes if a.op == "delete"), key=lambda a: -order[a.table])
        for a in upserts:
            try:
                written += _write(ours, a)
            except HzError as exc:  # e.g. a signboard number both sides gave to two boards
                raise MergeError(
                    f"对方的{TABLE_NAMES.get(a.table, a.table)}「{a.label}」不能写入本文件\uff1a{exc.message}"
                    "合并没有进行，文件没有改动。请先在其中一份中改正后再合并。"
                ) from exc
        for a in deletes:
            if _row(ours, a.table, a.row_id) is None:
                continue  # went with its parent (a problem's events)
            try:
                with ours.transaction():
                    ours.delete(a.table, a.row_id)
                written += 1
            except HzError:
                kept.append(
                    f"{TABLE_NAMES.get(a.table, a.table)}「{a.label}」：对方已删除，但本文件中还有记录引用它，保留未删"
                )
        broken = ours.query("PRAGMA foreign_key_check")
        if broken:
            names = "、".join(sorted({TABLE_NAMES.get(r[0], r[0]) for r in broken}))
            raise MergeError(
                f"对方新增的{names}用到了本文件已删除的记录（共 {len(broken)} 处），无法合并，文件没有改动。"
                "请在本文件中恢复被删除的记录（撤销删除）后再合并。"
            )
        ours.set_setting(
            MERGE_SETTING,
            {
                "batch": ours._batch,
                "from": str(theirs_path),
                "at": datetime.now().isoformat(timespec="seconds"),
                "log_ids": [e["id"] for e in plan.log_entries],
            },
        )
    return MergeResult(plan, backup, written, kept)


def _decided(ours: Database, c: Conflict, choice: str, planned: list[Action]) -> list[Action]:
    if choice == OURS:
        return []
    if c.kind == "doc_number" and c.table == "documents":
        row = dict(c.theirs_row or {})
        used = ours.scalar("SELECT coalesce(max(seq), 0) FROM documents WHERE year = ?", (row["year"],))
        taken = [
            a.values["seq"]
            for a in planned
            if a.table == "documents" and a.op == "insert" and a.values.get("year") == row["year"]
        ]
        row["seq"] = max([int(used), *taken]) + 1
        row["doc_number"] = format_number(load_settings(ours).doc_code, row["year"], row["seq"])
        return [Action("insert", "documents", c.row_id, row["doc_number"], row)]
    if c.kind == "doc_number":
        row = dict(c.theirs_row or {})
        year = int(str(row["found_date"])[:4])
        prefix = problem_number(year, 0)[:-3]
        numbers = [r[0] for r in ours.query("SELECT number FROM problems WHERE number LIKE ?", (prefix + "%",))]
        numbers += [a.values["number"] for a in planned if a.table == "problems" and a.op == "insert"]
        seqs = [int(n[len(prefix) :]) for n in numbers if n.startswith(prefix) and n[len(prefix) :].isdigit()]
        row["number"] = problem_number(year, max(seqs, default=0) + 1)
        return [Action("insert", "problems", c.row_id, row["number"], row)]
    if c.table == "settings":
        return [Action("setting", "settings", c.row_id, c.label, {"value": json.loads(c.fields[0].theirs)})]
    if c.kind == "edit_delete":
        if c.theirs_deleted:
            return [Action("delete", c.table, c.row_id, c.label)]
        return [
            Action("insert", c.table, c.row_id, c.label, dict(c.theirs_row or {})),
            *(Action(a.op, a.table, a.row_id, a.label, dict(a.values)) for a in c.companions),
        ]
    return [Action("update", c.table, c.row_id, c.label, {f.name: f.theirs for f in c.fields})]


def _write(db: Database, a: Action) -> int:
    if a.op == "setting":
        db.set_setting(a.row_id, a.values["value"])
    elif a.op == "insert":
        db.insert(a.table, a.values)
    elif a.op == "update":
        db.update(a.table, a.row_id, a.values)
    return 1
