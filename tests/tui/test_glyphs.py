"""The console's own words use no ambiguous-width characters (…, →, ●, “ ”, box drawing):
terminals set for East Asian text draw them two cells wide and the line shifts."""

from __future__ import annotations

import ast
import unicodedata
from pathlib import Path

import hzconsole.tui

TUI = Path(hzconsole.tui.__file__).parent


def _strings(path: Path):
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_ambiguous_width_glyphs_in_the_console_text():
    found = []
    for path in sorted(TUI.rglob("*.py")):
        for line, text in _strings(path):
            bad = sorted({c for c in text if ord(c) > 127 and unicodedata.east_asian_width(c) == "A"})
            if bad:
                found.append(f"{path.name}:{line} {bad} {text[:40]!r}")
    assert not found, "\n".join(found)
