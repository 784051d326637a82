"""A form for adding or editing a record: one field per line, the core's Chinese validation
messages under the fields they are about, saved only through the given core call."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from hzconsole.books.lookups import Choice
from hzconsole.store.errors import HzError, ValidationError
from hzconsole.tui.widgets.picker import PickInput
from hzconsole.tui.widgets.select import HzSelect

PICK_UNRESOLVED = "请从列表中选择(输入文字或拼音首字母后按 Enter)"


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


def show(widget: Static, text: str) -> None:
    """Set a message line; an empty one takes no room."""
    widget.update(text)
    widget.display = bool(text)


def make_input(spec: FieldSpec, value: Any):
    """The widget that edits one field (id f-NAME)."""
    wid = f"f-{spec.name}"
    if spec.kind == "choice":
        options = [(c, c) for c in (spec.choices or [])]  # type: ignore[union-attr]
        return HzSelect(
            options, value=value if value in dict(options) else Select.NULL, prompt="请选择",
            allow_blank=not spec.required, id=wid, compact=True,
        )
    if spec.kind == "bool":
        # Typed, not picked from a list: Enter moves on, which keeps sheet entry fast.
        shown = "" if value is None else ("是" if value in (True, "是", 1) else "否")
        return Input(shown, placeholder="是 或 否(也可填 1 / 0)", id=wid, compact=True)
    if spec.kind == "pick":
        return PickInput(spec.choices, value=value, id=wid)  # type: ignore[arg-type]
    if spec.kind == "long":
        return TextArea(str(value or ""), id=wid, soft_wrap=True, show_line_numbers=False, classes="long-input")
    text = "" if value is None else str(value)
    placeholder = spec.placeholder or PLACEHOLDERS.get(spec.kind, "")
    return Input(text, placeholder=placeholder, id=wid, compact=True)


def read_value(widget: Any, *, resolve: bool = True) -> Any:
    """A field widget's value: None when blank; a pick's record id."""
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, PickInput):
        return widget.resolve() if resolve else widget.value
    if isinstance(widget, TextArea):
        return widget.text.strip() or None
    return widget.value.strip() or None


class FormScreen(ModalScreen[Any]):
    """Returns whatever `save` returned, or None when cancelled."""

    BINDINGS = [
        Binding("f2,ctrl+s", "save", "保存"),
        Binding("escape", "cancel", "取消"),
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
    ) -> None:
        super().__init__(classes="hz-modal")
        self.form_title = title
        self.fields = fields
        self.initial = values
        self._save = save
        self.note = note
        self.save_label = save_label

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
                yield Button(f"{self.save_label}(F2)", id="save", variant="primary")
                yield Button("取消(Esc)", id="cancel")

    def _field(self, spec: FieldSpec) -> ComposeResult:
        value = self.initial.get(spec.name)
        with Horizontal(classes="form-row", id=f"row-{spec.name}"):
            yield Label(spec.label + ("*" if spec.required else ""), classes="form-label")
            with Vertical(classes="form-input"):
                yield self._widget(spec, value)
                yield Static("", id=f"err-{spec.name}", classes="field-error")

    def _widget(self, spec: FieldSpec, value: Any):
        return make_input(spec, value)

    def on_mount(self) -> None:
        for line in self.query(".field-error, .form-error"):
            line.display = False
        if self.fields:
            self.widget_of(self.fields[0].name).focus()

    def widget_of(self, name: str):
        return self.query_one(f"#f-{name}")

    # -- values -------------------------------------------------------------------------
    def current(self, name: str) -> Any:
        """One field's value as it stands (a pick's chosen id; nothing resolved)."""
        return read_value(self.widget_of(name), resolve=False)

    def values(self) -> dict[str, Any]:
        return {spec.name: read_value(self.widget_of(spec.name)) for spec in self.fields}

    def show_problems(self, problems: dict[str, str], general: list[str]) -> None:
        for spec in self.fields:
            show(self.query_one(f"#err-{spec.name}", Static), problems.get(spec.name, ""))
        show(self.query_one("#form-error", Static), "\n".join(general))
        for spec in self.fields:
            if spec.name in problems:
                self.widget_of(spec.name).focus()
                break

    def action_save(self) -> None:
        values = self.values()
        problems: dict[str, str] = {}
        for spec in self.fields:
            widget = self.widget_of(spec.name)
            if isinstance(widget, PickInput) and values[spec.name] is None and widget.text:
                problems[spec.name] = PICK_UNRESOLVED
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
            self.show_problems({}, [exc.message])
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

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
