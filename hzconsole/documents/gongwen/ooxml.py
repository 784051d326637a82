"""Small WordprocessingML helpers for what python-docx does not model.

Word refuses a file whose property elements are out of schema order ("unreadable content"),
so every child is inserted at its place in the sequence the schema prescribes.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
TBLPR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)
TCPR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)
TRPR_ORDER = (
    "cnfStyle",
    "divId",
    "gridBefore",
    "gridAfter",
    "wBefore",
    "wAfter",
    "cantSplit",
    "trHeight",
    "tblHeader",
    "tblCellSpacing",
    "jc",
    "hidden",
)
SECTPR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
)


def ensure(parent: BaseOxmlElement, tag: str, order: tuple[str, ...], **attrs: str | int) -> BaseOxmlElement:
    """The child `w:tag` of `parent` (created at its schema position), attributes set."""
    el = parent.find(qn(f"w:{tag}"))
    if el is None:
        el = OxmlElement(f"w:{tag}")
        rank = order.index(tag)
        later = {qn(f"w:{t}") for t in order[rank + 1 :]}
        for i, child in enumerate(parent):
            if child.tag in later:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def remove(parent: BaseOxmlElement, tag: str) -> None:
    for el in parent.findall(qn(f"w:{tag}")):
        parent.remove(el)


def element(tag: str, **attrs: str | int) -> BaseOxmlElement:
    el = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


def border(
    parent: BaseOxmlElement,
    side: str,
    *,
    size_eighths: int,
    color: str = "000000",
    space: int = 0,
) -> BaseOxmlElement:
    """A single-line border `side` (top/bottom/insideH …) on a pBdr/tblBorders/tcBorders."""
    el = parent.find(qn(f"w:{side}"))
    if el is None:
        el = OxmlElement(f"w:{side}")
        parent.append(el)
    el.set(qn("w:val"), "single" if size_eighths else "nil")
    if size_eighths:
        el.set(qn("w:sz"), str(size_eighths))
        el.set(qn("w:space"), str(space))
        el.set(qn("w:color"), color)
    return el
