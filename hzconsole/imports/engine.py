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

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pydantic

from hzconsole import text as tx
from hzconsole.books.models import Record
from hzconsole.books.validation import problems_of
from hzconsole.imports import cells
from hzconsole.imports import messages as msg
from hzconsole.imports.headers import Column, HeaderMatch, Synonyms, find_header, synonyms
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
from hzconsole.store.errors import HzError

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

    def __init__(self, sheet: str, number: int, values: dict[str, Any], columns: dict[str, Column],
                 result: RowResult, year: int | None) -> None:
        self.sheet = sheet
        self.number = number
        self.values = values
        self.columns = columns
        self.result = result
        self.year = year
        self.bad: set[str] = set()  # keys whose cell already has a problem

    def has(self, key: str) -> bool:
        return key in self.columns

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def header(self, key: str) -> str:
        col = self.columns.get(key)
        return col.header if col else ""

    def issue(self, key: str | None, reason: str, label: str = "") -> None:
        if key:
            self.bad.add(key)
        col = self.columns.get(key) if key else None
        if col is not None:
            self.result.issues.append(RowIssue(col.header, reason, col.letter))
        else:
            self.result.issues.append(RowIssue(label, reason))

    def _convert(self, key: str, fn: Callable[[Any], Any]) -> Any:
        value = self.values.get(key)
        if cells.blank(value):
            return None
        try:
            return fn(value)
        except ValueError as exc:
            self.issue(key, str(exc))
            return None

    def text(self, key: str) -> str | None:
        return self._convert(key, cells.as_text)

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
            text = re.sub(r"[()()、.．\s]", "", tx.halfwidth(str(value)))
            number = tx.cn_number(text) if text else None
            if number is None or number < 1:
                raise ValueError(msg.NOT_AN_INTEGER.format(value=value))
            return number

        return self._convert(key, parse)

    @property
    def blank(self) -> bool:
        return all(cells.blank(v) for v in self.values.values())


class KindImporter:
    """Plans the rows of one kind of ledger. Subclasses fill in `plan_row`."""

    kind = ""
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
        self.seen: dict[Any, tuple[int, str, dict[str, Any]]] = {}

    def start_sheet(self, match: HeaderMatch) -> None:
        """Called once per sheet before its rows (e.g. to note defaults)."""

    def plan_row(self, row: SourceRow) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called after every row: cross-row work (e.g. parents named later in the file)."""

    # -- helpers shared by the kinds ----------------------------------------------------
    def validate(self, model: type[Record], data: dict[str, Any], row: SourceRow,
                 keys: dict[str, str] | None = None) -> Record | None:
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

    def upsert(self, model: type[Record], existing: dict[str, Any] | None, data: dict[str, Any],
               row: SourceRow, *, keys: dict[str, str] | None = None, seen: Any = None,
               describe: tuple[str, str] = ("", ""), skip: tuple[str, ...] = ()) -> tuple[str, str | None]:
        """Plan the insert of a new record or the update of the fields the row fills in.

        Blank cells never clear a stored value. `seen` is the record's natural key: a
        second row with the same key is a duplicate when the fields it fills agree with
        the first, and refused when they differ. Returns (outcome, record id) with outcome
        add / change / same / dup / refuse.
        """
        given = {k: v for k, v in data.items() if v is not None}
        if seen is not None and seen in self.seen:
            first_row, _first_sheet, first = self.seen[seen]
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
            return "dup", first.get("id")
        table = model.table
        if existing is None:
            record = self.validate(model, given, row, keys)
            if record is None:
                return "refuse", None
            values = record.row()
            values["id"] = given.get("id") or new_id()
            row.result.ops.append(Op("insert", table, values["id"], values))
            if seen is not None:
                self.seen[seen] = (row.number, row.sheet, values)
            return "add", values["id"]
        current = {k: v for k, v in existing.items() if k in model.model_fields}
        record = self.validate(model, {**current, **given}, row, keys)
        if record is None:
            return "refuse", existing["id"]
        values = record.row()
        values["id"] = existing["id"]
        if seen is not None:
            self.seen[seen] = (row.number, row.sheet, values)
        changes = {k: v for k, v in values.items()
                   if k not in ("id", *skip) and to_sql(v) != existing.get(k)}
        if not changes:
            return "same", existing["id"]
        row.result.ops.append(Op("update", table, existing["id"], changes))
        for k, v in changes.items():
            row.result.changes.append(FieldChange(model.label(k), _display(existing.get(k)), _display(v)))
        return "change", existing["id"]

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

    def place(self, row: SourceRow, *, segment_alone: bool = False
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
            else:
                self.ambiguous(row, "river", river_name, found)
        if seg_name and (river_id or (segment_alone and not river_name)):
            found = self.resolver.segment(river_id, seg_name)
            if found.ok:
                segment_id, river_id = found.id, found.extra["river_id"]
            else:
                self.ambiguous(row, "segment", seg_name, found)
        return river_name, seg_name, river_id, segment_id

    def ambiguous(self, row: SourceRow, key: str, value: str, found: Any, hint: str = "") -> None:
        """Record a failed name lookup on the row and in the report's list of names."""
        row.issue(key, found.error)
        self.ctx.report.ambiguities.append(
            Ambiguity(row.number, row.sheet, row.header(key) or key, value, tuple(found.candidates),
                      hint if found.candidates else "")
        )


def _display(value: Any) -> Any:
    if isinstance(value, date):
        return tx.cn_date(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return tx.cn_date(date.fromisoformat(value))
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


def _importers() -> dict[str, type[KindImporter]]:
    from hzconsole.imports.kinds import IMPORTERS

    return IMPORTERS


KINDS = ("rivers", "chiefs", "signboards", "patrols", "problems", "tasks")

_FOOTER = re.compile(r"^(填报人|填表人|制表人|审核人|负责人|联系电话|单位负责人|注|说明|备注|合计|总计|小计)\s*[::]?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|年度)")


def year_from_title(*texts: str) -> int | None:
    """The year a ledger is about, from its title rows or sheet name: 樟树镇2024年巡河台账."""
    for text in texts:
        m = _YEAR.search(tx.halfwidth(text or ""))
        if m:
            return int(m.group(1))
    for text in texts:
        m = re.search(r"((?:19|20)\d{2})[-./]\d{1,2}", tx.halfwidth(text or ""))
        if m:
            return int(m.group(1))
    return None


def _is_footer(values: list[Any]) -> bool:
    texts = [cells.as_text(v) for v in values if not cells.blank(v)]
    if not texts:
        return False
    first = tx.halfwidth(texts[0])
    return bool(_FOOTER.match(first)) and (len(texts) <= 3 or ":" in first or ":" in first)


def _is_number_row(values: list[Any]) -> bool:
    """A row of column numbers (1 2 3 …) printed under some headers."""
    nums = [v for v in values if not cells.blank(v)]
    if len(nums) < 3:
        return False
    try:
        ints = [int(str(v).strip()) if not isinstance(v, float) else int(v) for v in nums]
    except ValueError:
        return False
    return ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] in (0, 1)


def _data_rows(grid: Grid, match: HeaderMatch) -> list[tuple[int, list[Any]]]:
    """Rows below the header, with cells merged down a column filled from the top."""
    rows = [list(r) for r in grid.rows]
    for r0, c0, r1, _c1 in grid.merged:
        if r0 <= match.last or r0 >= len(rows):
            continue
        top = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c0:
                row.extend([None] * (c0 + 1 - len(row)))
            row[c0] = top
    return [(i, rows[i]) for i in range(match.last + 1, len(rows))]


def _column_uses(match: HeaderMatch, labels: dict[str, str]) -> list[ColumnUse]:
    """Every header cell of the sheet, left to right, with the field it fills (if any)."""
    uses = [(c.index, ColumnUse(c.letter, c.header, labels.get(c.key, c.key), msg.SCALE_NOTES.get(c.scale, "")))
            for c in match.columns.values()]
    uses += [(i, ColumnUse(column_letter(i), h, "")) for i, h in match.unused]
    uses += [(i, ColumnUse(column_letter(i), h, "", msg.REPEATED_COLUMN)) for i, h, _k in match.repeated]
    return [u for _i, u in sorted(uses, key=lambda t: t[0])]


def _plan(db: Database, kind: str, path: Path, options: ImportOptions) -> tuple[ImportReport, Context]:
    importers = _importers()
    if kind not in importers:
        raise ImportSetupError(msg.UNKNOWN_KIND.format(kind=kind, kinds="、".join(importers)))
    report = ImportReport(kind=kind, kind_name=msg.KIND_NAMES[kind], source=path.name)
    ctx = Context(db, kind, options, report, Resolver(db), path.name)
    report.notes.append(msg.POLICY[kind])
    cls = importers[kind]
    importer = cls(ctx)
    layouts = [(section, required, synonyms(section, titles)) for section, required, titles in cls.layouts()]
    try:
        grids = read_workbook(path)
    except WorkbookError as exc:
        report.fatal.append(str(exc))
        return report, ctx
    if options.sheet:
        chosen = [g for g in grids if g.name == options.sheet]
        if not chosen:
            report.fatal.append(msg.SHEET_NOT_FOUND.format(sheet=options.sheet, sheets="、".join(g.name for g in grids)))
            return report, ctx
        grids = chosen
    else:
        # Hidden sheets hold drop-down lists and scratch work, not records.
        report.skipped_sheets.extend(f"「{g.name}」:{msg.HIDDEN_SHEET}" for g in grids if g.hidden)
        grids = [g for g in grids if not g.hidden]
    if not grids:
        report.fatal.append(msg.NO_SHEETS.format(name=path.name))
        return report, ctx
    _note_previous_import(db, path, report)
    planned_any = False
    years_noted: set[int] = set()
    main_required, main_syn = layouts[0][1], layouts[0][2]
    for grid in grids:
        if not grid.rows:
            report.skipped_sheets.append(f"「{grid.name}」:空白")
            continue
        match, syn, why = _best_layout(grid, layouts, report.kind_name)
        if match is None or syn is None:
            report.skipped_sheets.append(f"「{grid.name}」:{why}")
            continue
        planned_any = True
        labels = {k: syn.canonical.get(k, k) for k in match.columns}
        report.sheets.append(grid.name)
        report.header_rows[grid.name] = (match.first + 1, match.last + 1)
        report.columns[grid.name] = _column_uses(match, labels)
        year = options.year or year_from_title(match.title, grid.name)
        if year and year not in years_noted:
            years_noted.add(year)
            source = msg.YEAR_SOURCE_OPTION if options.year else msg.YEAR_SOURCE_TITLE
            report.notes.append(msg.YEAR_FROM.format(year=year, source=source))
        importer.start_sheet(match)
        sheet_label = grid.name if len(grids) > 1 else ""
        for index, values in _data_rows(grid, match):
            if all(cells.blank(v) for v in values) or _is_footer(values) or _is_number_row(values):
                continue
            mapped = {key: (values[col.index] if col.index < len(values) else None)
                      for key, col in match.columns.items()}
            if all(cells.blank(v) for v in mapped.values()):
                continue
            result = RowResult(index + 1, "add", "", sheet=sheet_label)
            row = SourceRow(sheet_label, index + 1, mapped, match.columns, result, year)
            importer.plan_row(row)
            if result.issues:
                result.action = "refuse"
                result.ops.clear()
                # Left to right as in the sheet; reasons about the whole row last.
                result.issues.sort(key=lambda i: (not i.letter, len(i.letter), i.letter))
            report.rows.append(result)
    if not planned_any:
        if len(grids) == 1 and report.skipped_sheets:
            report.fatal.append(report.skipped_sheets.pop().split("」:", 1)[1])
        else:
            report.fatal.append(msg.NO_MATCHING_SHEET.format(
                name=path.name, kind=report.kind_name, n=len(grids), names=_required_names(main_required, main_syn)))
        return report, ctx
    importer.finish()
    for r in report.rows:
        if r.issues and r.action != "refuse":
            r.action = "refuse"
            r.ops.clear()
    _count(report, ctx)
    return report, ctx


def _best_layout(grid: Grid, layouts: list[tuple[str, tuple[Any, ...], Synonyms]],
                 kind_name: str) -> tuple[HeaderMatch | None, Synonyms | None, str]:
    """The layout whose header this sheet has (all required columns, most columns named);
    otherwise why the sheet cannot be read, in terms of the main layout."""
    best: tuple[HeaderMatch, Synonyms] | None = None
    why = ""
    for n, (section, required, syn) in enumerate(layouts):
        match = find_header(grid, syn)
        missing = [k for k in required if match is None or not _present(k, match)]
        if match is not None and not missing:
            match.layout = section
            if best is None or match.score > best[0].score:
                best = (match, syn)
        elif n == 0:
            if match is None:
                why = msg.NO_HEADER.format(kind=kind_name, names=_required_names(required, syn))
            else:
                why = msg.MISSING_COLUMNS.format(columns=_required_names(missing, syn))
    if best is None:
        return None, None, why
    return best[0], best[1], ""


def _present(key: str | tuple[str, ...], match: HeaderMatch) -> bool:
    return any(k in match.columns for k in ((key,) if isinstance(key, str) else key))


def _required_names(keys: Any, syn: Synonyms) -> str:
    out = []
    for item in keys:
        key = item if isinstance(item, str) else item[0]
        names = [syn.canonical.get(k, k) for k in ((item,) if isinstance(item, str) else item)]
        names += [n for n, k in syn.exact.items() if k == key and n not in names]
        label = syn.canonical.get(key, key)
        out.append(msg.MISSING_COLUMN_ONE.format(label=label, names="、".join(names[:5])))
    return ";".join(out)


def _count(report: ImportReport, ctx: Context) -> None:
    report.created.clear()
    report.updated.clear()
    for op in [o for r in report.rows for o in r.ops] + ctx.tail_ops:
        if op.op == "insert":
            report.created[op.table] = report.created.get(op.table, 0) + 1
        elif op.op == "update":
            report.updated[op.table] = report.updated.get(op.table, 0) + 1


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _note_previous_import(db: Database, path: Path, report: ImportReport) -> None:
    try:
        digest = _file_digest(path)
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


def preview_import(db: Database, kind: str, file: str | Path, options: ImportOptions | None = None,
                   **kwargs: Any) -> ImportReport:
    """A dry run: what importing `file` as `kind` would add, change and refuse. Writes nothing.

    kind: rivers, chiefs, signboards, patrols, problems or tasks. Keyword options are
    those of ImportOptions (year, sheet, start_date, plan).
    """
    report, _ctx = _plan(db, kind, Path(file), _options(options, kwargs))
    return report


def run_import(db: Database, kind: str, file: str | Path, options: ImportOptions | None = None,
               **kwargs: Any) -> ImportReport:
    """Validate every row, then write all of it in one transaction, or nothing.

    Nothing is written when the file cannot be read or any row is refused; the returned
    report says why (`report.ok`, `report.written`).
    """
    path = Path(file)
    opts = _options(options, kwargs)
    if db.readonly:
        raise ImportSetupError(msg.READ_ONLY.format(reason=db.readonly_reason))
    report, ctx = _plan(db, kind, path, opts)
    if not report.ok or not report.has_work:
        return report
    with db.transaction(actor=f"import:{path.name}"):
        for row in report.rows:
            for op in row.ops:
                apply_op(db, op, ctx)
        for op in ctx.tail_ops:
            apply_op(db, op, ctx)
        log_import(db, report, path)
    report.written = True
    return report


def apply_op(db: Database, op: Op, ctx: Context) -> None:
    if op.op == "insert":
        db.insert(op.table, op.values)
    elif op.op == "update":
        db.update(op.table, op.id, op.values)
    elif op.op == "act":
        from hzconsole.books.problems import act

        act(db, op.id, op.action, actor=f"导入:{ctx.source_name}",
            opinion=msg.EVENT_OPINION.format(file=ctx.source_name), on=op.on, changes=op.values or None)
    else:  # pragma: no cover - a programming error
        raise ValueError(op.op)


def log_import(db: Database, report: ImportReport, path: Path | None) -> None:
    """Append a summary of this import to the file's import log (kept in settings)."""
    c = report.counts
    entry = {
        "at": now_iso(), "kind": report.kind, "file": report.source,
        "sha256": _file_digest(path) if path is not None and path.exists() else None,
        "added": c["add"], "changed": c["change"], "unchanged": c["same"], "duplicates": c["dup"],
        "created": dict(report.created), "updated": dict(report.updated),
    }
    log = list(db.get_setting(IMPORT_LOG_KEY, []) or [])
    log.append(entry)
    db.set_setting(IMPORT_LOG_KEY, log[-IMPORT_LOG_KEEP:])


def import_log(db: Database) -> list[dict[str, Any]]:
    """The summaries of past imports, newest last."""
    return list(db.get_setting(IMPORT_LOG_KEY, []) or [])
