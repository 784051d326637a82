"""The paragraph styles of a 公文, named in Chinese so the clerk finds them in WPS/Word.

Each element of GB/T 9704 gets its own style (font, size, alignment, indents, exact line
spacing); runs repeat the font names and size, because WPS and older Word versions do not
always resolve East Asian fonts from styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from hzconsole.documents.gongwen import page as pg
from hzconsole.documents.gongwen.fonts import ERHAO, SANHAO, SIHAO, FontProfile


@dataclass(frozen=True)
class ParaStyle:
    style_id: str
    name: str
    role: str  # body | kai | hei | title | page: which typeface of the profile
    size: float
    align: str = "both"  # both (justified) | center | left | right
    first_line: int = 0
    left: int = 0
    right: int = 0
    hanging: int = 0
    line: int | None = pg.LINE_PITCH  # exact line height; None = single
    outline: int | None = None  # outline level for the navigation pane
    color: str | None = None
    keep_next: bool = False


INDENT_2 = pg.chars(2)  # two 三号 characters

STYLES: dict[str, ParaStyle] = {
    s.style_id: s
    for s in (
        ParaStyle("GwBody", "公文正文", "body", SANHAO, first_line=INDENT_2),
        ParaStyle("GwHeading1", "公文一级标题", "hei", SANHAO, first_line=INDENT_2, outline=0, keep_next=True),
        ParaStyle("GwHeading2", "公文二级标题", "kai", SANHAO, first_line=INDENT_2, outline=1, keep_next=True),
        ParaStyle("GwHeading3", "公文三级标题", "body", SANHAO, first_line=INDENT_2, outline=2),
        ParaStyle("GwHeading4", "公文四级标题", "body", SANHAO, first_line=INDENT_2, outline=3),
        ParaStyle("GwTitle", "公文标题", "title", ERHAO, align="center", keep_next=True),
        ParaStyle("GwMark", "发文机关标志", "title", 36.0, align="center", color="FF0000", line=None),
        ParaStyle("GwNumber", "发文字号", "body", SANHAO, align="center"),
        ParaStyle("GwHead", "版头", "body", SANHAO, align="left"),
        ParaStyle("GwRecipients", "主送机关", "body", SANHAO, align="left"),
        ParaStyle("GwAttachNote", "附件说明", "body", SANHAO, align="left"),
        ParaStyle("GwSignature", "发文机关署名", "body", SANHAO, align="right"),
        ParaStyle("GwDate", "成文日期", "body", SANHAO, align="right", right=pg.chars(4)),
        ParaStyle("GwAttachLabel", "附件标识", "hei", SANHAO, align="left"),
        ParaStyle("GwCaption", "表格标题", "hei", SIHAO, align="center", line=pg.LINE_PITCH),
        ParaStyle("GwTableText", "表格文字", "body", SIHAO, align="center", line=400),
        ParaStyle("GwTableHead", "表头", "hei", SIHAO, align="center", line=400),
        ParaStyle("GwImprint", "版记", "body", SIHAO, align="left"),
        ParaStyle("GwPageNumber", "页码", "page", SIHAO, line=pg.FOOTER_LINE),
    )
}


def typeface(fonts: FontProfile, role: str) -> str:
    from hzconsole.documents.gongwen.fonts import PAGE_NUMBER_FONT

    return {"body": fonts.body, "kai": fonts.kai, "hei": fonts.hei, "title": fonts.title, "page": PAGE_NUMBER_FONT}[
        role
    ]
