"""Small modal dialogs: confirm (on its own button), choose one of a list, show a message."""

from __future__ import annotations

from time import monotonic

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from hzconsole.tui.widgets.plain import Label, Static

# How long a dialog that can change the books must have been on screen before a key
# answers it: a key typed before the clerk could read it (the rest of a name, an Enter meant
# for the list) must never confirm anything.
ANSWER_DELAY = 0.6


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no, answered only on purpose: the focus starts on 取消; the action is taken by
    Enter (or a click) on its own button, and only once the dialog has been shown for a
    moment. Esc cancels. No letter answers it (letters arrive inside typed names)."""

    BINDINGS = [
        Binding("escape", "answer(False)", "取消"),
        Binding("left,right", "switch", "切换按钮", show=False),
    ]

    def __init__(self, title: str, message: str, *, yes: str = "确定") -> None:
        super().__init__(classes="hz-modal")
        self.title_text = title
        self.message = message
        self.yes = yes
        self.shown_at: float | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box confirm-box"):
            yield Label(self.title_text, classes="modal-title")
            yield Static(self.message, classes="confirm-message")
            with Horizontal(classes="modal-buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button("取消（Esc）", id="no")
            yield Label(f"按 Tab 或左右键选中「{self.yes}」\uff0c再按 Enter", classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()
        self.call_after_refresh(self._shown)

    def _shown(self) -> None:
        self.shown_at = monotonic()

    def ready(self) -> bool:
        """Whether the dialog has been on screen long enough to take an answer."""
        return self.shown_at is not None and monotonic() - self.shown_at >= ANSWER_DELAY

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def action_switch(self) -> None:
        self.focus_next(Button)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if not self.ready():
            return  # typed ahead: neither button is pressed by it
        self.dismiss(event.button.id == "yes")


class ChooseScreen(ModalScreen[str | None]):
    """Pick one of several options (returns its key, or None on Esc)."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(
        self, title: str, options: list[tuple[str, str]], *, note: str = "", current: str | None = None
    ) -> None:
        super().__init__(classes="hz-modal")
        self.title_text = title
        self.options = options
        self.note = note
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box choose-box"):
            yield Label(self.title_text, classes="modal-title")
            if self.note:
                yield Static(self.note, classes="form-note")
            yield OptionList(*[Option(label, id=key) for key, label in self.options], compact=True, markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        keys = [k for k, _ in self.options]
        if self.current in keys:
            options.highlighted = keys.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MessageScreen(ModalScreen[None]):
    """A longer message (help, a report) the clerk reads and closes with Esc or Enter."""

    BINDINGS = [Binding("escape,enter,q", "close", "关闭")]

    def __init__(self, title: str, body, *, classes: str = "") -> None:
        super().__init__(classes=f"hz-modal {classes}".strip())
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box message-box"):
            yield Label(self.title_text, classes="modal-title")
            with VerticalScroll(classes="message-body"):
                yield Static(self.body)
            yield Label("按 Esc 或 Enter 关闭", classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
