"""Writes a `Gongwen` as a GB/T 9704-2012 .docx with python-docx.

Our own empty package (template.py: zh-CN theme and settings, no foreign fonts, app.xml
naming hzconsole) is the starting point; `_prepare` sets the document defaults and styles:
East Asian fonts declared, zh-CN language, A4 page and margins, widow control off, odd/even
page-number footers.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from hzconsole.documents.gongwen import page as pg
from hzconsole.documents.gongwen.fonts import (
    FONT_TABLE,
    LATIN_FONT,
    SANHAO,
    SIHAO,
    FontProfile,
    set_fonts,
    set_lang,
    set_size,
    strip_theme_fonts,
)
from hzconsole.documents.gongwen.layout import CAPACITY, Flow, count_lines
from hzconsole.documents.gongwen.measure import width_pt
from hzconsole.documents.gongwen.model import (
    Appendix,
    Attachment,
    Blank,
    Block,
    Gongwen,
    Heading,
    Paragraph,
    Table,
)
from hzconsole.documents.gongwen.ooxml import (
    PPR_ORDER,
    RPR_ORDER,
    SECTPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    TRPR_ORDER,
    border,
    element,
    ensure,
    remove,
)
from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.documents.gongwen.styles import INDENT_2, STYLES, ParaStyle, typeface
from hzconsole.documents.gongwen.template import app_xml, new_document
from hzconsole.documents.gongwen.title import break_title
from hzconsole.text import cn_date

RED = "FF0000"
_JC = {"justify": "both", "both": "both", "center": "center", "left": "left", "right": "right"}
_MARK_TOP = pg.mm(35)  # the 标志's top edge below the text block's top edge
# Where a glyph's em box starts relative to the top of its line box, as a share of the font
# size, for a line of exact height 1.2 × size (measured in LibreOffice 7.4: 1.5 pt above the
# line top for a 38 pt 标志).
_GLYPH_TOP = -0.04
_SEAL_GAP_LINES = 2  # room for the seal's upper half between the body and the signature
_CELL_PADDING = 57  # twips left and right in a table cell
_RULE = 10  # twips a 0.5 pt table rule adds to a row
_TINY = 20  # twips: the height of an empty anchor paragraph
_IMPRINT_RULES = 20  # twips: the 版记's first and last rules (0.35 mm, 8/8 pt)
_IMPRINT_INNER = 15  # twips: a rule between its rows (0.25 mm, 6/8 pt)


def _line_spacing(spacing: BaseOxmlElement, line: int | None) -> None:
    """A paragraph's w:spacing set to an exact line height in twips, or single (auto)."""
    if line is None:
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    else:
        spacing.set(qn("w:line"), str(line))
        spacing.set(qn("w:lineRule"), "exact")


def mark_size(mark: str) -> float:
    """The 标志's size: as large as fits the text block (at most 42 pt, 初号-like)."""
    return float(min(42, math.floor(pg.TEXT_WIDTH / 20 * 0.96 / max(1, len(mark)))))


class DocxWriter:
    """Builds one document; `write` is the public entry point."""

    def __init__(self, fonts: FontProfile) -> None:
        self.fonts = fonts
        self.doc = new_document()
        self.flow = Flow()  # where each line will fall (layout.py), built as we write
        self.imprint_page = 0  # the page of the 版记: the document's last page
        self.imprint_placement = ""  # foot | next page | after a blank page
        self.recipients_in_imprint = False  # a long 主送 moved to the 版记 (GB/T 9704 7.3.3)
        self._prepare()

    # -- the template ------------------------------------------------------------------
    def _prepare(self) -> None:
        styles_el = self.doc.styles.element
        strip_theme_fonts(styles_el)
        defaults = styles_el.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, self.fonts.body)
        set_size(rpr, SANHAO)
        set_lang(rpr)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        self._grid_ppr(ppr, line=pg.LINE_PITCH)
        # Every existing style names its fonts explicitly (no theme, no fallback to Calibri).
        for style in styles_el.findall(qn("w:style")):
            if style.get(qn("w:type")) in ("paragraph", "character", "table"):
                s_rpr = style.find(qn("w:rPr"))
                if s_rpr is not None:
                    east = (
                        self.fonts.hei if (style.get(qn("w:styleId")) or "").startswith("Heading") else self.fonts.body
                    )
                    set_fonts(s_rpr, east)
                    set_lang(s_rpr)
        normal = self.doc.styles["Normal"]
        n_rpr = normal.element.get_or_add_rPr()
        set_fonts(n_rpr, self.fonts.body)
        set_size(n_rpr, SANHAO)
        ensure(n_rpr, "spacing", RPR_ORDER, val=pg.CHAR_TRACKING)
        set_lang(n_rpr)
        self._grid_ppr(normal.element.get_or_add_pPr(), line=pg.LINE_PITCH)
        ensure(normal.element.get_or_add_pPr(), "jc", PPR_ORDER, val="both")
        for spec in STYLES.values():
            self._add_style(spec)
        self._setup_section()
        self._setup_font_table()
        self.doc.settings.odd_and_even_pages_header_footer = True

    def _grid_ppr(self, ppr: BaseOxmlElement, *, line: int | None) -> None:
        ensure(ppr, "widowControl", PPR_ORDER, val=0)
        # No punctuation hanging past the right margin (ECMA-376 17.3.1.21: overflowPunct
        # off; Word's 允许标点溢出边界 unticked, as 公文 typesetters set it): a line holds 28
        # characters and a closing mark that would be the 29th pulls the last character
        # down with it (kinsoku, on by default, forbids it to start the next line). Word and
        # WPS read this as written; LibreOffice reads it inverted, which documents/pdf.py
        # compensates when it renders for measuring.
        ensure(ppr, "overflowPunct", PPR_ORDER, val=0)
        ensure(ppr, "autoSpaceDE", PPR_ORDER, val=0)
        ensure(ppr, "autoSpaceDN", PPR_ORDER, val=0)
        _line_spacing(ensure(ppr, "spacing", PPR_ORDER, before=0, after=0), line)

    def _add_style(self, spec: ParaStyle) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        el = style.element
        el.set(qn("w:styleId"), spec.style_id)  # ASCII ids: the names are Chinese
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        ppr = el.get_or_add_pPr()
        self._grid_ppr(ppr, line=spec.line)
        if spec.keep_next:
            ensure(ppr, "keepNext", PPR_ORDER)
        self._indent(ppr, first_line=spec.first_line, left=spec.left, right=spec.right, hanging=spec.hanging)
        ensure(ppr, "jc", PPR_ORDER, val=spec.align)
        if spec.outline is not None:
            ensure(ppr, "outlineLvl", PPR_ORDER, val=spec.outline)
        rpr = el.get_or_add_rPr()
        set_fonts(rpr, typeface(self.fonts, spec.role), PAGE_FONT if spec.role == "page" else LATIN_FONT)
        if spec.color:
            ensure(rpr, "color", RPR_ORDER, val=spec.color)
        set_size(rpr, spec.size)
        set_lang(rpr)

    @staticmethod
    def _indent(ppr: BaseOxmlElement, *, first_line: int = 0, left: int = 0, right: int = 0, hanging: int = 0) -> None:
        ind = ensure(ppr, "ind", PPR_ORDER, left=left, right=right)
        for attr in ("firstLine", "hanging", "firstLineChars", "hangingChars"):
            ind.attrib.pop(qn(f"w:{attr}"), None)
        if hanging:
            ind.set(qn("w:hanging"), str(hanging))
        else:
            ind.set(qn("w:firstLine"), str(first_line))

    def _setup_section(self) -> None:
        section = self.doc.sections[0]
        sect = section._sectPr
        ensure(sect, "pgSz", SECTPR_ORDER, w=pg.PAGE_WIDTH, h=pg.PAGE_HEIGHT)
        footer_distance = pg.MARGIN_BOTTOM - pg.PAGE_NUMBER_GAP - pg.FOOTER_LINE + 118
        ensure(
            sect,
            "pgMar",
            SECTPR_ORDER,
            top=pg.MARGIN_TOP,
            right=pg.MARGIN_RIGHT,
            bottom=pg.MARGIN_BOTTOM,
            left=pg.MARGIN_LEFT,
            header=851,
            footer=footer_distance,
            gutter=0,
        )
        grid = ensure(sect, "docGrid", SECTPR_ORDER, linePitch=pg.LINE_PITCH)
        grid.attrib.pop(qn("w:type"), None)
        grid.attrib.pop(qn("w:charSpace"), None)
        # Odd pages: right, one character in; even pages: left, one character in.
        section.footer.is_linked_to_previous = False
        self._page_number(section.footer.paragraphs[0], odd=True)
        section.even_page_footer.is_linked_to_previous = False
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, para: DocxParagraph, *, odd: bool) -> None:
        ppr = para._p.get_or_add_pPr()
        ensure(ppr, "pStyle", PPR_ORDER, val="GwPageNumber")
        self._indent(ppr, left=0 if odd else pg.chars(1, SIHAO), right=pg.chars(1, SIHAO) if odd else 0)
        ensure(ppr, "jc", PPR_ORDER, val="right" if odd else "left")
        dash = "\u2014"
        self._run(para, f"{dash} ", "page", SIHAO)
        self._field(para, "PAGE", "1")
        self._run(para, f" {dash}", "page", SIHAO)

    def _field(self, para: DocxParagraph, instruction: str, placeholder: str) -> None:
        def fld(kind: str) -> None:
            r = self._run(para, "", "page", SIHAO)
            r._r.append(element("fldChar", fldCharType=kind))

        fld("begin")
        r = self._run(para, "", "page", SIHAO)
        instr = element("instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        r._r.append(instr)
        fld("separate")
        self._run(para, placeholder, "page", SIHAO)
        fld("end")

    def _setup_font_table(self) -> None:
        """Declare our fonts in fontTable.xml with a substitute (w:altName) for PCs that
        lack the GB2312-era ones; python-docx keeps that part as an opaque blob."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.parser import parse_xml
        from lxml import etree

        part = next((r.target_part for r in self.doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
        if part is None:
            return
        table = parse_xml(part.blob)
        used = {self.fonts.body, self.fonts.kai, self.fonts.hei, self.fonts.title, PAGE_FONT}
        present = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
        for name in sorted(used - present):
            alt, family, pitch = FONT_TABLE.get(name, (None, "auto", "variable"))
            font = element("font", name=name)
            if alt:
                font.append(element("altName", val=alt))
            font.append(element("charset", val="86"))
            font.append(element("family", val=family))
            font.append(element("pitch", val=pitch))
            table.append(font)
        part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)

    # -- primitives ----------------------------------------------------------------------
    def _para(self, style: str, **overrides: Any) -> DocxParagraph:
        """A new paragraph of `style` at the end of the body."""
        para = self.doc.add_paragraph()
        ppr = para._p.get_or_add_pPr()
        ensure(ppr, "pStyle", PPR_ORDER, val=style)
        if overrides.get("page_break"):
            ensure(ppr, "pageBreakBefore", PPR_ORDER)
        if overrides.get("keep_next"):
            ensure(ppr, "keepNext", PPR_ORDER)
        if "before" in overrides or "line" in overrides:
            spacing = ensure(ppr, "spacing", PPR_ORDER, before=overrides.get("before", 0), after=0)
            _line_spacing(spacing, overrides.get("line", STYLES[style].line))
        indents = {k: overrides[k] for k in ("first_line", "left", "right", "hanging") if k in overrides}
        if indents:
            spec = STYLES[style]
            self._indent(
                ppr,
                first_line=indents.get("first_line", spec.first_line),
                left=indents.get("left", spec.left),
                right=indents.get("right", spec.right),
                hanging=indents.get("hanging", 0),
            )
        if "align" in overrides:
            ensure(ppr, "jc", PPR_ORDER, val=_JC[overrides["align"]])
        return para

    def _run(
        self, para: DocxParagraph, text: str, role: str, size: float, *, color: str | None = None, bold: bool = False
    ) -> Run:
        run = para.add_run(text)
        rpr = run._r.get_or_add_rPr()
        set_fonts(rpr, typeface(self.fonts, role), PAGE_FONT if role == "page" else LATIN_FONT)
        if bold:
            ensure(rpr, "b", RPR_ORDER)
            ensure(rpr, "bCs", RPR_ORDER)
        if color:
            ensure(rpr, "color", RPR_ORDER, val=color)
        set_size(rpr, size)
        return run

    def _text(self, style: str, text: str, *, tag: str = "body", **overrides: Any) -> DocxParagraph:
        spec = STYLES[style]
        para = self._para(style, **overrides)
        if text:
            self._run(
                para,
                fullwidth(text),
                spec.role,
                overrides.get("size", spec.size),
                color=spec.color,
                bold=overrides.get("bold", False),
            )
        self._flow_para(style, fullwidth(text), tag=tag, **overrides)
        return para

    def _blank(self, n: int = 1, style: str = "GwBody", *, keep_next: bool = False, tag: str = "blank") -> None:
        for _ in range(n):
            self._para(style, keep_next=keep_next)
            self._flow_para(style, "", tag=tag, keep_next=keep_next)

    def _flow_para(self, style: str, text: str, *, tag: str, **o: Any) -> None:
        """The lines `text` takes in `style` with the writer's overrides, into the flow."""
        spec = STYLES[style]
        size = o.get("size", spec.size)
        line = o.get("line", spec.line)
        height = line if line is not None else round(size * 1.2 * 20)
        left, right = o.get("left", spec.left), o.get("right", spec.right)
        hanging = o.get("hanging", 0)
        first_line = 0 if hanging else o.get("first_line", spec.first_line)
        width = pg.TEXT_WIDTH - left - right
        n = count_lines(text, size, width - first_line + hanging, width) if text else 1
        self.flow.paragraph(
            [height] * n,
            tag=tag,
            text=text[:8],
            keep_next=o.get("keep_next", spec.keep_next),
            page_break=o.get("page_break", False),
        )

    # -- elements ------------------------------------------------------------------------
    def write(self, gw: Gongwen, target: str | Path | IO[bytes]) -> None:
        self._head(gw)
        self._title(gw.title, gw.keep_words)
        self.recipients_in_imprint = False
        if gw.recipients and not self._recipients_fit(gw.recipients):
            # GB/T 9704 7.3.3: a 主送 too long to leave room for the body on the first page
            # goes to the 版记, above 抄送.
            self.recipients_in_imprint = True
            self._blank()
        elif gw.recipients:
            self._blank()
            self._text("GwRecipients", fullwidth(gw.recipients).rstrip("\uff1a:") + "\uff1a")
        elif gw.body:
            self._blank()
        self._blocks(gw.body)
        self._closing(gw)
        if gw.appendix is not None:
            self._appendix(gw.appendix, gw.keep_words)
        for i, attachment in enumerate(gw.attachments, 1):
            self._attachment(attachment, i if len(gw.attachments) > 1 else None, gw.keep_words)
        self._imprint(gw)
        self.pages = self.imprint_page
        props = self.doc.core_properties
        props.title = gw.title
        props.author = gw.author or gw.printer or ""
        props.last_modified_by = gw.author or ""
        props.comments = gw.doc_number or ""
        stamp = datetime(gw.date.year, gw.date.month, gw.date.day)
        props.created = props.modified = stamp
        props.revision = 1
        self._app_properties(company=gw.signature or gw.printer or "")
        self._clean_namespaces()
        # python-docx takes a path as str (or a stream).
        self.doc.save(str(target) if isinstance(target, Path) else target)

    def _clean_namespaces(self) -> None:
        """python-docx makes header and footer parts from its own templates, whose roots
        declare a dozen namespaces (Mac Office's among them) that nothing uses: dropped,
        keeping the markup-compatibility ones that mc:Ignorable names."""
        from lxml import etree

        for section in self.doc.sections:
            for footer in (section.footer, section.even_page_footer):
                if not footer.is_linked_to_previous:
                    etree.cleanup_namespaces(footer._element, keep_ns_prefixes=["mc", "w14", "wp14"])

    def _app_properties(self, *, company: str) -> None:
        """docProps/app.xml (kept by python-docx as an opaque part): our application name
        and the number of pages laid out."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = next(
            (r.target_part for r in self.doc.part.package.rels.values() if r.reltype == RT.EXTENDED_PROPERTIES), None
        )
        if part is not None:
            part._blob = app_xml(self.pages, company).encode("utf-8")

    def _recipients_fit(self, recipients: str) -> bool:
        """Whether the 主送 line(s), the blank line above them and two lines of body text
        still fit on the first page."""
        text = fullwidth(recipients).rstrip("\uff1a:") + "\uff1a"
        n = count_lines(text, SANHAO, pg.TEXT_WIDTH, pg.TEXT_WIDTH)
        page, room = self.flow.end()
        return page == 1 and room >= (n + 1 + 2) * pg.LINE_PITCH

    def _head(self, gw: Gongwen) -> None:
        used = 0
        for text, role in ((gw.copy_number, "body"), (gw.secrecy, "hei"), (gw.urgency, "hei")):
            if text:
                para = self._para("GwHead")
                self._run(para, fullwidth(text), role, SANHAO)
                self.flow.paragraph([pg.LINE_PITCH], tag="head", text=text)
                used += pg.LINE_PITCH
        size = mark_size(gw.mark)
        line = round(size * 1.2 * 20)
        before = max(0, _MARK_TOP - used - round(size * _GLYPH_TOP * 20))
        para = self._para("GwMark", before=before, line=line)
        self._run(para, gw.mark, "title", size, color=RED, bold=self.fonts.title_bold)
        self.flow.paragraph([before + line], tag="mark", text=gw.mark[:8])
        self._blank(2)
        number = self._para("GwNumber")
        # The border below: its distance (5 pt) and its width (1.5 pt) add to the line.
        self.flow.paragraph([pg.LINE_PITCH + (5 * 20) + (12 * 20 // 8)], tag="number", text=gw.doc_number or "")
        if gw.signer:
            # An upward document (GB/T 9704 7.2.4, 7.2.6): the 文号 one character in from
            # the left, 签发人 one character in from the right on the same line, the name in
            # 楷体. Tab stops, not indents: the red rule below (this paragraph's border)
            # must keep the text block's full width.
            one = pg.chars(1)
            ppr = number._p.get_or_add_pPr()
            ensure(ppr, "jc", PPR_ORDER, val="left")
            tabs = ensure(ppr, "tabs", PPR_ORDER)
            tabs.append(element("tab", val="left", pos=one))
            tabs.append(element("tab", val="right", pos=pg.TEXT_WIDTH - one))
            self._run(number, "\t" + (gw.doc_number or "") + "\t签发人\uff1a", "body", SANHAO)
            self._run(number, fullwidth(gw.signer), "kai", SANHAO)
        elif gw.doc_number:
            self._run(number, gw.doc_number, "body", SANHAO)
        # The red separator: a bottom border on the 文号 line, the text block's full width,
        # about 4 mm below the number (GB/T 9704 7.2.4).
        pbdr = ensure(number._p.get_or_add_pPr(), "pBdr", PPR_ORDER)
        border(pbdr, "bottom", size_eighths=12, color=RED, space=5)
        self._blank(2)

    def _title(self, title: str, keep_words: tuple[str, ...]) -> None:
        lines = break_title(
            fullwidth(title), max_em=pg.TEXT_WIDTH / 20 / 22 - 0.3, keep_words=[fullwidth(w) for w in keep_words]
        )
        para = self._para("GwTitle")
        for i, line in enumerate(lines):
            run = self._run(para, line, "title", STYLES["GwTitle"].size, bold=self.fonts.title_bold)
            if i < len(lines) - 1:
                run.add_break()
        # Its lines stay together (keep lines) and with what follows (keep next).
        ensure(para._p.get_or_add_pPr(), "keepLines", PPR_ORDER)
        self.flow.paragraph([pg.LINE_PITCH] * len(lines), tag="title", text=lines[0][:8], keep_next=True, widow=True)
        for ln in self.flow.lines[-len(lines) :]:
            ln.glue = True

    def _blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                overrides: dict[str, Any] = {}
                if not block.indent:
                    overrides["first_line"] = 0
                if block.align != "justify":
                    overrides["align"] = block.align
                self._text("GwBody", block.text, **overrides)
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Blank):
                self._blank()

    def _heading(self, h: Heading) -> None:
        style = f"GwHeading{h.level}"
        spec = STYLES[style]
        para = self._para(style)
        if h.text:  # run-in text keeps the paragraph with the heading: nothing to keep with
            ensure(para._p.get_or_add_pPr(), "keepNext", PPR_ORDER, val=0)
        self._run(para, fullwidth(h.number + h.title), spec.role, SANHAO)
        if h.text:
            self._run(para, fullwidth(h.text), "body", SANHAO)
        text = fullwidth(h.number + h.title + h.text)
        n = count_lines(text, SANHAO, pg.TEXT_WIDTH - spec.first_line, pg.TEXT_WIDTH)
        self.flow.paragraph([pg.LINE_PITCH] * n, tag="heading", text=text[:8], keep_next=spec.keep_next and not h.text)

    def _table(self, t: Table) -> None:
        if t.caption:
            self._text("GwCaption", t.caption, keep_next=True)
        ncols = max(len(r) for r in t.rows)
        rel = t.widths or [1.0] * ncols
        total = sum(rel)
        widths = [round(pg.TEXT_WIDTH * w / total) for w in rel]
        widths[-1] = pg.TEXT_WIDTH - sum(widths[:-1])
        table = self.doc.add_table(rows=len(t.rows), cols=ncols)
        tbl = table._tbl
        tblpr = tbl.tblPr
        remove(tblpr, "tblStyle")
        ensure(tblpr, "tblW", TBLPR_ORDER, w=pg.TEXT_WIDTH, type="dxa")
        ensure(tblpr, "jc", TBLPR_ORDER, val="center")
        borders = ensure(tblpr, "tblBorders", TBLPR_ORDER)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border(borders, side, size_eighths=4)
        ensure(tblpr, "tblLayout", TBLPR_ORDER, type="fixed")
        mar = ensure(tblpr, "tblCellMar", TBLPR_ORDER)
        for side in ("left", "right"):
            mar.append(element(side, w=_CELL_PADDING, type="dxa"))
        for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(w))
        aligns = t.align or ["center"] * ncols
        heights: list[int] = []
        for r, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            ensure(trpr, "cantSplit", TRPR_ORDER)
            header = r < t.header_rows
            if header:
                ensure(trpr, "tblHeader", TRPR_ORDER)
            values = t.rows[r] + [""] * (ncols - len(t.rows[r]))
            cells = list(row.cells)
            if 0 < len(t.rows[r]) < ncols:  # the last given cell spans the rest of the row
                last = len(t.rows[r]) - 1
                merged = cells[last].merge(cells[-1])
                cells = [*cells[:last], merged]
                widths_row = [*widths[:last], sum(widths[last:])]
            else:
                widths_row = widths
            heights.append(
                self._row_height(values[: len(cells)], widths_row, header=r < t.header_rows) + (_RULE if r == 0 else 0)
            )
            for c, cell in enumerate(cells):
                tcpr = cell._tc.get_or_add_tcPr()
                ensure(tcpr, "tcW", TCPR_ORDER, w=widths_row[c], type="dxa")
                ensure(tcpr, "vAlign", TCPR_ORDER, val="center")
                para = cell.paragraphs[0]
                style = "GwTableHead" if header else "GwTableText"
                ensure(para._p.get_or_add_pPr(), "pStyle", PPR_ORDER, val=style)
                align = "center" if header else aligns[c] if c < len(aligns) else "center"
                ensure(para._p.get_or_add_pPr(), "jc", PPR_ORDER, val=_JC.get(align, "center"))
                spec = STYLES[style]
                lines = fullwidth(values[c]).split("\n")
                for i, line in enumerate(lines):
                    run = self._run(para, line, spec.role, spec.size)
                    if i < len(lines) - 1:
                        run.add_break()
        self.flow.table(heights, t.header_rows)

    @staticmethod
    def _row_height(values: list[str], widths: list[int], *, header: bool) -> int:
        """A row's height: its tallest cell's lines (四号 on 20 pt) and the rule below it."""
        spec = STYLES["GwTableHead" if header else "GwTableText"]
        most = 1
        for value, width in zip(values, widths, strict=True):
            room = width - 2 * _CELL_PADDING
            n = sum(count_lines(part, spec.size, room, room) for part in fullwidth(value).split("\n"))
            most = max(most, n)
        return most * (spec.line or pg.LINE_PITCH) + _RULE

    @staticmethod
    def _notes(attachments: list[Attachment]) -> list[tuple[str, int, int]]:
        """附件说明 lines (text, left indent, hanging): 附件:1.XXX, continuation lines aligned
        with the attachment names."""
        label = "附件\uff1a"
        if len(attachments) == 1:
            return [(label + attachments[0].title, INDENT_2 + pg.chars(3), pg.chars(3))]
        out = []
        for i, a in enumerate(attachments, 1):
            number = f"{i}."
            number_w = round(width_pt(number, SANHAO, pg.CHAR_TRACKING / 20) * 20)
            left = INDENT_2 + pg.chars(3) + number_w
            hanging = number_w + (pg.chars(3) if i == 1 else 0)
            out.append(((label if i == 1 else "") + number + a.title, left, hanging))
        return out

    def _closing(self, gw: Gongwen) -> None:
        """附件说明, 署名 and 成文日期, on the page of the last line of the body.

        Sealed layout (GB/T 9704 7.3.5.1): the date right-indented four characters, the
        signature centred over it, two blank lines above for the seal; unsealed (7.3.5.2):
        one blank line, the signature right-indented two characters and the date below it
        shifted two characters right. When that block
        does not fit below the body, one seal line less is tried (the seal's top must stay
        within a line of the body); failing that, the last lines of the body go over with it
        (keepNext with widow control: Word moves the paragraph's last two lines), so the
        signature never stands on a page without body text.
        """
        notes = self._notes(gw.attachments)
        note_h = 0
        for text, left, hanging in notes:
            width = pg.TEXT_WIDTH - left
            note_h += count_lines(fullwidth(text), SANHAO, width + hanging, width) * pg.LINE_PITCH
        fixed = (pg.LINE_PITCH + note_h if notes else 0) + pg.LINE_PITCH * (1 + bool(gw.signature))
        if gw.note:  # the 附注 stays with the date
            fixed += (
                count_lines("\uff08" + fullwidth(gw.note) + "\uff09", SANHAO, pg.TEXT_WIDTH - INDENT_2, pg.TEXT_WIDTH)
                * pg.LINE_PITCH
            )
        placed = self.flow.paginate()
        last = placed[-1]
        room = CAPACITY - (last.y + last.line.height)
        # Unsealed (7.3.5.2): one blank line, nothing to shrink.
        gaps = (_SEAL_GAP_LINES, 1) if gw.sealed else (1,)
        gap = next((g for g in gaps if fixed + g * pg.LINE_PITCH <= room), None)
        if gap is None:
            gap = gaps[0]
            self._keep_body_with_closing()
        if notes:
            self._blank(keep_next=True, tag="note")
            for text, left, hanging in notes:
                self._text("GwAttachNote", text, left=left, hanging=hanging, keep_next=True, tag="note")
        self._blank(gap, keep_next=True, tag="seal")
        date_text = cn_date(gw.date)
        tracking = pg.CHAR_TRACKING / 20
        date_w = width_pt(date_text, SANHAO, tracking) * 20
        sig = fullwidth(gw.signature or "")
        sig_w = width_pt(sig, SANHAO, tracking) * 20
        if gw.sealed:
            # The date right-indented four characters, the signature centred over it.
            date_right = pg.chars(4)
            sig_right = max(0, round(date_right + (date_w - sig_w) / 2))
        else:
            # The signature right-indented two characters; the date's first character two
            # characters right of the signature's, or, if the date is the longer, the date
            # right-indented two characters and the signature moved left to match.
            two = pg.chars(2)
            sig_right = two
            date_right = round(sig_w - date_w) if sig else two
            if date_right < two:
                date_right = two
                sig_right = round(two + two + date_w - sig_w)
        if sig:
            self._text("GwSignature", sig, right=sig_right, keep_next=True, tag="signature")
        self._text("GwDate", date_text, right=date_right, tag="date", keep_next=bool(gw.note))
        if gw.note:
            # 附注 (7.3.7): the line below the date, two characters in, in brackets.
            self._text("GwBody", "\uff08" + fullwidth(gw.note) + "\uff09", tag="note")

    def _keep_body_with_closing(self) -> None:
        """keepNext (and widow control) on the last paragraph of the body — or on the last
        row of a table that ends it — and the same in the flow."""
        last = (
            self.doc.element.body[-2] if self.doc.element.body[-1].tag == qn("w:sectPr") else self.doc.element.body[-1]
        )
        if last.tag == qn("w:tbl"):
            rows = last.findall(qn("w:tr"))
            for p in rows[-1].iter(qn("w:p")):
                ensure(p.get_or_add_pPr(), "keepNext", PPR_ORDER, val=1)
        else:
            ppr = last.get_or_add_pPr()
            ensure(ppr, "keepNext", PPR_ORDER, val=1)
            ensure(ppr, "widowControl", PPR_ORDER, val=1)
        self.flow.keep_last_item()

    def _attachment(self, a: Attachment, number: int | None, keep_words: tuple[str, ...]) -> None:
        label = "附件" if number is None else f"附件{number}"
        self._text("GwAttachLabel", label, page_break=True)
        self._blank()
        self._title(a.title, keep_words)
        self._blank()
        self._blocks(a.blocks)

    def _appendix(self, a: Appendix, keep_words: tuple[str, ...]) -> None:
        self._text("GwBody", "", page_break=True, tag="blank")
        self._title(a.title, keep_words)
        self._blank()
        self._blocks(a.blocks)

    def _imprint(self, gw: Gongwen) -> None:
        """版记: a table anchored to the bottom of the text block of the last page, and that
        page even — the back of the last sheet when printed on both sides.

        A floating table (w:tblpPr, vertical position "bottom" of the margin) puts the last
        rule on the text block's bottom edge whatever the length of the body, in Word, WPS
        and LibreOffice. Where the content ends (layout.Flow) decides its page: on that
        page when it is even and has room; on the next page when the content ends on an odd
        page; otherwise after a blank page, and then neither the blank page nor the 版记 page
        carries a page number (GB/T 9704 7.5).
        """
        rows: list[tuple[str, str | None]] = []
        if gw.recipients and self.recipients_in_imprint:
            rows.append(("主送\uff1a" + fullwidth(gw.recipients).rstrip("\uff1a:。") + "。", None))
        if gw.cc:
            rows.append(("抄送\uff1a" + fullwidth(gw.cc).rstrip("。") + "。", None))
        printer = gw.printer or gw.signature or ""
        rows.append((fullwidth(printer), cn_date(gw.print_date or gw.date) + "印发"))
        one = pg.chars(1, SIHAO)
        height = _IMPRINT_RULES * 2 + _IMPRINT_INNER * (len(rows) - 1)
        for left_text, _right in rows:
            width = pg.TEXT_WIDTH - 2 * one - (pg.chars(3, SIHAO) if _right is None else 0)
            height += (
                count_lines(left_text, SIHAO, width + (pg.chars(3, SIHAO) if _right is None else 0), width)
                * pg.LINE_PITCH
            )
        page, room = self.flow.end()
        self.imprint_page = page
        if page % 2 == 0 and room >= height + _TINY * 2:
            self.imprint_placement = "foot"
        elif page % 2 == 1:
            self.imprint_placement = "next page"
            self.imprint_page = page + 1
            self._tiny(page_break=True)
        else:
            self.imprint_placement = "after a blank page"
            self.imprint_page = page + 2
            self._unnumbered_section()
            self._tiny(page_break=True)
        table = self.doc.add_table(rows=len(rows), cols=1)
        tbl = table._tbl
        tblpr = tbl.tblPr
        remove(tblpr, "tblStyle")
        # Horizontally page-relative at the left margin: LibreOffice only makes a floating
        # table of a full-width table when it is positioned relative to the page.
        ensure(
            tblpr,
            "tblpPr",
            TBLPR_ORDER,
            leftFromText=0,
            rightFromText=0,
            topFromText=0,
            bottomFromText=0,
            vertAnchor="margin",
            horzAnchor="page",
            tblpX=pg.MARGIN_LEFT,
            tblpYSpec="bottom",
        )
        ensure(tblpr, "tblOverlap", TBLPR_ORDER, val="never")
        ensure(tblpr, "tblW", TBLPR_ORDER, w=pg.TEXT_WIDTH, type="dxa")
        borders = ensure(tblpr, "tblBorders", TBLPR_ORDER)
        # First and last rules 0.35 mm (8/8 pt), the one between 0.25 mm (6/8 pt).
        border(borders, "top", size_eighths=8)
        border(borders, "left", size_eighths=0)
        border(borders, "bottom", size_eighths=8)
        border(borders, "right", size_eighths=0)
        border(borders, "insideH", size_eighths=6)
        border(borders, "insideV", size_eighths=0)
        ensure(tblpr, "tblLayout", TBLPR_ORDER, type="fixed")
        mar = ensure(tblpr, "tblCellMar", TBLPR_ORDER)
        for side in ("left", "right"):
            mar.append(element(side, w=0, type="dxa"))
        tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(pg.TEXT_WIDTH))
        one = pg.chars(1, SIHAO)
        for (left_text, right_text), row in zip(rows, table.rows, strict=True):
            ensure(row._tr.get_or_add_trPr(), "cantSplit", TRPR_ORDER)
            cell = row.cells[0]
            ensure(cell._tc.get_or_add_tcPr(), "tcW", TCPR_ORDER, w=pg.TEXT_WIDTH, type="dxa")
            para = cell.paragraphs[0]
            ppr = para._p.get_or_add_pPr()
            ensure(ppr, "pStyle", PPR_ORDER, val="GwImprint")
            if right_text is None:  # 主送, 抄送: continuation lines align after the colon
                self._indent(ppr, left=one + pg.chars(3, SIHAO), right=one, hanging=pg.chars(3, SIHAO))
                self._run(para, left_text, "body", SIHAO)
            else:
                self._indent(ppr, left=one, right=one)
                # 印发日期 one character in from the right (GB/T 9704 7.4.3): a right tab on
                # the right indent. Tab stops count from the text block's left edge (the
                # cell's, its margins being 0), not from the paragraph's left indent.
                tabs = ensure(ppr, "tabs", PPR_ORDER)
                tabs.append(element("tab", val="right", pos=pg.TEXT_WIDTH - one))
                self._run(para, left_text + "\t" + right_text, "body", SIHAO)
        # The anchor: an empty, tiny paragraph after the table, so nothing follows the
        # 版记 and no blank page is created by it.
        self._tiny()

    def _tiny(self, *, page_break: bool = False) -> DocxParagraph:
        """An empty paragraph 1 pt high: an anchor, or what starts a page."""
        para = self._para("GwBody", line=_TINY, page_break=page_break)
        set_size(ensure(para._p.get_or_add_pPr(), "rPr", PPR_ORDER), 1)
        self.flow.paragraph([_TINY], tag="anchor", page_break=page_break)
        return para

    def _unnumbered_section(self) -> None:
        """End the numbered section here and start one whose pages carry no page number:
        the blank page and the 版记 page after it (GB/T 9704 7.5)."""
        import copy

        body_sect = self.doc.element.body.find(qn("w:sectPr"))
        end = self._tiny()  # the numbered section ends with this paragraph
        end._p.get_or_add_pPr().append(copy.deepcopy(body_sect))
        for ref in body_sect.findall(qn("w:footerReference")):
            body_sect.remove(ref)
        section = self.doc.sections[-1]
        section.footer.is_linked_to_previous = False
        section.even_page_footer.is_linked_to_previous = False
        for footer in (section.footer, section.even_page_footer):
            for para in footer.paragraphs:
                ensure(para._p.get_or_add_pPr(), "pStyle", PPR_ORDER, val="GwPageNumber")
        self._tiny()  # the blank page: the new section starts a page of its own
        self.flow.lines[-1].break_before = True


PAGE_FONT = "宋体"


def write_docx(gw: Gongwen, target: str | Path | IO[bytes], fonts: FontProfile) -> DocxWriter:
    """Write `gw` to `target` (a path or a binary stream) with the typefaces of `fonts`.
    The writer is returned: its `flow`, `pages` and `imprint_placement` say how the pages
    fall."""
    writer = DocxWriter(fonts)
    writer.write(gw, target)
    return writer
