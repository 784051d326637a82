"""Laying out CJK text in columns: widths are terminal cells (a Chinese character is two),
never characters, or every line with a different mix of Chinese and digits drifts."""

from __future__ import annotations

from rich.cells import cell_len


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` cells; longer text is kept whole (a column
    that is too narrow pushes the rest of its line right rather than lose characters)."""
    return text + " " * (width - cell_len(text)) if cell_len(text) < width else text


def column_width(texts: list[str], *, low: int = 0, high: int = 40) -> int:
    """The cells the longest of `texts` needs, within [low, high]."""
    return max(low, min(high, max((cell_len(t) for t in texts), default=0)))


# One wrapping rule for the console and the CLI (hzconsole.cells).
from hzconsole.cells import wrap_cells  # noqa: E402

__all__ = ["wrap_cells"]


# Punctuation of the core's messages whose width is "ambiguous": terminals set for East
# Asian text draw them two cells wide and the rest of the line shifts. Shown in the console
# as their unambiguous equivalents (what the clerk typed is shown as typed).
# (Code points, not the characters: the console's own text holds none of them, tested.)
_GLYPHS = str.maketrans(
    {
        chr(0x201C): "「",
        chr(0x201D): "」",
        chr(0x2018): "『",
        chr(0x2019): "』",
        chr(0x2026): "...",
        chr(0x2192): "->",
        chr(0x2014): "-",
        chr(0x2013): "-",
        chr(0x00B7): "・",
        chr(0x00D7): "x",
        chr(0x221A): "V",
        chr(0x25CB): "〇",
        chr(0x203B): "*",
    }
)


def plain_glyphs(text: str) -> str:
    # "U 盘" written with a space is broken at it, like English, when a line wraps.
    return text.translate(_GLYPHS).replace("U 盘", "U盘")
