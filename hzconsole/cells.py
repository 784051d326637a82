"""Chinese text in terminal cells, for the CLI's help and the console's messages: how wide a
text is (a Chinese character takes two cells) and how it wraps. One rule for both front
ends, and in the console for every text Textual wraps too (tui/widgets/kinsoku.py): lines
break at spaces or between Chinese characters (a Latin word or a code such as WT2024-001
stays whole), and no line begins with closing punctuation nor ends with an opening one —
the character before it goes down with it, as Chinese typesetting does."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# What may not begin or end a line, in the documents (GB/T 9704 typesetting), the console
# and the CLI alike: closing and opening punctuation, Chinese and Latin.
NO_LINE_START = frozenset(
    "\u300b\u3009\uff09\u300d\u300f\u3011\u3015\u201d\u2019\u3001\uff0c\u3002\uff1a\uff1b\uff01"
    "\uff1f\u2026\u2014\u00b7\uff05)]%,.:;!?"
)
NO_LINE_END = frozenset("\u300a\u3008\uff08\u300c\u300e\u3010\u3014\u201c\u2018([")


def cells(text: str) -> int:
    """Terminal columns of `text`: a Chinese (wide or full-width) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal columns (textwrap breaks only at spaces, so a Chinese
    sentence would overflow), broken by `break_offsets`. Runs of white space become one
    space."""
    flat = " ".join(text.split())
    offsets = break_offsets(flat, max(width, 4))
    return [flat[a:b].rstrip() for a, b in zip([0, *offsets], [*offsets, len(flat)], strict=True)]


def _char_cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def break_offsets(
    text: str, width: int, fold: bool = True, char_cells: Callable[[str], int] = _char_cells
) -> list[int]:
    """Where to break one line of `text` (no newlines) so that each piece fits `width`
    columns: the indices each new line starts at. The one rule of `wrap_cells` (CLI help,
    the home screen's agenda) and of every text Textual wraps in the console (tui/widgets/kinsoku.py,
    which cuts the text and its styles itself): a line breaks after a space or next to a
    Chinese character,
    never before closing punctuation nor after an opening one; spaces at a line's end may
    hang past `width` (the renderer strips them). A piece with no allowed break (a long
    Latin word or code) is cut at `width` when `fold` (a character earlier if the rule asks:
    "WT2024-00" and "1）。"), else left to overflow."""
    if width < 1:
        return []
    offsets: list[int] = []
    start = 0  # where the current line starts
    used = 0  # its columns so far, trailing spaces included
    allowed = -1  # the last allowed break in it, or -1
    prev, prev_wide = "", False
    for i, ch in enumerate(text):
        w = char_cells(ch)
        wide = w == 2
        space = ch.isspace()
        if (
            i > start
            and not space
            and (prev.isspace() or wide or prev_wide)
            and ch not in NO_LINE_START
            and prev not in NO_LINE_END
        ):
            allowed = i
        if used + w > width and not space and i > start:
            if allowed > start:
                cut = allowed
            elif fold:  # a word or code wider than the line: cut inside it, by the rule
                cut = i
                while cut > start + 1 and (text[cut] in NO_LINE_START or text[cut - 1] in NO_LINE_END):
                    cut -= 1
            else:
                cut = -1
            if cut > 0:
                offsets.append(cut)
                used = sum(char_cells(c) for c in text[cut:i])
                start, allowed = cut, -1  # no allowed break lies between cut and i
        used += w
        prev, prev_wide = ch, wide
    return offsets
