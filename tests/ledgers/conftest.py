"""Ledger fixtures: the demo exported once per module (reading back is what tests check)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from ledgerhelp import DEMO_TODAY

from hzconsole.ledgers import LEDGER_KINDS, export_ledger
from hzconsole.store.database import Database, open_database

EXPORT_ARGS = {"patrols": {"year": 2024}, "tasks": {"year": 2024}}


@pytest.fixture(scope="module")
def exported(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every ledger and template of the demo, written once for the module's tests."""
    folder = tmp_path_factory.mktemp("台账 导出")
    db_path = folder / "青石镇.db"
    shutil.copyfile(demo_template, db_path)
    old = os.environ.get("HZCONSOLE_DATA_DIR")
    os.environ["HZCONSOLE_DATA_DIR"] = str(folder / "data")
    try:
        with open_database(db_path, readonly=True) as db:
            return {
                kind: export_ledger(db, kind, folder / f"{kind}.xlsx", today=DEMO_TODAY, **EXPORT_ARGS.get(kind, {}))
                for kind in LEDGER_KINDS
            }
    finally:
        if old is None:
            os.environ.pop("HZCONSOLE_DATA_DIR", None)
        else:
            os.environ["HZCONSOLE_DATA_DIR"] = old


@pytest.fixture(scope="module")
def demo_ro(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Database:
    """The demo opened read-only, for computing what the ledgers should say."""
    folder = tmp_path_factory.mktemp("demo ro")
    path = folder / "青石镇.db"
    shutil.copyfile(demo_template, path)
    db = open_database(path, readonly=True)
    yield db
    db.close()
