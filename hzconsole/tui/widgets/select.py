"""Textual's Select with its ▼/▲ marks replaced by words: the triangles are ambiguous-width
glyphs that shift the line in East Asian terminals."""

from __future__ import annotations

from textual.widgets import Select, Static


class HzSelect(Select):
    DEFAULT_CSS = """
    HzSelect SelectCurrent .arrow { width: 4; }
    """

    def on_mount(self) -> None:
        for arrow in self.query("SelectCurrent .down-arrow").results(Static):
            arrow.update("选择")
        for arrow in self.query("SelectCurrent .up-arrow").results(Static):
            arrow.update("收起")
