"""F1: every key of the screen the clerk is on, the screen keys, and the console's keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.screen import Screen

from hzconsole.tui.screens.dialogs import MessageScreen
from hzconsole.tui.strings import SCREEN_TITLES, SCREENS

KEY_NAMES = {
    "slash": "/",
    "delete": "Del",
    "escape": "Esc",
    "enter": "Enter",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "上",
    "down": "下",
    "left": "左",
    "right": "右",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
}
# Textual's own bindings describe themselves in English.
TEXTUAL_WORDS = {
    "Focus Next": "下一个输入项",
    "Focus Previous": "上一个输入项",
    "Copy selected text": "复制选中的文字",
    "Page Left": "向左翻页",
    "Page Right": "向右翻页",
    "Scroll Up": "上移",
    "Scroll Down": "下移",
    "Scroll Left": "左移",
    "Scroll Right": "右移",
    "Scroll Home": "到开头",
    "Scroll End": "到末尾",
    "Page Up": "上页",
    "Page Down": "下页",
}

GENERAL = [
    ("上下键 PgUp PgDn Home End", "在列表中移动"),
    ("左右键", "列表左右滚动（列较多时）"),
    ("Enter", "编辑选中的记录"),
    ("直接输入文字", "开始筛选（汉字或拼音首字母，如 zsz 找到 张三柱）"),
    ("字母键", "只用于筛选\uff0c不会触发命令\uff1b命令都在 F 键和 Ctrl 键上"),
    ("确认框", "用 Tab 或左右键选中操作按钮再按 Enter\uff1bEsc 取消"),
    ("Tab / Shift+Tab", "在输入框之间移动"),
    ("Ctrl+O 再按 F5", "合并另一份副本\uff08水利站等处改过的同一台账\uff1b冲突逐项由您选择\uff0c可撤销\uff09"),
    ("Ctrl+O 再按 F6", "汇总各乡镇文件\uff08县里用\uff1b乡镇文件只读取\uff09"),
    ("Ctrl+P", "命令面板\uff1a按名称或拼音首字母找任何操作\uff08如 年度工作记录\uff09"),
]


def key_name(key: str) -> str:
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if len(key) == 1:
        return key.upper()
    parts = [KEY_NAMES.get(p, p.capitalize() if len(p) > 1 else p.upper()) for p in key.split("+")]
    return "+".join(parts)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) of the bindings active on `screen`: those in the footer first,
    then the others; Textual's English descriptions in Chinese (or left out)."""
    shown: dict[str, tuple[list[str], str]] = {}
    other: dict[str, tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action.startswith("app.go"):
            continue
        words = TEXTUAL_WORDS.get(binding.description, binding.description)
        if not _has_chinese(words):
            continue
        group = shown if binding.show else other
        keys, _ = group.setdefault(binding.action, ([], words))
        keys.append(key_name(key))
    return [(" / ".join(keys), desc) for keys, desc in (*shown.values(), *other.values())]


class HelpScreen(MessageScreen):
    def __init__(self, under: Screen) -> None:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        mode = getattr(under, "MODE", "")
        table.add_row(Text(f"本画面：{SCREEN_TITLES.get(mode, '')}", style="bold underline"), "")
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
        super().__init__("帮助：按键一览", table, classes="help-screen")
