"""河湖名录: rivers, lakes, reservoirs … and their segments."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding

from hzconsole.books import lookups
from hzconsole.books.fields import LEVELS, RIVER_KINDS
from hzconsole.books.models import River, Segment
from hzconsole.books.rivers import rivers, segments
from hzconsole.tui.screens.book import BookScreen, detail_table
from hzconsole.tui.screens.form import FieldSpec, FormScreen


class RiversScreen(BookScreen):
    """河湖名录"""

    MODE = "rivers"
    LISTING = "rivers"
    WHAT = "河湖"
    BOOK = rivers
    IMPORT_KINDS = ("rivers",)
    EXTRA_WRITES = ("add_segment",)
    BINDINGS = [Binding("f5", "add_segment", "加河段")]

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
        assert self.db is not None
        river = rivers.get(self.db, record_id)
        parent = rivers.get(self.db, river.parent_id).name if river.parent_id else None
        L = River.label
        head = detail_table([
            (L("name"), river.name), (L("kind"), river.kind), (L("level"), river.level),
            (L("code"), river.code), (L("catchment_km2"), river.catchment_km2),
            (L("length_km"), river.length_km), (L("source"), river.source), (L("mouth"), river.mouth),
            (L("parent_id"), parent), (L("villages"), river.villages), (L("notes"), river.notes),
        ])
        segs = segments.of_river(self.db, record_id)
        parts: list[RenderableType] = [head]
        if segs:
            parts.append(Text(f"\n河段({len(segs)})", style="bold"))
            for s in segs:
                where = "-".join(p for p in (s.start_point, s.end_point) if p)
                length = f" {s.length_km:g}公里" if s.length_km else ""
                parts.append(Text(f"  {s.name} {where}{length}"))
        return Group(*parts)

    def action_add_segment(self) -> None:
        river_id = self.record_to_change()
        if river_id is None:
            return
        db = self.db
        L = Segment.label
        fields = [
            FieldSpec("name", L("name"), required=True),
            FieldSpec("start_point", L("start_point")),
            FieldSpec("end_point", L("end_point")),
            FieldSpec("length_km", L("length_km"), "number"),
            FieldSpec("villages", L("villages")),
            FieldSpec("notes", L("notes")),
        ]
        river = rivers.get(db, river_id)

        def save(values: dict[str, Any]) -> Any:
            return segments.add(db, {**values, "river_id": river_id})

        def done(result: Any) -> None:
            if result is not None:
                self.notify("已保存河段。")
                self.load(keep_cursor=True)

        self.app.push_screen(FormScreen(f"新增河段:{river.name}", fields, {}, save, check_required=False), done)
