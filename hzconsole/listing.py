"""Paged, sorted, filtered listings of the books, for screens that show 100,000 rows.

A screen never holds a whole book: it asks for one page at a time,
`page(db, "patrols", text="zsz", sort="date", descending=True, offset=200, limit=100)`,
and gets the display rows of that page and the total count.

Two ways to answer:
- the fast path, for a large book shown unfiltered in its natural order: SQL with
  ORDER BY on an indexed column and LIMIT/OFFSET, so the first page of 100,000 patrols
  paints without reading the others;
- an in-memory index of the book (one row of display values and one search key per record,
  built with one query the first time a filter or another sort is asked for): filtering by
  characters or pinyin initials and sorting by any column are then a scan and a sort in
  Python, a few tens of milliseconds at 100,000 rows. The index is checked against the change
  log (its highest seq) on every call and rebuilt when any table it shows has changed, so it
  is right after every write, from this console or any other.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hzconsole.books.search import SEP, initials, matches, normalise_query
from hzconsole.books.terms import LEVEL_RANK, in_force_sql, level_order_sql
from hzconsole.figures import overdue_problems, stale_signboards
from hzconsole.store.changelog import stamp
from hzconsole.store.database import Database
from hzconsole.store.database import _translate as translate_error


@dataclass(frozen=True)
class Column:
    """One column of a listing: its SQL expression (None for a derived column), Chinese
    title, display width in terminal cells, and kind (text, date, int, number, bool, level)."""

    key: str
    title: str
    sql: str | None
    width: int
    kind: str = "text"
    names: bool = False  # a name-like value: also matched by its pinyin initials


Derive = Callable[[Database, date], dict[str, tuple[Any, ...]]]


@dataclass(frozen=True)
class Listing:
    """How one book is listed. `order` is the natural order (SQL ORDER BY); `tables` are
    the tables whose changes make the listing stale; `where` may use :today."""

    key: str
    title: str
    table: str
    source: str
    id_sql: str
    columns: tuple[Column, ...]
    order: str
    count_sql: str
    tables: tuple[str, ...]
    where: str = ""
    fast: bool = False  # large book: natural order unfiltered is paged in SQL
    derive: Derive | None = None  # values of the derived columns (sql=None), by id
    # Fast books: how many rows come before record :id in the natural order (SQL, indexed).
    position_sql: str = ""

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def column_index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)


@dataclass(frozen=True)
class Row:
    """One display row: the record's id and its values, one per column."""

    id: str
    values: tuple[Any, ...]

    def cells(self, listing: Listing) -> list[str]:
        return [format_value(c, v) for c, v in zip(listing.columns, self.values, strict=True)]


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    offset: int


def format_value(column: Column, value: Any) -> str:
    """A value as the screens show it (no padding, no truncation)."""
    if value is None or value == "":
        return ""
    if column.kind == "bool":
        return "是" if value else "否"
    if column.kind == "number":
        return f"{value:g}" if isinstance(value, float) else str(value)
    return str(value)


# -- the listings ---------------------------------------------------------------------------


def _stale_boards(db: Database, today: date) -> dict[str, tuple[Any, ...]]:
    out: dict[str, tuple[Any, ...]] = {}
    for s in stale_signboards(db, today):
        out[s.board.id] = (f"超期{s.days}天" if s.overdue else f"待更新{s.days}天",)
    return out


def _overdue_problems(db: Database, today: date) -> dict[str, tuple[Any, ...]]:
    return {o.problem.id: (f"逾期{o.days}天",) for o in overdue_problems(db, today)}


# Joins and columns several listings share (a Column is the same wherever it stands).
_APPOINTMENTS = (
    "appointments a JOIN people pe ON pe.id = a.person_id"
    " LEFT JOIN rivers r ON r.id = a.river_id LEFT JOIN segments s ON s.id = a.segment_id"
)
_IN_FORCE = in_force_sql("a", ":today")
_RIVER = Column("river", "河湖", "r.name", 10, names=True)
_SEGMENT = Column("segment", "河段", "s.name", 14, names=True)
_PERSON = Column("name", "姓名", "pe.name", 8, names=True)
_POST = Column("post", "职务", "pe.post", 18, names=True)
_UNIT = Column("unit", "单位/村（社区）", "pe.unit", 14, names=True)
_PHONE = Column("phone", "联系电话", "pe.phone", 12)
_START = Column("start", "任职日期", "a.start_date", 10, "date")
# Who holds which duty where: the first columns of both roster listings.
_DUTY = (
    _PERSON,
    Column("role", "职责", "a.role", 8),
    Column("level", "层级", "a.level", 4, "level"),
    _RIVER,
    _SEGMENT,
)

LISTINGS: dict[str, Listing] = {
    lst.key: lst
    for lst in (
        Listing(
            key="rivers",
            title="河湖名录",
            table="rivers",
            source="rivers r LEFT JOIN rivers pr ON pr.id = r.parent_id",
            id_sql="r.id",
            columns=(
                Column("name", "名称", "r.name", 12, names=True),
                Column("kind", "类型", "r.kind", 8),
                Column("level", "层级", "r.level", 4, "level"),
                Column("catchment", "流域面积", "r.catchment_km2", 8, "number"),
                Column("length", "长度", "r.length_km", 6, "number"),
                Column("segments", "河段", "(SELECT count(*) FROM segments g WHERE g.river_id = r.id)", 4, "int"),
                Column("villages", "流经村（社区）", "r.villages", 24, names=True),
                Column("parent", "上级河流", "pr.name", 10, names=True),
                Column("code", "河湖编码", "r.code", 14),
                Column("notes", "备注", "r.notes", 20),
            ),
            order=f"{level_order_sql('r.level')}, r.name, r.id",
            count_sql="SELECT count(*) FROM rivers r",
            tables=("rivers", "segments"),
        ),
        Listing(
            key="roster",
            title="河长名册（在任）",
            table="appointments",
            source=_APPOINTMENTS,
            id_sql="a.id",
            columns=(*_DUTY, _POST, _UNIT, _PHONE, _START),
            order=f"{level_order_sql('a.level')}, r.name, a.role, pe.name, a.id",
            count_sql="SELECT count(*) FROM appointments a",
            where=_IN_FORCE,
            tables=("appointments", "people", "rivers", "segments"),
        ),
        Listing(
            key="roster_history",
            title="河长名册（全部任职）",
            table="appointments",
            source=_APPOINTMENTS,
            id_sql="a.id",
            columns=(
                *_DUTY,
                _START,
                Column("end", "离任日期", "a.end_date", 10, "date"),
                Column("reason", "离任原因", "a.end_reason", 10),
                _POST,
                _PHONE,
            ),
            order="a.start_date DESC, pe.name, a.id",
            count_sql="SELECT count(*) FROM appointments a",
            tables=("appointments", "people", "rivers", "segments"),
        ),
        Listing(
            key="people",
            title="人员",
            table="people",
            source="people pe",
            id_sql="pe.id",
            columns=(
                _PERSON,
                _POST,
                _UNIT,
                _PHONE,
                Column(
                    "duties",
                    "在任职责",
                    f"(SELECT count(*) FROM appointments a WHERE a.person_id = pe.id AND {_IN_FORCE})",
                    8,
                    "int",
                ),
                Column("notes", "备注", "pe.notes", 20),
            ),
            order="pe.name, pe.id",
            count_sql="SELECT count(*) FROM people pe",
            tables=("people", "appointments"),
        ),
        Listing(
            key="signboards",
            title="公示牌",
            table="signboards",
            source="signboards b JOIN rivers r ON r.id = b.river_id LEFT JOIN segments s ON s.id = b.segment_id",
            id_sql="b.id",
            columns=(
                # What needs doing (re-print) before where the board stands: at 80 columns
                # beside the detail pane only the first four columns show.
                Column("number", "编号", "b.number", 8),
                _RIVER,
                Column("stale", "需更新", None, 10),
                Column("condition", "状况", "b.condition", 4),
                _SEGMENT,
                Column("location", "设置位置", "b.location", 14, names=True),
                Column("content_date", "内容日期", "b.content_date", 10, "date"),
                Column("inspection", "最近检查", "b.last_inspection", 10, "date"),
                Column("installed", "设立日期", "b.install_date", 10, "date"),
            ),
            order="b.number, b.id",
            count_sql="SELECT count(*) FROM signboards b",
            tables=("signboards", "rivers", "segments", "appointments", "settings"),
            derive=_stale_boards,
        ),
        Listing(
            key="patrols",
            title="巡河台账",
            table="patrols",
            source=(
                "patrols p JOIN people pe ON pe.id = p.person_id JOIN rivers r ON r.id = p.river_id"
                " LEFT JOIN segments s ON s.id = p.segment_id"
            ),
            id_sql="p.id",
            columns=(
                Column("date", "巡河日期", "p.date", 10, "date"),
                Column("person", "巡河人", "pe.name", 8, names=True),
                _RIVER,
                _SEGMENT,
                Column("start", "开始", "p.start_time", 5),
                Column("minutes", "时长（分）", "p.duration_min", 8, "int"),
                Column("km", "里程（公里）", "p.distance_km", 10, "number"),
                Column("seen", "巡查情况", "p.seen", 30),
                Column("on_spot", "现场处理", "p.handled_on_spot", 8, "bool"),
                Column("notes", "备注", "p.notes", 16),
            ),
            # patrols_date (date, person_id) + rowid: SQLite walks the index, no sort.
            order="p.date DESC, p.person_id DESC, p.rowid DESC",
            count_sql="SELECT count(*) FROM patrols p",
            tables=("patrols", "people", "rivers", "segments"),
            fast=True,
            position_sql=(
                "SELECT count(*) FROM patrols p WHERE (p.date, p.person_id, p.rowid) >"
                " (SELECT date, person_id, rowid FROM patrols WHERE id = :id)"
            ),
        ),
        Listing(
            key="problems",
            title="问题清单",
            table="problems",
            source="problems q JOIN rivers r ON r.id = q.river_id LEFT JOIN segments s ON s.id = q.segment_id",
            id_sql="q.id",
            columns=(
                Column("number", "编号", "q.number", 11),
                Column("status", "状态", "q.status", 6),
                Column("deadline", "整改时限", "q.deadline", 10, "date"),
                Column("overdue", "逾期", None, 10),
                _RIVER,
                Column("category", "类别", "q.category", 8),
                Column("found", "发现日期", "q.found_date", 10, "date"),
                Column("unit", "责任单位", "q.responsible_unit", 10, names=True),
                Column("person", "责任人", "q.responsible_person", 8, names=True),
                Column("source", "来源", "q.source", 12),
                Column("location", "位置", "q.location", 12, names=True),
                Column("description", "问题描述", "q.description", 30),
            ),
            order="q.found_date DESC, q.number",
            count_sql="SELECT count(*) FROM problems q",
            tables=("problems", "rivers", "segments"),
            derive=_overdue_problems,
        ),
        Listing(
            key="tasks",
            title="工作计划",
            table="tasks",
            source=("tasks t JOIN plans pl ON pl.id = t.plan_id LEFT JOIN plan_sections ps ON ps.id = t.section_id"),
            id_sql="t.id",
            columns=(
                Column("year", "年度", "pl.year", 4, "int"),
                Column("seq", "序号", "t.seq", 4, "int"),
                Column("text", "任务内容", "t.text", 34),
                Column("lead", "牵头单位", "t.lead_units", 14, names=True),
                Column("deadline", "完成时限", "t.deadline", 10, "date"),
                Column("status", "状态", "t.status", 6),
                Column("progress", "进展情况", "t.progress", 16),
                Column("section", "章节", "ps.title", 20),
                Column("plan", "计划", "pl.title", 24),
                Column("coop", "配合单位", "t.coop_units", 12, names=True),
            ),
            order="pl.year DESC, pl.title, t.seq, t.id",
            count_sql="SELECT count(*) FROM tasks t",
            tables=("tasks", "plans", "plan_sections"),
        ),
        Listing(
            key="register",
            title="发文登记",
            table="documents",
            source="documents d",
            id_sql="d.id",
            columns=(
                Column("number", "文号", "d.doc_number", 16),
                Column("title", "标题", "d.title", 36),
                Column("kind", "文种", "d.kind", 6),
                Column("date", "成文日期", "d.date", 10, "date"),
                Column("status", "状态", "d.status", 6),
                Column("recipients", "主送", "d.recipients", 20),
                Column("file", "文件名", "d.file_name", 24),
            ),
            order="d.year DESC, d.seq DESC",
            count_sql="SELECT count(*) FROM documents d",
            tables=("documents",),
        ),
    )
}


# -- the index ------------------------------------------------------------------------------


@dataclass
class _Index:
    stamp: int
    ids: list[str]
    values: list[tuple[Any, ...]]
    keys: list[str]
    position: dict[str, int]
    filtered: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    ordered: dict[tuple, list[int]] = field(default_factory=dict)


_indexes: weakref.WeakKeyDictionary[Database, dict[tuple[str, str], _Index]] = weakref.WeakKeyDictionary()
_lock = threading.RLock()


_stamp = stamp


def _tuples(db: Database, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (a third of the time of sqlite3.Row at 100,000 rows); a failing
    read (a stick pulled out) is the store's Chinese error, like every other read."""
    cur = db.conn.cursor()
    cur.row_factory = None
    try:
        return cur.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, db.path) from exc
    finally:
        cur.close()


def select_sql(listing: Listing) -> str:
    """The SELECT of a listing's rows (id first, then its columns), without ORDER BY."""
    cols = ", ".join(c.sql or "NULL" for c in listing.columns)
    sql = f"SELECT {listing.id_sql}, {cols} FROM {listing.source}"
    if listing.where:
        sql += f" WHERE {listing.where}"
    return sql


def _build(db: Database, listing: Listing, today: date, stamp: int) -> _Index:
    # Hundreds of thousands of new objects would trigger the cyclic GC over and over;
    # none of them can form a cycle, so it is paused for the build.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _build_index(db, listing, today, stamp)
    finally:
        if gc_was_on:
            gc.enable()


def _build_index(db: Database, listing: Listing, today: date, stamp: int) -> _Index:
    rows = _tuples(db, f"{select_sql(listing)} ORDER BY {listing.order}", {"today": today.isoformat()})
    derived = listing.derive(db, today) if listing.derive else {}
    # Column by column, each distinct value once: names, rivers and dates repeat, so the
    # searchable text (lower case, plus initials of names) is worked out once per value, and
    # equal values share one string object (a third of the memory at 100,000 rows).
    raw_columns = list(zip(*rows, strict=True)) if rows else [() for _ in range(len(listing.columns) + 1)]
    ids = list(raw_columns[0])
    value_columns: list[list[Any]] = []
    text_columns: list[list[str]] = []
    derived_seen = 0
    for i, col in enumerate(listing.columns):
        raw: Sequence[Any]
        if col.sql is None:
            raw = [(derived.get(rid, ())[derived_seen : derived_seen + 1] or (None,))[0] for rid in ids]
            derived_seen += 1
        else:
            raw = raw_columns[i + 1]
        distinct = {v: v for v in set(raw)}
        texts: dict[Any, str] = {}
        for v in distinct:
            if v is None or v == "":
                texts[v] = ""
                continue
            t = format_value(col, v).lower()
            if col.names:
                ini = initials(str(v))
                if ini:
                    t = f"{t}{SEP}{ini}"
            texts[v] = t
        value_columns.append(list(map(distinct.__getitem__, raw)))
        text_columns.append(list(map(texts.__getitem__, raw)))
    values = list(zip(*value_columns, strict=True)) if ids else []
    keys = list(map(SEP.join, zip(*text_columns, strict=True))) if ids else []
    return _Index(stamp, ids, values, keys, {rid: i for i, rid in enumerate(ids)})


def _index(db: Database, listing: Listing, today: date) -> _Index:
    with _lock:
        per_db = _indexes.setdefault(db, {})
        key = (listing.key, today.isoformat())
        idx = per_db.get(key)
        stamp = _stamp(db)
        if idx is not None and idx.stamp != stamp:
            changed = {r[0] for r in db.query("SELECT DISTINCT table_name FROM change_log WHERE seq > ?", (idx.stamp,))}
            if changed & set(listing.tables):
                idx = None
            else:
                idx.stamp = stamp
        if idx is None:
            idx = per_db[key] = _build(db, listing, today, stamp)
        return idx


def ready(db: Database, name: str, today: date | None = None) -> bool:
    """True if a filter or sort of this listing would be answered at once (its index is
    built and current); never waits for a build in progress."""
    if not _lock.acquire(blocking=False):
        return False
    try:
        idx = _indexes.get(db, {}).get((name, (today or date.today()).isoformat()))
        return idx is not None and idx.stamp == stamp(db)
    finally:
        _lock.release()


def wait_idle(timeout: float = 30.0) -> bool:
    """Wait until no index is being built (before the file is closed under a builder)."""
    if _lock.acquire(timeout=timeout):
        _lock.release()
        return True
    return False


def warm(db: Database, name: str, today: date | None = None) -> None:
    """Build the index of a listing ahead of the first filter (screens call this in a thread)."""
    _index(db, LISTINGS[name], today or date.today())


def _filter(idx: _Index, tokens: tuple[str, ...]) -> list[int]:
    if not tokens:
        return list(range(len(idx.ids)))
    hit = idx.filtered.get(tokens)
    if hit is not None:
        return hit
    # Typing one more character narrows the last answer: filter that instead of everything.
    base: list[int] | None = None
    for prev, found in idx.filtered.items():
        narrows = len(prev) <= len(tokens) and all(p in t for p, t in zip(prev, tokens, strict=False))
        if narrows and (base is None or len(found) < len(base)):
            base = found
    candidates = base if base is not None else range(len(idx.ids))
    keys = idx.keys
    hit = [i for i in candidates if matches(keys[i], list(tokens))]
    if len(idx.filtered) > 32:
        idx.filtered.clear()
    idx.filtered[tokens] = hit
    return hit


def _sort_key(column: Column, col_at: int, values: list[tuple[Any, ...]]) -> Callable[[int], Any]:
    if column.kind == "level":
        return lambda i: LEVEL_RANK.get(values[i][col_at], 9)
    if column.names:
        from pypinyin import lazy_pinyin

        cache: dict[str, str] = {}

        def pinyin_key(i: int) -> Any:
            v = values[i][col_at]
            k = cache.get(v)
            if k is None:
                k = cache[v] = " ".join(lazy_pinyin(v)).lower() + "\x00" + v
            return k

        return pinyin_key
    return lambda i: values[i][col_at]


def _ordered(idx: _Index, listing: Listing, tokens: tuple[str, ...], sort: str | None, desc: bool) -> list[int]:
    key = (tokens, sort, desc)
    got = idx.ordered.get(key)
    if got is not None:
        return got
    hits = _filter(idx, tokens)
    if sort is None:
        out = list(reversed(hits)) if desc else hits
    else:
        col_at = listing.column_index(sort)
        col = listing.columns[col_at]
        present = [i for i in hits if idx.values[i][col_at] not in (None, "")]
        blank = [i for i in hits if idx.values[i][col_at] in (None, "")]
        # Stable sort over the natural order: ties keep it; blanks always last.
        out = sorted(present, key=_sort_key(col, col_at, idx.values), reverse=desc) + blank
    if len(idx.ordered) > 16:
        idx.ordered.clear()
    idx.ordered[key] = out
    return out


def page(
    db: Database,
    name: str,
    *,
    text: str = "",
    sort: str | None = None,
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    today: date | None = None,
) -> Page:
    """One page of a listing: rows [offset, offset+limit) of the records matching `text`
    (every word, by characters or pinyin initials), ordered by column `sort` (None: the
    book's natural order), with the total count of matching records."""
    listing = LISTINGS[name]
    today = today or date.today()
    tokens = tuple(normalise_query(text))
    params = {"today": today.isoformat()}
    if listing.fast and not tokens and sort is None and not descending:
        total_sql = listing.count_sql + (f" WHERE {listing.where}" if listing.where else "")
        total = int(db.scalar(total_sql, params))
        rows = _tuples(
            db,
            f"{select_sql(listing)} ORDER BY {listing.order} LIMIT :limit OFFSET :offset",
            {**params, "limit": limit, "offset": offset},
        )
        return Page([Row(r[0], tuple(r[1:])) for r in rows], total, offset)
    idx = _index(db, listing, today)
    order = _ordered(idx, listing, tokens, sort, descending)
    chunk = order[offset : offset + limit]
    return Page([Row(idx.ids[i], idx.values[i]) for i in chunk], len(order), offset)


def count(db: Database, name: str, *, text: str = "", today: date | None = None) -> int:
    return page(db, name, text=text, limit=0, today=today).total


def position(
    db: Database,
    name: str,
    record_id: str,
    *,
    text: str = "",
    sort: str | None = None,
    descending: bool = False,
    today: date | None = None,
) -> int | None:
    """Where a record sits in the listing as filtered and sorted (None: not in it)."""
    listing = LISTINGS[name]
    tokens = tuple(normalise_query(text))
    if listing.position_sql and not tokens and sort is None and not descending:
        # Natural order of a large book: counted in SQL, no index needed (after a write,
        # the new record is shown at once even though the index is out of date).
        if db.query_one(f"SELECT 1 FROM {listing.table} WHERE id = ?", (record_id,)) is None:
            return None
        return int(db.scalar(listing.position_sql, {"id": record_id}))
    idx = _index(db, listing, today or date.today())
    at = idx.position.get(record_id)
    if at is None:
        return None
    order = _ordered(idx, listing, tuple(normalise_query(text)), sort, descending)
    try:
        return order.index(at)
    except ValueError:
        return None


__all__ = [
    "LISTINGS",
    "Column",
    "Listing",
    "Page",
    "Row",
    "count",
    "format_value",
    "initials",
    "page",
    "position",
    "ready",
    "stamp",
    "wait_idle",
    "warm",
]
