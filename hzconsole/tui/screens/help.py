"""F1: every key of the screen the clerk is on, the screen keys, and the console's keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.screen import Screen

from hzconsole.tui.screens.dialogs import MessageScreen
from hzconsole.tui.strings import SCREEN_TITLES, SCREENS

KEY_NAMES = {
    "slash": "/", "delete": "Del", "escape": "Esc", "enter": "Enter", "pageup": "PgUp",
    "pagedown": "PgDn", "ctrl+q": "Ctrl+Q", "ctrl+o": "Ctrl+O", "ctrl+p": "Ctrl+P",
    "ctrl+z": "Ctrl+Z", "ctrl+s": "Ctrl+S", "ctrl+n": "Ctrl+N", "f1": "F1", "f2": "F2",
}

GENERAL = [
    ("上下键 PgUp PgDn Home End", "在列表中移动"),
    ("左右键", "列表左右滚动(列较多时)"),
    ("Enter", "编辑选中的记录"),
    ("直接输入文字", "开始筛选(汉字或拼音首字母,如 zsz 找到 张三柱)"),
    ("Tab / Shift+Tab", "在输入框之间移动"),
]


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key.upper() if len(key) == 1 else key)


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) of the bindings active on `screen` that have a description."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action.startswith("app.go"):
            continue
        keys, _ = by_action.setdefault(binding.action, ([], binding.description))
        keys.append(key_name(key))
    return [(" / ".join(keys), desc) for keys, desc in by_action.values()]


class HelpScreen(MessageScreen):
    def __init__(self, under: Screen) -> None:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        mode = getattr(under, "MODE", "")
        table.add_row(Text(f"本画面:{SCREEN_TITLES.get(mode, '')}", style="bold underline"), "")
        for keys, desc in keys_of(under):
            table.add_row(keys, desc)
        table.add_row("", "")
        table.add_row(Text("切换画面", style="bold underline"), "")
        for key, (_mode, title) in SCREENS.items():
            table.add_row(key, title)
        table.add_row("", "")
        table.add_row(Text("通用", style="bold underline"), "")
        for keys, desc in GENERAL:
            table.add_row(keys, desc)
        super().__init__("帮助:按键一览", table, classes="help-screen")
