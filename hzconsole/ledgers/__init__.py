"""Excel ledgers (台账) of the books, and blank entry templates: see export_ledger().

LEDGER_KINDS is imported eagerly (it is light; the CLI builds its help from it); the writer,
which pulls in xlsxwriter and the books, loads on first use.
"""

from __future__ import annotations

from typing import Any

from hzconsole.ledgers.kinds import LEDGER_KINDS, LedgerError, LedgerKind

__all__ = [
    "LEDGER_KINDS",
    "Column",
    "LedgerError",
    "LedgerKind",
    "LedgerSpec",
    "export_ledger",
    "load_columns",
]

_LAZY = {
    "export_ledger": "hzconsole.ledgers.export",
    "load_columns": "hzconsole.ledgers.columns",
    "LedgerSpec": "hzconsole.ledgers.columns",
    "Column": "hzconsole.ledgers.columns",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(module), name)
