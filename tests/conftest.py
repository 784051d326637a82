"""Shared fixtures: every test gets its own data dir (backups) and real files in tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hzconsole.store.database import Database, create_database

DEMO_TODAY = date(2024, 11, 20)


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups and logs go to a per-test folder, never the developer's own data dir."""
    path = tmp_path_factory.mktemp("hzdata")
    monkeypatch.setenv("HZCONSOLE_DATA_DIR", str(path))
    return path


@pytest.fixture
def db(tmp_path: Path) -> Database:
    """A fresh, empty database with a Chinese path and a space in it."""
    folder = tmp_path / "河长办 数据"
    folder.mkdir()
    database = create_database(folder / "2024 台账.db", "樟树镇河长制办公室")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo township, built once per session; tests copy it (see `demo_db`)."""
    import os

    from hzconsole.demo import create_demo

    folder = tmp_path_factory.mktemp("demo")
    old = os.environ.get("HZCONSOLE_DATA_DIR")
    os.environ["HZCONSOLE_DATA_DIR"] = str(folder / "data")
    try:
        create_demo(folder / "青石镇.db", seed=2024, today=DEMO_TODAY).close()
    finally:
        if old is None:
            os.environ.pop("HZCONSOLE_DATA_DIR", None)
        else:
            os.environ["HZCONSOLE_DATA_DIR"] = old
    return folder / "青石镇.db"


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file."""
    import shutil

    target = tmp_path / "青石镇 演示.db"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path) -> Database:
    from hzconsole.store.database import open_database

    database = open_database(demo_path)
    yield database
    database.close()
