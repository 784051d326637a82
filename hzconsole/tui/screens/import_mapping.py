"""The column mapping of a ledger, as the dry run proposed it: each column with the field it
fills and how sure the importer is; the clerk changes a column's field (or 不导入) and gives
the values a sheet lacks (默认值). The same as `hzconsole import --map/--default`."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select

from hzconsole.tui.widgets.plain import Label, Static
from hzconsole.tui.widgets.select import HzSelect

NOT_IMPORTED = "不导入"


def split_defaults(text: str) -> dict[str, str]:
    """'发现日期=2024年6月30日\uff1b问题来源=巡河发现' -> dict (the two forms of ; and , alike)."""
    from hzconsole.imports.mapping import parse_pairs

    parts = [p.strip() for p in text.replace("\uff1b", ";").replace("\uff0c", ",").replace(",", ";").split(";")]
    return parse_pairs([p for p in parts if p], "默认值")


class MappingScreen(ModalScreen[tuple[dict[str, str], dict[str, str]] | None]):
    """Returns ({column letter: field or 不导入}, {field: default value}), or None."""

    BINDINGS = [
        Binding("f2", "save", "确定"),
        Binding("escape", "cancel", "取消"),
    ]

    def __init__(self, report: Any, maps: dict[str, str], defaults: dict[str, str]) -> None:
        super().__init__(classes="hz-modal")
        self.report = report
        self.maps = dict(maps)
        self.defaults = {**report.defaults_proposed, **defaults}
        sheet = next(iter(report.columns), "")
        self.columns = [c for c in report.columns.get(sheet, []) if c.letter]
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        options = [(NOT_IMPORTED, NOT_IMPORTED)] + [(f, f) for f in self.report.fields]
        with Vertical(classes="modal-box import-box"):
            yield Label(f"表头对应：工作表「{self.sheet}」", classes="modal-title")
            yield Static(
                "每一列导入到哪个字段；把握不大的请核对。确定后重新预览，导入后同样表头的表下次自动按此对应。",
                classes="form-note",
            )
            with VerticalScroll(classes="message-body", id="mapping-rows"):
                for n, col in enumerate(self.columns):
                    value = self.maps.get(col.letter) or col.target or NOT_IMPORTED
                    how = f"{col.why or '表头'} {col.sure}%" if col.target else (col.note or "")
                    with Horizontal(classes="form-row"):
                        yield Label(f"{col.letter}「{col.header}」", classes="form-label")
                        yield HzSelect(
                            options,
                            value=value if value in dict(options) else NOT_IMPORTED,
                            allow_blank=False,
                            id=f"map-{n}",
                            compact=True,
                        )
                        yield Label(how, classes="form-note")
            with Horizontal(classes="form-row"):
                yield Label("默认值", classes="form-label")
                shown = "\uff1b".join(f"{k}={v}" for k, v in self.defaults.items())
                yield Input(
                    shown,
                    placeholder="表中没有的字段=值，如 发现日期=2024年6月30日（多个用；分开）",
                    id="mapping-defaults",
                    compact=True,
                )
            yield Static("", id="mapping-error", classes="form-note")
            with Horizontal(classes="modal-buttons"):
                yield Button("确定（F2）", id="save", variant="primary")
                yield Button("取消（Esc）", id="cancel")

    def action_save(self) -> None:
        from hzconsole.imports.mapping import MappingError

        maps: dict[str, str] = {}
        for n, col in enumerate(self.columns):
            value = self.query_one(f"#map-{n}", Select).value
            if value != (col.target or NOT_IMPORTED) or col.letter in self.maps:
                maps[col.letter] = str(value)
        try:
            defaults = split_defaults(self.query_one("#mapping-defaults", Input).value)
        except MappingError as exc:
            self.query_one("#mapping-error", Static).update(str(exc))
            return
        self.dismiss((maps, defaults))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
