"""ruff in CI: the lint rules and the formatter (settings: [tool.ruff] in pyproject.toml),
over the package, the tests and the benches. A change that breaks either fails the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is in the test extra)")
    return subprocess.run([ruff, *args, "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_is_clean() -> None:
    done = _ruff("check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_leaves_every_file_as_it_is() -> None:
    done = _ruff("format", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
