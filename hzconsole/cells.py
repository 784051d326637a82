"""Chinese text in terminal cells, for the CLI's help and the console's messages: how wide a
text is (a Chinese character takes two cells) and how it wraps. One rule for both front
ends: lines break at spaces or between Chinese characters (a Latin word or a code such as
WT2024-001 stays whole), and no line begins with closing punctuation — the character before
it goes down with it, as Chinese typesetting does."""

from __future__ import annotations

import unicodedata

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
            while cut > 1 and ((line[cut : cut + 1] or ch) in NO_LINE_START or line[cut - 1] in NO_LINE_END):
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
