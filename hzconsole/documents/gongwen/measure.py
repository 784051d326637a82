"""Text widths in em (one em = the font size), as a CJK typesetter counts them.

Full-width characters (汉字, Chinese punctuation) are one em in every CJK font; half-width
digits and Latin letters in Times New Roman average half an em. Good enough to centre a
signature over a date and to balance title lines, which is all it is used for.
"""

from __future__ import annotations

import unicodedata

# Characters that may not start a line (closing punctuation) or end one (opening).
NO_LINE_START = set("\u300b\uff09\u300d\u300f\u3011\u3015\u201d\u2019\u3001\uff0c\u3002\uff1a\uff1b\uff01\uff1f\u2026\u2014\u00b7\uff05)]%,.:;!?")
NO_LINE_END = set("\u300a\uff08\u300c\u300e\u3010\u3014\u201c\u2018([")


def char_em(ch: str) -> float:
    if ch == " ":
        return 0.25
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
