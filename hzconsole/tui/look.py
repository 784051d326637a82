"""The ASCII look (see hzconsole/look.py): one line filter through which every line the
console draws passes, so borders, marks of Textual's own widgets and the clerk's own text
(“ ” typed in a note) are all made plain at one place, one cell for one cell."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from hzconsole.look import ascii_safe


class AsciiLook(LineFilter):
    """Replaces every ambiguous-width character of the rendered lines."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            seg if seg.control or seg.text.isascii() else Segment(ascii_safe(seg.text), seg.style, None)
            for seg in segments
        ]
