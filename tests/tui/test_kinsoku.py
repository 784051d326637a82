"""Line breaks in the console's text follow Chinese typesetting (禁则): no line begins with
closing punctuation nor ends with an opening one, Chinese or Latin, whatever Textual is given
(a str, a Rich Text, a Content)."""

from __future__ import annotations

import rich.text
import textual.content
from openpyxl import Workbook
from rich.text import Text
from textual.content import Content
from textual.geometry import Region

from hzconsole.cells import NO_LINE_END, NO_LINE_START, break_offsets, wrap_cells
from hzconsole.tui.widgets import kinsoku
from hzconsole.tui.widgets.plain import Static  # importing it installs the rule
from tests.tui.conftest import open_import, wait_for

# 「类型」（B列）：「大河」不是有效的河湖类型，应为：河流、湖泊、水库、山塘、渠道、小微水体
REFUSAL = (
    "\u300c\u7c7b\u578b\u300d\uff08B\u5217\uff09\uff1a\u300c\u5927\u6cb3\u300d"
    "\u4e0d\u662f\u6709\u6548\u7684\u6cb3\u6e56\u7c7b\u578b\uff0c\u5e94\u4e3a\uff1a"
    "\u6cb3\u6d41\u3001\u6e56\u6cca\u3001\u6c34\u5e93\u3001\u5c71\u5858\u3001\u6e20"
    "\u9053\u3001\u5c0f\u5fae\u6c34\u4f53"
)
# The same words with the Latin forms a clerk's note may hold: (B列):河流,湖泊;水库.
LATIN = "\u300c\u7c7b\u578b\u300d(B\u5217):\u6cb3\u6d41,\u6e56\u6cca;\u6c34\u5e93." * 3


def _kinsoku_ok(lines: list[str]) -> bool:
    return all(
        not line.strip() or (line.lstrip()[0] not in NO_LINE_START and line.rstrip()[-1] not in NO_LINE_END)
        for line in lines
    )


def _pieces(text: str, offsets: list[int]) -> list[str]:
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


def test_the_hook_is_in_place():
    """Textual's Content and Rich's Text ask the console's rule where to break (a new Textual
    or Rich that renamed the function would silently bring back Rich's breaks)."""
    assert textual.content.divide_line is kinsoku.divide_line
    assert rich.text.divide_line is kinsoku.divide_line


def test_break_offsets_at_every_width_both_punctuation_forms():
    for text in (REFUSAL, LATIN):
        for width in range(6, 60):
            lines = _pieces(text, break_offsets(text, width))
            assert "".join(lines) == text
            assert all(len(line) and sum(2 if ord(c) > 0x2000 else 1 for c in line) <= width for line in lines), (
                width,
                lines,
            )
            assert _kinsoku_ok(lines), (width, lines)


def test_latin_words_and_codes_stay_whole_and_spaces_break():
    text = "\u5de1\u6cb3\u7f16\u53f7 WT2024-001 \u5df2\u5f52\u6863 (see notes) done"
    lines = [line.rstrip() for line in _pieces(text, break_offsets(text, 14))]
    assert any("WT2024-001" in line for line in lines), lines
    assert all(not line.startswith(" ") for line in lines)
    assert _kinsoku_ok(lines), lines
    # A break next to "(" or ")": the bracket goes with its word.
    lines = _pieces(text, break_offsets(text, 17))
    assert _kinsoku_ok(lines) and any(line.startswith("(see") for line in lines), lines


def test_the_console_and_the_cli_break_lines_alike():
    """One rule: what Textual draws and what wrap_cells (CLI help, the agenda) gives."""
    text = "\u8bf4\u660e\uff1a" + REFUSAL + " WT2024-001 " + LATIN
    for width in (12, 19, 30, 41):
        assert [line.plain.rstrip() for line in Content(text).wrap(width)] == wrap_cells(text, width), width


def test_content_of_a_str_wraps_by_the_rule():
    """A str given to Static becomes a Content: where Rich began a line with "、水库"."""
    for width in (20, 33, 40, 47):
        lines = [line.plain for line in Content(REFUSAL).wrap(width)]
        assert "".join(lines) == REFUSAL
        assert _kinsoku_ok(lines), (width, lines)
    assert [line.plain for line in Content(REFUSAL).wrap(33)][1][0] not in NO_LINE_START


def test_styled_text_keeps_its_styles_across_the_breaks():
    text = Text("\u8bf4\u660e\uff1a")
    text.append(LATIN, style="bold")
    text.append(REFUSAL, style="red")
    for width in (18, 25, 31):
        for lines in (
            [line.plain for line in Content.from_rich_text(text).wrap(width)],
            [line.plain for line in text.wrap(rich.console.Console(), width)],
        ):
            assert "".join(lines) == text.plain
            assert _kinsoku_ok(lines), (width, lines)
    wrapped = text.wrap(rich.console.Console(), 25)
    red = {
        ch for line in wrapped for span in line.spans if span.style == "red" for ch in line.plain[span.start : span.end]
    }
    bold = {
        ch
        for line in wrapped
        for span in line.spans
        if span.style == "bold"
        for ch in line.plain[span.start : span.end]
    }
    assert set(REFUSAL) <= red and not (red & set("\u8bf4\u660e")) and "B" in bold
    content_lines = Content.from_rich_text(text).wrap(25)
    styled = "".join(line.plain[s.start : s.end] for line in content_lines for s in line.spans if "red" in str(s.style))
    assert styled == REFUSAL


def _refused_sheet(path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["\u6cb3\u6e56\u540d\u79f0", "\u7c7b\u578b", "\u7ba1\u7406\u5c42\u7ea7"])
    ws.append(["\u5feb\u7167\u6e20\u4e00", "\u6e20\u9053", "\u6751\u7ea7"])
    ws.append(["\u5feb\u7167\u6e20\u4e8c", "\u5927\u6cb3", "\u6751\u7ea7"])
    wb.save(path)


async def test_the_import_report_begins_no_line_with_closing_punctuation(make_app, tmp_path):
    """The preview's report at 80 and 100 columns, as drawn: the lines of the Static."""
    path = tmp_path / "\u540d\u5f55.xlsx"
    _refused_sheet(path)
    for size in ((80, 30), (100, 30)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            screen = await open_import(pilot, "2")
            screen.query_one("#import-path").value = str(path)
            await pilot.press("f2")
            report = screen.query_one("#import-report", Static)
            await wait_for(pilot, lambda r=report: "\u7ed3\u8bba" in str(r.render()))  # 结论
            await pilot.pause()
            w, h = report.size
            lines = [strip.text for strip in report.render_lines(Region(0, 0, w, h))]
            assert any("\u5927\u6cb3" in line for line in lines)  # 大河: the refusal is drawn
            assert len([line for line in lines if line.strip()]) > 6
            assert _kinsoku_ok(lines), (size, lines)


async def test_an_option_list_prompt_wraps_by_the_rule():
    """OptionList prompts (the pickers, the choose dialogs) are wrapped by Textual too."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Picker(App[None]):
        CSS = "OptionList { width: 24; }"

        def compose(self) -> ComposeResult:
            yield OptionList(REFUSAL, Text(LATIN, style="bold"))

    app = Picker()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        w, h = options.outer_size
        lines = [
            strip.text.strip("\u258a\u258e\u2594\u2581 ")  # the borders
            for strip in options.render_lines(Region(0, 0, w, h))
        ]
        assert sum("\u5927\u6cb3" in line for line in lines) == 1  # 大河 drawn, wrapped
        assert len([line for line in lines if line.strip()]) > 4
        assert _kinsoku_ok(lines), lines
