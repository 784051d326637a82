"""Core import messages name no front end's options or keys; each front end words the hints.

The clerk meets the same import in the CLI and in the console: a message of the core that
said `--sheet` or 按 F5 would be wrong in the other one."""

from __future__ import annotations

import re

from hzconsole import text as tx
from hzconsole.books import fields, terms
from hzconsole.cli.imports import hints as cli_hints
from hzconsole.imports import messages as msg
from hzconsole.imports.hints import Hint
from hzconsole.tui.screens.import_file import hints as console_hints


def _messages() -> dict[str, str]:
    """The import layer's own messages (not those it repeats from the books and hzconsole.text)."""
    borrowed = {id(v) for module in (tx, fields, terms) for v in vars(module).values()}
    out: dict[str, str] = {}
    for name, value in vars(msg).items():
        if name.startswith("_") or id(value) in borrowed:
            continue
        if isinstance(value, str):
            out[name] = value
        elif isinstance(value, dict):
            out.update({f"{name}[{k}]": v for k, v in value.items() if isinstance(v, str)})
    return out


def test_no_core_message_names_a_front_ends_options_or_keys() -> None:
    flags = {name: text for name, text in _messages().items() if re.search(r"--[a-z]", text)}
    assert flags == {}
    keys = {name: text for name, text in _messages().items() if re.search(r"\b(F\d{1,2}|Ctrl|Esc)\b|勾选|命令行", text)}
    assert keys == {}


def test_core_messages_use_chinese_punctuation() -> None:
    """, : ; ( ) of the clerk's text are the full-width ones; format fields ({size:,.0f})
    and times (08:30) keep theirs."""
    ascii_marks = {}
    for name, text in _messages().items():
        bare = re.sub(r"\{[^{}]*\}", "", text)
        bare = re.sub(r"\d:\d", "", bare)
        if re.search(r"[,;()]|:", bare):
            ascii_marks[name] = text
    assert ascii_marks == {}


def test_every_front_end_words_every_hint_its_own_way() -> None:
    cli, console = cli_hints(), console_hints()
    assert set(cli) == set(Hint) == set(console)
    assert all("--" in text for text in cli.values())
    assert not any("--" in text for text in console.values())
    for text in (*cli.values(), *console.values()):
        assert not re.search(r"[,;:()]", re.sub(r"\d:\d", "", text)), text
