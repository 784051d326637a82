"""Bringing existing paper in: Excel ledgers of every book, and plan documents.

Public API (the CLI and the console call only these):

- preview_import(db, kind, file) -> ImportReport: a dry run, writes nothing;
- run_import(db, kind, file) -> ImportReport: validates every row, then writes all of it in
  one transaction, or nothing;
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
