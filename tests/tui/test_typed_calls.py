"""Screens reach each other by typed calls (HzApp.go_to / switch_to), not by method names in
strings: the palette's commands and 发文登记's F5 land on the screen they name."""

from __future__ import annotations

import pytest

from tests.tui.conftest import SIZE, wait_for


@pytest.mark.parametrize("mode", ["documents", "problems"])
async def test_switch_to_returns_the_screen_of_its_class(make_app, mode: str) -> None:
    from hzconsole.tui.app import screen_class
    from hzconsole.tui.screens.base import HzScreen

    app = make_app()

    async with app.run_test(size=SIZE):
        cls = screen_class(mode)
        assert issubclass(cls, HzScreen)
        screen = await app.switch_to(cls)
        assert isinstance(screen, cls) and app.screen is screen and app.current_mode == mode
        assert await app.go_to("home") is app.screen


async def test_the_palette_and_f5_open_the_documents_screen(make_app) -> None:
    from hzconsole.tui.commands import _go_and_do, _open_kind
    from hzconsole.tui.screens.documents import DocumentsScreen, DraftsScreen

    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        _open_kind(app, "summary")  # 生成工作总结, chosen in the palette
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, DocumentsScreen)
                and app.screen.kind is not None
                and app.screen.kind.key == "doc:summary"
            ),
        )
        _go_and_do(app, "register", "drafts")  # 发文登记: 草稿 (F5), chosen in the palette
        await wait_for(pilot, lambda: isinstance(app.screen, DraftsScreen))
