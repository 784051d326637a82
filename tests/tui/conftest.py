"""Driving the console with Textual's pilot on private copies of the demo file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEMO_TODAY

SIZE = (100, 30)


@pytest.fixture
def make_app(demo_path: Path):
    """HzApp on the test's copy of the demo file, judged on the demo's `today`."""
    from hzconsole.tui.app import HzApp

    def make(path: Path | None = None, **kw) -> HzApp:
        kw.setdefault("today", DEMO_TODAY)
        return HzApp(demo_path if path is None else path, **kw)

    return make


async def type_text(pilot, text: str) -> None:
    """Type like a clerk: one key per character (Chinese characters included)."""
    for ch in text:
        await pilot.press(ch)
    await pilot.pause()


async def wait_for(pilot, check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Pause until `check()` holds (workers and timers finish at their own pace)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        if loop.time() > end:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def open_import(pilot, book: str):
    """The book's screen (its number key), then F9: that book's import screen."""
    from hzconsole.tui.screens.import_file import ImportScreen

    await pilot.press(book)
    await pilot.pause()
    await pilot.press("f9")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


async def report_shown(pilot, needle: str) -> str:
    """Wait until the import screen's report says `needle`; the report's text."""
    screen = pilot.app.screen
    try:
        await wait_for(pilot, lambda: needle in plain(screen.query_one("#import-report")))
    except AssertionError:
        raise AssertionError(f"{needle!r} not in {plain(screen.query_one('#import-report'))!r}") from None
    return plain(screen.query_one("#import-report"))


def plain(widget) -> str:
    """The text a Static shows (strings, Rich Text, tables), as plain text."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    if hasattr(content, "plain"):
        return content.plain
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as cap:
        console.print(content)
    return cap.get()


def burst(app, keys: list[str]) -> None:
    """Send keys all at once, as a fast typist or an input method (a committed phrase)
    does: no pause for the console to handle one before the next arrives. Each item is a
    key name ("enter", "f2") or text typed character by character."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    names = {"enter", "escape", "tab", "f2", "f3", "f4", "f5", "f7", "f8", "down", "up", "backspace", "ctrl+u"}
    for item in keys:
        for key in [item] if item in names else list(item):
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            original = REPLACED_KEYS.get(key, key)
            try:
                char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
            except KeyError:
                char = key if len(key) == 1 else None
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)


def palette_options(app) -> list[str]:
    """The texts the command palette lists now, the one Enter runs first."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists:
        return []
    options = lists.first()

    def text(index: int) -> str:
        prompt = options.get_option_at_index(index).prompt
        return getattr(prompt, "plain", None) or str(prompt)

    texts = [text(i) for i in range(options.option_count)]
    if options.highlighted is not None:
        texts.insert(0, texts.pop(options.highlighted))
    return texts


def palette_offers(app, name: str) -> bool:
    """Whether Enter on the palette now runs the command `name`. The palette searches in the
    background and shows its hits in batches, those of the text typed before the last key
    possibly first: wait for this, not for a moment or for any hit, before Enter."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    return bool(lists) and lists.first().highlighted is not None and name in palette_options(app)[0]


async def confirm(pilot) -> None:
    """Answer the confirm dialog on screen with its action: wait until it takes answers
    (a key typed before that is ignored), move from 取消 to the action's button, Enter."""
    from hzconsole.tui.screens.dialogs import ConfirmScreen

    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen), screen
    # Until it says so itself: its moment is counted from its first paint, which comes late
    # on a busy machine, so a fixed sleep from now could end before it.
    await wait_for(pilot, screen.ready)
    await pilot.press("tab", "enter")
    await pilot.pause()


async def decline(pilot) -> None:
    """Close the confirm dialog on screen without its action (Esc)."""
    await pilot.press("escape")
    await pilot.pause()
