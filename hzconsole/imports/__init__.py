"""Bringing existing paper in: Excel ledgers of every book, and plan documents.

Public API (the CLI and the console call only these):

- preview_import(db, kind, file) -> ImportReport: a dry run, writes nothing;
- run_import(db, kind, file) -> ImportReport: validates every row and writes it in one
  transaction: all of it, or nothing (or, with skip_refused, the accepted rows, the refused
  ones going to a workbook beside the file);
- options (ImportOptions or keywords): maps {表头: 字段} and defaults {字段: 值} as the
  clerk confirms them after the dry run (the report shows each column's field and how sure
  the importer is), add_missing, skip_refused, year, sheet, start_date, plan;
- preview_plan(db, file_or_text) / run_plan_import(db, file_or_text): the same for an
  upper-level plan or 实施方案 given as .docx, .txt or pasted text;
- import_file(db, kind, path, write=..., options=...): any of the above by kind, the one
  entry both front ends use ("plan" reads options.plan as the plan's title).

Kinds: rivers, chiefs, signboards, patrols, problems, tasks (KINDS), and plan (PLAN).
"""

from __future__ import annotations

from pathlib import Path

from hzconsole.imports.engine import (
    KINDS,
    ImportOptions,
    ImportSetupError,
    import_log,
    preview_import,
    run_import,
)
from hzconsole.imports.plans import preview_plan, run_plan_import
from hzconsole.imports.report import Ambiguity, FieldChange, ImportReport, RowIssue, RowResult
from hzconsole.store.database import Database

PLAN = "plan"  # an upper-level plan document (.docx/.txt), not a ledger


def import_file(
    db: Database, kind: str, path: str | Path, *, write: bool, options: ImportOptions | None = None
) -> ImportReport:
    """Preview (write=False) or import (write=True) `path` as `kind`: a ledger of KINDS, or
    PLAN. A plan takes only options.year and options.plan (its title); the rest are for
    ledgers."""
    options = options or ImportOptions()
    if kind == PLAN:
        plan_fn = run_plan_import if write else preview_plan
        return plan_fn(db, path, title=options.plan, year=options.year)
    rows_fn = run_import if write else preview_import
    return rows_fn(db, kind, path, options)


__all__ = [
    "KINDS",
    "PLAN",
    "Ambiguity",
    "FieldChange",
    "ImportOptions",
    "ImportReport",
    "ImportSetupError",
    "RowIssue",
    "RowResult",
    "import_file",
    "import_log",
    "preview_import",
    "preview_plan",
    "run_import",
    "run_plan_import",
]
