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
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
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


def test_the_core_words_the_console_shows_are_made_plain():
    """The core writes “ ” → … in its messages and help texts (right in a document); the
    console shows them as 「 」 -> ... so that no line shifts."""
    from hzconsole.documents import COMMON_OPTIONS, DOCUMENT_KINDS
    from hzconsole.store import messages
    from hzconsole.tui.widgets.cells import plain_glyphs

    texts = [spec.help for kind in DOCUMENT_KINDS.values() for spec in (*kind.options, *COMMON_OPTIONS)]
    texts += [v for k, v in vars(messages).items() if k.isupper() and isinstance(v, str)]
    assert any(chr(0x201C) in t for t in texts)  # there is something to make plain
    bad = sorted({c for t in texts for c in plain_glyphs(t) if ord(c) > 127 and unicodedata.east_asian_width(c) == "A"})
    assert not bad, bad
