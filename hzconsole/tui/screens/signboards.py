"""公示牌: the boards by the water; which are stale is worked out by the rules."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding

from hzconsole import figures
from hzconsole.books import lookups
from hzconsole.books.models import Signboard
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.signboards import mark_reprinted, signboards
from hzconsole.books.terms import BOARD_CONDITIONS
from hzconsole.tui import inputs
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec, FormScreen


class SignboardsScreen(BookScreen):
    """公示牌"""

    MODE = "signboards"
    LISTING = "signboards"
    WHAT = "公示牌"
    BOOK = signboards
    IMPORT_KINDS = ("signboards",)
    EXTRA_WRITES = ("reprinted",)
    BINDINGS = [Binding("f5", "reprinted", "已重印")]

    def form_fields(self, record: Signboard | None) -> list[FieldSpec]:
        L = Signboard.label
        db = self.db
        return [
            FieldSpec("number", L("number"), required=True),
            FieldSpec("river_id", L("river_id"), "pick", lambda: lookups.rivers(db), required=True),
            FieldSpec(
                "segment_id",
                L("segment_id"),
                "pick",
                lambda: lookups.segments(db, self.picked("river_id")),
                depends="river_id",
            ),
            FieldSpec("location", L("location")),
            FieldSpec("install_date", L("install_date"), "date"),
            FieldSpec("content_date", L("content_date"), "date", required=True),
            FieldSpec("condition", L("condition"), "choice", BOARD_CONDITIONS, required=True),
            FieldSpec("last_inspection", L("last_inspection"), "date"),
            FieldSpec("supervision_phone", L("supervision_phone")),
            FieldSpec("duties", L("duties")),
            FieldSpec("targets", L("targets")),
            FieldSpec("lat", L("lat"), "number"),
            FieldSpec("lon", L("lon"), "number"),
            FieldSpec("notes", L("notes")),
        ]

    def new_values(self) -> dict[str, Any]:
        return {"condition": "完好", "content_date": self.today.isoformat(), "install_date": self.today.isoformat()}

    def detail(self, record_id: str) -> RenderableType:
        db = self.db
        b = signboards.get(db, record_id)
        L = Signboard.label
        river = rivers.get(db, b.river_id).name
        seg = segments.get(db, b.segment_id).name if b.segment_id else None
        parts: list[RenderableType] = [
            detail_table(
                [
                    (L("number"), b.number),
                    (L("river_id"), river),
                    (L("segment_id"), seg),
                    (L("location"), b.location),
                    (L("install_date"), b.install_date),
                    (L("content_date"), b.content_date),
                    (L("condition"), b.condition),
                    (L("last_inspection"), b.last_inspection),
                    (L("supervision_phone"), b.supervision_phone),
                    (L("duties"), b.duties),
                    (L("targets"), b.targets),
                    (L("notes"), b.notes),
                ]
            )
        ]
        stale = [s for s in figures.stale_signboards(db, self.today) if s.board.id == record_id]
        if stale:
            s = stale[0]
            state = "已超过更新期限" if s.overdue else "需要更新"
            parts.append(
                Text(
                    f"\n{state}：名册在 {s.since.isoformat()} 调整，已 {s.days} 天。重新制作后按 F5 登记。",
                    style="bold",
                )
            )
        return Group(*parts)

    def action_reprinted(self) -> None:
        record_id = self.record_to_change()
        if record_id is None:
            return
        db = self.db
        board = signboards.get(db, record_id)

        def save(values: dict[str, Any]) -> Any:
            on = inputs.day(values, "on", "重印日期", default_year=self.today.year)
            return mark_reprinted(db, record_id, on)

        self.app.push_screen(
            FormScreen(
                f"登记公示牌已重新制作：{board.number}",
                [FieldSpec("on", "重印日期", "date", required=True)],
                {"on": self.today.isoformat()},
                save,
                note="内容按现在的河长名册重新制作并更换后登记；状况将记为完好。",
                save_label="登记",
            ),
            self.after_save,
        )
