"""Text widths in em (one em = the font size), as a CJK typesetter counts them.

Full-width characters (汉字, Chinese punctuation) are one em in every CJK font. Latin
letters, digits and signs are set in Times New Roman (or its metric twin Liberation Serif):
their widths are that font's (digits half an em, W and M nearly a whole one), so a table
column sized for WT2024-001 holds it on one line.
"""

from __future__ import annotations

import unicodedata

# Times New Roman advance widths of printable ASCII, in thousandths of an em (its AFM
# metrics, which Liberation Serif shares), from " " (32) to "~" (126).
_TIMES = (
    250,
    333,
    408,
    500,
    500,
    833,
    778,
    180,
    333,
    333,
    500,
    564,
    250,
    333,
    250,
    278,  # space … /
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,  # 0 … 9
    278,
    278,
    564,
    564,
    564,
    444,
    921,  # : ; < = > ? @
    722,
    667,
    667,
    722,
    611,
    556,
    722,
    722,
    333,
    389,
    722,
    611,
    889,  # A … M
    722,
    722,
    556,
    722,
    667,
    556,
    611,
    722,
    722,
    944,
    722,
    722,
    611,  # N … Z
    333,
    278,
    333,
    469,
    500,
    333,  # [ \ ] ^ _ `
    444,
    500,
    444,
    500,
    444,
    333,
    500,
    500,
    278,
    278,
    500,
    278,
    778,  # a … m
    500,
    500,
    500,
    500,
    333,
    389,
    278,
    500,
    500,
    722,
    500,
    500,
    444,  # n … z
    480,
    200,
    480,
    541,  # { | } ~
)


def char_em(ch: str) -> float:
    o = ord(ch)
    if 32 <= o <= 126:
        return _TIMES[o - 32] / 1000
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in "“”‘’—…":  # set in the Chinese font (w:hint="eastAsia"): full width
        return 1.0
    return 0.5


def width_em(text: str) -> float:
    return sum(char_em(ch) for ch in text)


def width_pt(text: str, size: float, tracking: float = 0.0) -> float:
    """Width in points at `size`, each character moved by `tracking` points."""
    return sum(char_em(ch) * size + tracking for ch in text)
