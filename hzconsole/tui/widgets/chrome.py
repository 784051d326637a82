"""The lines around every screen: which file is open (and whether read-only, and why), and
the row of screens with their number keys. Plain spaces and CJK only: no box-drawing or
arrow glyphs, whose width differs between terminals set for East Asian text."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.scrollbar import ScrollBarRender
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from hzconsole.tui.strings import SCREENS, SHORT_TITLES


def short_path(path: Path) -> str:
    """'E:\\..\\河长办\\2024 台账.db': the drive, the folder it is in, and its name, so the
    clerk can tell the stick's copy from the PC's without a long path."""
    parent = path.parent
    if parent == Path(path.anchor) or not parent.name:
        return str(path)
    if parent.parent == Path(path.anchor):
        return str(path)
    sep = "\\" if "\\" in str(path) else "/"
    return f"{path.anchor.rstrip(sep)}{sep}..{sep}{parent.name}{sep}{path.name}"


class StatusBar(Static):
    """Office, file, and read-only state; shown on every screen."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $primary; color: $text; padding: 0 1; }
    StatusBar.-readonly { background: $warning; color: $text; }
    """

    def show(self, office: str, path: Path | None, readonly_reason: str | None, today: str) -> None:
        text = Text()
        if path is None:
            text.append("未打开数据文件", style="bold")
        else:
            text.append(office or "河长办", style="bold")
            text.append("  文件:")
            text.append(short_path(path))
            if readonly_reason:
                text.append(f"  只读:{readonly_reason}", style="bold")
        text.append(f"  今天 {today}")
        self.set_class(bool(readonly_reason), "-readonly")
        self.update(text)


class NavBar(Static):
    """The screens and their number keys; the current one highlighted."""

    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; padding: 0 0; }
    """

    def show(self, current: str, width: int = 80) -> None:
        text = Text()
        wide = sum(cell_len(f" {k}{t} ") for k, (_m, t) in SCREENS.items()) <= width
        for key, (mode, title) in SCREENS.items():
            item = f" {key}{title if wide else SHORT_TITLES[mode]} "
            if cell_len(text.plain) + cell_len(item) > max(width, 20):
                break
            text.append(item, style="reverse bold" if mode == current else "")
        self.update(text)


class HzFooter(Footer):
    """Textual's footer of keys, on two lines when one is not wide enough (80 columns with
    a dozen actions): every key of the screen stays visible."""

    DEFAULT_CSS = """
    HzFooter.-two-rows { layout: grid; grid-rows: 1; }
    HzFooter.-two-rows FooterKey { width: 1fr; }
    """

    def _signature(self) -> tuple:
        active = self.screen.active_bindings
        shown = [(key, b.binding.description, b.enabled) for key, b in active.items() if b.binding.show]
        return (*shown, self.app.size.width)

    def bindings_changed(self, screen) -> None:
        # Textual recomposes the footer on every focus or reactive change; most change no
        # key shown, and rebuilding a dozen keys each time makes switching screens slow.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if getattr(self, "_pending", False):
            return
        self._pending = True
        self.call_after_refresh(self._maybe_recompose)

    async def _maybe_recompose(self) -> None:
        self._pending = False
        if self._signature() != getattr(self, "_shown", None):
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._signature()
        items = list(super().compose())
        keys = [w for w in items if isinstance(w, FooterKey)]
        sizes = [cell_len(k.key_display) + cell_len(k.description) + 2 for k in keys]
        width = self.app.size.width or 80
        self._composed_width = width
        if sum(sizes) <= width or len(keys) < 2:
            self.set_class(False, "-two-rows")
            self.styles.height = 1
            yield from items
            return
        # As many equal columns as the widest key allows, and as many rows as that needs.
        columns = max(1, min(len(items), width // max(sizes)))
        rows = -(-len(items) // columns)
        self.set_class(True, "-two-rows")
        self.styles.grid_size_columns = columns
        self.styles.height = rows
        yield from items

    def on_resize(self) -> None:
        # Only a new terminal width can change the one-or-two-rows decision.
        if self.app.size.width != getattr(self, "_composed_width", None):
            self.call_after_refresh(self._maybe_recompose)


class CellScrollBarRender(ScrollBarRender):
    """Scroll bars drawn with coloured spaces only: the eighth-block glyphs Textual uses for
    smooth thumbs are ambiguous-width and shift the whole line in East Asian terminals."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
