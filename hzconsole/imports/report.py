"""What an import would do or did, row by row: the object both the CLI and the console show.

A report is built by a dry run (`preview_import`) and by the real run (`run_import`, which
validates everything first and writes only when no row is refused). `text()` renders it in
Chinese; the console reads the fields directly. What the clerk can supply to get further
(`hints`) is worded by each front end: `text(hints=...)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hzconsole.imports import messages as msg
from hzconsole.imports.hints import Hint

Action = Literal["add", "change", "same", "dup", "refuse"]

ACTION_NAMES: dict[str, str] = {
    "add": "新增",
    "change": "修改",
    "same": "未变化",
    "dup": "重复\uff08跳过\uff09",
    "refuse": "拒绝",
}


@dataclass(frozen=True)
class RowIssue:
    """Why a row (or one cell of it) is refused."""

    column: str  # the sheet's own header text, '' when the reason is about the whole row
    reason: str
    letter: str = ""  # Excel column letter, '' when not from one column
    hint: Hint | None = None  # what the clerk can supply so the row is accepted

    def text(self) -> str:
        if self.column and self.letter:
            return f"「{self.column}」\uff08{self.letter}列\uff09\uff1a{self.reason}"
        if self.column:
            return f"「{self.column}」\uff1a{self.reason}"
        return self.reason


@dataclass(frozen=True)
class FieldChange:
    """One field of an existing record that the import changes."""

    label: str
    old: Any
    new: Any

    def text(self) -> str:
        return f"{self.label}\uff1a{_show(self.old)} → {_show(self.new)}"


@dataclass(frozen=True)
class Ambiguity:
    """A name that matches more than one record (or none): the clerk has to decide."""

    row: int
    sheet: str
    column: str
    value: str
    candidates: tuple[str, ...]
    hint: str = ""

    def text(self) -> str:
        where = msg.ROW.format(row=self.row) if not self.sheet else msg.SHEET_ROW.format(sheet=self.sheet, row=self.row)
        if self.candidates:
            found = msg.AMBIGUOUS_FOUND.format(n=len(self.candidates), names="、".join(self.candidates))
        else:
            found = msg.NOT_FOUND_SHORT
        out = f"{where}「{self.column}」「{self.value}」\uff1a{found}"
        return out + (f"\uff1b{self.hint}" if self.hint else "")


@dataclass
class RowResult:
    """One source row (or, for plans, one task) and what the import does with it."""

    row: int
    action: Action
    what: str  # short description: the record's key fields
    sheet: str = ""
    issues: list[RowIssue] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "新建人员 张三"
    ops: list[Any] = field(default_factory=list)  # planned writes (engine.Op); not shown
    source: list[Any] | None = None  # the cells as read (refused rows go back to the clerk)
    same_as: int | None = None  # for 'dup': the earlier row it repeats
    differs: list[str] = field(default_factory=list)  # for 'dup': columns not imported that differ

    @property
    def where(self) -> str:
        if self.sheet:
            return msg.SHEET_ROW.format(sheet=self.sheet, row=self.row)
        return msg.ROW.format(row=self.row)

    def text(self) -> str:
        line = f"{self.where} {self.what}"
        if self.action == "refuse":
            return line + "\uff1a" + "\uff1b".join(i.text() for i in self.issues)
        if self.changes:
            line += "\uff1a" + "\uff1b".join(c.text() for c in self.changes)
        if self.action == "dup" and self.same_as is not None:
            if self.differs:
                line += "\uff1a" + msg.DUP_UNMAPPED.format(
                    row=self.same_as, columns="、".join(f"「{c}」" for c in self.differs)
                )
            else:
                line += "\uff1a" + msg.DUP_OF.format(row=self.same_as)
        if self.notes:
            line += "\uff08" + "\uff1b".join(self.notes) + "\uff09"
        return line


@dataclass
class ColumnUse:
    """How one column of the sheet was understood."""

    letter: str
    header: str
    target: str  # Chinese name of the field it fills, '' when not used
    note: str = ""
    sure: int = 100  # how sure the importer is of the target, 0-100
    why: str = ""  # how the target was found: 表头 / 包含 / 相近 / 内容… / 上次确认 / 指定


@dataclass
class ImportReport:
    """Everything an import would do (preview) or did (written=True)."""

    kind: str
    kind_name: str
    source: str  # file name, or '粘贴的文本'
    sheets: list[str] = field(default_factory=list)
    header_rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # sheet -> (first, last), 1-based
    columns: dict[str, list[ColumnUse]] = field(default_factory=dict)  # sheet -> columns
    skipped_sheets: list[str] = field(default_factory=list)  # "名称:原因"
    rows: list[RowResult] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)  # file-level problems: nothing can be imported
    notes: list[str] = field(default_factory=list)  # policy and facts worth knowing
    warnings: list[str] = field(default_factory=list)  # worth checking, but nothing refused
    ignored_lines: list[str] = field(default_factory=list)  # plans: text that was not used
    created: dict[str, int] = field(default_factory=dict)  # table -> records to insert
    updated: dict[str, int] = field(default_factory=dict)  # table -> records to update
    written: bool = False
    # Rows kept per outcome besides the refused (all kept); None: every row. A ledger of
    # 100,000 rows is counted, not kept: the report lists the first ones of each outcome.
    keep: int | None = 2000
    tally: dict[str, int] = field(default_factory=dict)
    plan: Any = None  # plans: the parsed plan (imports.plan_text.ParsedPlan)
    fields: list[str] = field(default_factory=list)  # the fields a column may fill (Chinese names)
    defaults_proposed: dict[str, str] = field(default_factory=dict)  # field -> value the sheet itself suggests
    missing: dict[str, list[str]] = field(default_factory=dict)  # 河湖/人员 -> names the file lacks
    refused_file: str | None = None  # where --skip-refused wrote the refused rows
    skip_refused: bool = False  # --skip-refused: refused rows do not hold the others back
    created_missing: bool = False  # --add-missing: the names listed in `missing` are created
    hints: list[Hint] = field(default_factory=list)  # what the clerk can supply (notes, fatal)

    def hint(self, hint: Hint) -> None:
        if hint not in self.hints:
            self.hints.append(hint)

    def all_hints(self) -> list[Hint]:
        """What the clerk can supply to get further, in `Hint` order: those the notes and
        file problems named, those of the refused rows, and two the report itself implies
        (names the file lacks, columns left out that differ between duplicate rows)."""
        found = set(self.hints)
        found.update(i.hint for r in self.refused for i in r.issues if i.hint is not None)
        if any(self.missing.values()) and not self.created_missing:
            found.add(Hint.ADD_MISSING)
        if any(r.differs for r in self.of("dup")):
            found.add(Hint.MAP)
        return [h for h in Hint if h in found]

    # -- counts ------------------------------------------------------------------------
    def add(self, row: RowResult) -> None:
        """A planned row: counted, and kept while its outcome has fewer than `keep` rows."""
        n = self.tally.get(row.action, 0)
        self.tally[row.action] = n + 1
        if self.keep is None or row.action == "refuse" or n < self.keep:
            self.rows.append(row)

    def recount(self) -> None:
        """Counts from the rows themselves (every row kept, outcomes changed after planning)."""
        self.tally = {}
        for r in self.rows:
            self.tally[r.action] = self.tally.get(r.action, 0) + 1

    def of(self, action: Action) -> list[RowResult]:
        return [r for r in self.rows if r.action == action]

    @property
    def counts(self) -> dict[str, int]:
        if len(self.rows) > sum(self.tally.values()):
            self.recount()  # rows appended directly (plans), not through add()
        return {a: self.tally.get(a, 0) for a in ACTION_NAMES}

    @property
    def refused(self) -> list[RowResult]:
        return self.of("refuse")

    @property
    def ok(self) -> bool:
        """True when the import can be (or was) written: no file problem, no refused row."""
        return not self.fatal and not self.refused

    @property
    def has_work(self) -> bool:
        c = self.counts
        return bool(c["add"] or c["change"])

    def refusal_groups(self) -> list[tuple[str, list[RowResult]]]:
        """Refused rows by reason, most frequent first: the names and values quoted in a
        reason (「白沙河」) are left out, so one missing column is one line for 1,729 rows."""
        groups: dict[str, list[RowResult]] = {}
        for r in self.refused:
            for issue in r.issues or [RowIssue("", "")]:
                reason = re.sub(r"「[^」]*」", "「…」", issue.reason)
                reason = re.sub(r"\d+", "N", reason)
                key = f"「{issue.column}」{reason}" if issue.column else reason
                rows = groups.setdefault(key, [])
                if not rows or rows[-1] is not r:
                    rows.append(r)
        return sorted(groups.items(), key=lambda kv: -len(kv[1]))

    # -- rendering ---------------------------------------------------------------------
    def summary(self) -> str:
        """One line: the outcome in words."""
        c = self.counts
        figures = msg.COUNTS.format(add=c["add"], change=c["change"], same=c["same"], dup=c["dup"], refuse=c["refuse"])
        if self.kind == "plan":
            figures = "\uff0c".join(
                m.format(n=c[k]) for k, m in (("add", msg.COUNTS_PLAN_ADD), ("same", msg.COUNTS_PLAN_SAME)) if c[k]
            ) or msg.COUNTS_PLAN_ADD.format(n=0)
        if self.fatal:
            return msg.OUTCOME_FATAL
        if self.refused and self.written:
            return msg.OUTCOME_PARTLY.format(n=c["refuse"], file=self.refused_file or "", figures=figures)
        if self.refused and self.skip_refused and self.has_work:
            return msg.OUTCOME_PREVIEW_PARTLY.format(n=c["refuse"], figures=figures)
        if self.refused:
            return msg.OUTCOME_REFUSED.format(n=c["refuse"], figures=figures)
        if self.written:
            return msg.OUTCOME_WRITTEN.format(figures=figures)
        if not self.has_work:
            return msg.OUTCOME_NOTHING.format(figures=figures)
        return msg.OUTCOME_PREVIEW.format(figures=figures)

    def text(self, *, limit: int | None = None, hints: Mapping[Hint, str] | None = None) -> str:
        """The whole report in Chinese. `limit` caps each list of rows (None: all rows);
        `hints`: how the front end words each hint (None: the core text alone)."""
        out = [msg.REPORT_HEAD.format(kind=self.kind_name, source=self.source)]
        # Sheets imported, then sheets refused for a missing column: their columns as read.
        for sheet in [*self.sheets, *(s for s in self.columns if s not in self.sheets)]:
            first, last = self.header_rows.get(sheet, (0, 0))
            header_span = msg.ROW.format(row=first) if first == last else msg.HEADER_ROWS.format(first=first, last=last)
            out.append(
                msg.SHEET_LINE.format(sheet=sheet, rows=header_span)
                if first
                else msg.SHEET_LINE_PLAIN.format(sheet=sheet)
            )
            used = [c for c in self.columns.get(sheet, []) if c.target]
            unused = [c for c in self.columns.get(sheet, []) if not c.target]
            if used:
                out.append("  " + msg.COLUMNS_USED + "、".join(_use_text(c) for c in used))
            if unused:
                out.append(
                    "  "
                    + msg.COLUMNS_UNUSED
                    + "、".join(
                        f"{c.letter}「{c.header}」" + (f"\uff08{c.note}\uff09" if c.note else "") for c in unused
                    )
                )
        for s in self.skipped_sheets:
            out.append(msg.SHEET_SKIPPED.format(text=s))
        for f in self.fatal:
            out.append(msg.FATAL_PREFIX + f)
        if self.plan is not None:
            out.extend(self.plan.outline_lines())
        for n in self.notes:
            out.append(msg.NOTE_PREFIX + n)
        for what, names in self.missing.items():
            if names:
                out.append(
                    msg.LIST_MISSING.format(
                        what=what,
                        n=len(names),
                        names="、".join(_cap(names, limit))
                        + ("……" if limit is not None and len(names) > limit else ""),
                    )
                )
        if any(self.missing.values()) and not self.created_missing:
            out.append(msg.MISSING_ADD)
        if hints is not None:
            out.extend(msg.HINT_PREFIX + hints[h] for h in self.all_hints())
        out.append(self.summary())
        if self.warnings:
            out.append(msg.LIST_WARNINGS.format(n=len(self.warnings)))
            out.extend("  " + w for w in _cap(self.warnings, limit))
            if limit is not None and len(self.warnings) > limit:
                out.append("  " + msg.MORE.format(n=len(self.warnings) - limit))
        sections: list[tuple[str, list[RowResult]]] = [
            (msg.LIST_REFUSED, self.refused),
            (msg.LIST_ADD, self.of("add")),
            (msg.LIST_CHANGE, self.of("change")),
            (msg.LIST_DUP, self.of("dup")),
            (msg.LIST_SAME, self.of("same")),
        ]
        if self.ambiguities:
            out.append(msg.LIST_AMBIGUOUS.format(n=len(self.ambiguities)))
            out.extend("  " + a.text() for a in _cap(self.ambiguities, limit))
            if limit is not None and len(self.ambiguities) > limit:
                out.append("  " + msg.MORE.format(n=len(self.ambiguities) - limit))
        groups = self.refusal_groups()
        if len(self.refused) > 10:
            out.append(msg.REFUSED_GROUPS)
            for reason, refused_rows in _cap(groups, limit):
                row_numbers = "、".join(str(r.row) for r in refused_rows[:8]) + ("……" if len(refused_rows) > 8 else "")
                out.append("  " + msg.REFUSED_GROUP.format(reason=reason, n=len(refused_rows), rows=row_numbers))
        counts = self.counts
        for (title, rows), action in zip(sections, ("refuse", "add", "change", "dup", "same"), strict=True):
            if not rows:
                continue
            total = counts[action]
            out.append(title.format(n=total))
            out.extend("  " + r.text() for r in _cap(rows, limit))
            shown = min(len(rows), limit) if limit is not None else len(rows)
            if total > shown:
                out.append("  " + msg.MORE.format(n=total - shown))
        if self.ignored_lines:
            out.append(msg.LIST_IGNORED.format(n=len(self.ignored_lines)))
            out.extend("  " + line for line in _cap(self.ignored_lines, limit))
            if limit is not None and len(self.ignored_lines) > limit:
                out.append("  " + msg.MORE.format(n=len(self.ignored_lines) - limit))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.text()


def _use_text(c: ColumnUse) -> str:
    # The canonical headers (templates/imports/headers.toml) are written with ASCII brackets;
    # shown in the report's Chinese text, with full-width ones.
    target = (c.target or "").replace("(", "\uff08").replace(")", "\uff09")
    text = f"{c.letter}「{c.header}」" + ("" if _same_label(c.header, c.target) else f"→{target}")
    if not ((c.why and c.why != msg.WHY_HEADER) or c.sure < 90):
        return text + (f"\uff08{c.note}\uff09" if c.note else "")
    notes = [c.note] if c.note else []
    notes.append(msg.SURE.format(why=c.why or msg.WHY_HEADER, sure=c.sure))
    return text + "\uff08" + "\uff1b".join(notes) + "\uff09"


def _cap(items: list[Any], limit: int | None) -> list[Any]:
    return items if limit is None else items[:limit]


def _same_label(header: str, target: str) -> bool:
    from hzconsole.imports.headers import normalize_label

    return normalize_label(header) == normalize_label(target)


def _show(value: Any) -> str:
    if value is None or value == "":
        return msg.EMPTY_VALUE
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
