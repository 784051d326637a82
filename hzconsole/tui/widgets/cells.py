"""Laying out CJK text in columns: widths are terminal cells (a Chinese character is two),
never characters, or every line with a different mix of Chinese and digits drifts."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` cells; longer text is kept whole (a column
    that is too narrow pushes the rest of its line right rather than lose characters)."""
    return text + " " * (width - cell_len(text)) if cell_len(text) < width else text


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells (a character cut in half is a space)."""
    return set_cell_size(text, width)


def column_width(texts: list[str], *, low: int = 0, high: int = 40) -> int:
    """The cells the longest of `texts` needs, within [low, high]."""
    return max(low, min(high, max((cell_len(t) for t in texts), default=0)))


NO_LINE_START = "\u3002\uff0c\u3001\uff1b\uff1a\uff1f\uff01\uff09\u300d\u300f\u300b\u3009\u3011,.;:?!)]"
BREAK_AFTER = "、,,;;。)) "


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken after a comma or 、 where one is
    near the end of a line (Chinese has no spaces to break at), else anywhere."""
    width = max(width, 4)
    lines: list[str] = []
    rest = text
    while cell_len(rest) > width:
        cut, used = 0, 0
        for i, ch in enumerate(rest):
            used += cell_len(ch)
            if used > width:
                break
            cut = i + 1
        soft = max((i + 1 for i in range(cut) if rest[i] in BREAK_AFTER), default=0)
        if soft >= cut * 2 // 3:
            cut = soft
        # No line begins with a closing mark (。 」 ) …): the character before it goes down
        # with it, as Chinese typesetting does.
        while 1 < cut < len(rest) and rest[cut] in NO_LINE_START:
            cut -= 1
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not lines:
        lines.append(rest)
    return lines


# Punctuation of the core's messages whose width is "ambiguous": terminals set for East
# Asian text draw them two cells wide and the rest of the line shifts. Shown in the console
# as their unambiguous equivalents (what the clerk typed is shown as typed).
# (Code points, not the characters: the console's own text holds none of them, tested.)
_GLYPHS = str.maketrans({
    chr(0x201C): "「", chr(0x201D): "」", chr(0x2018): "『", chr(0x2019): "』", chr(0x2026): "...",
    chr(0x2192): "->", chr(0x2014): "-", chr(0x2013): "-", chr(0x00B7): "・", chr(0x00D7): "x",
    chr(0x221A): "V", chr(0x25CB): "〇", chr(0x203B): "*",
})


def plain_glyphs(text: str) -> str:
    # "U 盘" written with a space is broken at it, like English, when a line wraps.
    return text.translate(_GLYPHS).replace("U 盘", "U盘")
