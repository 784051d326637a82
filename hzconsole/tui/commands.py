"""The command palette (Ctrl+P): every screen, every action of the current screen, and the
console's own commands, found by Chinese characters or pinyin initials."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from hzconsole.books.search import initials, matches, normalise_query
from hzconsole.tui.screens.county_home import COUNTY_ACTIONS
from hzconsole.tui.strings import SCREEN_TITLES, SCREENS

if TYPE_CHECKING:
    from hzconsole.tui.app import HzApp


def actions_of(screen_class: type) -> list[tuple[str, str]]:
    """(action, description) of the keys a screen class shows in its footer."""
    merged = getattr(screen_class, "_merged_bindings", None)
    if merged is None:
        return []
    seen: dict[str, str] = {}
    for _key, binding in merged:
        if binding.show and binding.description and not binding.action.startswith("app."):
            seen.setdefault(binding.action, binding.description)
    return list(seen.items())


def _document_commands(app: HzApp) -> list[tuple[str, str, Callable[[], object]]]:
    """Every document and ledger by its name (巡河情况通报, 问题整改台账 …): its form opens."""
    from hzconsole.tui.screens.documents import document_kinds, ledger_kinds

    out: list[tuple[str, str, Callable[[], object]]] = []
    for kind in [*document_kinds(), *ledger_kinds()]:
        name = kind.key.split(":", 1)[1]
        where = "公文" if kind.key.startswith("doc:") else "台账"
        out.append((f"生成{kind.title}", f"{where}\uff0c在公文台账中填写", partial(_open_kind, app, name)))
    return out


def _open_kind(app: HzApp, name: str) -> None:
    async def go() -> None:
        # Deferred: the documents screen is imported when first shown.
        from hzconsole.tui.screens.documents import DocumentsScreen

        screen = await app.switch_to(DocumentsScreen)
        screen.call_later(lambda: screen.preselect(name))

    app.run_worker(go())


def _go_and_do(app: HzApp, mode: str, action: str) -> None:
    async def go() -> None:
        screen = await app.go_to(mode)
        screen.call_later(lambda: screen.run_action(action))

    app.run_worker(go())


class HzCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from hzconsole.tui.screens.base import HzScreen, hz_app

        app = hz_app(self)
        out: list[tuple[str, str, Callable[[], object]]] = []
        for key, (mode, title) in SCREENS.items():
            out.append((f"转到 {title}", f"按 {key} 也可以", partial(app.action_go, mode)))
        screen = self.screen
        here = screen.MODE if isinstance(screen, HzScreen) else ""
        # The 首页's county keys (回到全县汇总, 导出县汇总台账) mean nothing on a township's file.
        hidden = () if app.county is not None else COUNTY_ACTIONS
        if isinstance(screen, HzScreen):
            for action, description in screen.screen_actions():
                if action in hidden:
                    continue
                where = SCREEN_TITLES.get(screen.MODE, "")
                out.append((f"{where}：{description}", "当前画面的操作", partial(screen.run_action, action)))
        # Every other screen's actions too: chosen here, done there.
        from hzconsole.tui.app import MODE_SCREENS, TOWNSHIP_MODES, screen_class

        # A county file's own books are empty: their actions are done in a township's.
        county_books = app.county is not None and app.county.overview
        for mode in MODE_SCREENS:
            if mode == here or (county_books and mode in TOWNSHIP_MODES):
                continue
            for action, description in actions_of(screen_class(mode)):
                if action in hidden:
                    continue
                title = SCREEN_TITLES.get(mode, "")
                out.append((f"{title}：{description}", f"转到{title}并执行", partial(_go_and_do, app, mode, action)))
        out += _document_commands(app)
        out += [
            ("打开数据文件", "Ctrl+O，列出最近打开的文件", app.action_open_file),
            ("新建数据文件", "新建一个空的台账文件", app.action_new_file),
            ("合并另一份副本", "Ctrl+O 再按 F5\uff0c把水利站等处改过的副本合并进来", app.action_merge_copy),
            ("汇总各乡镇文件", "Ctrl+O 再按 F6\uff0c县里汇总各乡镇的台账文件", app.action_rollup),
            (
                "年度工作记录",
                "会议\u3001河长令\u3001保洁\u3001经费等\uff0c工作总结引用\uff1b设置中按 F8",
                app.action_yearly_records,
            ),
            ("打开演示数据", "虚构的青石镇，可以随便试", app.open_demo),
            ("撤销上一次修改", "Ctrl+Z", app.action_undo),
            ("帮助：所有按键", "F1", app.action_help),
            ("退出", "Ctrl+Q", app.action_quit),
        ]
        return out

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        tokens = normalise_query(query)
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            key = f"{title.lower()}\x1f{initials(title)}"
            if tokens and matches(key, tokens):
                yield Hit(1.0, matcher.highlight(title), callback, text=title, help=help_text)
            elif (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback, text=title, help=help_text)


NO_MATCHES = "没有相符的命令\uff08可输入画面名称\u3001操作名称或拼音首字母\uff09"


class HzCommandPalette(CommandPalette):
    """Textual's palette, saying "no matches" in Chinese (Textual says it in English; the
    method is Textual's own, which is pinned: tests/tui/test_keys.py fails if it changes)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
