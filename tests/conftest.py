"""Shared fixtures: every test gets its own data dir (backups) and real files in tmp_path."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hzconsole.store.database import Database, create_database

DEMO_TODAY = date(2024, 11, 20)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (the console's pilot tests), each in a fresh event loop of its
    own, exactly as `asyncio.run` does: pytest's own recipe for coroutine tests, so no plugin
    (pytest-asyncio, anyio) and no pin to keep. Fixtures stay synchronous."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**args))
    return True


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups and logs go to a per-test folder, never the developer's own data dir."""
    path = tmp_path_factory.mktemp("hzdata")
    monkeypatch.setenv("HZCONSOLE_DATA_DIR", str(path))
    return path


class SteppingClock:
    """A clock for Database.clock that starts at a fixed moment and moves one second per
    reading: every created_at, updated_at and change_log.at is the same in every run, and
    no two writes share a stamp (a test cannot pass only because both fell in one second)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> str:
        self.now += timedelta(seconds=1)
        return self.now.isoformat(timespec="seconds")


@pytest.fixture(scope="session", autouse=True)
def clock() -> Iterator[SteppingClock]:
    """Every stamp written in the test process comes from one SteppingClock, from
    DEMO_TODAY 09:00 (after the demo's own 08:00 stamps), never from the wall clock. One for
    the session, set before any fixture writes: module-wide fixture files and the tests'
    own writes stamp in the order they happen."""
    from hzconsole.store import database

    fixed = SteppingClock(datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=9))
    database.time_source = fixed
    try:
        yield fixed
    finally:
        database.time_source = database.wall_clock


@pytest.fixture
def db(tmp_path: Path) -> Database:
    """A fresh, empty database with a Chinese path and a space in it."""
    folder = tmp_path / "河长办 数据"
    folder.mkdir()
    database = create_database(folder / "2024 台账.db", "樟树镇河长制办公室")
    yield database
    database.close()


@contextmanager
def data_dir_at(path: Path) -> Iterator[None]:
    """HZCONSOLE_DATA_DIR set to `path` for a block: for fixtures wider than one test, which
    cannot use monkeypatch (and must not leave it set for the tests after them)."""
    old = os.environ.get("HZCONSOLE_DATA_DIR")
    os.environ["HZCONSOLE_DATA_DIR"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HZCONSOLE_DATA_DIR", None)
        else:
            os.environ["HZCONSOLE_DATA_DIR"] = old


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo township, built once per session; tests copy it (see `demo_db`)."""
    from hzconsole.demo import create_demo

    folder = tmp_path_factory.mktemp("demo")
    with data_dir_at(folder / "data"):
        create_demo(folder / "青石镇.db", seed=2024, today=DEMO_TODAY).close()
    return folder / "青石镇.db"


@pytest.fixture(scope="session")
def demo_copy(
    demo_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], AbstractContextManager[Path]]:
    """For module- and session-wide fixtures: `with demo_copy("folder") as path:` a private
    copy of the demo at <new tmp folder>/青石镇.db, its backups going to that folder's data
    dir during the block."""

    @contextmanager
    def copy(folder_name: str) -> Iterator[Path]:
        folder = tmp_path_factory.mktemp(folder_name)
        path = folder / "青石镇.db"
        shutil.copyfile(demo_template, path)
        with data_dir_at(folder / "data"):
            yield path

    return copy


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file."""
    target = tmp_path / "青石镇 演示.db"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path) -> Database:
    from hzconsole.store.database import open_database

    database = open_database(demo_path)
    yield database
    database.close()
