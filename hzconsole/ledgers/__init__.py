"""Excel ledgers (台账) of the books, and blank entry templates: see export_ledger()."""

from hzconsole.ledgers.columns import Column, LedgerSpec, load_columns
from hzconsole.ledgers.export import LEDGER_KINDS, LedgerError, LedgerKind, export_ledger

__all__ = [
    "LEDGER_KINDS", "Column", "LedgerError", "LedgerKind", "LedgerSpec", "export_ledger", "load_columns",
]
