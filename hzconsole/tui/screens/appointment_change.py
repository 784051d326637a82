"""人事调整: end one appointment and start the same duty for a successor, in one step; then
show the signboards that now need re-printing and offer the 公告."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from hzconsole import figures
from hzconsole.books import lookups
from hzconsole.books.rivers import rivers, segments
from hzconsole.books.roster import ChangeResult, appointments, change_appointment, people
from hzconsole.store.errors import FieldProblem, ValidationError
from hzconsole.tui import inputs
from hzconsole.tui.screens.base import hz_app, hz_db
from hzconsole.tui.screens.form import FieldSpec, FormScreen
from hzconsole.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from hzconsole.tui.screens.roster import RosterScreen


def start_change(screen: RosterScreen, appointment_id: str) -> None:
    db = screen.db
    assert db is not None
    appt = appointments.get(db, appointment_id)
    if appt.end_date is not None:
        screen.notify(f"这项任职已于 {appt.end_date.isoformat()} 结束，不用再调整。", severity="warning")
        return
    person = people.get(db, appt.person_id)
    where = rivers.get(db, appt.river_id).name if appt.river_id else "全镇"
    if appt.segment_id:
        where += " " + segments.get(db, appt.segment_id).name
    note = (
        f"现任：{person.name}  {appt.level}{appt.role}  {where}（{appt.start_date.isoformat()}起）\n"
        "填写接任人（从名册中选，或填写新人员的姓名等）；不填接任人则只办理离任。"
    )
    fields = [
        FieldSpec("on", "调整日期", "date", required=True),
        FieldSpec("reason", "离任原因"),
        FieldSpec("successor_id", "接任人（名册中）", "pick", lambda: lookups.people(db)),
        FieldSpec("new_name", "或新人员姓名"),
        FieldSpec("new_post", "新人员职务"),
        FieldSpec("new_unit", "新人员单位"),
        FieldSpec("new_phone", "新人员电话"),
    ]

    def save(values: dict[str, Any]) -> ChangeResult:
        on = inputs.day(values, "on", "调整日期", default_year=screen.today.year)
        successor = None
        if values.get("new_name"):
            if values.get("successor_id"):
                raise ValidationError([FieldProblem("new_name", "或新人员姓名", "已从名册中选了接任人，这里不用再填")])
            successor = {
                "name": values["new_name"],
                "post": values.get("new_post"),
                "unit": values.get("new_unit"),
                "phone": values.get("new_phone"),
            }
        try:
            return change_appointment(
                db,
                appointment_id,
                on,
                values.get("successor_id"),
                reason=values.get("reason") or "工作调整",
                successor=successor,
            )
        except ValidationError as exc:
            # A new person's field problems belong to the new_* fields of this form.
            renamed = {"name": "new_name", "post": "new_post", "unit": "new_unit", "phone": "new_phone"}
            raise ValidationError(
                [FieldProblem(renamed.get(p.field, p.field), p.label, p.message) for p in exc.problems]
            ) from None

    def done(result: ChangeResult | None) -> None:
        if result is None:
            return
        screen.load(keep_cursor=True)
        screen.app.push_screen(ChangeDoneScreen(result, screen.today))

    screen.app.push_screen(
        FormScreen(
            "人事调整",
            fields,
            {"on": screen.today.isoformat(), "reason": "工作调整"},
            save,
            note=note,
            save_label="办理",
        ),
        done,
    )


class ChangeDoneScreen(ModalScreen[None]):
    """What the change did, the boards to re-print, and the 公告 to issue."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, result: ChangeResult, today) -> None:
        super().__init__(classes="hz-modal")
        self.result = result
        self.today = today

    def compose(self) -> ComposeResult:
        db = hz_db(self)
        ended = self.result.ended
        started = self.result.started
        lines = [
            Text(
                f"已办理离任：{people.get(db, ended.person_id).name}，"
                f"{ended.end_date.isoformat() if ended.end_date else ''}起不再担任{ended.level}{ended.role}。"
            )
        ]
        if started is not None:
            lines.append(
                Text(
                    f"已办理任职：{people.get(db, started.person_id).name}，"
                    f"{started.start_date.isoformat()}起担任{started.level}{started.role}。"
                )
            )
        stale = [s for s in figures.stale_signboards(db, self.today) if s.board.river_id == ended.river_id]
        if stale:
            lines.append(
                Text(
                    f"\n以下 {len(stale)} 块公示牌的河长信息需要更新（重新制作后在公示牌画面按 F5 登记）：",
                    style="bold",
                )
            )
            for s in stale:
                lines.append(Text(f"  {s.board.number}  内容日期 {s.board.content_date.isoformat()}"))
        else:
            lines.append(Text("\n这条河湖上没有需要更新的公示牌。"))
        with Vertical(classes="modal-box change-box"):
            yield Label("人事调整已办理", classes="modal-title")
            with VerticalScroll(classes="message-body"):
                yield Static(Group(*lines))
            yield OptionList(
                Option("生成河长调整公告（公文台账画面）", id="announce"),
                Option("完成", id="close"),
                id="next",
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        app = hz_app(self)
        self.dismiss(None)
        if event.option.id == "announce":
            from hzconsole.tui.screens.documents import (
                DocumentsScreen,  # deferred: imported when first shown
            )

            on = self.result.ended.end_date
            period = {"start": on.isoformat(), "end": on.isoformat()} if on else {}
            screen = await app.switch_to(DocumentsScreen)
            screen.call_later(lambda: screen.preselect("announcement", period))

    def action_close(self) -> None:
        self.dismiss(None)
