"""The lines around every screen: which file is open (and whether read-only, and why), and
the row of screens with their number keys. Plain spaces and CJK only: no box-drawing or
arrow glyphs, whose width differs between terminals set for East Asian text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.scrollbar import ScrollBarRender
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from hzconsole.tui.strings import SCREENS, SHORT_TITLES
from hzconsole.tui.widgets.cells import wrap_cells

if TYPE_CHECKING:
    from textual.timer import Timer


def short_path(path: Path) -> str:
    """'E:\\..\\河长办\\2024 台账.db': the drive, the folder it is in, and its name, so the
    clerk can tell the stick's copy from the PC's without a long path ('河长办/2024 台账.db'
    where there are no drive letters)."""
    parent = path.parent
    anchor = type(path)(path.anchor)  # (the path's own flavour: tested with Windows paths on Linux)
    if parent == anchor or not parent.name:
        return str(path)
    if parent.parent == anchor:
        return str(path)
    sep = "\\" if "\\" in str(path) else "/"
    drive = path.drive or path.anchor.rstrip(sep)
    if not drive:
        # No drive letter to tell the stick from the PC (Linux): the folder and the name,
        # not "/../data/台账.db", which reads like a broken path.
        return f"{parent.name}{sep}{path.name}"
    return f"{drive}{sep}..{sep}{parent.name}{sep}{path.name}"


def short_reason(reason: str) -> str:
    """Why the file is read-only, in a few words for the status line (the whole sentence
    is said when the file is opened and whenever an edit is refused)."""
    from hzconsole.store import messages as msg

    known = {
        msg.RO_MEDIUM: "文件或磁盘只读",
        msg.RO_OPEN_ELSEWHERE: "已在另一窗口打开",
        msg.RO_REQUESTED: "按要求只读",
    }
    if reason in known:
        return known[reason]
    from hzconsole.sync.county_file import TOWNSHIP_READ_ONLY_PREFIX

    if reason.startswith(TOWNSHIP_READ_ONLY_PREFIX):
        return "县汇总\uff0c只供查看"
    if reason.startswith(msg.RO_NEWER.split("{", 1)[0]):
        return "较新版本写入的文件"
    return reason if cell_len(reason) <= 24 else reason[:12] + "等"


class StatusBar(Static):
    """Office, file, and read-only state; shown on every screen."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $primary; color: $text; padding: 0 1; }
    StatusBar.-readonly { background: $warning; color: $text; }
    """

    def show(self, office: str, path: Path | None, readonly_reason: str | None, today: str, width: int = 0) -> None:
        """The parts that do not fit `width` are left out, least needed first (the date,
        then the folder), never the read-only mark."""
        office_part = office or "河长办"
        file_part = "" if path is None else short_path(path)
        ro_part = f"  只读（{short_reason(readonly_reason)}）" if readonly_reason else ""
        day_part = f"  今天 {today}"
        room = (width or 10_000) - 2
        if path is not None:
            if cell_len(f"{office_part}  文件：{file_part}{ro_part}{day_part}") > room:
                day_part = ""
            if cell_len(f"{office_part}  文件：{file_part}{ro_part}") > room:
                file_part = path.name
        text = Text()
        if path is None:
            text.append("未打开数据文件", style="bold")
        else:
            text.append(office_part, style="bold")
            text.append("  文件：")
            text.append(file_part)
            text.append(ro_part, style="bold")
        text.append(day_part)
        self.set_class(bool(readonly_reason), "-readonly")
        self.update(text)


class NavBar(Static):
    """The screens and their number keys, the current one highlighted; and the message line:
    a message (saved, refused, an error) takes the row for a few seconds, in the colour of
    its severity. One widget across the screen: a CJK character drawn over the edges of
    other widgets (as Textual's toasts are) can be blanked by the compositor; here none is."""

    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; padding: 0 0; }
    NavBar.-information { background: $success-darken-2; color: $text; }
    NavBar.-warning { background: $warning-darken-2; color: $text; }
    NavBar.-error { background: $error-darken-2; color: $text; }
    """
    SEVERITIES: ClassVar[tuple[str, ...]] = ("information", "warning", "error")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.current = ""
        self.width_shown = 80
        self.message: str | None = None
        self._clear_timer: Timer | None = None

    def show(self, current: str, width: int = 80) -> None:
        self.current, self.width_shown = current, width
        if self.message is not None:
            return
        text = Text()
        wide = sum(cell_len(f" {k}{t} ") for k, (_m, t) in SCREENS.items()) <= width
        for key, (mode, title) in SCREENS.items():
            item = f" {key}{title if wide else SHORT_TITLES[mode]} "
            if cell_len(text.plain) + cell_len(item) > max(width, 20):
                break
            text.append(item, style="reverse bold" if mode == current else "")
        self.update(text)

    def flash(self, message: str, severity: str, timeout: float) -> None:
        """Show a message instead of the screens for `timeout` seconds. A message longer than
        the line is shown whole: the line grows to as many rows as it needs."""
        self.message = message
        for name in self.SEVERITIES:
            self.set_class(name == severity, f"-{name}")
        self.styles.height = "auto"
        # Wrapped here by cells (Rich would break "U 盘" at its space, as if it were English).
        width = (self.size.width or self.app.size.width or 80) - 2
        lines = [line for part in message.split("\n") for line in wrap_cells(part, width)]
        self.update(Text("\n".join(f" {line}" for line in lines), style="bold"))
        if self._clear_timer is not None:
            self._clear_timer.stop()
        self._clear_timer = self.set_timer(max(timeout, 1.0), self.clear_message)

    def clear_message(self) -> None:
        self.message = None
        self._clear_timer = None
        for name in self.SEVERITIES:
            self.remove_class(f"-{name}")
        self.styles.height = 1
        self.show(self.current, self.width_shown)


# Which keys the footer keeps when the line is too narrow for all of them (80 columns):
# the first in this list are the last to go; every key is always in F1.
FOOTER_RANK = ("f1", "ctrl+q", "f5", "f2", "f4", "f8", "f7", "ctrl+z", "f6", "f9", "f3", "ctrl+o", "ctrl+p")


class HzFooter(Footer):
    """Textual's footer of keys, always on one line: when the terminal is too narrow for all
    of them (80 columns), the least needed are left out (FOOTER_RANK); F1 lists them all.
    Two lines of keys took a list row at 80x24 and hid batch entry's recent sheets."""

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
        sizes = [
            cell_len(w.key_display) + cell_len(w.description) + 2 if isinstance(w, FooterKey) else 12 for w in items
        ]
        width = self.app.size.width or 80
        self._composed_width = width
        self.styles.height = 1
        keep = set(range(len(items)))

        def rank(i: int) -> int:
            key = getattr(items[i], "key", "")
            first = key.split(",")[0].strip() if isinstance(key, str) else ""
            return FOOTER_RANK.index(first) if first in FOOTER_RANK else len(FOOTER_RANK)

        for i in sorted(keep, key=rank, reverse=True):
            if sum(sizes[j] for j in keep) <= width or len(keep) <= 1:
                break
            keep.discard(i)
        yield from (item for i, item in enumerate(items) if i in keep)

    def on_resize(self) -> None:
        # Only a new terminal width can change which keys fit.
        if self.app.size.width != getattr(self, "_composed_width", None):
            self.call_after_refresh(self._maybe_recompose)


class CellScrollBarRender(ScrollBarRender):
    """Scroll bars drawn with coloured spaces only: the eighth-block glyphs Textual uses for
    smooth thumbs are ambiguous-width and shift the whole line in East Asian terminals."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
