"""Launch: the first frame is the whole 首页 (its figures, the office's name), painted
without the books' pydantic models and the settings model, which load after it; and the
background work (search index, quick check) waits until 首页's figures are shown (issue 16
point 6)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hzconsole import listing
from hzconsole.store import messages as msg
from hzconsole.store.database import open_database
from tests.tui.conftest import SIZE, wait_for

# What the console imports before its first frame: the CLI's entry, the app, 首页 (and the
# agenda it counts).
FIRST_FRAME = ("hzconsole.cli", "hzconsole.cli.console", "hzconsole.tui.app", "hzconsole.tui.screens.home")
# Imported once the frame is painted (each costs tens of milliseconds at launch).
NOT_BEFORE = (
    "pydantic",
    "hzconsole.books.models",
    "hzconsole.books.settings",
    "hzconsole.listing",
    "zhconv",
)


def test_the_first_frame_imports_neither_the_books_models_nor_pydantic():
    probe = (
        f"import sys\nfor m in {FIRST_FRAME!r}: __import__(m)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({NOT_BEFORE!r})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
    # ... while the figures of the first frame are counted by the model-free path.
    probe = "import sys\nimport hzconsole.tui.screens.home\nprint('hzconsole.agenda' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


async def test_the_first_frame_is_the_whole_home_and_the_settings_model_comes_after(make_app):
    app = make_app()
    seen: list[tuple[str, bool, bool, str]] = []

    def hook() -> None:
        # The first display Textual lets through to the terminal (after its start-up batch).
        if not seen and not app._batch_count:
            status = str(app.screen.query_one("#status").render())
            seen.append((app.office_name, app.screen.agenda is not None, app._settings_checked, status))
        type(app).post_display_hook(app)

    app.post_display_hook = hook  # type: ignore[method-assign]

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(seen))
        name, counted, checked, status = seen[0]
        assert (name, counted, checked) == ("青石镇河长制办公室", True, False)
        assert "青石镇河长制办公室" in status
        await wait_for(pilot, lambda: app._settings_checked)


@pytest.mark.parametrize("stored_name", ["  青石镇河长制办公室 ", "青石鎮河長制辦公室"])
async def test_a_setting_the_model_cannot_use_is_told_after_launch(make_app, demo_path, stored_name):
    # Written by hand, or by a newer version: the plain reading leaves it to the model, which
    # uses the default (30 days) and tells the clerk, as opening always did; the status line
    # ends with the office's name as the model reads it.
    with open_database(demo_path) as db, db.transaction():
        db.set_setting("signboard_update_days", "三十")
        db.set_setting("office_name", stored_name)
    app = make_app(path=demo_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app._settings_checked and app.screen.agenda is not None)
        await wait_for(pilot, lambda: any("公示牌更新时限" in text for text, _kind in app.messages))
        told = [text for text, _kind in app.messages if "公示牌更新时限" in text]
        assert told == [msg.BAD_SETTING.format(label="公示牌更新时限（天）", value="三十", default=30)]
        await wait_for(pilot, lambda: app.office_name == "青石镇河长制办公室")
        assert "青石镇河长制办公室" in str(app.screen.query_one("#status").render())


async def test_background_work_waits_for_the_figures(make_app, monkeypatch):
    import time

    from hzconsole import figures

    app = make_app()
    warmed: list[tuple[str, bool]] = []
    warm, count = listing.warm, figures.chief_compliance

    def spy(db, name, today):
        warmed.append((name, app.screen.agenda is not None))
        return warm(db, name, today)

    def slow_count(*args, **kwargs):
        time.sleep(0.3)  # as on a ten-year file: 首页's count outlasts the first frames
        return count(*args, **kwargs)

    monkeypatch.setattr(listing, "warm", spy)
    monkeypatch.setattr(figures, "chief_compliance", slow_count)

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: bool(warmed))
        await app.workers.wait_for_complete()
        assert warmed and all(shown for _name, shown in warmed), warmed
        assert listing.ready(app.db, warmed[0][0], app.today)


async def test_the_cycle_collector_resumes_once_the_figures_are_shown(make_app):
    import gc

    gc.disable()  # as run_console does for the launch
    try:
        app = make_app(gc_paused=True)

        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, gc.isenabled)
            assert app.screen.agenda is not None
    finally:
        gc.enable()


async def test_the_cycle_collector_resumes_with_no_file_open(monkeypatch):
    import gc

    from hzconsole.tui import app as app_module
    from hzconsole.tui.screens.open_file import WelcomeScreen

    monkeypatch.setattr(app_module, "GC_PAUSE_LIMIT", 0.1)
    gc.disable()
    try:
        app = app_module.HzApp(None, gc_paused=True)

        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, WelcomeScreen))
            await wait_for(pilot, gc.isenabled)
    finally:
        gc.enable()
