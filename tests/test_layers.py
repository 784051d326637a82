"""Layer rules. The import contracts are in pyproject.toml ([tool.importlinter]): the core
never imports Textual, the console or the CLI, and the agenda > figures > rules > books >
store layers; `lint-imports` checks them over the whole import graph, indirect imports and
imports inside functions included. The console and the CLI run no SQL (below)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    # `lint-imports`, run by this Python (the script's name differs on Windows).
    run = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    result = subprocess.run(
        [sys.executable, "-c", run, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "0 broken" in result.stdout


def test_cli_file_commands_do_not_import_textual(tmp_path) -> None:
    """`hzconsole check/stats` run on a bare PC too: they must not pay for Textual."""
    probe = (
        "import sys; from hzconsole.cli import main; code = main(sys.argv[1:]);"
        "print('TEXTUAL' if 'textual' in sys.modules else 'OK')"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, "check", str(tmp_path / "没有.db")],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert result.stdout.strip().endswith("OK"), result.stdout + result.stderr


# SQL text, a cursor's execute, or a raw read of the Database: what only the core may do.
_SQL = re.compile(
    r"\.execute(many)?\(|\b(SELECT|INSERT\s+INTO|DELETE\s+FROM)\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\bdb\.(query|query_one|scalar|conn)\b"
)


def test_console_and_cli_run_no_sql() -> None:
    """The console and the CLI call the core (books, figures, documents …) for every read
    and write; SQL in them would bypass its checks and the change log."""
    root = Path(__file__).resolve().parents[1] / "hzconsole"
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for folder in ("cli", "tui")
        for path in sorted((root / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _SQL.search(line)
    ]
    assert sorted((root / "cli").rglob("*.py")) and sorted((root / "tui").rglob("*.py"))
    assert found == []


_RAW_WRITE = re.compile(r"\bdb\.(insert|update|delete)\s*\(")


def test_imports_write_through_the_books() -> None:
    """Every row an import writes goes through the book that owns it (its cross-record
    rules, its messages): no Database.insert/update/delete in the imports package."""
    root = Path(__file__).resolve().parents[1] / "hzconsole" / "imports"
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if _RAW_WRITE.search(line)
    ]
    assert sorted(root.rglob("*.py"))
    assert found == []
