"""Static and Label that show their text as it is.

Textual parses a string given to Static or Label as markup: a record's note "清理[/]垃圾"
crashed the console when its detail was shown, and "[b]" in a name vanished. The console
never uses markup in its own words, so every text widget is plain (styles come from Rich
Text objects where wanted).

Importing this module also makes the console's line breaks follow Chinese typesetting
(widgets/kinsoku.py): every console screen shows its text through these widgets, so the
rule is in place before anything is drawn."""

from __future__ import annotations

from typing import Any

from textual import widgets

from hzconsole.tui.widgets import kinsoku

kinsoku.install()


class Static(widgets.Static):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)


class Label(widgets.Label):
    def __init__(self, content: Any = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__(content, markup=markup, **kwargs)
