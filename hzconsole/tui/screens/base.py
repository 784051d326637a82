"""What every main screen has: the file line on top, the row of screens, the footer of keys,
and the number keys that switch screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from hzconsole.tui.strings import SCREENS
from hzconsole.tui.widgets.chrome import HzFooter, NavBar, StatusBar

if TYPE_CHECKING:
    from hzconsole.store.database import Database
    from hzconsole.tui.app import HzApp


class InApp(Protocol):
    """A screen, widget or command provider: what knows its app."""

    @property
    def app(self) -> App[Any]: ...


def hz_app(node: InApp) -> HzApp:
    """The running app as what it is: Textual types `node.app` as any App. Every screen,
    dialog and command of hzconsole runs in HzApp."""
    from hzconsole.tui.app import HzApp  # deferred: the app module imports this one

    app = node.app
    if not isinstance(app, HzApp):
        raise TypeError(f"{type(node).__name__} runs in {type(app).__name__}, not HzApp")
    return app


def hz_db(node: InApp) -> Database:
    """The open file, for a dialog that is only ever opened over one."""
    db = hz_app(node).db
    if db is None:
        raise NoFileOpen(f"{type(node).__name__} needs an open file and none is open")
    return db


class NoFileOpen(RuntimeError):
    """A screen used its file while none was open: a bug (the guard `open_db is None` is missing)."""


class HzScreen(Screen):
    """A main screen (one per mode). Subclasses compose their body and reload on a new file."""

    MODE = ""

    class Settled(Message):
        """The screen has shown what it was counting (首页's figures): the app's background
        work, held back meanwhile, may start."""

    BINDINGS = [Binding(key, f"app.go('{mode}')", title, show=False) for key, (mode, title) in SCREENS.items()]

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.MODE}")
        self.generation = -1

    @property
    def hz(self) -> HzApp:
        return hz_app(self)

    @property
    def db(self) -> Database:
        """The open file. Code that can run with no file open checks `open_db` first."""
        db = self.hz.db
        if db is None:
            raise NoFileOpen(f"{type(self).__name__} needs an open file and none is open")
        return db

    @property
    def open_db(self) -> Database | None:
        """The open file, or None before the clerk opens one."""
        return self.hz.db

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        yield NavBar(id="nav")
        yield from self.compose_body()
        yield HzFooter(show_command_palette=False, compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def show_message(self, text: str, severity: str, timeout: float) -> None:
        """The app's messages (HzApp.notify) appear on this screen's message line."""
        self.query_one(NavBar).flash(text, severity, timeout)

    def refresh_chrome(self) -> None:
        app = self.hz
        db = app.db
        self.query_one(StatusBar).show(
            app.office_name,
            None if db is None else db.path,
            None if db is None else db.readonly_reason,
            app.today.isoformat(),
            self.size.width or app.size.width,
        )
        self.query_one(NavBar).show(self.MODE, self.size.width or app.size.width)

    def on_screen_resume(self) -> None:
        self.refresh_chrome()
        if self.generation != self.hz.generation:
            self.generation = self.hz.generation
            self.on_file_changed()
        else:
            self.on_show_again()

    def on_resize(self) -> None:
        self.refresh_chrome()

    def counting(self) -> bool:
        """Whether the screen is still working out what the clerk is waiting for; it posts
        `Settled` when done."""
        return False

    def has_unsaved_input(self) -> bool:
        """Whether the screen holds something typed that leaving would lose (Ctrl+Q asks)."""
        return False

    def before_quit(self) -> None:
        """Ctrl+Q: keep whatever the screen holds that is not yet in the file."""

    def on_file_changed(self) -> None:
        """A (new) file was opened: show it from scratch."""

    def on_show_again(self) -> None:
        """The clerk came back to this screen: other screens may have changed the books."""

    def show_record(self, record_id: str, find: str) -> None:
        """Bring one record into view (the 首页 jumps here)."""

    def screen_actions(self) -> list[tuple[str, str]]:
        """(action, description) of this screen for the command palette and help."""
        out = []
        for binding in self._bindings.key_to_bindings.values():
            for b in binding:
                if b.show and b.description and not b.action.startswith("app."):
                    out.append((b.action, b.description))
        first: dict[str, str] = {}  # an action bound to several keys is listed once
        for action, description in out:
            first.setdefault(action, description)
        return list(first.items())
