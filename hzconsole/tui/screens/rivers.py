"""河湖名录: rivers, lakes, reservoirs … and their segments."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding

from hzconsole.books import lookups
from hzconsole.books.models import River, Segment
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.terms import LEVELS, RIVER_KINDS
from hzconsole.store.errors import HzError
from hzconsole.tui import strings as S
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.dialogs import ChooseScreen, ConfirmScreen
from hzconsole.tui.screens.form import FieldSpec, FormScreen


def segment_fields() -> list[FieldSpec]:
    L = Segment.label
    return [
        FieldSpec("name", L("name"), required=True),
        FieldSpec("start_point", L("start_point")),
        FieldSpec("end_point", L("end_point")),
        FieldSpec("length_km", L("length_km"), "number"),
        FieldSpec("villages", L("villages")),
        FieldSpec("notes", L("notes")),
    ]


class RiversScreen(BookScreen):
    """河湖名录"""

    MODE = "rivers"
    LISTING = "rivers"
    WHAT = "河湖"
    BOOK = rivers
    IMPORT_KINDS = ("rivers",)
    EXTRA_WRITES = ("add_segment", "segment")
    BINDINGS = [Binding("f5", "add_segment", "加河段"), Binding("f7", "segment", "改河段")]

    def form_fields(self, record: River | None) -> list[FieldSpec]:
        L = River.label
        return [
            FieldSpec("name", L("name"), required=True),
            FieldSpec("kind", L("kind"), "choice", RIVER_KINDS, required=True),
            FieldSpec("level", L("level"), "choice", LEVELS, required=True),
            FieldSpec("code", L("code")),
            FieldSpec("catchment_km2", L("catchment_km2"), "number"),
            FieldSpec("length_km", L("length_km"), "number"),
            FieldSpec("source", L("source")),
            FieldSpec("mouth", L("mouth")),
            FieldSpec("parent_id", L("parent_id"), "pick", lambda: lookups.rivers(self.db)),
            FieldSpec("villages", L("villages"), placeholder="多个村用顿号分隔"),
            FieldSpec("notes", L("notes")),
        ]

    def new_values(self) -> dict[str, Any]:
        return {"kind": "河流", "level": "村级"}

    def detail(self, record_id: str) -> RenderableType:
        river = rivers.get(self.db, record_id)
        parent = rivers.get(self.db, river.parent_id).name if river.parent_id else None
        L = River.label
        head = detail_table(
            [
                (L("name"), river.name),
                (L("kind"), river.kind),
                (L("level"), river.level),
                (L("code"), river.code),
                (L("catchment_km2"), river.catchment_km2),
                (L("length_km"), river.length_km),
                (L("source"), river.source),
                (L("mouth"), river.mouth),
                (L("parent_id"), parent),
                (L("villages"), river.villages),
                (L("notes"), river.notes),
            ]
        )
        segs = segments.of_river(self.db, record_id)
        parts: list[RenderableType] = [head]
        if segs:
            parts.append(Text(f"\n河段（{len(segs)}）", style="bold"))
            for s in segs:
                where = "-".join(p for p in (s.start_point, s.end_point) if p)
                length = f" {s.length_km:g}公里" if s.length_km else ""
                parts.append(Text(f"  {s.name} {where}{length}"))
        return Group(*parts)

    def action_segment(self) -> None:
        """F7: one of the river's segments, to edit or to delete."""
        river_id = self.record_to_change()
        if river_id is None:
            return
        db = self.db
        river = rivers.get(db, river_id)
        segs = segments.of_river(db, river_id)
        if not segs:
            self.notify(f"{river.name}还没有河段\uff0c按 F5 新增\u3002", severity="warning")
            return

        def chosen(seg_id: str | None) -> None:
            if not seg_id:
                return

            def act(what: str | None) -> None:
                if what == "edit":
                    self._edit_segment(seg_id)
                elif what == "delete":
                    self._delete_segment(seg_id)

            name = segments.get(db, seg_id).name
            self.app.push_screen(ChooseScreen(f"河段\uff1a{name}", [("edit", "编辑"), ("delete", "删除")]), act)

        self.app.push_screen(ChooseScreen(f"{river.name}的河段", [(s.id or "", s.name) for s in segs]), chosen)

    def _edit_segment(self, seg_id: str) -> None:
        db = self.db
        seg = segments.get(db, seg_id)

        def done(result: Any) -> None:
            if result is not None:
                self.notify("已保存河段\u3002")
                self.load(keep_cursor=True)

        self.app.push_screen(
            FormScreen(
                f"编辑河段\uff1a{seg.name}",
                segment_fields(),
                self.values_of(seg),
                lambda v: segments.update(db, seg_id, v),
                check_required=False,
            ),
            done,
        )

    def _delete_segment(self, seg_id: str) -> None:
        db = self.db
        seg = segments.get(db, seg_id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                segments.delete(db, seg_id)
            except HzError as exc:
                self.notify(exc.message, severity="error", timeout=8)
                return
            self.notify(S.DELETED)
            self.load(keep_cursor=True)

        self.app.push_screen(
            ConfirmScreen("删除河段", S.CONFIRM_DELETE.format(what="河段", summary=seg.name), yes="删除"), answered
        )

    def action_add_segment(self) -> None:
        river_id = self.record_to_change()
        if river_id is None:
            return
        db = self.db
        fields = segment_fields()
        river = rivers.get(db, river_id)

        def save(values: dict[str, Any]) -> Any:
            return segments.add(db, {**values, "river_id": river_id})

        def done(result: Any) -> None:
            if result is not None:
                self.notify("已保存河段。")
                self.load(keep_cursor=True)

        self.app.push_screen(FormScreen(f"新增河段：{river.name}", fields, {}, save, check_required=False), done)
