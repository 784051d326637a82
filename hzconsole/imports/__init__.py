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
  upper-level plan or 实施方案 given as .docx, .txt or pasted text.

Kinds: rivers, chiefs, signboards, patrols, problems, tasks (KINDS).
"""

from __future__ import annotations

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

__all__ = [
    "KINDS", "Ambiguity", "FieldChange", "ImportOptions", "ImportReport", "ImportSetupError", "RowIssue",
    "RowResult", "import_log", "preview_import", "preview_plan", "run_import", "run_plan_import",
]
