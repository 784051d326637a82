"""Choosing a river, segment or person by typing: characters or pinyin initials narrow the
list under the field; Up/Down move in it, Enter or Tab takes the highlighted one."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from hzconsole.books.lookups import Choice

SHOWN = 40  # options listed at most (typing narrows)


class PickInput(Vertical):
    """A field whose value is the id of one Choice."""

    DEFAULT_CSS = """
    PickInput { height: auto; }
    PickInput > OptionList { height: auto; max-height: 6; display: none; border: none; padding: 0; background: $boost; }
    PickInput.-open > OptionList { display: block; }
    """
    BINDINGS = [
        Binding("down", "move(1)", "下一个", show=False),
        Binding("up", "move(-1)", "上一个", show=False),
    ]

    class Changed(Message):
        def __init__(self, picker: PickInput, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> PickInput:
            return self.picker

    def __init__(
        self,
        choices: Callable[[], list[Choice]],
        *,
        value: str | None = None,
        placeholder: str = "输入文字或拼音首字母",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._source = choices
        self._choices: list[Choice] | None = None
        self._shown: list[Choice] = []
        self._filled_for: str | None = None  # the text the list was last filled for
        self.value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self._label_of(self.value), placeholder=self._placeholder, compact=True)
        options = OptionList(compact=True, markup=False)
        options.can_focus = False
        yield options

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def choices(self) -> list[Choice]:
        if self._choices is None:
            self._choices = self._source()
        return self._choices

    def reset_choices(self) -> None:
        """The choices depend on another field (segments of the chosen river): ask again."""
        self._choices = None
        if self.value is not None and all(c.id != self.value for c in self.choices()):
            self.set_value(None)

    def _label_of(self, value: str | None) -> str:
        if value is None:
            return ""
        for c in self.choices():
            if c.id == value:
                return c.label
        return ""

    def set_value(self, value: str | None) -> None:
        changed = value != self.value
        self.value = value
        if self.is_mounted:
            with self.input.prevent(Input.Changed):
                self.input.value = self._label_of(value)
                if self.input.has_focus:
                    self.input.select_all()  # filled in while here: typing replaces it
            self.remove_class("-open")
        if changed:
            self.post_message(self.Changed(self, value))

    def focus(self, scroll_visible: bool = True) -> PickInput:
        self.input.focus(scroll_visible)
        return self

    @property
    def text(self) -> str:
        return self.input.value.strip()

    def resolve(self) -> str | None:
        """The value for what is typed: the chosen one, or the only match, or None."""
        text = self.text
        if not text:
            if self.value is not None:
                self.set_value(None)
            return None
        if self.value is not None and text == self._label_of(self.value):
            return self.value
        exact = [c for c in self.choices() if c.label == text or c.label.split("（")[0].split("(")[0] == text]
        found = exact if len(exact) == 1 else [c for c in self.choices() if c.matches(text)]
        if len(found) == 1:
            self.set_value(found[0].id)
            return found[0].id
        return None

    def _fill(self, text: str, *, show_all: bool = False) -> None:
        """The choices matching `text` under the field; with nothing typed the list opens
        only when asked (the down key): a field emptied on purpose stays empty, where Enter
        used to take the first choice of the list that emptying it had opened."""
        self._filled_for = text
        options = self.query_one(OptionList)
        matches = [c for c in self.choices() if c.matches(text)] if text else self.choices()
        self._shown = matches[:SHOWN]
        prompts = [Option(c.label, id=c.id) for c in self._shown]
        if len(matches) > SHOWN:
            prompts.append(Option(f"还有 {len(matches) - SHOWN} 项，请继续输入", disabled=True))
        if not matches:
            prompts.append(Option("没有相符的项", disabled=True))
        options.set_options(prompts)
        if self._shown:
            options.highlighted = 0
        self.set_class(bool(text) or (show_all and bool(self._shown)), "-open")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.value is not None and event.value != self._label_of(self.value):
            self.value = None
            self.post_message(self.Changed(self, None))
        self._fill(event.value.strip())

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.has_class("-open"):
            self._fill(self.text if self.value is None else "", show_all=True)
            return
        if self._shown:
            current = options.highlighted or 0
            options.highlighted = max(0, min(len(self._shown) - 1, current + step))

    def take_highlighted(self) -> bool:
        """Choose the highlighted option; False if the list was not open."""
        options = self.query_one(OptionList)
        if not self.has_class("-open") or options.highlighted is None or not self._shown:
            return False
        choice = self._shown[min(options.highlighted, len(self._shown) - 1)]
        self.set_value(choice.id)
        return True

    def commit(self) -> str | None:
        """Enter, handled at once by the form (not when this field's queue gets to it): the
        highlighted choice for what is typed now, or the only match. The list is brought up
        to date first, since the keys typed just before may not have refreshed it yet."""
        text = self.text
        if self.value is not None and text == self._label_of(self.value):
            self.remove_class("-open")
            return self.value
        if text and self._filled_for != text:
            self._fill(text)
        if self.take_highlighted():
            return self.value
        return self.resolve()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.take_highlighted():
            event.stop()
            self.screen.focus_next()
        elif self.resolve() is not None:
            self.remove_class("-open")

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        for c in self._shown:
            if c.id == event.option.id:
                self.set_value(c.id)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.has_class("-open") and self.value is None and self.text:
            self.take_highlighted()
        self.remove_class("-open")
        if self.value is None and self.text:
            self.resolve()

    def key_tab(self, event: events.Key) -> None:
        # Tab takes the highlighted choice, then moves on as usual.
        if self.has_class("-open"):
            self.take_highlighted()
