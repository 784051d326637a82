"""One ledger sheet laid out as GONGWEN.md says, written row by row (constant memory).

Row 1 the title merged over all columns; row 2 填报单位 left and 填报日期 right; one or two
header rows (黑体, centred, wrapped, bordered; a column with a `group` sits under a merged
upper header, one without is merged over both rows); data rows bordered; a foot line
填报人 / 审核人 / 联系电话. A4, fit to one page wide, header rows repeated, 第 &P 页 共 &N 页,
panes frozen below the header.

Values: user text always goes through `write_text` (never a formula, an 18-digit ID or a
phone stays text); numbers as numbers; dates as real Excel dates formatted yyyy-mm-dd, so
the ledger sorts and filters by date in Excel/WPS, the blank templates can validate dates,
and imports read them back without guessing the format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.ledgers import messages as msg
from hzconsole.ledgers.columns import Column, LedgerSpec
from hzconsole.ledgers.fastrows import RowWriter
from hzconsole.ledgers.fit import MARGIN_IN, PAPERS, PART_SCALE, Part
from hzconsole.ledgers.widths import LINE_HEIGHT, display_width, fit_width, line_count, row_height

DATE_FORMAT = "yyyy-mm-dd"
BODY_FONT = "宋体"
HEADER_FONT = "黑体"
TITLE_FONTS = {"gb2312": "方正小标宋简体", "windows": "黑体"}
MARK_FILL = "#FDE9D9"  # light enough to print grey behind black text
MARK_FONT = "#C00000"
TEMPLATE_ROWS = 100  # bordered blank rows in an entry template
TEMPLATE_ROW_HEIGHT = 22.0  # points: room for handwriting
VALIDATION_ROWS = 2000  # rows the drop-downs and date checks cover in a template
_CENTRED_TYPES = ("index", "date", "int", "float")
_NUM_FORMATS = {"date": DATE_FORMAT, "int": "0", "index": "0", "text": "@"}


class Styles:
    """The workbook's cell formats, made once and shared by its sheets."""

    def __init__(self, workbook: Workbook, font_profile: str = "gb2312") -> None:
        self.wb = workbook
        self.title_font = TITLE_FONTS.get(font_profile, "黑体")
        self._cache: dict[tuple, Any] = {}
        self._made: dict[int, tuple[tuple, dict[str, Any]]] = {}  # id(format) -> its key, props

    def _get(self, key: tuple, props: dict[str, Any]) -> Format:
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self.wb.add_format(props)
            self._made[id(fmt)] = (key, props)
        return fmt

    def quoted(self, fmt: Format) -> Format:
        """`fmt` with Excel's quote prefix (the ' shown in the formula bar): a text that
        begins with = + - @ stays text when the clerk edits the cell or saves as CSV, instead
        of becoming a formula."""
        made = self._made.get(id(fmt))
        if made is None:
            return fmt
        key, props = made
        return self._get((*key, "quoted"), {**props, "quote_prefix": True})

    @property
    def title(self) -> Format:
        return self._get(
            ("title",),
            {
                "font_name": self.title_font,
                "font_size": 18,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
            },
        )

    def meta(self, align: str) -> Format:
        return self._get(
            ("meta", align),
            {
                "font_name": BODY_FONT,
                "font_size": 10.5,
                "align": align,
                "valign": "vcenter",
            },
        )

    @property
    def header(self) -> Format:
        return self._get(
            ("header",),
            {
                "font_name": HEADER_FONT,
                "font_size": 10.5,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "border": 1,
            },
        )

    def cell(self, column: Column, mark: bool = False, border: bool = True) -> Format:
        centred = column.type in _CENTRED_TYPES or bool(column.choices) or (column.width or 99) <= 10
        props: dict[str, Any] = {
            "font_name": BODY_FONT,
            "font_size": 10,
            "valign": "vcenter",
            "text_wrap": True,
            "align": "center" if centred else "left",
        }
        if border:
            props["border"] = 1
        if column.type in _NUM_FORMATS:
            # Text columns are "@" so a typed 18-digit ID stays text in templates too.
            props["num_format"] = _NUM_FORMATS[column.type]
        if mark:
            props.update(bg_color=MARK_FILL)
        key = ("cell", column.type, centred, mark, border)
        return self._get(key, props)

    def flag(self, column: Column, mark: bool) -> Format:
        """A cell that carries the row's mark (是, days, since when): red and bold."""
        props = {
            "font_name": BODY_FONT,
            "font_size": 10,
            "valign": "vcenter",
            "align": "center",
            "border": 1,
            "num_format": _NUM_FORMATS.get(column.type, "@"),
        }
        if mark:
            props.update(bg_color=MARK_FILL, font_color=MARK_FONT, bold=True)
        return self._get(("flag", column.type, mark), props)


# What makes Excel (or a CSV reader) take a typed text for a formula.
FORMULA_START = ("=", "+", "-", "@")


def write_text(ws: Worksheet, row: int, col: int, value: str, fmt: Format, styles: Styles | None = None) -> None:
    """Write user text literally: never a formula, never a number. With `styles`, a text
    that begins like a formula carries the quote prefix, so it stays text once edited.

    xlsxwriter passes a string that starts with "<r>" and ends with "</r>" through as raw
    rich-text XML (a corrupt file for any other content); such a value is written as a
    rich string of three plain runs instead ("<", "r", the rest: xlsxwriter wants more than
    two), which reads back as exactly the same text.
    """
    if styles is not None and value.startswith(FORMULA_START):
        fmt = styles.quoted(fmt)
    if value.startswith("<r>") and value.endswith("</r>"):
        ws.write_rich_string(row, col, value[:1], value[1:2], value[2:], fmt)
    else:
        ws.write_string(row, col, value, fmt)


def _merge(ws: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    # merge_range() writes its blank cells itself, row by row, which in constant_memory mode
    # flushes the first row before a second vertical merge can write to it. So cells are
    # written by the caller in row order and only the merge is recorded here.
    ws.merge.append([first_row, first_col, last_row, last_col])


class LedgerSheet:
    """A sheet being written: call head(), then row() per record, then foot()."""

    def __init__(
        self,
        workbook: Workbook,
        styles: Styles,
        spec: LedgerSpec,
        *,
        name: str,
        title: str,
        unit_line: str,
        date_line: str,
        widths: Mapping[str, float] | None = None,
        template: bool = False,
        levels: Mapping[str, str] | None = None,
        paper: str = "A4",
        orientation: str | None = None,
        pages_wide: Sequence[Part] = (),
    ) -> None:
        self.ws = workbook.add_worksheet(name)
        self.styles = styles
        self.spec = spec
        self.columns = spec.columns
        self.title = title
        self.unit_line = unit_line
        self.date_line = date_line
        self.template = template
        self.paper = paper
        # Printed over several pages' width (ledgers/fit.py): where each page starts.
        self.pages_wide = list(pages_wide)
        self.orientation = orientation or ("portrait" if spec.orientation == "portrait" else "landscape")
        # The level as the office names it (镇级 for 乡级 in a 镇), in the level column and
        # in its drop-down.
        self.levels = dict(levels or {})
        self._level_cols = [i for i, c in enumerate(self.columns) if c.choices_name == "LEVELS" or c.source == "level"]
        self.widths = [(widths or {}).get(c.source) or fit_width(c.header, c.width, None) for c in self.columns]
        self.header_rows = 2 if spec.has_groups else 1
        self.first_data_row = 2 + self.header_rows
        self.next_row = self.first_data_row
        self.index = 0
        # Per-column formats resolved once: this loop runs 100,000 times.
        self._fmt = [styles.cell(c) for c in self.columns]
        self._fmt_mark = [styles.cell(c, mark=True) for c in self.columns]
        self._wrap_cols = [i for i, c in enumerate(self.columns) if c.type == "text"]
        self._rows = RowWriter(self.ws, msg.YES, msg.NO)
        self._sources = [c.source for c in self.columns]
        self._index_col = next((i for i, c in enumerate(self.columns) if c.source == "index"), None)
        self._xf = [f._get_xf_index() for f in self._fmt]
        self._xf_mark = [f._get_xf_index() for f in self._fmt_mark]
        self._folded: dict[str, str] = {}

    # -- head ---------------------------------------------------------------------------
    def head(self) -> None:
        ws, st = self.ws, self.styles
        for i, (column, width) in enumerate(zip(self.columns, self.widths, strict=True)):
            # Templates format whole columns so what villages type keeps its type.
            ws.set_column(i, i, width, st.cell(column, border=False) if self.template else None)
        # Each page's width (one, or one per part of a sheet printed over several) carries
        # the title and the 填报单位/填报日期 line of its own, never cut by a page edge.
        spans = self.spans()
        narrowest = min(sum(self.widths[a : b + 1]) for a, b in spans)
        title_lines = max(1, -int(-display_width(self.title) * 1.8 // max(narrowest, 1)))
        ws.set_row(0, min(409, 30 * title_lines + 6))
        ws.set_row(1, 20)
        # Row by row (constant_memory: a row is flushed once the next one is written).
        for n_span, (a, b) in enumerate(spans):
            title = self.title if n_span == 0 else self.title + msg.CONTINUED
            self._merged_text(0, a, b, title, st.title)
        # On a sheet printed over several pages' width the key columns are repeated at the
        # left of every page: the line starts after them, so no page shows it cut.
        keys = 0
        if len(spans) > 1:
            keys = len([i for i in self.pages_wide[0].columns if i in self.pages_wide[1].columns])
        for n_span, (a, b) in enumerate(spans):
            a = a + keys if n_span == 0 else a
            split = a + max(1, (b - a + 1) // 2)
            self._merged_text(1, a, split - 1, self.unit_line, st.meta("left"))
            if split <= b:
                self._merged_text(1, split, b, self.date_line, st.meta("right"))
        self._write_headers()
        self._print_setup()

    def spans(self) -> list[tuple[int, int]]:
        """The columns of each page's width: all of them, or when the sheet prints over
        several pages' width, the first page's and then each further page's own columns
        (the repeated key columns stand left of them)."""
        n = len(self.columns)
        if len(self.pages_wide) < 2:
            return [(0, n - 1)]
        keys = len([i for i in self.pages_wide[0].columns if i in self.pages_wide[1].columns])
        starts = [0] + [p.columns[keys] for p in self.pages_wide[1:]]
        return [(a, b - 1) for a, b in zip(starts, [*starts[1:], n], strict=True)]

    def _merged_text(self, row: int, first: int, last: int, text: str, fmt: Format) -> None:
        self.ws.write_string(row, first, text, fmt)
        for c in range(first + 1, last + 1):
            self.ws.write_blank(row, c, None, fmt)
        if last > first:
            _merge(self.ws, row, first, row, last)

    def _shown(self, header: str, width: float) -> str:
        """A header as printed: when it wraps, the unit in brackets goes to a line of its
        own (巡河时长 / (分钟)) instead of breaking inside it. Imports ignore the break."""
        at = max(header.find("("), header.find("\uff08"))
        # The unit's own width is compared without slack: a 10 pt header fits a little more
        # than the estimate, and "(公里)" is better on its own line even when tight.
        if at > 0 and line_count(header, width / 1.05) > 1 and display_width(header[at:]) <= width:
            return header[:at] + "\n" + header[at:]
        return header

    def _write_headers(self) -> None:
        ws, fmt = self.ws, self.styles.header
        top = 2
        # Printed with Chinese punctuation, as the documents are: 巡河时长（分钟）. Imports
        # read either form of bracket.
        shown = [self._shown(fullwidth(c.header), w) for c, w in zip(self.columns, self.widths, strict=True)]
        # Height: the header that needs most lines (黑体 is a little wider than 宋体).
        if self.header_rows == 1:
            lines = max(line_count(h, w / 1.05) for h, w in zip(shown, self.widths, strict=True))
            ws.set_row(top, row_height(lines, LINE_HEIGHT + 1))
            for i, h in enumerate(shown):
                ws.write_string(top, i, h, fmt)
            return
        runs = self._group_runs()
        upper = max((line_count(g, sum(self.widths[a : b + 1]) / 1.05) for g, a, b in runs if g), default=1)
        lower = max(
            line_count(h, w / 1.05) for c, h, w in zip(self.columns, shown, self.widths, strict=True) if c.group
        )
        whole = max(
            (line_count(h, w / 1.05) for c, h, w in zip(self.columns, shown, self.widths, strict=True) if not c.group),
            default=1,
        )
        h_upper = row_height(upper, LINE_HEIGHT + 1)
        h_lower = max(row_height(lower, LINE_HEIGHT + 1), row_height(whole, LINE_HEIGHT + 1) - h_upper)
        ws.set_row(top, h_upper)
        ws.set_row(top + 1, h_lower)
        for group, a, b in runs:
            for i in range(a, b + 1):
                if group:
                    if i == a:
                        ws.write_string(top, i, fullwidth(group), fmt)
                    else:
                        ws.write_blank(top, i, None, fmt)
                else:
                    ws.write_string(top, i, shown[i], fmt)
        for group, a, b in runs:
            for i in range(a, b + 1):
                if group:
                    ws.write_string(top + 1, i, shown[i], fmt)
                else:
                    ws.write_blank(top + 1, i, None, fmt)
        for group, a, b in runs:
            if group and b > a:
                _merge(ws, top, a, top, b)
            elif not group:
                for i in range(a, b + 1):
                    _merge(ws, top, i, top + 1, i)

    def _group_runs(self) -> list[tuple[str | None, int, int]]:
        """Consecutive columns sharing a group: (group, first, last); ungrouped columns are
        runs of their own with group None."""
        runs: list[tuple[str | None, int, int]] = []
        for i, c in enumerate(self.columns):
            if c.group and runs and runs[-1][0] == c.group and runs[-1][2] == i - 1:
                runs[-1] = (c.group, runs[-1][1], i)
            else:
                runs.append((c.group, i, i))
        return runs

    def _print_setup(self) -> None:
        ws = self.ws
        ws.set_paper(PAPERS[self.paper][2])
        if self.orientation == "landscape":
            ws.set_landscape()
        else:
            ws.set_portrait()
        if len(self.pages_wide) > 1:
            # Too wide for one page: each part on a page of its own at a fixed scale (Excel
            # ignores manual page breaks under fit-to-page), the key columns repeated at
            # the left of every page, pages numbered across then down so the parts of the
            # same rows follow each other.
            keys = [i for i in self.pages_wide[0].columns if i in self.pages_wide[1].columns]
            ws.set_print_scale(PART_SCALE)
            ws.set_v_pagebreaks([p.columns[len(keys)] for p in self.pages_wide[1:]])
            ws.repeat_columns(0, len(keys) - 1)
            ws.print_across()
        else:
            ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
        ws.repeat_rows(2, self.first_data_row - 1)
        ws.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.55, bottom=0.7)
        ws.set_footer(msg.PAGE_FOOTER)
        ws.center_horizontally()
        ws.freeze_panes(self.first_data_row, 0)

    # -- data ---------------------------------------------------------------------------
    def row(self, values: Mapping[str, Any], *, mark: bool = False, flags: Iterable[str] = ()) -> None:
        """One record. `mark` shades the row (overdue, stale); `flags` are the sources of
        cells that carry the mark in red.

        The row's XML is written straight to the sheet's row file (fastrows.py): the
        ten-year patrol ledger is 100,000 rows, and xlsxwriter's per-cell calls cost
        three quarters of its export time. The cells are what write_string / write_number
        / write_datetime / write_blank would write (inline strings, the same formats)."""
        r = self.next_row
        self.index += 1
        get = values.get
        cells = [get(source) for source in self._sources]
        if self._index_col is not None:
            cells[self._index_col] = self.index
        # Chinese punctuation in Chinese text (，（）：), as in the documents; codes, times,
        # numbers and addresses as typed (documents/gongwen/punct.py). Folded before the
        # row's height is measured: a full-width mark is twice as wide.
        lines = 1
        widths = self.widths
        for i in self._wrap_cols:
            value = cells[i]
            if value.__class__ is str and value:
                value = cells[i] = self._fold(value)
                if len(value) * 2 > widths[i] - 1:
                    lines = max(lines, line_count(value, widths[i]))
        for i in self._level_cols:
            level = cells[i]
            if isinstance(level, str) and level in self.levels:
                cells[i] = self.levels[level]
        xfs = self._xf_mark if mark else self._xf
        if flags:
            xfs = list(xfs)
            for i, column in enumerate(self.columns):
                if column.source in flags:
                    xfs[i] = self.styles.flag(column, mark)._get_xf_index()
        quoted = [i for i, v in enumerate(cells) if v.__class__ is str and v.startswith(FORMULA_START)]
        if quoted:  # text that begins like a formula keeps Excel's quote prefix (stays text)
            fmts = self._fmt_mark if mark else self._fmt
            xfs = list(xfs)
            for i in quoted:
                xfs[i] = self.styles.quoted(fmts[i])._get_xf_index()
        self._rows.write(r, cells, xfs, row_height(lines) if lines > 1 else None)
        self.next_row = r + 1

    def _fold(self, text: str) -> str:
        """fullwidth(), remembered: a ledger repeats its phrases (水质清澈,无异常) thousands
        of times. The memory is bounded."""
        folded = self._folded.get(text)
        if folded is None:
            if len(self._folded) > 20_000:
                self._folded.clear()
            folded = self._folded[text] = fullwidth(text)
        return folded

    def blank_rows(self, count: int) -> None:
        """Empty bordered rows for an entry template, tall enough to fill in by hand on a
        printed copy."""
        for _ in range(count):
            self.ws.set_row(self.next_row, TEMPLATE_ROW_HEIGHT)
            for i in range(len(self.columns)):
                self.ws.write_blank(self.next_row, i, None, self._fmt[i])
            self.next_row += 1

    def note(self, text: str) -> None:
        """A line merged over the table's width, in the data's font (e.g. 无记录)."""
        n = len(self.columns)
        fmt = self.styles.meta("center")
        self.ws.write_string(self.next_row, 0, text, fmt)
        for c in range(1, n):
            self.ws.write_blank(self.next_row, c, None, fmt)
        if n > 1:
            _merge(self.ws, self.next_row, 0, self.next_row, n - 1)
        self.next_row += 1

    def foot(self, clerk: str, reviewer: str, phone: str) -> None:
        """填报人 / 审核人 / 联系电话 below the table (blank lines to sign on when unset)."""
        first, last = self.spans()[-1]  # the last page's width: where the table ends
        n = last - first + 1
        r = self.next_row + 1  # one empty row between the table and the signatures
        self.ws.set_row(r, 24)
        parts = [(msg.FOOT_CLERK, clerk), (msg.FOOT_REVIEWER, reviewer), (msg.FOOT_PHONE, phone)]
        thirds = [first + t for t in (0, max(1, n // 3), max(2, 2 * n // 3), n)]
        if n < 3:
            text = "    ".join(f"{label}{value or msg.BLANK_FILL}" for label, value in parts)
            self.ws.write_string(r, first, text, self.styles.meta("left"))
            return
        for (label, value), a, b in zip(parts, thirds, thirds[1:], strict=False):
            fmt = self.styles.meta("left")
            self.ws.write_string(r, a, f"{label}{value or msg.BLANK_FILL}", fmt)
            for c in range(a + 1, b):
                self.ws.write_blank(r, c, None, fmt)
            if b - 1 > a:
                _merge(self.ws, r, a, r, b - 1)
        self.next_row = r + 1

    # -- templates ----------------------------------------------------------------------
    def validations(self, name_lists: Mapping[str, str] | None = None) -> None:
        """Drop-downs for the closed lists and checks for dates and numbers, so what a
        village types can be imported without guessing. `name_lists` maps a source (e.g.
        river_name) to a range of the names the file already holds: offered as a drop-down
        that only warns, since a village may well add a new river or person."""
        first, last = self.first_data_row, self.first_data_row + VALIDATION_ROWS - 1
        for i, c in enumerate(self.columns):
            names = (name_lists or {}).get(c.source)
            if names and not c.choices:
                self.ws.data_validation(
                    first,
                    i,
                    last,
                    i,
                    {
                        "validate": "list",
                        "source": names,
                        "error_type": "warning",
                        "input_title": c.header[:32],
                        "input_message": msg.PICK_OR_TYPE,
                        "error_title": msg.UNKNOWN_NAME_TITLE,
                        "error_message": msg.UNKNOWN_NAME,
                    },
                )
            elif c.choices:
                choices = [self.levels.get(x, x) for x in c.choices] if i in self._level_cols else list(c.choices)
                self.ws.data_validation(
                    first,
                    i,
                    last,
                    i,
                    {
                        "validate": "list",
                        "source": choices,
                        "input_title": c.header[:32],
                        "input_message": msg.PICK_ONE,
                        "error_title": msg.INVALID_TITLE,
                        "error_message": msg.CHOICE_ERROR.format(choices="、".join(choices))[:255],
                    },
                )
            elif c.type == "date":
                self.ws.data_validation(
                    first,
                    i,
                    last,
                    i,
                    {
                        "validate": "date",
                        "criteria": "between",
                        "minimum": date(2000, 1, 1),
                        "maximum": date(2100, 12, 31),
                        "input_title": c.header[:32],
                        "input_message": msg.DATE_HINT,
                        "error_title": msg.INVALID_TITLE,
                        "error_message": msg.DATE_ERROR,
                    },
                )
            elif c.type in ("int", "float"):
                # Coordinates may be negative; counts, lengths and areas may not.
                bounds = (
                    {"criteria": "between", "minimum": -180, "maximum": 180}
                    if c.source in ("lat", "lon")
                    else {"criteria": ">=", "value": 0}
                )
                self.ws.data_validation(
                    first,
                    i,
                    last,
                    i,
                    {
                        "validate": "integer" if c.type == "int" else "decimal",
                        **bounds,
                        "error_title": msg.INVALID_TITLE,
                        "error_message": msg.NUMBER_ERROR,
                    },
                )
