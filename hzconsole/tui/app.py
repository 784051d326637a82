"""The console application: one open file, a screen per book (Textual modes, so each keeps
its filter and cursor), the keys and commands common to all."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from time import monotonic
from typing import Any, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.scrollbar import ScrollBar

from hzconsole.books import plain_settings
from hzconsole.store.database import Database
from hzconsole.store.errors import HzError
from hzconsole.tui import strings as S
from hzconsole.tui.commands import HzCommandPalette, HzCommands
from hzconsole.tui.screens.base import HzScreen
from hzconsole.tui.screens.county_home import CountyState
from hzconsole.tui.widgets.chrome import CellScrollBarRender

DEMO_NAME = "演示-青石镇.db"
# How long a key typed ahead waits for the one before it to be handled (focus moved, list
# filled) before it is let through anyway: a bound, so a handler that never settles (a timer
# that keeps posting) cannot stall the keyboard.
KEY_WAIT_LIMIT = 1.5
# The longest the cycle collector stays held off at launch (run_console) when 首页 has no
# figures to count (no file open yet): seconds.
GC_PAUSE_LIMIT = 5.0


def _wants_ascii() -> bool:
    from hzconsole import look

    return look.wants_ascii(look.load_choice())


# Each mode's screen: (module under hzconsole.tui.screens, class). Imported when the clerk
# first goes there (as Harlequin defers its heavy widgets): importing every screen up front
# cost a third of a second before 首页 could paint (the documents screen alone pulls in
# every document kind).
MODE_SCREENS = {
    "home": ("home", "HomeScreen"),
    "rivers": ("rivers", "RiversScreen"),
    "roster": ("roster", "RosterScreen"),
    "signboards": ("signboards", "SignboardsScreen"),
    "patrols": ("patrols", "PatrolsScreen"),
    "problems": ("problems", "ProblemsScreen"),
    "plans": ("plans", "PlansScreen"),
    "register": ("register", "RegisterScreen"),
    "documents": ("documents", "DocumentsScreen"),
    "settings": ("settings", "SettingsScreen"),
}


# The books a township keeps: on a county file they are read per township (首页, Enter).
TOWNSHIP_MODES = ("rivers", "roster", "signboards", "patrols", "problems", "plans")
ScreenT = TypeVar("ScreenT", bound=HzScreen)


def screen_class(mode: str) -> type[Screen[Any]]:
    """The screen class of `mode`, its module imported now."""
    import importlib

    module, name = MODE_SCREENS[mode]
    cls: type[Screen[Any]] = getattr(importlib.import_module(f"hzconsole.tui.screens.{module}"), name)
    return cls


def _screen(mode: str) -> Callable[[], Screen[Any]]:
    return lambda: screen_class(mode)()


class HzApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = S.APP_TITLE
    COMMANDS = {HzCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    MODES = {mode: _screen(mode) for mode in MODE_SCREENS}
    # 首页 is the screen Textual starts on (mounted before on_mount): switching to it from
    # on_mount held the first frame back by switch_mode's 50 ms transition delay.
    DEFAULT_MODE = "home"
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding("f1", "help", "帮助"),
        Binding("ctrl+o", "open_file", "打开", priority=True),
        Binding("ctrl+p", "command_palette", "命令", priority=True),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        db: Database | None = None,
        today: date | None = None,
        demo: bool = False,
        first_run: bool = True,
        ascii: bool | None = None,
        gc_paused: bool = False,
    ) -> None:
        """Open `path` (or take an open `db`); `today` fixes the date the console judges
        deadlines and compliance by (tests and screenshots); `demo` opens the demo file;
        `ascii` draws the ASCII look (None: as this PC's console needs, hzconsole/look.py);
        `gc_paused`: the caller disabled Python's cycle collector for the launch, to be
        resumed once 首页's figures are shown (hzconsole.tui.run_console)."""
        super().__init__()
        self._gc_paused = gc_paused
        self.ascii_look = _wants_ascii() if ascii is None else ascii
        if self.ascii_look:
            from hzconsole.tui.look import AsciiLook

            self._filters.append(AsciiLook())
        ScrollBar.renderer = CellScrollBarRender
        self.db: Database | None = db
        # Set while the open file is a county roll-up (its 首页 ranks the townships; a
        # township's books are read from it read-only).
        self.county: CountyState | None = None
        self._open_error: str | None = None
        self.today = today or date.today()
        self.generation = 0
        self.office_name = ""
        self._start_path = path
        self._start_demo = demo
        self._first_run = first_run
        self.theme = "textual-dark"
        # Every message shown (newest last): the message line shows the newest; tests read it.
        self.messages: list[tuple[str, str]] = []
        self._key_in_flight: events.Key | None = None
        self._key_waiting_since: float | None = None
        self._held_keys: deque[events.Key] = deque()
        self._release_timer: Any = None
        self._first_frame = False  # the first frame has gone to the terminal
        self._painted = False  # ... and what waited for it has run (after_first_paint)
        self._after_paint: list[Callable[[], object]] = []
        self._background_waits: Database | None = None  # the file whose background work waits
        self._settings_checked = False
        self._office_by_model = False

    # -- start and stop -------------------------------------------------------------------
    def on_mount(self) -> None:
        if self._gc_paused:
            self.set_timer(GC_PAUSE_LIMIT, self._resume_gc)
        if self.db is not None:
            self._opened(self.db, remember=False)
        elif self._start_demo:
            self.open_demo()
        elif self._start_path is not None:
            self.open_path(self._start_path, announce=False)
        self.switch_mode("home")
        if self.db is None and self._first_run:
            from hzconsole.tui.screens.open_file import WelcomeScreen

            self.push_screen(WelcomeScreen(error=self._open_error))

    def on_unmount(self) -> None:
        self.close_db()

    def unsaved_forms(self) -> list[Screen]:
        """Open forms holding something typed and not saved (in every screen's stack)."""
        from hzconsole.tui.screens.form import FormScreen

        stacks = [self.screen_stack, *getattr(self, "_screen_stacks", {}).values()]
        found: list[Screen] = []
        for stack in stacks:
            for screen in stack:
                typed = (isinstance(screen, FormScreen) and screen.changed) or (
                    isinstance(screen, HzScreen) and screen.has_unsaved_input()
                )
                if screen.is_mounted and typed and screen not in found:
                    found.append(screen)
        return found

    async def action_quit(self) -> None:
        """Ctrl+Q: a form with something typed in it is not dropped without asking."""
        from hzconsole.tui.screens.dialogs import ConfirmScreen

        forms = self.unsaved_forms()
        if not forms:
            self._quit_now()
            return
        if isinstance(self.screen, ConfirmScreen):
            return  # already asking
        titles = "、".join(f"「{getattr(f, 'form_title', '')}」" for f in forms)

        def answered(yes: bool | None) -> None:
            if yes:
                self._quit_now()

        self.push_screen(
            ConfirmScreen(
                "退出",
                f"表单{titles}中填写的内容还没有保存。\n\n放弃这些内容并退出吗\uff1f\uff08按 Esc 回到表单\uff09",
                yes="放弃并退出",
            ),
            answered,
        )

    def _quit_now(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HzScreen):
                screen.before_quit()
        self.exit()

    def close_db(self) -> None:
        if self.db is not None:
            # A search index being built in a thread still reads the file. (Not imported
            # when it was never used: the import alone costs ~0.1 s at quit.)
            listing = sys.modules.get("hzconsole.listing")
            if listing is not None:
                listing.wait_idle()
            self.db.close()
            self.db = None

    # -- the file -------------------------------------------------------------------------
    def _opened(self, db: Database, *, remember: bool = True, county: CountyState | None = None) -> None:
        """`db` is the open file from now on; `county`: it shows a township of that county file."""
        from hzconsole.sync.county_file import is_county

        if self.db is not None and self.db is not db:
            self.close_db()
        self.db = db
        if county is None:
            try:
                county = CountyState(db.path) if is_county(db) else None
            except HzError:
                county = None
        self.county = county
        self.generation += 1
        self._settings_checked = False  # by the settings model: _check_settings
        try:  # the status line's; None when the settings model must decide (_settle_opened)
            name = plain_settings.office_name(db)
        except HzError:
            name = ""
        self._office_by_model = name is None
        self.office_name = name or ""
        self.title = f"{S.APP_TITLE} - {db.path.name}"
        # What the first frame does not need waits for it (at launch; later at once).
        self.after_first_paint(lambda: self._settle_opened(db, remember=remember))
        # Before the first screen is pushed (opening from on_mount) there is nothing to refresh.
        if self.screen_stack and isinstance(self.screen, HzScreen):
            self.screen.on_screen_resume()

    def _settle_opened(self, db: Database, *, remember: bool) -> None:
        """The rest of opening a file, once the console is on the screen: the office's name
        if the settings model must read it, the recent-files list, what opening told, and
        the background work."""
        if self.db is not db:
            return  # another file was opened meanwhile
        if self._office_by_model:  # not stored as the settings model writes it: the model decides
            from hzconsole.books.settings import load_settings

            self._settings_checked = True
            try:
                self._show_office(load_settings(db).office_name)
            except HzError:
                self._show_office("")
        if remember:
            from hzconsole import recent_files

            # The list is a convenience; a read-only profile must not stop the work.
            with contextlib.suppress(OSError):
                recent_files.remember(db.path)
        if db.notices:  # after load_settings: a stored setting it could not use is one
            self.call_after_refresh(self._tell_notices, db)
        self.call_after_refresh(self._start_background, db)

    @property
    def painted(self) -> bool:
        """Whether the first frame is on the terminal."""
        return self._painted

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first frame is on the terminal, or now if it is: at launch
        the clerk sees the console before the work its first frame does not need."""
        if self._painted:
            callback()
        else:
            self._after_paint.append(callback)

    def post_display_hook(self) -> None:
        """Textual's hook after each display. At launch Textual holds displays back while it
        mounts (a batch, `_batch_count`: Textual is pinned, and tests/tui/test_startup.py
        fails if this stops firing); the first one it lets through is the first frame."""
        if not self._first_frame and not self._batch_count:
            self._first_frame = True
            self.call_later(self._first_painted)

    def _first_painted(self) -> None:
        self._painted = True
        waiting, self._after_paint = self._after_paint, []
        for callback in waiting:
            callback()

    def _start_background(self, db: Database) -> None:
        """The search index and the quick check, in threads. They only prepare for later, so
        they wait while the screen counts what the clerk is waiting for (首页's figures): run
        alongside, they shared the one interpreter lock with the count and slowed it by half
        on a ten-year file. The screen's `Settled` message starts them then."""
        if self.db is not db:
            return
        if isinstance(self.screen, HzScreen) and self.screen.counting():
            self._background_waits = db
            return
        self._background_waits = None
        self._resume_gc()
        if not self._settings_checked:
            self.call_after_refresh(self._check_settings, db)
        self._warm_large_books(db)
        self._check_file(db)

    def _check_settings(self, db: Database) -> None:
        """Every stored setting read by the settings model, which tells of any it cannot use
        (and uses its default). At launch this waits for the 首页's figures: the model and
        pydantic take ~60 ms to load, and the status line read the office's name plainly
        (books/plain_settings)."""
        from hzconsole.books.settings import load_settings

        if self.db is not db or self._settings_checked:
            return
        self._settings_checked = True
        told = len(db.notices)
        try:
            name = load_settings(db).office_name
        except HzError:
            return
        for notice in db.notices[told:]:
            self.notify(notice, severity="warning", timeout=20)
        self._show_office(name)  # as the model reads it (Traditional made Simplified)

    def _show_office(self, name: str) -> None:
        """The office's name on the status line."""
        if name != self.office_name:
            self.office_name = name
            if isinstance(self.screen, HzScreen) and self.screen.is_mounted:
                self.screen.refresh_chrome()

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def on_hz_screen_settled(self, message: HzScreen.Settled) -> None:
        db, self._background_waits = self._background_waits, None
        if db is not None:
            self.call_after_refresh(self._start_background, db)

    def _tell_notices(self, db: Database) -> None:
        """What opening did to the file (an interrupted write undone, a journal that was not
        the file's own moved aside), once the first screen is up."""
        for notice in db.notices:
            self.notify(notice, severity="warning", timeout=20)

    @work(thread=True, group="check", exit_on_error=False)
    def _check_file(self, db: Database) -> None:
        """SQLite's quick check of the file in a thread once the first screen is up, so a
        damaged file is told at once, not at the first save (which it refuses)."""
        from hzconsole.store import messages as msg

        try:
            found = db.check_in_background()
        except Exception:  # a check that cannot run is left to the first save (which runs it)
            return
        if found and self.db is db:
            self.call_from_thread(self.notify, db.damage_message(msg.DAMAGED_OPENED), severity="error", timeout=30)

    @work(thread=True, group="warm", exit_on_error=False)
    def _warm_large_books(self, db: Database) -> None:
        """Build the search index of the large books (100,000 patrols) in a thread once the
        first screen is painted, so the first filter keystroke does not wait for it."""
        from hzconsole import listing

        for name, lst in listing.LISTINGS.items():
            if lst.fast and self.db is db:
                listing.warm(db, name, self.today)

    def open_path(self, path: Path, *, announce: bool = True) -> bool:
        """Open an existing file; a Chinese message (never a traceback) when it cannot be.
        The status line always names the file; `announce` also says so in a message."""
        from hzconsole.store.database import open_database

        try:
            db = open_database(path)
        except HzError as exc:
            self._open_error = exc.message
            if self.is_running and announce:
                self.notify(exc.message, severity="error", timeout=10)
            return False
        self._open_error = None
        self._opened(db)
        if self.is_running:
            if announce:
                self.notify(S.OPENED.format(name=db.path.name))
            if db.readonly_reason:
                self.notify(S.OPENED_READ_ONLY.format(reason=db.readonly_reason), severity="warning", timeout=8)
        return True

    def create_file(self, path: Path, office: str, code: str) -> bool:
        from hzconsole.books.settings import save_settings
        from hzconsole.store.database import create_database

        try:
            db = create_database(path, office)
            try:
                save_settings(db, {"doc_code": code})
            except HzError:
                db.close()
                path.unlink(missing_ok=True)  # not left half made
                raise
        except HzError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return False
        self._opened(db)
        self.notify(S.CREATED.format(name=db.path.name))
        return True

    def open_demo(self) -> bool:
        """The demo township in the data dir, created on first use."""
        from hzconsole.store.paths import data_dir

        path = data_dir() / DEMO_NAME
        if not path.exists():
            from hzconsole.demo import create_demo

            try:
                create_demo(path, today=self.today).close()
            except HzError as exc:
                self.notify(exc.message, severity="error")
                return False
        return self.open_path(path)

    def writable(self) -> bool:
        """True if the open file can be changed; otherwise say why."""
        if self.db is None:
            self.notify(S.NO_FILE, severity="warning")
            return False
        if self.db.readonly_reason:
            self.notify(S.READ_ONLY.format(reason=self.db.readonly_reason), severity="warning", timeout=8)
            return False
        return True

    # -- messages -------------------------------------------------------------------------
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a message on the message line of the screen (not a toast).

        Textual draws toasts on a layer above the screen, and where a CJK character of the
        toast straddles the edge of a widget below it, the compositor blanks it ("已撤销:修改"
        became "已撤销:    "). The message line is one widget across the screen, so nothing
        is cut. Messages are plain text: what the clerk typed is never taken for markup."""
        from hzconsole.tui.widgets.cells import plain_glyphs

        text = plain_glyphs(f"{title}：{message}" if title else str(message))
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        self.messages.append((text, str(severity)))
        del self.messages[:-50]
        self.call_later(self._show_message, text, str(severity), timeout)

    def _show_message(self, text: str, severity: str, timeout: float) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, HzScreen) and screen.is_mounted:
                screen.show_message(text, severity, timeout)

    def action_help_quit(self) -> None:
        # Textual's own Ctrl+C hint is in English.
        self.notify(S.HOW_TO_QUIT, severity="warning")

    # -- keys typed ahead ------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        """Route each key only once the one before it has been handled.

        Textual routes a key to the widget focused when the key is *read*, and handles it
        later in that widget's queue. A clerk who types "张三" right after Enter (an input
        method commits several characters at once) had them land in the field Enter was
        leaving, because the focus moves only once Enter has been handled; a whole patrol
        sheet typed ahead ended up in its date field. Here keys wait in order, each until
        the one before it (and what it set off: the form moving to the next field, a picker
        list filling) has been handled."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)
            await self._release_keys()
            return
        if isinstance(event, events.Key) and event is self._key_in_flight:
            await super().on_event(event)  # back from the widgets: the app's key bindings
            self._key_in_flight = None
            return
        await super().on_event(event)

    async def _release_tick(self) -> None:
        self._release_timer = None
        await self._release_keys()

    async def _release_keys(self) -> None:
        # One timer at a time looks again while busy: every key that arrives meanwhile also
        # calls here, and a timer each would pile up into a busy loop.
        while self._held_keys:
            if self._keys_busy():
                now = monotonic()
                if self._key_waiting_since is None:
                    self._key_waiting_since = now
                if now - self._key_waiting_since < KEY_WAIT_LIMIT:
                    if self._release_timer is None:
                        self._release_timer = self.set_timer(0.005, self._release_tick)
                    return
            self._key_waiting_since = None
            key = self._held_keys.popleft()
            self._key_in_flight = key
            await App.on_event(self, key)
            if not key.is_forwarded:  # taken here by a priority key (Ctrl+Q, Ctrl+P)
                self._key_in_flight = None

    def _keys_busy(self) -> bool:
        """Whether the key released last is still being handled, as far as where the next
        key goes is concerned: the key itself, what it set off along the focused widget's
        chain (a list choosing, a dialog closing), or a screen it opened (until that screen
        has put the focus somewhere)."""
        key = self._key_in_flight
        if key is not None:
            # Done once a widget stopped it, or once it came back up to the app (on_event
            # clears it then). Textual also marks it stopped as the screen passes it up to
            # the app; until the app has read it, the app's queue is not empty.
            # (Message._stop_propagation is Textual's flag: Textual is pinned, and
            # tests/tui/test_clerk.py fails if typing ahead stops working.)
            if not key._stop_propagation or self.message_queue_size:
                return True
            self._key_in_flight = None
        try:
            screen = self.screen
        except Exception:
            return False
        if not screen.is_mounted or screen.message_queue_size:
            return True  # a screen just opened: it has not yet put the focus anywhere
        focused = screen.focused
        chain = [] if focused is None else [focused, *focused.ancestors]
        return any(node.message_queue_size for node in chain if node is not self)

    # -- a county file ----------------------------------------------------------------------
    def enter_township(self, file_id: str) -> None:
        """Show one township of the open county file: its books, read-only, its 首页 first."""
        from hzconsole.sync.county_file import open_township

        county = self.county
        if county is None:
            return
        try:
            view, town = open_township(county.path, file_id)
        except HzError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self._opened(view, remember=False, county=CountyState(county.path, town))
        if self.current_mode != "home":
            self.switch_mode("home")
        self.notify(f"正在查看{town.place}的台账（只读）。在首页按 F3 回到全县汇总。")

    def county_home(self) -> None:
        """From a township's books back to the county's ranking (the county file itself)."""
        from hzconsole.store.database import open_database

        county = self.county
        if county is None or county.overview:
            return
        try:
            db = open_database(county.path)
        except HzError as exc:
            self.notify(exc.message, severity="error", timeout=10)
            return
        self._opened(db, remember=False)
        if self.current_mode != "home":
            self.switch_mode("home")

    def export_county_ledgers(self) -> None:
        """The county ledgers (every township's rows with a 乡镇 column) beside the county file."""
        county = self.county
        if county is None or not county.overview or self.db is None:
            return
        self.notify("正在导出县汇总台账，请稍候。")
        self._export_county_ledgers(county.path)

    @work(thread=True, group="county-ledgers", exit_on_error=False)
    def _export_county_ledgers(self, path: Path) -> None:
        from hzconsole.store.database import open_database
        from hzconsole.sync.county_file import county_year
        from hzconsole.sync.county_ledgers import export_all

        try:
            # A connection of its own: the session's stays the main thread's.
            with open_database(path, readonly=True) as db:
                written = export_all(db, year=county_year(db), today=self.today)
        except (HzError, OSError) as exc:
            message = exc.message if isinstance(exc, HzError) else f"没有导出：{exc}"
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        folder = written[0].parent if written else path.parent
        self.call_from_thread(self.notify, f"已导出 {len(written)} 个县汇总台账到 {folder}", timeout=10)

    # -- actions --------------------------------------------------------------------------
    def action_go(self, mode: str) -> None:
        if self.county is not None and self.county.overview and mode in TOWNSHIP_MODES:
            # The county file's own books are empty: a township's are read from it.
            self.notify("这是县汇总文件。请在首页选中一个乡镇，按 Enter 查看它的台账。", severity="warning")
            return
        if self.current_mode != mode:
            self.switch_mode(mode)

    async def go_to_record(self, mode: str, record_id: str, find: str) -> None:
        """Switch to a book and bring one record into view (after the screen has loaded)."""
        screen = await self.go_to(mode)
        screen.call_later(lambda: screen.show_record(record_id, find))

    async def go_to(self, mode: str) -> HzScreen:
        """Switch to the screen of `mode` and return it. What a caller does there, it does
        through `call_later`: after the screen has loaded its file."""
        if self.current_mode != mode:
            await self.switch_mode(mode)
        screen = self.screen
        if not isinstance(screen, HzScreen):
            raise TypeError(f"mode {mode!r} shows {type(screen).__name__}, not a main screen")
        return screen

    async def switch_to(self, cls: type[ScreenT]) -> ScreenT:
        """Switch to the screen of class `cls` (its MODE) and return it as that class, so a
        call to its methods is checked like any other."""
        screen = await self.go_to(cls.MODE)
        if not isinstance(screen, cls):
            raise TypeError(f"mode {cls.MODE!r} shows {type(screen).__name__}, not {cls.__name__}")
        return screen

    def action_help(self) -> None:
        from hzconsole.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def _form_open(self) -> bool:
        """True (and says so) while a form is open: another file must not be opened under
        it, or what it saves would go into that file."""
        from hzconsole.tui.screens.form import FormScreen
        from hzconsole.tui.screens.sync import MergeScreen

        if any(isinstance(screen, FormScreen) for screen in self.screen_stack):
            self.notify(
                "请先保存\uff08F2\uff09或取消\uff08Esc\uff09正在填写的表单\uff0c再打开其他文件。", severity="warning"
            )
            return True
        if any(isinstance(screen, MergeScreen) for screen in self.screen_stack):
            # What it merges goes into the file open when it was started.
            self.notify("请先关闭合并画面\uff08Esc\uff09\uff0c再打开其他文件\u3002", severity="warning")
            return True
        return False

    def action_open_file(self) -> None:
        from hzconsole.tui.screens.open_file import OpenFileScreen

        if not self._form_open() and not isinstance(self.screen, OpenFileScreen):
            self.push_screen(OpenFileScreen())

    def action_new_file(self) -> None:
        from hzconsole.tui.screens.open_file import NewFileScreen

        if not self._form_open():
            self.push_screen(NewFileScreen())

    def action_merge_copy(self, path: Path | None = None) -> None:
        """合并另一份副本 into the open file (`path`: the other copy, if chosen already)."""
        from hzconsole.tui.screens.sync import MergeScreen

        if self._form_open() or not self.writable():
            return
        if path is not None and self.db is not None and path.resolve() == self.db.path.resolve():
            path = None  # the open file itself was highlighted: let the clerk type the other
        self.push_screen(MergeScreen(path), self._merge_closed)

    def _merge_closed(self, wrote: bool | None) -> None:
        if wrote and isinstance(self.screen, HzScreen):
            self.screen.on_show_again()  # the books changed under the screen

    def action_rollup(self) -> None:
        """汇总各乡镇文件: a county file from townships' files (none of them changed)."""
        from hzconsole.tui.screens.sync import RollupScreen

        if not self._form_open():
            self.push_screen(RollupScreen(today=self.today))

    def action_yearly_records(self) -> None:
        """年度工作记录: the facts of a year the 工作总结 quotes that no book holds."""
        from hzconsole.tui.screens.yearly import YearlyRecordsScreen

        if self.db is None:
            self.notify(S.NO_FILE, severity="warning")
            return
        if not isinstance(self.screen, YearlyRecordsScreen):
            self.push_screen(YearlyRecordsScreen(self.today.year))

    def set_look(self, ascii: bool) -> None:
        """Draw the ASCII look (or the full one) from now on (设置 F6)."""
        from hzconsole.tui.look import AsciiLook

        self._filters[:] = [f for f in self._filters if not isinstance(f, AsciiLook)]
        if ascii:
            self._filters.append(AsciiLook())
        self.ascii_look = ascii
        self.screen.refresh(layout=True)

    def action_command_palette(self) -> None:
        if not isinstance(self.screen, CommandPalette):
            self.push_screen(HzCommandPalette(placeholder="输入命令或画面名称", id="--command-palette"))

    def action_undo(self) -> None:
        """Undo the last change, after saying what it was: it may have been made on another
        screen, or days ago, and there is no redo."""
        if not self.writable():
            return
        from hzconsole.store.changelog import last_batch_changes
        from hzconsole.tui.screens.dialogs import ConfirmScreen
        from hzconsole.tui.undo import describe

        assert self.db is not None
        db = self.db
        try:
            changes = last_batch_changes(db)
        except HzError as exc:
            self.notify(exc.message, severity="error")
            return
        if not changes:
            self.notify(S.NOTHING_TO_UNDO, severity="warning")
            return
        what, warning = describe(changes)

        def answered(yes: bool | None) -> None:
            if yes and self.db is db:
                self._undo(db)

        message = S.CONFIRM_UNDO.format(what=what) + (f"\n\n{warning}" if warning else "")
        self.push_screen(ConfirmScreen("撤销上一次修改", message, yes="撤销"), answered)

    def _undo(self, db: Database) -> None:
        from hzconsole.store.changelog import undo_last
        from hzconsole.store.messages import TABLE_NAMES

        try:
            changes = undo_last(db)
        except HzError as exc:
            self.notify(exc.message, severity="error")
            return
        if not changes:
            self.notify(S.NOTHING_TO_UNDO, severity="warning")
            return
        from hzconsole.tui.undo import shown

        kinds = sorted({f"{S.OP_NAMES.get(c.op, c.op)}{TABLE_NAMES.get(c.table, c.table)}" for c in shown(changes)})
        self.notify(S.UNDONE.format(what="、".join(kinds)))
        if isinstance(self.screen, HzScreen):
            self.screen.on_show_again()

    def _print_error_renderables(self) -> None:
        # A bug must not greet the clerk with a Python traceback: it goes to the error log
        # in the data dir (as the CLI's do) and a Chinese sentence is printed instead.
        # (Textual's own hook; `textual run --dev` still shows everything.)
        error = self._exception
        if error is None or "debug" in self.features:
            super()._print_error_renderables()
            return
        from hzconsole.store.errorlog import log_error

        log = log_error(error, "console")
        self._exit_renderables.clear()
        where = f"详细信息已写入 {log}，请把该文件交给技术人员。" if log else ""
        self.error_console.print(f"控制台遇到程序内部错误，已关闭；已保存的记录不受影响。{where}")

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on the keyboard and in F1: Ctrl+Q, F2, Enter, Esc (not ^q, f2, ⏎)."""
        if binding.key_display:
            return binding.key_display
        from hzconsole.tui.screens.help import key_name

        key = binding.key.split(",")[0].strip()
        return key if len(key) == 1 else key_name(key)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands are in English; the palette offers ours (HzCommands).
        return iter(())
