"""SVG snapshots of the main screens with the demo township's Chinese data. Deterministic:
the demo is built for a fixed day, the console judges by that day, no clock is shown, the
file is shown by its name and folder (the test's own), and cursors do not blink.

Update after a deliberate change of the screens: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import type_text


async def _settle(pilot) -> None:
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


def _keys(*keys: str, text: str = ""):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        if text:
            await type_text(pilot, text)
        await _settle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("name", "size", "keys", "text"),
    [
        ("home", (80, 24), (), ""),
        ("patrols", (100, 30), ("5",), ""),
        ("roster_filtered", (100, 30), ("3", "slash"), "qsh"),
        ("problems", (80, 24), ("6",), ""),
        ("river_form_error", (80, 24), ("2", "f2", "f2"), ""),
        ("documents_summary", (100, 30), ("9", "down", "down", "down", "down", "down"), ""),
        ("confirm_delete", (80, 24), ("3", "f8"), ""),
        ("confirm_delete_chosen", (100, 30), ("3", "f8", "tab"), ""),
        ("batch_entry_80x24", (80, 24), ("5", "f5"), "12"),
        ("help_roster", (100, 30), ("3", "f1"), ""),
    ],
)
def test_main_screens(snap_compare, make_app, name, size, keys, text):
    assert snap_compare(make_app(), terminal_size=size, run_before=_keys(*keys, text=text))


def test_undo_confirm(snap_compare, make_app):
    """Ctrl+Z says what it would undo (a river just added) and asks."""
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.db.clock = lambda: "2024-11-20T10:30:00"  # the change's time is shown
        await pilot.press("2", "f2")
        await pilot.pause()
        await type_text(pilot, "新开河")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+z")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
