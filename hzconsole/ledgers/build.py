"""The sheets of each ledger: which definitions, which rows, which marks."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from xlsxwriter.workbook import Workbook

from hzconsole import figures
from hzconsole.books import patrols as patrol_book
from hzconsole.books.rivers import rivers as river_book
from hzconsole.books.settings import OfficeSettings
from hzconsole.books.terms import PERIODS
from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.ledgers import fit, queries
from hzconsole.ledgers import messages as msg
from hzconsole.ledgers.columns import LedgerSpec, LedgerSpecError, load_columns
from hzconsole.ledgers.sheet import TEMPLATE_ROWS, LedgerSheet, Styles, write_text
from hzconsole.ledgers.widths import fit_width, min_width
from hzconsole.rules.periods import month_label, month_range, short_label, year_range
from hzconsole.store.database import Database
from hzconsole.text import cn_date

Progress = Callable[[int, int], None]
_TITLE_FIELDS = ("office", "period", "plan", "year")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Context:
    """What every sheet of one export shares."""

    db: Database
    workbook: Workbook
    styles: Styles
    settings: OfficeSettings
    today: date
    progress: Progress | None = None
    total: int = 0
    done: int = 0
    sheet_names: set[str] = field(default_factory=set)

    def tick(self, rows: int = 1, *, every: int = 200) -> None:
        before = self.done
        self.done += rows
        if self.progress and (self.done // every != before // every or self.done >= self.total):
            self.progress(self.done, max(self.total, self.done))

    def sheet_name(self, wanted: str) -> str:
        base = _BAD_SHEET_CHARS.sub("", wanted).strip("'") or "Sheet"
        base = base[:31]
        name, n = base, 1
        while name.lower() in self.sheet_names:
            n += 1
            suffix = f"({n})"
            name = base[: 31 - len(suffix)] + suffix
        self.sheet_names.add(name.lower())
        return name


def levels_of(ctx: Context) -> dict[str, str]:
    """How this office names the levels: a 镇 writes 镇级 for the books' 乡级, as its
    documents do (imports read either back)."""
    return {"乡级": "镇级"} if "镇" in ctx.settings.office_name else {}


def spec_for(kind: str) -> LedgerSpec:
    """The definition of a sheet, checked against the fields that sheet can show."""
    spec = load_columns(kind)
    available = queries.SOURCES[kind]
    for i, column in enumerate(spec.columns, 1):
        if column.source not in available:
            raise LedgerSpecError(
                msg.UNKNOWN_SOURCE.format(
                    name=kind,
                    index=i,
                    header=column.header,
                    source=column.source,
                    sources="、".join(available),
                )
            )
    return spec


def render_title(spec: LedgerSpec, **values: str) -> str:
    """The title pattern filled in; a misspelt placeholder is the clerk's to fix, so say which."""
    names = [f for _, f, _, _ in string.Formatter().parse(spec.title) if f is not None]
    unknown = [n for n in names if n not in _TITLE_FIELDS]
    if unknown:
        raise LedgerSpecError(
            f"台账列定义文件 {spec.kind}.toml 的标题中有无法识别的 {{{unknown[0]}}}，"
            f"可用的有：{'、'.join('{' + f + '}' for f in _TITLE_FIELDS)}"
        )
    return spec.title.format(**{f: values.get(f, "") for f in _TITLE_FIELDS})


def _as_text(value: Any) -> str:
    """How wide a value shows: only the width matters (a date prints as yyyy-mm-dd)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return msg.YES
    if isinstance(value, date):
        return "2024-06-17"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return fullwidth(value)  # as the sheet prints it (sheet.LedgerSheet.row)
    return str(value)


def fitted_widths(spec: LedgerSpec, rows: list[dict[str, Any]]) -> dict[str, float]:
    return {
        c.source: fit_width(c.header, c.width, [_as_text(r.get(c.source)) for r in rows])
        for c in spec.columns
        if c.source != "index"
    } | {"index": fit_width("序号", 6, [str(len(rows))])}


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _shown_columns(spec: LedgerSpec, rows: list[dict[str, Any]] | None, empty: Iterable[str] = ()) -> LedgerSpec:
    """The definition without the columns no record fills (河段 when no patrol names one):
    an empty column takes paper and says nothing. Kept all when there are no records."""
    empty = set(empty)
    if rows:
        empty |= {c.source for c in spec.columns if all(_empty(r.get(c.source)) for r in rows)}
    if not empty:
        return spec
    kept = tuple(c for c in spec.columns if c.source == "index" or c.source not in empty)
    return spec.with_columns(kept)


def _open_sheet(
    ctx: Context,
    spec: LedgerSpec,
    *,
    title: str,
    rows: list[dict[str, Any]] | None,
    sheet_name: str | None = None,
    empty: Iterable[str] = (),
) -> LedgerSheet:
    """The sheet with its head written, laid out to print readably (ledgers/fit.py): on
    one page's width, or over several with the key columns repeated on each."""
    spec = _shown_columns(spec, rows, empty)
    natural = (
        fitted_widths(spec, rows)
        if rows is not None
        else {c.source: fit_width(c.header, c.width, None) for c in spec.columns}
    )
    minimum = [
        min_width(
            c.header, natural[c.source], None if rows is None else [_as_text(r.get(c.source)) for r in rows], c.type
        )
        for c in spec.columns
    ]
    parts = fit.plan(
        [natural[c.source] for c in spec.columns],
        minimum,
        keys=spec.keys(),
        paper=spec.paper,
        orientation=spec.orientation,
        groups=[c.group for c in spec.columns],
    )
    widths: dict[str, float] = {}
    for part in parts:
        widths.update({spec.columns[i].source: w for i, w in zip(part.columns, part.widths, strict=True)})
    sheet = LedgerSheet(
        ctx.workbook,
        ctx.styles,
        spec,
        name=ctx.sheet_name(sheet_name or spec.sheet),
        title=title,
        unit_line=msg.UNIT_LINE.format(office=ctx.settings.office_name),
        date_line=msg.DATE_LINE.format(day=cn_date(ctx.today)),
        widths=widths,
        levels=levels_of(ctx),
        paper=parts[0].paper,
        orientation="landscape" if any(p.orientation == "landscape" for p in parts) else "portrait",
        pages_wide=parts,
    )
    sheet.head()
    return sheet


def _finish(ctx: Context, sheet: LedgerSheet) -> None:
    s = ctx.settings
    sheet.foot(s.clerk, s.reviewer, s.contact_phone or "")


def _simple(
    ctx: Context,
    kind: str,
    rows: list[dict[str, Any]],
    *,
    title: str | None = None,
    mark: Callable[[dict[str, Any]], bool] | None = None,
    flags: Iterable[str] = (),
    sheet_name: str | None = None,
    empty_note: str | None = None,
) -> None:
    """One sheet of `rows`; the title is the sheet's own with the office filled in unless
    given (titles that also name a year, a period or a plan)."""
    spec = spec_for(kind)
    if title is None:
        title = render_title(spec, office=_office(ctx))
    sheet = _open_sheet(ctx, spec, title=title, rows=rows, sheet_name=sheet_name)
    flags = tuple(flags)
    for row in rows:
        marked = bool(mark and mark(row))
        sheet.row(row, mark=marked, flags=flags if marked else ())
        ctx.tick()
    if not rows and empty_note:
        sheet.note(empty_note)
    _finish(ctx, sheet)


def _office(ctx: Context) -> str:
    return ctx.settings.office_name


# -- the ledgers -------------------------------------------------------------------------
def rivers(ctx: Context, **_: Any) -> None:
    river_rows = queries.rivers(ctx.db, ctx.today, levels_of(ctx))
    segment_rows = queries.segments(ctx.db, ctx.today, levels_of(ctx))
    ctx.total = len(river_rows) + len(segment_rows)
    _simple(ctx, "rivers", river_rows)
    _simple(ctx, "segments", segment_rows)


def chiefs(ctx: Context, **_: Any) -> None:
    current = queries.roster(ctx.db, ctx.today)
    history = queries.appointment_history(ctx.db, ctx.today)
    ctx.total = len(current) + len(history)
    _simple(ctx, "chiefs", current)
    _simple(ctx, "appointments", history)


def signboards(ctx: Context, **_: Any) -> None:
    rows = queries.signboards(ctx.db, ctx.today, levels_of(ctx))
    ctx.total = len(rows)
    _simple(ctx, "signboards", rows, mark=lambda r: r["is_stale"], flags=("stale", "stale_since", "stale_days"))


def problems(ctx: Context, year: int | None = None, **_: Any) -> None:
    rows = queries.problems(ctx.db, ctx.today, year)
    ctx.total = len(rows)
    title = render_title(
        spec_for("problems"),
        office=_office(ctx),
        year=str(year or ""),
        period=msg.PERIOD_YEAR.format(year=year) if year else "",
    )
    _simple(ctx, "problems", rows, title=title, mark=lambda r: r["is_overdue"], flags=("overdue", "overdue_days"))


def tasks(ctx: Context, year: int | None = None, **_: Any) -> None:
    year = year or ctx.today.year
    plans = queries.plans_of_year(ctx.db, year)
    per_plan = [(plan, queries.tasks(ctx.db, plan["id"])) for plan in plans]
    ctx.total = sum(len(rows) for _, rows in per_plan)
    spec = spec_for("tasks")

    def late(row: dict[str, Any]) -> bool:
        return bool(row["deadline"] and row["deadline"] < ctx.today and row["status"] in ("未开始", "进行中"))

    if not per_plan:
        title = msg.TASKS_TITLE_NO_PLAN.format(office=_office(ctx), year=year)
        _simple(ctx, "tasks", [], title=title, empty_note=msg.NO_RECORDS)
        return
    for plan, rows in per_plan:
        title = render_title(
            spec, office=_office(ctx), plan=plan["title"], year=str(year), period=msg.PERIOD_YEAR.format(year=year)
        )
        name = spec.sheet if len(per_plan) == 1 else plan["title"]
        _simple(ctx, "tasks", rows, title=title, mark=late, flags=("status",), sheet_name=name)


def _norm_text(settings: OfficeSettings, level: str) -> str:
    norms = [n for n in settings.patrol_norms if n.level == level]
    text = "、".join(msg.NORM.format(period=PERIODS[n.period], count=n.count) for n in norms)
    minutes = max((n.min_minutes for n in norms), default=0)
    return text + (msg.NORM_MINUTES.format(minutes=minutes) if minutes else "")


def patrols(ctx: Context, year: int | None = None, month: int | None = None, **_: Any) -> None:
    """巡河台账 of a year or a month, then 巡河达标情况 for the same period."""
    year = year or ctx.today.year
    start, end = month_range(year, month) if month else year_range(year)
    period = month_label(year, month) if month else msg.PERIOD_YEAR.format(year=year)
    patrols_between(ctx, start, end, period)


def patrols_all_years(ctx: Context, **_: Any) -> None:
    """Every patrol the file holds, from the first to the last (no compliance sheet: norms
    are judged a month or a year at a time)."""
    first, last = queries.patrol_span(ctx.db)
    if first is None or last is None:  # both or neither: an empty file
        first = last = ctx.today
    period = (
        msg.PERIOD_YEAR.format(year=first.year)
        if first.year == last.year
        else msg.PERIOD_YEARS.format(first=first.year, last=last.year)
    )
    patrols_between(ctx, first, last, period, compliance=False)


def patrols_between(ctx: Context, start: date, end: date, period: str, *, compliance: bool = True) -> None:
    """The patrol sheet for [start, end], streamed from a cursor so 100,000 rows take the
    memory of one; then (unless `compliance` is False) the compliance sheet."""
    db = ctx.db
    compliance_rows = _compliance_rows(ctx, start, end) if compliance else []
    ctx.total = patrol_book.count_between(db, start, end) + len(compliance_rows)
    found = patrol_book.problem_numbers_between(db, start, end)
    spec = spec_for("patrols")
    title = render_title(spec, office=_office(ctx), period=period, year=str(end.year))
    sheet = _open_sheet(ctx, spec, title=title, rows=None, empty=queries.empty_patrol_sources(db, start, end))
    any_rows = False
    for row in patrol_book.iter_ledger_rows(db, start, end):
        any_rows = True
        row["date"] = date.fromisoformat(row["date"])
        row["handled_on_spot"] = bool(row["handled_on_spot"])
        numbers = found.get(row["id"])
        row["problem_numbers"] = "、".join(numbers) if numbers else None
        sheet.row(row)
        ctx.tick(every=1000)
    if not any_rows:
        sheet.note(msg.NO_RECORDS)
    _finish(ctx, sheet)
    if compliance:
        cspec = spec_for("compliance")
        _simple(
            ctx,
            "compliance",
            compliance_rows,
            title=render_title(cspec, office=_office(ctx), period=period, year=str(end.year)),
            mark=lambda r: r["behind"],
            flags=("compliant", "missing_count"),
            empty_note=msg.NO_RECORDS,
        )


def _compliance_rows(ctx: Context, start: date, end: date) -> list[dict[str, Any]]:
    """One row per chief (per chief and river under per-river norms), from the rules."""
    db = ctx.db
    results = figures.chief_compliance(db, start, end, as_of=ctx.today, settings=ctx.settings)
    rivers = river_book.names(db)
    duty_rivers = queries.duty_rivers(db, start, end)
    rows = []
    for c in results:
        river = rivers.get(c.river_id, "") if c.river_id else "、".join(duty_rivers.get((c.person_id, c.level), ()))
        # A month before its 旬; weeks by their dates (rules.periods.short_label).
        missing = sorted(c.missing, key=lambda p: (p.start, -p.end.toordinal()))
        rows.append(
            {
                "name": c.name,
                "level": c.level,
                "river_name": river,
                "norm": _norm_text(ctx.settings, c.level),
                "required": c.required,
                "done": c.done,
                "compliant": (msg.COMPLIANT if c.compliant else msg.NOT_COMPLIANT) if c.assessed else msg.NOT_ASSESSED,
                "missing_count": len(missing),
                "missing": "、".join(short_label(p, start.year) for p in missing),
                "behind": c.assessed and not c.compliant,
            }
        )
    return rows


# -- blank entry templates ---------------------------------------------------------------
TEMPLATE_SHEETS: dict[str, tuple[str, ...]] = {
    "rivers": ("rivers", "segments"),
    "chiefs": ("chiefs",),
    "signboards": ("signboards",),
    "patrols": ("patrols",),
    "problems": ("problems",),
    "tasks": ("tasks",),
}


def template(ctx: Context, book: str) -> None:
    """A blank form per sheet of `book`: same headers as the ledger (without computed
    columns), drop-downs and date checks, text-formatted columns, room to sign."""
    kinds = TEMPLATE_SHEETS[book]
    ctx.total = len(kinds)
    lists = queries.name_lists(ctx.db)
    ranges = {key: _list_range(col, len(names)) for col, (key, names) in enumerate(lists.items()) if names}
    refs = {source: ranges[key] for source, key in queries.NAME_LIST_OF.items() if key in ranges}
    for kind in kinds:
        spec = spec_for(kind).for_template()
        title = render_title(spec, office=_office(ctx), plan=_office(ctx)) + msg.TEMPLATE_SUFFIX
        # One sheet whatever its width (imports read a form as one table): narrowed to fit.
        natural = [fit_width(c.header, c.width, None) for c in spec.columns]
        minimum = [min_width(c.header, w, None, c.type, blank=True) for c, w in zip(spec.columns, natural, strict=True)]
        part = fit.plan(natural, minimum, paper=spec.paper, orientation=spec.orientation, split=False)[0]
        sheet = LedgerSheet(
            ctx.workbook,
            ctx.styles,
            spec,
            name=ctx.sheet_name(spec.sheet),
            title=title,
            unit_line=msg.TEMPLATE_UNIT_LINE,
            date_line=msg.TEMPLATE_DATE_LINE,
            template=True,
            levels=levels_of(ctx),
            widths={c.source: w for c, w in zip(spec.columns, part.widths, strict=True)},
            paper=part.paper,
            orientation=part.orientation,
        )
        sheet.head()
        sheet.validations(refs)
        sheet.blank_rows(TEMPLATE_ROWS)
        sheet.foot("", "", "")
        ctx.tick(every=1)
    if refs:
        _write_lists(ctx, lists)


def _list_range(col: int, count: int) -> str:
    letter = chr(ord("A") + col)
    return f"='{msg.LISTS_SHEET}'!${letter}$2:${letter}${count + 1}"


def _write_lists(ctx: Context, lists: dict[str, list[str]]) -> None:
    """The names the drop-downs offer, on a hidden sheet (one column per list)."""
    ws = ctx.workbook.add_worksheet(ctx.sheet_name(msg.LISTS_SHEET))
    ws.hide()
    keys = list(lists)
    depth = max((len(v) for v in lists.values()), default=0)
    for col, key in enumerate(keys):
        ws.write_string(0, col, msg.LIST_HEADERS[key])
        ws.set_column(col, col, 20)
    for row in range(depth):
        for col, key in enumerate(keys):
            names = lists[key]
            if row < len(names):
                write_text(ws, row + 1, col, names[row], None)
