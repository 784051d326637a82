"""Ledger fixtures: the demo exported once per module (reading back is what tests check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ledgerhelp import DEMO_TODAY

from hzconsole.ledgers import LEDGER_KINDS, export_ledger
from hzconsole.store.database import Database, open_database

EXPORT_ARGS = {"patrols": {"year": 2024}, "tasks": {"year": 2024}}


@pytest.fixture(scope="module")
def exported(demo_copy) -> dict[str, Path]:
    """Every ledger and template of the demo, written once for the module's tests."""
    with demo_copy("台账 导出") as db_path, open_database(db_path, readonly=True) as db:
        return {
            kind: export_ledger(
                db, kind, db_path.parent / f"{kind}.xlsx", today=DEMO_TODAY, **EXPORT_ARGS.get(kind, {})
            )
            for kind in LEDGER_KINDS
        }


@pytest.fixture(scope="module")
def demo_ro(demo_copy) -> Database:
    """The demo opened read-only, for computing what the ledgers should say."""
    with demo_copy("demo ro") as path:
        db = open_database(path, readonly=True)
    yield db
    db.close()
