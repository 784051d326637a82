"""A form for adding or editing a record: one field per line, the core's Chinese validation
messages under the fields they are about, saved only through the given core call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, TextArea

from hzconsole.books.lookups import Choice
from hzconsole.store.errors import HzError, StoreError, ValidationError
from hzconsole.tui.widgets.cells import plain_glyphs
from hzconsole.tui.widgets.picker import PickInput
from hzconsole.tui.widgets.plain import Label, Static
from hzconsole.tui.widgets.select import HzSelect

PICK_UNRESOLVED = "请从列表中选择（输入文字或拼音首字母后按 Enter）"


@dataclass
class FieldSpec:
    """One field of a form. kind: text, date, number, choice (fixed list), pick (a record,
    typed to search), bool (是/否), long (several lines)."""

    name: str
    label: str
    kind: str = "text"
    choices: Sequence[str] | Callable[[], list[Choice]] | None = None
    required: bool = False
    placeholder: str = ""
    depends: str | None = None  # a pick whose choices follow another pick (segment of river)


PLACEHOLDERS = {"date": "如 2024-11-20、11月20日、2024.11.20", "number": "数字"}
REQUIRED = "必须填写"
PICK_BLANK = "请选择"
LABEL_WIDTH = (10, 22)  # the label column fits the longest label, within these cells


class FieldInput(Input):
    """A one-line field that keeps every line of a pasted text.

    Textual's Input keeps only the first line of a paste: a problem description copied from
    a WPS document lost all but its first line without a word. Here the lines are joined
    (CJK lines without a space, others with one)."""

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            lines = [line.strip() for line in event.text.splitlines() if line.strip()]
            joined = ""
            for line in lines:
                if joined and not (_wide(joined[-1]) or _wide(line[0])):
                    joined += " "
                joined += line
            if self.selection.is_empty:
                self.insert_text_at_cursor(joined)
            else:
                self.replace(joined, *self.selection)
        event.stop()
        event.prevent_default()  # not Input's own paste as well


def _wide(ch: str) -> bool:
    return cell_len(ch) == 2


def show(widget: Static, text: str) -> None:
    """Set a message line; an empty one takes no room."""
    widget.update(text)
    widget.display = bool(text)


def make_input(spec: FieldSpec, value: Any):
    """The widget that edits one field (id f-NAME)."""
    wid = f"f-{spec.name}"
    if spec.kind == "choice":
        if callable(spec.choices):
            raise TypeError(f"choice field {spec.name} has a function of choices: make it a pick")
        options = [(c, c) for c in (spec.choices or ())]
        return HzSelect(
            options,
            value=value if value in dict(options) else Select.NULL,
            prompt="请选择",
            allow_blank=not spec.required,
            id=wid,
            compact=True,
        )
    if spec.kind == "bool":
        # Typed, not picked from a list: Enter moves on, which keeps sheet entry fast.
        shown = "" if value is None else ("是" if value in (True, "是", 1) else "否")
        return FieldInput(shown, placeholder="是 或 否（也可填 1 / 0）", id=wid, compact=True)
    if spec.kind == "pick":
        if not callable(spec.choices):
            raise TypeError(f"pick field {spec.name} needs a function of its choices")
        return PickInput(spec.choices, value=value, id=wid)
    if spec.kind == "long":
        return TextArea(str(value or ""), id=wid, soft_wrap=True, show_line_numbers=False, classes="long-input")
    text = "" if value is None else str(value)
    placeholder = spec.placeholder or PLACEHOLDERS.get(spec.kind, "")
    return FieldInput(text, placeholder=placeholder, id=wid, compact=True)


def raw_value(widget: Any) -> Any:
    """What a field widget holds as typed (a pick's text too): to tell whether the clerk
    has typed anything since the form opened."""
    if isinstance(widget, Select):
        return widget.value
    if isinstance(widget, PickInput):
        return (widget.value, widget.text)
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value


def read_value(widget: Any, *, resolve: bool = True) -> Any:
    """A field widget's value: None when blank; a pick's record id."""
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, PickInput):
        return widget.resolve() if resolve else widget.value
    if isinstance(widget, TextArea):
        return widget.text.strip() or None
    return widget.value.strip() or None


KEPT_NOTE = "表单中填写的内容仍在，处理好后按 F2 再保存即可。"


def refused(exc: HzError) -> str:
    """The core's message for a save that failed; when the file itself failed (a stick
    pulled, a read-only medium), with word that nothing typed is lost."""
    return f"{exc.message}\n{KEPT_NOTE}" if isinstance(exc, StoreError) else exc.message


class FormScreen(ModalScreen[Any]):
    """Returns whatever `save` returned, or None when cancelled."""

    BINDINGS = [
        Binding("f2,ctrl+s", "save", "保存"),
        Binding("escape", "cancel", "取消"),
        # Enter moves on as soon as the app reads it, not when the field's queue gets to
        # it: the keys typed right after it (a fast typist, an input method's phrase) then
        # go to the next field, not into this one.
        Binding("enter", "enter", "下一项", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[FieldSpec],
        values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any],
        *,
        note: str = "",
        save_label: str = "保存",
        check_required: bool = True,
    ) -> None:
        """`check_required`: the form refuses blank required (*) fields itself; off where
        the core validates the whole record, so its messages for every field come at once."""
        super().__init__(classes="hz-modal")
        self.check_required = check_required
        self.form_title = title
        self.fields = fields
        self.initial = values
        self._save = save
        self.note = note
        self.save_label = save_label
        self._as_opened: tuple[Any, ...] | None = None
        self.label_width = min(max([LABEL_WIDTH[0], *(cell_len(f.label) + 2 for f in fields)]), LABEL_WIDTH[1])

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box form-box"):
            yield Label(self.form_title, classes="modal-title")
            if self.note:
                yield Static(self.note, classes="form-note")
            yield Static("", id="form-error", classes="form-error")
            with VerticalScroll(classes="form-fields"):
                for spec in self.fields:
                    yield from self._field(spec)
            with Horizontal(classes="modal-buttons"):
                yield Button(f"{self.save_label}（F2）", id="save", variant="primary")
                yield Button("取消（Esc）", id="cancel")

    def _field(self, spec: FieldSpec) -> ComposeResult:
        value = self.initial.get(spec.name)
        with Horizontal(classes="form-row", id=f"row-{spec.name}"):
            label = Label(spec.label + ("*" if spec.required else ""), classes="form-label")
            label.styles.width = self.label_width  # no label wraps ("流域面积(平方公里)")
            yield label
            with Vertical(classes="form-input"):
                yield self._widget(spec, value)
                yield Static("", id=f"err-{spec.name}", classes="field-error")

    def _widget(self, spec: FieldSpec, value: Any):
        return make_input(spec, value)

    def on_mount(self) -> None:
        for line in self.query(".field-error, .form-error"):
            line.display = False
        if self.fields:
            self.focus_field(self.fields[0].name)
        self.call_after_refresh(self.mark_unchanged)

    def focus_field(self, name: str) -> None:
        """Focus a field now (Widget.focus() waits for the app's queue, and a key typed
        meanwhile would go to the field being left)."""
        widget = self.widget_of(name)
        self.set_focus(widget.input if isinstance(widget, PickInput) else widget)

    def mark_unchanged(self) -> None:
        """What the fields hold now counts as nothing typed (Esc closes without asking)."""
        self._as_opened = self._raw()

    def _raw(self) -> tuple[Any, ...]:
        return tuple(raw_value(self.widget_of(spec.name)) for spec in self.fields)

    @property
    def changed(self) -> bool:
        return self._as_opened is not None and self._raw() != self._as_opened

    def widget_of(self, name: str):
        return self.query_one(f"#f-{name}")

    # -- values -------------------------------------------------------------------------
    def current(self, name: str) -> Any:
        """One field's value as it stands (a pick's chosen id; nothing resolved)."""
        return read_value(self.widget_of(name), resolve=False)

    def values(self) -> dict[str, Any]:
        out = {spec.name: read_value(self.widget_of(spec.name)) for spec in self.fields}
        for spec in self.fields:
            if spec.kind == "date" and isinstance(out[spec.name], str):
                out[spec.name] = self._full_date(out[spec.name])
        return out

    def _full_date(self, text: str) -> str:
        """'11月20日' or '11.20' (as the placeholder offers) in the year of today; anything
        else is passed on as typed, for the core to accept or explain."""
        from hzconsole import text as tx

        try:
            return tx.parse_date(text, default_year=self.default_year()).isoformat()
        except ValueError:
            return text

    def default_year(self) -> int | None:
        """The year of a date typed without one."""
        today = getattr(self.app, "today", None)
        return today.year if today else None

    def missing(self, values: dict[str, Any]) -> dict[str, str]:
        """Required fields left blank, and picks whose text matches no single record."""
        problems: dict[str, str] = {}
        for spec in self.fields:
            widget = self.widget_of(spec.name)
            if isinstance(widget, PickInput) and values[spec.name] is None and widget.text:
                problems[spec.name] = PICK_UNRESOLVED
            elif self.check_required and spec.required and values[spec.name] in (None, "") and spec.kind != "bool":
                problems[spec.name] = REQUIRED
        return problems

    def show_problems(self, problems: dict[str, str], general: list[str]) -> None:
        # A list left unchosen is asked to be chosen from, not "filled in".
        kinds = {spec.name: spec.kind for spec in self.fields}
        problems = {
            k: PICK_BLANK if v == REQUIRED and kinds.get(k) in ("pick", "choice") else v for k, v in problems.items()
        }
        problems = {k: plain_glyphs(v) for k, v in problems.items()}
        general = [plain_glyphs(g) for g in general]
        for spec in self.fields:
            show(self.query_one(f"#err-{spec.name}", Static), problems.get(spec.name, ""))
        show(self.query_one("#form-error", Static), "\n".join(general))
        for spec in self.fields:
            if spec.name in problems:
                self.focus_field(spec.name)
                break

    def action_save(self) -> None:
        values = self.values()
        problems = self.missing(values)
        if problems:
            self.show_problems(problems, [])
            return
        try:
            result = self._save(values)
        except ValidationError as exc:
            names = {s.name for s in self.fields}
            found = {p.field: p.message for p in exc.problems if p.field in names}
            other = [p.text() for p in exc.problems if p.field not in names]
            self.show_problems(found, other)
            return
        except HzError as exc:
            self.show_problems({}, [refused(exc)])
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close; if something was typed, only after the clerk says to drop it."""
        if not self.changed:
            self.dismiss(None)
            return
        from hzconsole.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("放弃填写的内容", "表单中填写的内容还没有保存。\n\n放弃这些内容并关闭吗？", yes="放弃"),
            answered,
        )

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_enter(self) -> None:
        """Enter on a field or a closed drop-down: take a pick's choice, then the next field;
        the last one saves. Elsewhere (a text area, a button, an open drop-down) Enter does
        what it does there."""
        focused = self.focused
        if isinstance(focused, Select) and focused.screen is self and not focused.expanded:
            # A closed drop-down: Enter moves on, as from any field (Space or the down key
            # opens it); the value shown is the value taken.
            if focused is self.widget_of(self.fields[-1].name):
                self.action_save()
            else:
                self.focus_next()
            return
        if not isinstance(focused, Input) or focused.screen is not self:
            raise SkipAction()
        picker = next((a for a in focused.ancestors if isinstance(a, PickInput)), None)
        if picker is not None:
            picker.commit()
        last = self.widget_of(self.fields[-1].name)
        if focused is last or (picker is not None and picker is last):
            self.action_save()
        else:
            self.focus_next()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        # Enter moves on; on the last field it saves.
        last = self.widget_of(self.fields[-1].name)
        if event.input is last or (isinstance(last, PickInput) and event.input in last.query(Input)):
            self.action_save()
        else:
            self.focus_next()

    @on(PickInput.Changed)
    def _pick_changed(self, event: PickInput.Changed) -> None:
        changed = event.picker.id.removeprefix("f-") if event.picker.id else ""
        for spec in self.fields:
            if spec.depends == changed:
                widget = self.widget_of(spec.name)
                if isinstance(widget, PickInput):
                    widget.reset_choices()
