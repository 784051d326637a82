"""Helpers for the merge and roll-up tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from hzconsole.books.settings import save_settings
from hzconsole.demo import DemoSize, create_demo

TODAY = date(2024, 11, 20)
PLACES = ("青石镇", "白沙乡", "龙潭镇")


def workbook(path: Path, rows: Sequence[Sequence[Any]], *, merges: Iterable[str] = ()) -> Path:
    """An .xlsx of `rows` (None = empty cell) with these merged ranges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def townships(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three small townships (different seeds and offices), built once for the module."""
    from tests.conftest import data_dir_at

    folder = tmp_path_factory.mktemp("乡镇 文件")
    paths = []
    with data_dir_at(folder / "data"):
        for n, place in enumerate(PLACES):
            path = folder / f"{place}.db"
            with create_demo(
                path, seed=100 + n, today=TODAY, size=DemoSize(rivers=8, people=30, boards=10, problems=20 + 10 * n)
            ) as db:
                save_settings(db, {"office_name": f"{place}河长制办公室"})
            paths.append(path)
    return paths


@pytest.fixture
def files(townships: list[Path], tmp_path: Path) -> list[Path]:
    out = []
    for path in townships:
        out.append(tmp_path / path.name)
        shutil.copyfile(path, out[-1])
    return out
