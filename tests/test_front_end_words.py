"""The core's words to the clerk name no front end's controls: no CLI option (--plan) or
command (hzconsole records), no console key (F5) or tick box. Each front end words how to
do a thing its own way (imports: hints.py beside each message; documents and ledgers: the
CLI adds "--force" to TargetExists/OutputExists)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "hzconsole"
# store/messages.py still names `hzconsole restore` / `check` and Ctrl+O in its recovery
# advice (seven messages): not yet held to this.
CORE = ("books", "rules", "documents", "ledgers", "imports", "sync")
CORE_MODULES = ("figures.py", "agenda.py", "listing.py", "text.py", "cells.py")
FRONT_END_WORDS = re.compile(r"(?<![\w-])--[a-z][a-z-]+|hzconsole [a-z]+ |\bF\d{1,2}\b|Ctrl\+|勾选")
# Keyword arguments that are the CLI's own text: a command's example line.
CLI_ONLY = {"example"}


def _texts(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))  # docstrings are for developers
        if isinstance(node, ast.keyword) and node.arg in CLI_ONLY:
            for sub in ast.walk(node.value):
                skip.add(id(sub))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"compile", "match", "search", "sub", "fullmatch", "split", "findall", "finditer"}
        ):
            for arg in node.args[:1]:
                for sub in ast.walk(arg):
                    skip.add(id(sub))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and re.search(r"[\u4e00-\u9fff]", node.value)
    ]


def test_core_messages_name_no_front_end_control() -> None:
    files = [p for pkg in CORE for p in sorted((ROOT / pkg).rglob("*.py"))]
    files += [ROOT / name for name in CORE_MODULES]
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:70]!r}"
        for path in files
        for line, text in _texts(path)
        if FRONT_END_WORDS.search(text)
    ]
    assert not found, "front-end words in the core:\n" + "\n".join(found)
