"""The import of an Excel ledger: read, find the header, plan every row, then write all or
nothing.

Planning is the whole job: each row is converted, validated with the book's own model
(so the messages are the ones the forms show), matched by its natural key against the
file and the database, and turned into planned writes (`Op`). A preview stops there.
`run_import` plans again and, only if no row is refused, performs the planned writes in one
transaction through Database.insert/update, so the change log records every record, and
appends a summary of the import to the file's import log.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import pydantic

from hzconsole import text as tx
from hzconsole.books.base import CachedReads, book_for
from hzconsole.books.models import Person, Record, River
from hzconsole.books.rivers import check_place
from hzconsole.books.validation import problems_of
from hzconsole.imports import cells, mapping
from hzconsole.imports import messages as msg
from hzconsole.imports.headers import (
    Column,
    HeaderMatch,
    Synonyms,
    find_header,
    first_text_row,
    header_by_names,
    normalize_label,
    synonyms,
)
from hzconsole.imports.hints import Hint, NeedsInput
from hzconsole.imports.matching import Resolver
from hzconsole.imports.report import (
    Ambiguity,
    ColumnUse,
    FieldChange,
    ImportReport,
    RowIssue,
    RowResult,
)
from hzconsole.imports.workbook import Grid, WorkbookError, column_letter, read_workbook
from hzconsole.store.database import Database, new_id, now_iso, to_sql
from hzconsole.store.digest import file_sha256
from hzconsole.store.errors import HzError, ValidationError

R = TypeVar("R", bound=Record)  # validate returns the model it is given

IMPORT_LOG_KEY = "import_log"
IMPORT_LOG_KEEP = 200


class ImportSetupError(HzError):
    """An import that cannot start (unknown kind, read-only file)."""


@dataclass
class ImportOptions:
    """What the clerk may tell an import beyond the file."""

    year: int | None = None  # for dates typed without a year (6月17日)
    sheet: str | None = None  # only this sheet (default: every sheet with a matching header)
    start_date: date | None = None  # chiefs: 任职日期 for rows that have none
    plan: str | None = None  # tasks: the title of the plan the tasks belong to
    maps: dict[str, str] = field(default_factory=dict)  # --map 表头=字段 (字段 '不导入': leave out)
    defaults: dict[str, str] = field(default_factory=dict)  # --default 字段=值 for blank or missing cells
    add_missing: bool = False  # create the rivers and people a sheet names that the file lacks
    skip_refused: bool = False  # write the accepted rows, the refused ones to a workbook to fix


@dataclass
class Op:
    """One planned write."""

    op: str  # insert | update | act
    table: str
    id: str
    values: dict[str, Any] = field(default_factory=dict)
    action: str = ""  # act: 交办/反馈/整改完成/销号
    on: date | None = None


class SourceRow:
    """One data row of a sheet, with typed getters that record problems on the row."""

    def __init__(
        self,
        sheet: str,
        number: int,
        values: dict[str, Any],
        columns: dict[str, Column],
        result: RowResult,
        year: int | None,
        extras: list[tuple[Column, Any]] | None = None,
        cells_: list[Any] | None = None,
    ) -> None:
        self.sheet = sheet
        self.number = number
        self.values = values
        self.columns = columns
        self.result = result
        self.year = year
        self.extras = extras or []  # more columns of a field that takes several (备注)
        self.cells = cells_ or []  # the whole row as read, for layouts read column by column
        self.unmapped: tuple[Any, ...] = ()  # the cells of the columns not imported
        self.unmapped_headers: list[str] = []
        self.bad: set[str] = set()  # keys whose cell already has a problem

    def has(self, key: str) -> bool:
        return key in self.columns

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def header(self, key: str) -> str:
        col = self.columns.get(key)
        return col.header if col else ""

    def issue(self, key: str | None, reason: str | ValueError, label: str = "", hint: Hint | None = None) -> None:
        """Refuse the row for `reason`: a message, or the error a cell raised (which may say
        what the clerk can supply: NeedsInput)."""
        if key:
            self.bad.add(key)
        if isinstance(reason, NeedsInput):
            hint = reason.hint
        text = str(reason)
        col = self.columns.get(key) if key else None
        if col is not None:
            self.result.issues.append(RowIssue(col.header, text, col.letter, hint))
        else:
            self.result.issues.append(RowIssue(label, text, hint=hint))

    def _convert(self, key: str, fn: Callable[[Any], Any]) -> Any:
        value = self.values.get(key)
        if value is None or (type(value) is str and not value.strip()):
            return None
        try:
            return fn(value)
        except ValueError as exc:
            self.issue(key, exc)
            return None

    def text(self, key: str) -> str | None:
        value = self._convert(key, cells.as_text)
        if not self.extras:
            return value
        more = [
            f"{col.header.rsplit('/', 1)[-1]}\uff1a{cells.as_text(v)}"
            for col, v in self.extras
            if col.key == key and not cells.blank(v)
        ]
        if more:
            return "\uff1b".join([value, *more] if value else more)
        return value

    def date(self, key: str) -> date | None:
        return self._convert(key, lambda v: cells.to_date(v, self.year))

    def time(self, key: str) -> str | None:
        return self._convert(key, cells.to_time)

    def numeric(self, key: str, what: str = "数值") -> Any:
        scale = self.columns[key].scale if key in self.columns else 1.0
        return self._convert(key, lambda v: cells.to_number(v, scale, what))

    def choice(self, key: str, values: dict[str, str]) -> Any:
        return self._convert(key, lambda v: cells.mapped(v, values))

    def seq(self, key: str) -> int | None:
        def parse(value: Any) -> int:
            if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
                return int(value)
            text = re.sub(r"[()()、.．\s]", "", cells.fold(str(value)))
            number = tx.cn_number(text) if text else None
            if number is None or number < 1:
                raise ValueError(msg.NOT_AN_INTEGER.format(value=value))
            return number

        return self._convert(key, parse)

    @property
    def blank(self) -> bool:
        return all(cells.blank(v) for v in self.values.values())


class Seen:
    """A record a row of this import gave, by its natural key: what a later row with the
    same key is compared with. Kept as a tuple under a shared key order, since a ledger of
    100,000 rows keeps 100,000 of these."""

    __slots__ = ("_keys", "_vals", "rest", "row")
    _orders: ClassVar[dict[tuple[str, ...], tuple[str, ...]]] = {}

    def __init__(self, row: int, values: dict[str, Any], rest: tuple[Any, ...]) -> None:
        keys = tuple(values)
        self._keys = self._orders.setdefault(keys, keys)
        self._vals = tuple(values.values())
        self.rest = rest
        self.row = row

    @property
    def values(self) -> dict[str, Any]:
        return dict(zip(self._keys, self._vals, strict=True))


class KindImporter:
    """Plans the rows of one kind of ledger. Subclasses fill in `plan_row`."""

    kind = ""
    # Rows are written as they are planned (memory flat in the row count); False for a kind
    # whose later rows may still refuse earlier ones (finish()), written after planning.
    streams = True
    # Keys whose columns must be present; a tuple inside means "one of these".
    required: tuple[str | tuple[str, ...], ...] = ()
    # (key, model titles) added ahead of the synonym table: the model's Chinese field titles.
    titles: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Other sheet layouts this kind reads: (synonym-table section, required keys, titles).
    # The rivers ledger, for one, has a sheet of rivers and a sheet of segments.
    extra_layouts: tuple[tuple[str, tuple[Any, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...] = ()

    @classmethod
    def layouts(cls) -> tuple[tuple[str, tuple[Any, ...], tuple[tuple[str, tuple[str, ...]], ...]], ...]:
        return ((cls.kind, cls.required, cls.titles), *cls.extra_layouts)

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.resolver = ctx.resolver
        self.seen: dict[Any, Seen] = {}

    def start_sheet(self, match: HeaderMatch) -> None:
        """Called once per sheet before its rows (e.g. to note defaults)."""

    def plan_row(self, row: SourceRow) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called after every row: cross-row work (e.g. parents named later in the file)."""

    # -- helpers shared by the kinds ----------------------------------------------------
    def validate(
        self, model: type[R], data: dict[str, Any], row: SourceRow, keys: dict[str, str] | None = None
    ) -> R | None:
        """The record, or None with every problem recorded against its column."""
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as exc:
            for problem in problems_of(model, exc):
                key = (keys or {}).get(problem.field, problem.field)
                if key in row.bad:
                    continue  # the cell's own message is already there
                row.issue(key if key in row.columns else None, problem.message, problem.label)
            return None

    def upsert(
        self,
        model: type[Record],
        existing: dict[str, Any] | None,
        data: dict[str, Any],
        row: SourceRow,
        *,
        keys: dict[str, str] | None = None,
        seen: Any = None,
        describe: tuple[str, str] = ("", ""),
        skip: tuple[str, ...] = (),
        record: Record | None = None,
    ) -> tuple[str, str | None]:
        """Plan the insert of a new record or the update of the fields the row fills in.

        Blank cells never clear a stored value. `seen` is the record's natural key: a
        second row with the same key is a duplicate when the fields it fills agree with
        the first, and refused when they differ. Returns (outcome, record id) with outcome
        add / change / same / dup / refuse. `record`: `data` already validated by the
        caller, so a new record is not validated twice.
        """
        given = {k: v for k, v in data.items() if v is not None}
        if seen is not None and seen in self.seen:
            earlier = self.seen[seen]
            first_row, first, first_rest = earlier.row, earlier.values, earlier.rest
            record = self.validate(model, {**first, **given}, row, keys)
            if record is None:
                return "refuse", first.get("id")
            values = record.row()
            diff = [k for k in given if k not in ("id", *skip) and to_sql(values.get(k)) != to_sql(first.get(k))]
            if diff:
                what, key_text = describe
                fields = "、".join(model.label(k) for k in diff)
                row.issue(None, msg.CONFLICT_WITH.format(row=first_row, what=what, key=key_text, fields=fields))
                return "refuse", first.get("id")
            row.result.same_as = first_row
            # Same in every imported field; the columns not imported may still differ.
            row.result.differs = [
                h
                for h, a, b in zip(row.unmapped_headers, first_rest, row.unmapped, strict=False)
                if cells.as_text(a) != cells.as_text(b)
            ]
            return "dup", first.get("id")
        table = model.table
        if existing is None:
            if record is None:
                record = self.validate(model, given, row, keys)
            if record is None:
                return "refuse", None
            if not self._placed(record, row):
                return "refuse", None
            values = record.row()
            values["id"] = given.get("id") or new_id()
            row.result.ops.append(Op("insert", table, values["id"], values))
            if seen is not None:
                self.seen[seen] = Seen(row.number, values, row.unmapped)
            return "add", values["id"]
        current = {k: v for k, v in existing.items() if k in model.model_fields}
        record = self.validate(model, {**current, **given}, row, keys)
        if record is None or not self._placed(record, row):
            return "refuse", existing["id"]
        values = record.row()
        values["id"] = existing["id"]
        if seen is not None:
            self.seen[seen] = Seen(row.number, values, row.unmapped)
        changes = {k: v for k, v in values.items() if k not in ("id", *skip) and to_sql(v) != existing.get(k)}
        if not changes:
            return "same", existing["id"]
        row.result.ops.append(Op("update", table, existing["id"], changes))
        for k, v in changes.items():
            row.result.changes.append(FieldChange(model.label(k), _display(existing.get(k)), _display(v)))
        return "change", existing["id"]

    def _placed(self, record: Record, row: SourceRow) -> bool:
        """The books' place rule, asked while planning so the row is refused with the books'
        message (a blank 河段 keeps the stored segment, which may lie on the old river)."""
        segment_id = getattr(record, "segment_id", None)
        if segment_id is None or segment_id in self.ctx.resolver.pending:
            return True
        try:
            check_place(self.db, getattr(record, "river_id", None), segment_id)
        except ValidationError as exc:  # the place rule, at 河段
            row.issue(
                "segment" if "segment" in row.columns else None, exc.problems[0].message, record.label("segment_id")
            )
            return False
        except HzError as exc:
            row.issue("segment" if "segment" in row.columns else None, exc.message, record.label("segment_id"))
            return False
        return True

    @staticmethod
    def settle(row: SourceRow, outcomes: list[str], what: str) -> None:
        """The row's action from the outcomes of the records it touches."""
        row.result.what = what
        if row.result.issues or "refuse" in outcomes:
            row.result.action = "refuse"
        elif "add" in outcomes:
            row.result.action = "add"
        elif "change" in outcomes:
            row.result.action = "change"
        elif outcomes and all(o == "dup" for o in outcomes):
            row.result.action = "dup"
        else:
            row.result.action = "same"
        if row.result.action != "dup":
            row.result.same_as = None

    def place(
        self, row: SourceRow, *, segment_alone: bool = False
    ) -> tuple[str | None, str | None, str | None, str | None]:
        """(river name, segment name, river id, segment id) from the row's 河湖 and 河段 cells.

        A segment's name in the 河湖 column finds its river and the segment; the 河段 column
        is looked up within the river found. With `segment_alone` (the roster), a 河段 given
        without any 河湖 is looked up on its own and gives the river. A failed lookup is
        recorded on the row and the id left None.
        """
        river_name, seg_name = row.text("river"), row.text("segment")
        river_id = segment_id = None
        if river_name:
            found = self.resolver.river(river_name)
            if found.ok:
                river_id, segment_id = found.id, found.extra.get("segment_id")
            elif not found.candidates and (created := self.missing_river(row, river_name)):
                river_id = created
            else:
                self.ambiguous(row, "river", river_name, found)
        if seg_name and (river_id or (segment_alone and not river_name)):
            found = self.resolver.segment(river_id, seg_name)
            if found.ok:
                segment_id, river_id = found.id, found.extra["river_id"]
            else:
                self.ambiguous(row, "segment", seg_name, found)
        return river_name, seg_name, river_id, segment_id

    def missing_river(self, row: SourceRow, name: str) -> str | None:
        """A river the sheet names and the file lacks: listed; created (before every row)
        when the clerk said --add-missing. Returns its id then."""
        return self._missing(row, msg.MISSING_RIVERS, River, {"name": name}, self.resolver.add_river, msg.NEW_RIVER)

    def missing_person(
        self, row: SourceRow, name: str, unit: str | None = None, phone: str | None = None
    ) -> str | None:
        return self._missing(
            row,
            msg.MISSING_PEOPLE,
            Person,
            {"name": name, "unit": unit, "phone": phone},
            self.resolver.add_person,
            msg.NEW_PERSON,
        )

    def _missing(
        self,
        row: SourceRow,
        what: str,
        model: type[Record],
        data: dict[str, Any],
        register: Callable[[dict[str, Any]], None],
        note: str,
    ) -> str | None:
        from hzconsole.imports.matching import name_key

        names = self.ctx.report.missing.setdefault(what, [])
        key = (what, name_key(data["name"]))
        created = self.ctx.created_missing.get(key)
        if created is not None:
            return created
        if key not in self.ctx.missing_seen:
            self.ctx.missing_seen.add(key)
            names.append(str(data["name"]).strip())
        if not self.ctx.options.add_missing:
            return None
        try:
            record = model.model_validate({k: v for k, v in data.items() if v is not None})
        except pydantic.ValidationError:
            return None  # the row's own checks say what is wrong with the name
        values = {**record.row(), "id": new_id()}
        self.ctx.head_ops.append(Op("insert", model.table, values["id"], values))
        register(values)
        self.ctx.created_missing[key] = values["id"]
        row.result.notes.append(note.format(name=values["name"]))
        self.ctx.report.created_missing = True
        return values["id"]

    def ambiguous(self, row: SourceRow, key: str, value: str, found: Any, hint: str = "") -> None:
        """Record a failed name lookup on the row and in the report's list of names."""
        row.issue(key, found.error)
        self.ctx.report.ambiguities.append(
            Ambiguity(
                row.number,
                row.sheet,
                row.header(key) or key,
                value,
                tuple(found.candidates),
                hint if found.candidates else "",
            )
        )


def _display(value: Any) -> Any:
    """A value as the report shows it: a date, or a date stored as text, as 2024年6月3日;
    any other value as it is."""
    if isinstance(value, date):
        return tx.cn_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return tx.cn_date(date.fromisoformat(value))
        except ValueError:  # free text that only looks like a date: 2024-02-30 typed in 备注
            return value
    return value


@dataclass
class Context:
    db: Database
    kind: str
    options: ImportOptions
    report: ImportReport
    resolver: Resolver
    source_name: str
    tail_ops: list[Op] = field(default_factory=list)  # writes after every row (e.g. parent links)
    head_ops: list[Op] = field(default_factory=list)  # writes before every row (records --add-missing creates)
    # (sheet, its header and mapping, the rows down to the header, their merged ranges)
    matches: list[tuple[str, HeaderMatch, list[list[Any]], list[Any]]] = field(default_factory=list)
    streamed: bool = False  # rows went to a sink as they were planned
    created_missing: dict[tuple[str, str], str] = field(default_factory=dict)  # (what, name) -> new id
    missing_seen: set[tuple[str, str]] = field(default_factory=set)
    reads: CachedReads | None = None  # what the books' rules looked up while writing


def _importers() -> dict[str, type[KindImporter]]:
    from hzconsole.imports.kinds import IMPORTERS

    return IMPORTERS


KINDS = ("rivers", "chiefs", "signboards", "patrols", "problems", "tasks")

# Matched on folded text: 填表人\uff1a and 填表人: alike.
_FOOTER = re.compile(
    r"^(填报人|填表人|制表人|审核人|负责人|联系电话|单位负责人|填报日期|填表日期|制表日期|注|说明|备注|合计|总计|小计)\s*:?"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)")


def year_from_title(*texts: str) -> int | None:
    """The year a ledger is about, from its title rows or sheet name: 樟树镇2024年巡河台账."""
    for text in texts:
        m = _YEAR.search(cells.fold(text or ""))
        if m:
            return int(m.group(1))
    for text in texts:
        m = re.search(r"((?:19|20)\d{2})[-./]\d{1,2}", cells.fold(text or ""))
        if m:
            return int(m.group(1))
    return None


def _empty(values: Any) -> bool:
    """No cell filled in (cells.blank on each, inlined: it runs on every cell of every row)."""
    return not any(v is not None and (type(v) is not str or v.strip()) for v in values)


def _is_footer(values: list[Any]) -> bool:
    first_value = next((v for v in values if not cells.blank(v)), None)
    if not isinstance(first_value, str):
        return False  # a footer starts with words (填表人:), never a number or a date
    texts = [t for v in values if (t := cells.as_text(v)) is not None]  # None only for a blank
    first = cells.fold(texts[0])
    return bool(_FOOTER.match(first)) and (len(texts) <= 3 or ":" in first)


def _is_number_row(values: list[Any]) -> bool:
    """A row of column numbers (1 2 3 …) printed under some headers."""
    # Checked first, on the first two cells: this runs on every row, and a data row has
    # text (or a date) in its first cells.
    for v in values[:2]:
        if v is not None and not isinstance(v, int | float) and not (isinstance(v, str) and v.strip().isdigit()):
            return False
    nums = [v for v in values if not cells.blank(v)]
    if len(nums) < 3:
        return False
    try:
        ints = [int(str(v).strip()) if not isinstance(v, float) else int(v) for v in nums]
    except ValueError:
        return False
    return ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] in (0, 1)


def _data_rows(grid: Grid, match: HeaderMatch) -> Iterator[tuple[int, list[Any]]]:
    """Rows below the header, one at a time, with cells merged down a column filled from
    the top (a river's name merged over its segments)."""
    starts: dict[int, list[tuple[int, int]]] = {}  # first row -> (column, last row)
    for r0, c0, r1, _c1 in grid.merged:
        if r0 > match.last and r1 > r0:
            starts.setdefault(r0, []).append((c0, r1))
    fills: dict[int, tuple[Any, int]] = {}  # column -> (value, last row)
    for i, row in enumerate(grid.rows):
        if i <= match.last:
            continue
        if fills:
            row = list(row)
            for c, (value, last) in list(fills.items()):
                if i > last:
                    del fills[c]
                    continue
                if len(row) <= c:
                    row.extend([None] * (c + 1 - len(row)))
                row[c] = value
        for c, last in starts.get(i, ()):
            fills[c] = (row[c] if c < len(row) else None, last)
        yield i, row


def _column_uses(match: HeaderMatch, labels: dict[str, str], defaults: dict[str, str]) -> list[ColumnUse]:
    """Every header cell of the sheet, left to right, with the field it fills (if any) and
    how sure the importer is; then the fields filled by --default."""

    def use(c: Column) -> tuple[int, ColumnUse]:
        return c.index, ColumnUse(
            c.letter, c.header, labels.get(c.key, c.key), msg.SCALE_NOTES.get(c.scale, ""), c.sure, c.why
        )

    uses = [use(c) for c in match.columns.values()] + [use(c) for c in match.extras]
    suggested = {i: (key, sure, why) for i, _h, key, sure, why in match.suggested}
    for i, h in match.unused:
        note = ""
        if i in suggested:
            key, sure, why = suggested[i]
            note = msg.SUGGESTED.format(field=labels.get(key, key), why=why, sure=sure)
        uses.append((i, ColumnUse(column_letter(i), h, "", note)))
    uses += [(i, ColumnUse(column_letter(i), h, "", msg.REPEATED_COLUMN)) for i, h, _k in match.repeated]
    shown = [u for _i, u in sorted(uses, key=lambda t: t[0])]
    shown += [ColumnUse("", msg.DEFAULT_HEADER, labels.get(k, k), v, 100, msg.WHY_GIVEN) for k, v in defaults.items()]
    return shown


_SHEET_DATE = re.compile(
    r"(填报日期|填表日期|制表日期|统计日期|日期)\s*:\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)"
)
# Fields a sheet's own 填报日期 may stand for when the sheet has no column for them.
_DATE_DEFAULTS = {"chiefs": ("start_date",), "problems": ("found_date",), "signboards": ("content_date",)}


def sheet_date(lines: list[str]) -> tuple[str, str] | None:
    """(label, date text) of the 填报日期 written above or below the table, if any."""
    for line in lines:
        m = _SHEET_DATE.search(cells.fold(line))
        if m:
            return m.group(1), m.group(2).replace(" ", "")
    return None


Sink = Callable[["Context", RowResult], None]


def _plan(
    db: Database, kind: str, path: Path, options: ImportOptions, sink: Sink | None = None
) -> tuple[ImportReport, Context]:
    """Plan every row. With `sink` (a streaming kind), each row is handed to it as soon as
    it is planned and forgotten but for its outcome (refused rows, and the first rows of
    each outcome, stay for the report); without, every row and its writes are kept."""
    # The rows make many small objects and no cycles: the cyclic collector would walk the
    # growing heap again and again (a third of the time of 100,000 rows).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _plan_rows(db, kind, path, options, sink)
    finally:
        if enabled:
            gc.enable()


def _plan_rows(
    db: Database, kind: str, path: Path, options: ImportOptions, sink: Sink | None
) -> tuple[ImportReport, Context]:
    importers = _importers()
    if kind not in importers:
        raise ImportSetupError(msg.UNKNOWN_KIND.format(kind=kind, kinds="、".join(importers)))
    report = ImportReport(
        kind=kind, kind_name=msg.KIND_NAMES[kind], source=path.name, skip_refused=options.skip_refused
    )
    ctx = Context(db, kind, options, report, Resolver(db), path.name)
    report.notes.append(msg.POLICY[kind])
    cls = importers[kind]
    importer = cls(ctx)
    streaming = cls.streams and sink is not None
    ctx.streamed = streaming
    if not streaming:
        report.keep = None  # every row stays: finish() may still refuse any of them
    layouts = [(section, required, synonyms(section, titles)) for section, required, titles in cls.layouts()]
    try:
        grids = read_workbook(path)
    except WorkbookError as exc:
        report.fatal.append(str(exc))
        return report, ctx
    if options.sheet:
        chosen = [g for g in grids if g.name == options.sheet]
        if not chosen:
            report.fatal.append(
                msg.SHEET_NOT_FOUND.format(sheet=options.sheet, sheets="、".join(g.name for g in grids))
            )
            return report, ctx
        grids = chosen
    else:
        # Hidden sheets hold drop-down lists and scratch work, not records.
        hidden = [msg.SKIPPED.format(sheet=g.name, why=msg.HIDDEN_SHEET) for g in grids if g.hidden]
        report.skipped_sheets.extend(hidden)
        if hidden:
            report.hint(Hint.SHEET)
        grids = [g for g in grids if not g.hidden]
    if not grids:
        report.fatal.append(msg.NO_SHEETS.format(name=path.name))
        return report, ctx
    _note_previous_import(db, path, report)
    planned_any = False
    years_noted: set[int] = set()
    main_required, main_syn = layouts[0][1], layouts[0][2]
    report.fields = list(dict.fromkeys(main_syn.canonical.values()))
    remembered = mapping.load_layouts(db, kind)
    maps_used: set[str] = set()
    uncertain = False
    for grid in grids:
        if not grid.rows:
            report.skipped_sheets.append(msg.SKIPPED.format(sheet=grid.name, why=msg.SKIPPED_EMPTY))
            continue
        try:
            found = _best_layout(grid, layouts, report.kind_name, ctx, remembered, maps_used)
        except mapping.MappingError as exc:
            report.fatal.append(str(exc))
            if exc.hint is not None:
                report.hint(exc.hint)
            return report, ctx
        match, syn, defaults, why = found
        if match is None or syn is None:
            report.skipped_sheets.append(msg.SKIPPED.format(sheet=grid.name, why=why))
            continue
        planned_any = True
        top = [list(r) for r in grid.rows[: match.last + 1]]
        ctx.matches.append((grid.name, match, top, [m for m in grid.merged if m[2] <= match.last]))
        labels = {k: syn.canonical.get(k, k) for k in (*match.columns, *defaults, *(s[2] for s in match.suggested))}
        report.sheets.append(grid.name)
        report.header_rows[grid.name] = (match.first + 1, match.last + 1)
        report.columns[grid.name] = _column_uses(match, labels, defaults)
        uncertain = (
            uncertain or bool(match.suggested) or any(c.sure < 90 for c in (*match.columns.values(), *match.extras))
        )
        year = options.year or year_from_title(match.title, grid.name)
        if year and year not in years_noted:
            years_noted.add(year)
            source = msg.YEAR_SOURCE_OPTION if options.year else msg.YEAR_SOURCE_TITLE
            report.notes.append(msg.YEAR_FROM.format(year=year, source=source))
        importer.start_sheet(match)
        sheet_label = grid.name if len(grids) > 1 else ""
        lines = _plan_sheet(ctx, importer, grid, match, defaults, sheet_label, year, sink if streaming else None)
        _propose_defaults(match, syn, kind, defaults, report, lines)
    unknown = [h for h in options.maps if h not in maps_used]
    if planned_any and unknown:
        headers = "、".join(dict.fromkeys(shown for _n, m, _t, _g in ctx.matches for _i, _c, shown in m.cells))
        report.fatal.append(msg.MAP_NO_HEADER.format(header="、".join(unknown), headers=headers))
        report.hint(Hint.MAP)
        return report, ctx
    if not planned_any:
        if report.columns:
            report.notes.append(msg.MAP_HOW)
            report.hint(Hint.MAP)
        if len(grids) == 1 and report.skipped_sheets:
            last = grids[0].name
            report.fatal.append(report.skipped_sheets.pop().removeprefix(msg.SKIPPED.format(sheet=last, why="")))
        else:
            report.fatal.append(
                msg.NO_MATCHING_SHEET.format(
                    name=path.name, kind=report.kind_name, n=len(grids), names=_required_names(main_required, main_syn)
                )
            )
        return report, ctx
    if uncertain:
        report.notes.append(msg.MAP_HOW)
        report.hint(Hint.MAP)
    importer.finish()
    for r in report.rows:
        if r.issues and r.action != "refuse":
            r.action = "refuse"
            r.ops.clear()
    if not streaming:
        report.recount()
        _count(report, ctx)
    return report, ctx


def _plan_sheet(
    ctx: Context,
    importer: KindImporter,
    grid: Grid,
    match: HeaderMatch,
    defaults: dict[str, str],
    sheet_label: str,
    year: int | None,
    sink: Sink | None,
) -> list[str]:
    """Plan the rows of one sheet, each handed to `sink` (streaming) or kept on the report.
    Returns the text of its title and footer rows (where a 填报日期 is written)."""
    report = ctx.report
    taken = {c.index for c in match.columns.values()} | {c.index for c in match.extras}
    # A running number (序号) differs on every row: it is no content of the record.
    rest = [
        (i, shown)
        for i, _c, shown in match.cells
        if i not in taken and normalize_label(shown) not in ("序号", "序", "行号", "no", "no.")
    ]
    rest_headers = [shown for _i, shown in rest]
    columns = dict(match.columns)
    for key in defaults:
        columns.setdefault(key, Column(-1, msg.DEFAULT_HEADER, key))
    lines = list(match.title_lines)
    for index, values in _data_rows(grid, match):
        if _empty(values):
            continue
        if _is_footer(values):
            lines.extend(cells.as_text(v) or "" for v in values if not cells.blank(v))
            continue
        if _is_number_row(values):
            continue
        mapped = {
            key: (values[col.index] if 0 <= col.index < len(values) else None) for key, col in match.columns.items()
        }
        extras = [(col, values[col.index] if col.index < len(values) else None) for col in match.extras]
        if _empty(mapped.values()) and _empty(v for _c, v in extras):
            continue
        for key, value in defaults.items():
            if cells.blank(mapped.get(key)):
                mapped[key] = value
        result = RowResult(index + 1, "add", "", sheet=sheet_label)
        row = SourceRow(sheet_label, index + 1, mapped, columns, result, year, extras, values)
        row.unmapped = tuple(values[i] if i < len(values) else None for i, _s in rest)
        row.unmapped_headers = rest_headers
        importer.plan_row(row)
        if result.issues:
            result.action = "refuse"
            result.ops.clear()
            # Left to right as in the sheet; reasons about the whole row last.
            result.issues.sort(key=lambda i: (not i.letter, len(i.letter), i.letter))
        if sink is not None:
            sink(ctx, result)  # may still refuse it: it needs a row refused before
        if result.action == "refuse" or sink is None:
            result.source = values  # the cells go back to the clerk with the reasons
        report.add(result)
    return lines


def _propose_defaults(
    match: HeaderMatch, syn: Synonyms, kind: str, defaults: dict[str, str], report: ImportReport, lines: list[str]
) -> None:
    for key, value in defaults.items():
        report.notes.append(msg.DEFAULT_USED.format(field=syn.canonical.get(key, key), value=value))
    missing = [k for k in _DATE_DEFAULTS.get(kind, ()) if k not in match.columns and k not in defaults]
    found = sheet_date(lines) if missing else None
    for key in missing:
        name = syn.canonical.get(key, key)
        if found:
            label, value = found
            report.defaults_proposed[name] = value
            report.notes.append(
                msg.DEFAULT_PROPOSED.format(field=name, value=value, source=msg.DEFAULT_SOURCE_DATE.format(label=label))
            )
        else:
            report.notes.append(msg.DEFAULT_HOW.format(field=name))
        report.hint(Hint.DEFAULT)


def _best_layout(
    grid: Grid,
    layouts: list[tuple[str, tuple[Any, ...], Synonyms]],
    kind_name: str,
    ctx: Context,
    remembered: dict[str, dict[str, str]],
    maps_used: set[str],
) -> tuple[HeaderMatch | None, Synonyms | None, dict[str, str], str]:
    """The layout whose header this sheet has (all required columns, most columns named),
    its mapping completed by content, by what was confirmed before and by --map, and the
    --default values it takes; otherwise why the sheet cannot be read, in terms of the main
    layout."""
    best: tuple[HeaderMatch, Synonyms, dict[str, str]] | None = None
    near: tuple[HeaderMatch, Synonyms, dict[str, str]] | None = None
    why = ""
    for n, (section, required, syn) in enumerate(layouts):
        match = find_header(grid, syn)
        if match is None and ctx.options.maps:
            match = header_by_names(grid, syn, ctx.options.maps)
        if match is None and n == 0:
            match = first_text_row(grid, syn)  # headers nobody listed: judged by content below
        defaults: dict[str, str] = {}
        if match is not None:
            mapping.by_content(match, grid, ctx.kind, ctx.resolver)
            known = {h: v for h, v in ctx.options.maps.items() if mapping.find_cell(match, h) is not None}
            mapping.confirm(match, syn, remembered.get(mapping.layout_key(match)), known)
            defaults = mapping.default_keys(syn, ctx.options.defaults)
        missing = [k for k in required if match is None or not _present(k, match, defaults)]
        if match is not None and not missing:
            match.layout = section
            if best is None or match.score > best[0].score:
                best = (match, syn, defaults)
        elif n == 0:
            if match is None:
                why = msg.NO_HEADER.format(kind=kind_name, names=_required_names(required, syn))
            else:
                why = msg.MISSING_COLUMNS.format(columns=_required_names(missing, syn))
                near = (match, syn, defaults)
    if best is None:
        if near is not None:
            # The clerk sees what each column was taken for, to --map the missing ones.
            match, syn, defaults = near
            labels = {k: syn.canonical.get(k, k) for k in (*match.columns, *defaults, *(s[2] for s in match.suggested))}
            ctx.report.columns[grid.name] = _column_uses(match, labels, defaults)
            ctx.report.header_rows[grid.name] = (match.first + 1, match.last + 1)
            # What --default would supply: from the form's own 填报日期 where it has one.
            lines = list(match.title_lines)
            lines += [
                cells.as_text(v) or ""
                for _i, row in _data_rows(grid, match)
                if _is_footer(row)
                for v in row
                if not cells.blank(v)
            ]
            _propose_defaults(match, syn, ctx.kind, defaults, ctx.report, lines)
        return None, None, {}, why
    maps_used.update(h for h in ctx.options.maps if mapping.find_cell(best[0], h) is not None)
    return best[0], best[1], best[2], ""


def _present(key: str | tuple[str, ...], match: HeaderMatch, defaults: dict[str, str] | None = None) -> bool:
    return any(k in match.columns or k in (defaults or {}) for k in ((key,) if isinstance(key, str) else key))


def _required_names(keys: Any, syn: Synonyms) -> str:
    out = []
    for item in keys:
        key = item if isinstance(item, str) else item[0]
        names = [syn.canonical.get(k, k) for k in ((item,) if isinstance(item, str) else item)]
        names += [n for n, k in syn.exact.items() if k == key and n not in names]
        label = syn.canonical.get(key, key)
        out.append(msg.MISSING_COLUMN_ONE.format(label=label, names="、".join(names[:5])))
    return "\uff1b".join(out)


def _count(report: ImportReport, ctx: Context) -> None:
    report.created.clear()
    report.updated.clear()
    for op in ctx.head_ops + [o for r in report.rows for o in r.ops] + ctx.tail_ops:
        if op.op == "insert":
            report.created[op.table] = report.created.get(op.table, 0) + 1
        elif op.op == "update":
            report.updated[op.table] = report.updated.get(op.table, 0) + 1


def _note_previous_import(db: Database, path: Path, report: ImportReport) -> None:
    try:
        digest = file_sha256(path)
    except OSError:
        return
    for entry in reversed(db.get_setting(IMPORT_LOG_KEY, []) or []):
        if entry.get("sha256") == digest and entry.get("kind") == report.kind:
            report.notes.append(msg.ALREADY_IMPORTED.format(at=str(entry.get("at", "")).replace("T", " ")))
            break


def _options(options: ImportOptions | None, kwargs: dict[str, Any]) -> ImportOptions:
    if options is None:
        options = ImportOptions(**kwargs)
    elif kwargs:
        options = ImportOptions(**{**options.__dict__, **kwargs})
    return options


def preview_import(
    db: Database, kind: str, file: str | Path, options: ImportOptions | None = None, **kwargs: Any
) -> ImportReport:
    """A dry run: what importing `file` as `kind` would add, change and refuse. Writes nothing.

    kind: rivers, chiefs, signboards, patrols, problems or tasks. Keyword options are
    those of ImportOptions (year, sheet, start_date, plan, maps, defaults, add_missing,
    skip_refused).
    """
    counter = _Counter()
    report, ctx = _plan(db, kind, Path(file), _options(options, kwargs), counter)
    if ctx.streamed:
        counter.finish(ctx)
    return report


def _count_ops(report: ImportReport, ops: list[Op]) -> None:
    for op in ops:
        if op.op == "insert":
            report.created[op.table] = report.created.get(op.table, 0) + 1
        elif op.op == "update":
            report.updated[op.table] = report.updated.get(op.table, 0) + 1


class _Counter:
    """The sink of a dry run: counts each row's writes and forgets them. Like the writer,
    it refuses (under --skip-refused) a row that needs a record only a refused row makes."""

    def __init__(self) -> None:
        self.made: set[str] = set()
        self.head_done = 0

    def __call__(self, ctx: Context, result: RowResult) -> None:
        head = ctx.head_ops[self.head_done :]
        self.head_done = len(ctx.head_ops)
        self.made.update(op.id for op in head)
        _count_ops(ctx.report, head)
        self.write(ctx, head, [])
        if result.action != "refuse":
            own = {op.id for op in result.ops if op.op == "insert"}
            # Only under --skip-refused: otherwise one refused row holds every row back anyway.
            pending = ctx.resolver.pending if ctx.options.skip_refused else set()
            lacking = pending and {
                i for op in result.ops for i in _referenced(op) if i in pending and i not in self.made and i not in own
            }
            if lacking:
                result.issues.append(RowIssue("", msg.NEEDS_REFUSED_ROW))
                result.action = "refuse"
            else:
                self.write(ctx, [], result.ops)
                self.made.update(own)
                _count_ops(ctx.report, result.ops)
        result.ops = []

    def write(self, ctx: Context, head: list[Op], ops: list[Op]) -> None:
        """Nothing to write in a dry run."""

    def finish(self, ctx: Context) -> None:
        """After every row: the records made for them (--add-missing) and the links."""
        head = ctx.head_ops[self.head_done :]
        self.head_done = len(ctx.head_ops)
        _count_ops(ctx.report, head)
        self.write(ctx, head, [])
        _count_ops(ctx.report, ctx.tail_ops)


class _Writer(_Counter):
    """The sink of an import: each accepted row's writes, as soon as it is planned, inside
    the one transaction the import is. Once a row is refused (without --skip-refused) the
    transaction will be rolled back, so nothing more is written."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.doomed = False

    def __call__(self, ctx: Context, result: RowResult) -> None:
        if result.action == "refuse" and not ctx.options.skip_refused:
            self.doomed = True
        super().__call__(ctx, result)

    def write(self, ctx: Context, head: list[Op], ops: list[Op]) -> None:
        if self.doomed:
            return
        for op in (*head, *ops):
            apply_op(self.db, op, ctx)


class _Rollback(Exception):
    """Leaves the import's transaction without writing anything."""


def run_import(
    db: Database, kind: str, file: str | Path, options: ImportOptions | None = None, **kwargs: Any
) -> ImportReport:
    """Validate every row and write it in one transaction: all of it, or nothing.

    Nothing is written when the file cannot be read or any row is refused (unless
    `skip_refused`: then the accepted rows are written and the refused ones go to a
    workbook beside the file); the returned report says why (`report.ok`, `report.written`).
    Rows are written as they are planned, so memory stays flat however long the ledger;
    a refusal rolls the whole transaction back.
    """
    path = Path(file)
    opts = _options(options, kwargs)
    if db.readonly:
        raise ImportSetupError(msg.READ_ONLY.format(reason=db.readonly_reason))
    importers = _importers()
    if kind in importers and not importers[kind].streams:
        return _run_planned(db, kind, path, opts)
    # A big import is one transaction: with SQLite's default 2 MB page cache it spills (and
    # syncs the journal) again and again. 64 MB for its length; given back afterwards.
    cache = db.scalar("PRAGMA cache_size")
    db.conn.execute("PRAGMA cache_size = -65536")
    report: ImportReport | None = None
    try:
        with db.transaction(actor=f"import:{path.name}"):
            writer = _Writer(db)
            report, ctx = _plan(db, kind, path, opts, writer)
            if report.fatal or (report.refused and not opts.skip_refused) or not report.has_work:
                raise _Rollback
            writer.finish(ctx)
            _finish_write(db, kind, path, report, ctx)
    except _Rollback:
        assert report is not None
        report.created.clear()
        report.updated.clear()
        return report
    finally:
        db.conn.execute(f"PRAGMA cache_size = {int(cache)}")
    report.written = True
    return report


def _finish_write(db: Database, kind: str, path: Path, report: ImportReport, ctx: Context, tail: bool = True) -> None:
    """Inside the import's transaction, after the rows: links, the mapping, the log, and
    the refused rows' workbook (if it cannot be saved, nothing is imported)."""
    if tail:
        for op in ctx.tail_ops:
            apply_op(db, op, ctx)
    for _sheet, match, _top, _merges in ctx.matches:
        if mapping.worth_remembering(match):
            mapping.remember(db, kind, match)
    log_import(db, report, path)
    if report.refused:
        dest = _refused_path(path)
        try:
            write_refused(report, ctx, dest)
        except OSError as exc:  # a write-protected stick, the file open in WPS
            raise ImportSetupError(msg.REFUSED_NOT_SAVED.format(file=dest, detail=exc.strerror or exc)) from None
        report.refused_file = str(dest)


def _run_planned(db: Database, kind: str, path: Path, opts: ImportOptions) -> ImportReport:
    """A kind whose later rows may refuse earlier ones: plan every row, then write."""
    report, ctx = _plan(db, kind, path, opts)
    if report.fatal or (report.refused and not opts.skip_refused):
        return report
    if report.refused:
        _drop_dependents(report, ctx)
        report.recount()
        _count(report, ctx)
    if not report.has_work:
        return report
    with db.transaction(actor=f"import:{path.name}"):
        for op in ctx.head_ops:
            apply_op(db, op, ctx)
        for row in report.rows:
            if row.action != "refuse":
                for op in row.ops:
                    apply_op(db, op, ctx)
        _finish_write(db, kind, path, report, ctx)
    report.written = True
    return report


def _referenced(op: Op) -> set[str]:
    ids = {v for k, v in op.values.items() if k.endswith("_id") and isinstance(v, str)}
    if op.op != "insert":
        ids.add(op.id)
    return ids


def _drop_dependents(report: ImportReport, ctx: Context) -> None:
    """--skip-refused: an accepted row that needs a record only a refused row would create
    (the person on an earlier row, a parent river) is refused too, until none is left."""
    pending = ctx.resolver.pending
    while True:
        made = {op.id for op in ctx.head_ops} | {
            op.id for r in report.rows if r.action != "refuse" for op in r.ops if op.op == "insert"
        }
        dropped = False
        for r in report.rows:
            if r.action == "refuse":
                continue
            lacking = {i for op in r.ops for i in _referenced(op) if i in pending and i not in made}
            if lacking:
                r.issues.append(RowIssue("", msg.NEEDS_REFUSED_ROW))
                r.action = "refuse"
                dropped = True
        if not dropped:
            break
    ctx.tail_ops = [op for op in ctx.tail_ops if not {i for i in _referenced(op) if i in pending} - made]


def _refused_path(path: Path) -> Path:
    base = path.with_name(f"{path.stem}{msg.REFUSED_SUFFIX}.xlsx")
    n = 1
    while base.exists():
        n += 1
        base = path.with_name(f"{path.stem}{msg.REFUSED_SUFFIX}{n}.xlsx")
    return base


def write_refused(report: ImportReport, ctx: Context, dest: Path) -> None:
    """The refused rows as the clerk wrote them, under the sheet's own title and header
    rows, with the reasons in a last column: fix them there and import that file again."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    by_sheet: dict[str, list[RowResult]] = {}
    for r in report.refused:
        by_sheet.setdefault(r.sheet, []).append(r)
    for sheet, match, top, merges in ctx.matches:
        label = sheet if len(ctx.matches) > 1 else ""
        rows = by_sheet.get(label, [])
        if not rows:
            continue
        ws = wb.create_sheet(sheet[:31])
        width = max((len(t) for t in top), default=0)
        width = max([width, *(len(r.source or []) for r in rows)])
        for n, values in enumerate(top):
            ws.append(
                list(values) + [None] * (width - len(values)) + ([msg.REFUSED_REASON] if n == match.first else [])
            )
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        if match.last > match.first:
            ws.merge_cells(
                start_row=match.first + 1, start_column=width + 1, end_row=match.last + 1, end_column=width + 1
            )
        for r in rows:
            values = list(r.source or [])
            ws.append(values + [None] * (width - len(values)) + ["\uff1b".join(i.text() for i in r.issues)])
    wb.save(dest)


def apply_op(db: Database, op: Op, ctx: Context) -> None:
    # Through the book that owns the record: its cross-record rules (the segment lies on the
    # river, the person exists …) hold for an import as for a form.
    reads = getattr(ctx, "reads", None)
    if reads is None or reads.db is not db:
        reads = ctx.reads = CachedReads(db)
    if op.op == "insert":
        book_for(op.table).insert_planned(db, op.values, reads)
    elif op.op == "update":
        book_for(op.table).update_planned(db, op.id, op.values, reads)
    elif op.op == "act":
        from hzconsole.books.problems import act

        act(
            db,
            op.id,
            op.action,
            actor=f"导入\uff1a{ctx.source_name}",
            opinion=msg.EVENT_OPINION.format(file=ctx.source_name),
            on=op.on,
            changes=op.values or None,
        )
    else:  # pragma: no cover - a programming error
        raise ValueError(op.op)


def log_import(db: Database, report: ImportReport, path: Path | None) -> None:
    """Append a summary of this import to the file's import log (kept in settings)."""
    c = report.counts
    entry = {
        "at": now_iso(),
        "kind": report.kind,
        "file": report.source,
        "sha256": file_sha256(path) if path is not None and path.exists() else None,
        "added": c["add"],
        "changed": c["change"],
        "unchanged": c["same"],
        "duplicates": c["dup"],
        "created": dict(report.created),
        "updated": dict(report.updated),
    }
    log = list(db.get_setting(IMPORT_LOG_KEY, []) or [])
    log.append(entry)
    db.set_setting(IMPORT_LOG_KEY, log[-IMPORT_LOG_KEEP:])


def import_log(db: Database) -> list[dict[str, Any]]:
    """The summaries of past imports, newest last."""
    return list(db.get_setting(IMPORT_LOG_KEY, []) or [])
