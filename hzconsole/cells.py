"""Chinese text in terminal cells, for the CLI's help and the console's messages: how wide a
text is (a Chinese character takes two cells) and how it wraps. One rule for both front
ends: lines break at spaces or between Chinese characters (a Latin word or a code such as
WT2024-001 stays whole), and no line begins with closing punctuation — the character before
it goes down with it, as Chinese typesetting does."""

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
    sentence would overflow). Runs of white space become one space."""
    width = max(width, 4)
    lines: list[str] = []
    line, used, last_break = "", 0, -1
    for ch in " ".join(text.split()):
        w = cells(ch)
        if used + w > width and line:
            if ch == " ":  # full at a word's end: the space is the break
                lines.append(line.rstrip())
                line, used, last_break = "", 0, -1
                continue
            if w == 2 or cells(line[-1]) == 2:
                cut = len(line)  # between a Chinese character and its neighbour
            else:
                cut = last_break if last_break > 0 else len(line)  # at a space, if any
            # No line begins with closing punctuation nor ends with an opening one: the
            # character goes down with it.
            while cut > 1 and ((line[cut:cut + 1] or ch) in NO_LINE_START or line[cut - 1] in NO_LINE_END):
                cut -= 1
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
            used, last_break = cells(line), -1
        line += ch
        used += w
        if ch == " ":
            last_break = len(line)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _char_cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def break_offsets(text: str, width: int, fold: bool = True,
                  char_cells: Callable[[str], int] = _char_cells) -> list[int]:
    """Where to break one line of `text` (no newlines) so that each piece fits `width`
    columns: the indices each new line starts at. The same rule as `wrap_cells`, without
    touching the text, for a renderer that cuts the text (and its styles) itself — the
    console's Textual widgets: a line breaks after a space or next to a Chinese character,
    never before closing punctuation nor after an opening one; spaces at a line's end may
    hang past `width` (the renderer strips them). A piece with no allowed break (a long
    Latin word or code) is cut at `width` when `fold`, else left to overflow."""
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
        if i > start and not space and (prev.isspace() or wide or prev_wide) \
                and ch not in NO_LINE_START and prev not in NO_LINE_END:
            allowed = i
        if used + w > width and not space and i > start:
            if allowed > start:
                cut = allowed
            elif fold:
                cut = i
            else:
                cut = -1
            if cut > 0:
                offsets.append(cut)
                used = sum(char_cells(c) for c in text[cut:i])
                start, allowed = cut, -1  # no allowed break lies between cut and i
        used += w
        prev, prev_wide = ch, wide
    return offsets
