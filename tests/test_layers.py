"""The core never imports Textual: store, books, rules, figures, text, demo, the agenda and
the recent-files list, and the documents / ledgers / imports packages (each of their
modules) once they exist."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

CORE = ["hzconsole.store", "hzconsole.books", "hzconsole.rules", "hzconsole.figures", "hzconsole.text",
        "hzconsole.demo", "hzconsole.agenda", "hzconsole.recent_files", "hzconsole.sync"]
LATER = ["hzconsole.documents", "hzconsole.ledgers", "hzconsole.imports"]

PROBE = r"""
import importlib, json, pkgutil, sys
core, later = json.loads(sys.argv[1]), json.loads(sys.argv[2])
imported, skipped = [], []

def walk(name, required):
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        if required:
            raise
        skipped.append(f"{name}: {exc}")
        return
    imported.append(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
        try:
            importlib.import_module(info.name)
            imported.append(info.name)
        except Exception as exc:  # a module another helper is still writing
            if required:
                raise
            skipped.append(f"{info.name}: {exc!r}")

for name in core:
    walk(name, True)
for name in later:
    walk(name, False)
print(json.dumps({"imported": imported, "skipped": skipped,
                  "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
"""


def test_core_layers_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(CORE), json.dumps(LATER)],
        capture_output=True, text=True, env=os.environ.copy(), timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["textual"] == [], report["textual"][:5]
    imported = set(report["imported"])
    for module in ("hzconsole.store.database", "hzconsole.books.problems", "hzconsole.rules.compliance",
                   "hzconsole.figures", "hzconsole.text"):
        assert module in imported
    print("imported:", len(imported), "skipped:", report["skipped"])


def test_cli_file_commands_do_not_import_textual(tmp_path) -> None:
    """`hzconsole check/stats` run on a bare PC too: they must not pay for Textual."""
    probe = (
        "import sys; from hzconsole.cli import main; code = main(sys.argv[1:]);"
        "print('TEXTUAL' if 'textual' in sys.modules else 'OK')"
    )
    result = subprocess.run([sys.executable, "-c", probe, "check", str(tmp_path / "没有.db")],
                            capture_output=True, text=True, env=os.environ.copy(), timeout=120)
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
