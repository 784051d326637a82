"""Page geometry of GB/T 9704-2012 and the section setup: A4, margins, grid, page numbers.

All lengths are twips (1/20 pt) unless named otherwise.

The 22 × 28 grid — why this approach:
- Lines: every paragraph on the body grid uses *exact* line spacing of 579 twips
  (225 mm / 22 = 28.95 pt). LibreOffice 7.4 then sets 22 lines per page (29 pt gives 21),
  and Word and WPS do the same.
- Characters: 28 × 16 pt = 448 pt does not fit the 442.2 pt text block, and Word's own
  answer, `w:docGrid w:type="linesAndChars" w:charSpace="-849"`, is rendered by LibreOffice
  as 14 characters a line. Condensing every run by 0.25 pt (`w:spacing w:val="-5"`, set once
  in the Normal style) gives 28 × 15.75 = 441 pt: 28 characters in LibreOffice, Word and WPS
  alike, with no grid mode whose rendering differs between them. The docGrid keeps only the
  line pitch (no type), as information for Word's ruler.
- Hanging punctuation is switched off (`w:overflowPunct="0"`), otherwise a comma may hang
  beyond the right margin as a 29th character; so is Word's extra space between Chinese and
  Latin text (`w:autoSpaceDE/DN="0"`), which would make line widths unpredictable.
"""

from __future__ import annotations

PAGE_WIDTH = 11906  # 210 mm
PAGE_HEIGHT = 16838  # 297 mm
MARGIN_TOP = 2098  # 37 mm 天头
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1588  # 28 mm 订口
MARGIN_RIGHT = 1474  # 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8844 = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 = 225 mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579  # 28.95 pt, exact
CHAR_TRACKING = -5  # twips: each character condensed by 0.25 pt
BODY_SIZE = 16.0  # 三号

# Page number "— 1 —": 4号宋体, its dashes 7 mm below the text block (GB/T 9704 7.5).
PAGE_NUMBER_SIZE = 14.0
PAGE_NUMBER_GAP = 397  # 7 mm
FOOTER_LINE = 320  # exact height of the page-number line (16 pt)


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value / 25.4 * 1440)


def chars(n: float, size: float = BODY_SIZE) -> int:
    """The width of n full-width characters of `size` points, in twips."""
    return round(n * size * 20)
