"""Line breaks in the console follow Chinese typesetting (禁则), as the documents and the CLI do.

Textual wraps every text it shows (Static, Label, OptionList prompts, dialog messages; a str,
a Rich Text and a Content alike become a Content) in one place, `Content._wrap_and_format`,
which asks Rich's `divide_line` where to break. Rich breaks only at spaces and cuts a
Chinese run at any character, so a line could begin with "；" or "、" and an unspaced
sentence too long for the rest of a line was pushed whole onto the next one. Textual's
module names that function, and so does Rich's Text.wrap (Rich renderables, and Textual's
height of one): both are pointed at `hzconsole.cells.break_offsets`, the console's one rule.
The height Textual computes (get_height) goes through the same function, so a widget's size
always matches what it draws. Textual and Rich are pinned in the lock; tests check the hook
is in place (tests/tui/test_kinsoku.py)."""

from __future__ import annotations

import rich.text
import textual.content
from rich.cells import cell_len, get_character_cell_size

from hzconsole.cells import break_offsets


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Rich's `divide_line` with the console's rule: the indices at which `text` (one line)
    is broken to fit `width` cells."""
    if cell_len(text) <= width:  # most lines: nothing to break, no per-character walk
        return []
    return break_offsets(text, width, fold, get_character_cell_size)


def install() -> None:
    """Point Textual's and Rich's line breaking at `divide_line` (idempotent)."""
    textual.content.divide_line = divide_line
    rich.text.divide_line = divide_line
