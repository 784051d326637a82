"""The light mark-up of document templates and of text the clerk types, as blocks.

    标题:关于……的通知            header lines before a line of --- (标题 主送 抄送 署名)
    ---
    # 总体情况                     一、 heading (黑体); numbered automatically
    ## 加强组织领导。按照……        (一) heading (楷体); text after the first 。 is run-in body text
    ### 8.强化河湖长履职。……      1. heading; a number typed by hand is kept
    #### 落实巡河                  (1) heading
    表题:表1 巡河情况              caption of the table that follows
    | 层级 | 人数 |                table rows (between bars, two cells at least); a row
    |---|---|                      |---|---| after the first makes it the header; a shorter
                                   row's last cell spans the rest
    【附件】巡河未达标河长名单     starts an attachment (new page)
    【印发】青石镇2024年工作要点   starts the document a notice issues (new page)
    any other line                 a paragraph, also one typed as 一、… or (一)…: only # makes
                                   a heading; blank lines are ignored

Numbers restart below each higher heading, as GB/T 9704 numbers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hzconsole.documents.gongwen.measure import width_em
from hzconsole.documents.gongwen.model import Appendix, Attachment, Block, Heading, Paragraph, Table
from hzconsole.documents.gongwen.punct import fullwidth

CN_DIGITS = "零一二三四五六七八九"
HEADER_KEYS = {"标题": "title", "主送": "recipients", "抄送": "cc", "署名": "signature"}
_FULL_STOP = "\u3002"
_LPAREN, _RPAREN = "\uff08", "\uff09"
# A number already typed at the start of a heading (一、 (一) 1. (1)), per level.
_TYPED_NUMBER = {
    1: re.compile(r"^[一二三四五六七八九十]+、"),
    2: re.compile(r"^[(\uff08][一二三四五六七八九十]+[)\uff09]"),
    3: re.compile(r"^\d+[.\uff0e]"),
    4: re.compile(r"^[(\uff08]\d+[)\uff09]"),
}
_HEADING = re.compile(r"^(#{1,4})\s*(.*)$")
_SECTION = re.compile(r"^[【\[](附件|印发)[】\]]\s*(.*)$")
_CAPTION = re.compile(r"^表题[:\uff1a]\s*(.*)$")
_RULE_ROW = re.compile(r"^\|?\s*:?-{2,}")


def _is_table_row(line: str) -> bool:
    """A table row is meant: a line between bars holding at least two cells (| a | b |), or
    the rule below a header (|---|---|). A line that merely starts with a bar is text."""
    return len(line) > 2 and line.startswith("|") and line.endswith("|") and line.count("|") >= 3


class MarkupError(ValueError):
    """A line the mark-up cannot place; the message is Chinese and names the line."""


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (heading numbers)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    return {1: f"{cn_numeral(n)}、", 2: f"{_LPAREN}{cn_numeral(n)}{_RPAREN}", 3: f"{n}.", 4: f"{_LPAREN}{n}{_RPAREN}"}[
        level
    ]


def split_runin(text: str) -> tuple[str, str]:
    """'加强组织领导。按照……' → ('加强组织领导。', '按照……'): the heading sentence and the
    run-in body text that follows it on the same line."""
    i = text.find(_FULL_STOP)
    if 0 <= i < len(text) - 1:
        return text[: i + 1], text[i + 1 :]
    return text, ""


@dataclass
class Parsed:
    header: dict[str, str] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    appendix: Appendix | None = None


# Table text is 四号 (14 pt) with 57 twips of padding either side of every cell.
TABLE_TEXT_PT = 14.0
CELL_PADDING_PT = 2 * 57 / 20
TEXT_WIDTH_PT = 8844 / 20  # the text block: tables span it
# A cell of this kind never wraps: a date, a number, a percentage, a short code.
_UNBREAKABLE = re.compile(r"^[0-9A-Za-z.:%\-—/年月日号]+$")


# Half-width digits differ a little from font to font: room for that on unbreakable cells.
_SLACK = 0.3


def table_em(ncols: int) -> float:
    """Characters of table text a row can hold across the text block, padding excluded."""
    return (TEXT_WIDTH_PT - ncols * CELL_PADDING_PT) / TABLE_TEXT_PT


def _lines(cell: str) -> list[str]:
    return cell.split("\n")


def _min_em(cell: str, soft: bool) -> float:
    """The narrowest a cell may get: dates, numbers and short words stay on one line
    (hard); other text may wrap, preferably (soft) not into fewer than four characters."""
    widest = max(width_em(line) for line in _lines(cell))
    if _UNBREAKABLE.match(cell.replace("\n", "")) or widest <= 4:
        return widest + _SLACK
    return 4.0 if soft else 2.0


def _header_min_em(head: str) -> float:
    """A header may wrap onto two lines between words (考核|人数), never letter by letter."""
    from hzconsole.documents.gongwen.title import break_title

    if width_em(head) <= 3:
        return width_em(head)
    return max(width_em(line) for line in break_title(head, max_em=width_em(head) / 2 + 1))


def column_widths(rows: list[list[str]], header: bool) -> list[float]:
    """Column widths in characters of table text, summing to what a row can hold, the way a
    typesetter sizes a table: each column gets what its widest cell needs when everything
    fits; otherwise every column keeps its minimum (a date or a number on one line, a
    header broken between words, running text at least four characters wide where that
    fits) and the room left goes to the columns that want more, in proportion to what they
    lack. Each width includes the cell's padding, so the writer's
    proportional scaling to the text block gives every column exactly this room."""
    ncols = max(len(r) for r in rows)
    full_rows = [r for r in rows if len(r) == ncols]
    body = full_rows[1:] if header else full_rows
    heads = full_rows[0] if header and full_rows else [""] * ncols
    want, hard, soft = [], [], []
    for c in range(ncols):
        cells = [r[c] for r in body if r[c]]
        want.append(
            max(
                [width_em(line) for cell in cells for line in _lines(cell)]
                + [width_em(line) for line in _lines(heads[c])]
                + [1.0]
            )
        )
        head = _header_min_em(heads[c])
        hard.append(max([_min_em(cell, False) for cell in cells] + [head, 1.0]))
        soft.append(max([_min_em(cell, True) for cell in cells] + [head, 1.0]))
    room = table_em(ncols)
    pad = CELL_PADDING_PT / TABLE_TEXT_PT
    if sum(want) <= room:
        widths = [w * room / sum(want) for w in want]
    elif sum(soft) <= room:
        widths = _share(soft, want, room)
    elif sum(hard) <= room:
        widths = _share(hard, soft, room)
    else:
        widths = [w * room / sum(hard) for w in hard]
    return [w + pad for w in widths]


def _share(least: list[float], more: list[float], room: float) -> list[float]:
    """`least` for every column, and the room left shared in proportion to what each
    column would take beyond it (up to `more`)."""
    lack = [m - x for x, m in zip(least, more, strict=True)]
    if sum(lack) <= 0:
        return least
    spare = room - sum(least)
    return [x + spare * gap / sum(lack) for x, gap in zip(least, lack, strict=True)]


def _break_header(head: str, width: float) -> str:
    """A header wider than its column, broken between words into balanced lines."""
    from hzconsole.documents.gongwen.title import break_title

    if "\n" in head or width_em(head) <= width + 0.01:
        return head
    return "\n".join(break_title(head, max_em=width))


def _table(rows: list[list[str]], caption: str | None, header: bool) -> Table:
    """Rows may be shorter than the widest: their last cell spans the rest (form layouts
    like a 交办单)."""
    ncols = max(len(r) for r in rows)
    full = [r for r in rows if len(r) == ncols]
    body = full[1:] if header and len(full) > 1 else full
    align = ["center" if max(width_em(r[c]) for r in body) <= 8 else "left" for c in range(ncols)]
    widths = column_widths(rows, header)
    if header:
        pad = CELL_PADDING_PT / TABLE_TEXT_PT
        rows = [[_break_header(h, w - pad) for h, w in zip(rows[0], widths, strict=False)], *rows[1:]]
    return Table(rows=rows, header_rows=1 if header else 0, widths=widths, align=align, caption=caption)


def parse(text: str, *, source: str = "") -> Parsed:
    """Parse rendered template text (or the clerk's own text) into a document's parts."""
    out = Parsed()
    lines = text.splitlines()
    start = 0
    if any(line.strip() == "---" for line in lines):
        end = next(i for i, line in enumerate(lines) if line.strip() == "---")
        for number, line in enumerate(lines[:end], 1):
            if not line.strip():
                continue
            key, sep, value = fullwidth(line).partition("\uff1a")
            if not sep or key.strip() not in HEADER_KEYS:
                raise MarkupError(
                    f"{source}第{number}行：文件头只能写“标题：”“主送：”“抄送：”“署名：”，不能写「{line.strip()}」"
                )
            out.header[HEADER_KEYS[key.strip()]] = value.strip()
        start = end + 1
    target: list[Block] = out.body
    counters = [0, 0, 0, 0, 0]
    table_rows: list[list[str]] = []
    caption: str | None = None
    header = False

    def flush_table() -> None:
        nonlocal table_rows, caption, header
        if table_rows:
            target.append(_table(table_rows, caption, header))
        elif caption is not None:
            target.append(Paragraph(caption, align="center", indent=False))
        table_rows, caption, header = [], None, False

    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.strip()
        if _is_table_row(line):
            if _RULE_ROW.match(line):
                header = len(table_rows) == 1  # | a | b | then |---|: the header row
            else:
                # Measured as printed: the writer sets Chinese punctuation full width.
                cells = [fullwidth(c.strip()) for c in line.strip("|").split("|")]
                table_rows.append([c.replace("\\n", "\n") for c in cells])
            continue
        if not line:
            # Blank lines are ignored, also between table rows: a template's {% for %} and
            # {% endfor %} lines render as blank lines, and must not cut a table in pieces.
            continue
        flush_table()
        if m := _CAPTION.match(line):
            caption = m.group(1)
            continue
        if m := _SECTION.match(line):
            title = m.group(2).strip()
            if not title:
                raise MarkupError(f"{source}第{number}行：【{m.group(1)}】后面要写标题")
            if m.group(1) == "附件":
                out.attachments.append(Attachment(title))
                target = out.attachments[-1].blocks
            else:
                out.appendix = Appendix(title)
                target = out.appendix.blocks
            counters = [0, 0, 0, 0, 0]
            continue
        if m := _HEADING.match(line):
            level = len(m.group(1))
            content = fullwidth(m.group(2).strip())
            if not content:
                raise MarkupError(f"{source}第{number}行：标题符号 {m.group(1)} 后面没有文字")
            typed = _TYPED_NUMBER[level].match(content)
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            if typed:
                numbering, content = typed.group(0), content[typed.end() :]
                digits = re.sub(r"\D", "", numbering)
                if digits:
                    counters[level] = int(digits)
            else:
                numbering = heading_number(level, counters[level])
            title, runin = split_runin(content)
            target.append(Heading(level, numbering, title, runin))
            continue
        target.append(Paragraph(line))
    flush_table()
    return out
