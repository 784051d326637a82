"""What the console's line-breaking rule (widgets/kinsoku.py: no line begins with closing
punctuation) costs per render, beside Rich's own `divide_line` it replaces: a 200-line
import report (what the import screen's Static shows: short lines and long Chinese ones)
wrapped and rendered at 80 and 100 columns, as Textual does it when the widget is drawn or
resized (its strips are then cached: scrolling re-uses them).

    python bench/bench_kinsoku.py
"""

from __future__ import annotations

from collections.abc import Callable

import rich._wrap
import textual.content
from _timing import timed
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.visual import RenderOptions

from hzconsole.tui.widgets import kinsoku

REPEAT = 21
ROW = (
    "  \u7b2c {n} \u884c \u5bfc\u5165\u6d4b\u8bd5\u6e20{n}\uff1a\u300c\u7c7b\u578b\u300d\uff08"
    "B\u5217\uff09\uff1a\u300c\u5927\u6cb3\u300d\u4e0d\u662f\u6709\u6548\u7684\u6cb3\u6e56"
    "\u7c7b\u578b\uff0c\u5e94\u4e3a\uff1a\u6cb3\u6d41\u3001\u6e56\u6cca\u3001\u6c34\u5e93"
    "\u3001\u5c71\u5858\u3001\u6e20\u9053\u3001\u5c0f\u5fae\u6c34\u4f53"
)
SHORT = "  \u7b2c {n} \u884c \u5bfc\u5165\u6d4b\u8bd5\u6e20{n}"


def report() -> Text:
    """Half long refusals (two or three lines at 80 columns), half one-line rows, styled."""
    text = Text()
    for n in range(1, 201):
        text.append((ROW if n % 2 else SHORT).format(n=n) + "\n", style="red" if n % 2 else "")
    return text


def render(content: Content, width: int) -> int:
    options = RenderOptions(RichStyle.parse, {})  # type: ignore[arg-type]
    # A fresh Content each time: Textual caches a Content's strips per size, and a new
    # report (F2 again) or a resize is when the wrapping runs.
    fresh = Content(content.plain, content.spans)
    return len(fresh.render_strips(width, None, textual.content.Style(), options))


async def scroll(text: Text, name: str, fn: Callable[[str, int, bool], list[int]]) -> None:
    """The report in a scrolling box, as on the import screen: 100 presses of Down and 10 of
    PageDown, timed (the pilot's own waits included: compare the two), and how many lines
    were broken again meanwhile."""
    import time

    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll

    from hzconsole.tui.widgets.plain import Static

    calls = 0

    def counted(line: str, width: int, fold: bool = True) -> list[int]:
        nonlocal calls
        calls += 1
        return fn(line, width, fold)

    class Report(App[None]):
        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Static(text)

        def on_mount(self) -> None:
            nonlocal calls
            calls = 0

    textual.content.divide_line = counted
    app = Report()
    async with app.run_test(size=(80, 30)) as pilot:
        app.query_one(VerticalScroll).focus()
        await pilot.pause()
        shown, calls = calls, 0
        start = time.perf_counter()
        for key in ["down"] * 100 + ["pagedown"] * 10:
            await pilot.press(key)
        await pilot.pause()
        seconds = time.perf_counter() - start
    kinsoku.install()
    print(
        f"{name:20} scrolling the report (110 keys, headless): "
        f"{seconds / 110 * 1000:.1f} ms a key; lines wrapped: {shown} to show it, "
        f"{calls} while scrolling"
    )


def main() -> None:
    content = Content.from_rich_text(report())
    long_line = ROW.format(n=1) * 40
    for name, fn in (
        ("kinsoku divide_line", kinsoku.divide_line),
        ("Rich divide_line", rich._wrap.divide_line),
        ("kinsoku divide_line", kinsoku.divide_line),
    ):
        textual.content.divide_line = fn
        for width in (80, 100):
            seconds, lines = timed(lambda w=width: render(content, w), REPEAT)
            print(
                f"{name:20} 200-line report at {width:3} columns: {seconds * 1000:6.2f} ms per render ({lines} lines)"
            )
        seconds, _ = timed(lambda f=fn: f(long_line, 80), REPEAT)
        print(f"{name:20} one {len(long_line)}-character paragraph at 80: {seconds * 1000:6.2f} ms")
    kinsoku.install()
    import asyncio

    for name, fn in (("Rich divide_line", rich._wrap.divide_line), ("kinsoku divide_line", kinsoku.divide_line)):
        asyncio.run(scroll(report(), name, fn))


if __name__ == "__main__":
    main()
