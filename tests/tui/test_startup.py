"""Launch: the first frame of 首页 is painted before the work it does not need (the books
and their pydantic models, the settings, the agenda), and the background work (search
index, quick check) waits until 首页's figures are shown (issue 16 point 6)."""

from __future__ import annotations

import subprocess
import sys

from hzconsole import listing
from tests.tui.conftest import SIZE, wait_for

# What the console imports before its first frame: the CLI's entry, the app, 首页.
FIRST_FRAME = ("hzconsole.cli", "hzconsole.cli.console", "hzconsole.tui.app", "hzconsole.tui.screens.home")
# Imported once the frame is painted (each costs tens of milliseconds at launch).
NOT_BEFORE = (
    "pydantic",
    "hzconsole.books.models",
    "hzconsole.books.settings",
    "hzconsole.listing",
    "hzconsole.agenda",
    "hzconsole.figures",
    "zhconv",
)


def test_the_first_frame_imports_neither_the_books_nor_pydantic():
    probe = (
        f"import sys\nfor m in {FIRST_FRAME!r}: __import__(m)\n"
        f"print(sorted(m for m in sys.modules if m.startswith({NOT_BEFORE!r})))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


async def test_first_frame_comes_before_the_settings_and_the_figures(make_app):
    app = make_app()
    seen: list[tuple[str, bool]] = []

    def hook() -> None:
        # The first display Textual lets through to the terminal (after its start-up batch).
        if not seen and not app._batch_count:
            seen.append((app.office_name, app.screen.agenda is not None))
        type(app).post_display_hook(app)

    app.post_display_hook = hook  # type: ignore[method-assign]

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.agenda is not None)
        assert seen == [("", False)]  # painted before either was read
        await pilot.pause()
        assert app.office_name == "青石镇河长制办公室"
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
