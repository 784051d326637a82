"""Real plan layouts as test fixtures: the excerpts of shared/reference/real-imports/plans
copied into tests/fixtures/real/plans (both punctuation forms), and .docx files built here
with Word's own machinery: automatic numbering in the numbering part (w:abstractNum / w:num,
referenced by w:numPr of a paragraph or of its style) and task tables with merged cells."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from hzconsole import text as tx

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "plans"

# Full-width forms written as escapes (tools may fold them when typed).
LP, RP, COMMA, COLON, SEMI = "\uff08", "\uff09", "\uff0c", "\uff1a", "\uff1b"
_TO_FULL = str.maketrans({"(": LP, ")": RP, ",": COMMA, ":": COLON, ";": SEMI})
_PARENS_ONLY = str.maketrans({"(": LP, ")": RP})

# The three ways real text comes: as printed, folded to ASCII (as the public pages were
# stored), and mixed (full-width brackets, ASCII commas, as pasted from two sources).
FORMS: dict[str, Callable[[str], str]] = {
    "全角": lambda s: s.translate(_TO_FULL),
    "半角": tx.ascii_forms,
    "混合": lambda s: tx.ascii_forms(s).translate(_PARENS_ONLY),
}


def real_text(name: str, form: str) -> str:
    """A real excerpt in one form: 'published' (full-width) or 'stored' (folded)."""
    return (REAL / f"{name}.{form}.txt").read_text(encoding="utf-8")


def _level_xml(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    legal = "<w:isLgl/>" if text.endswith("!") else ""  # "%1.%2!": every number decimal
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{legal}'
        f'<w:lvlText w:val="{text.rstrip("!")}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


def add_numbering(
    document: docx.document.Document, levels: Sequence[tuple[str, str]], *, num_id: int = 90, start: int = 1
) -> int:
    """A list definition in the numbering part: levels of (numFmt, lvlText) → its numId
    (a lvlText ending in ! is a legal level: w:isLgl)."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:multiLevelType w:val="multilevel"/>'
        + "".join(_level_xml(i, fmt, text, start if i == 0 else 1) for i, (fmt, text) in enumerate(levels))
        + "</w:abstractNum>"
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def another_num(document, abstract_id: int, num_id: int, restart_at: int | None = None) -> int:
    """A second numbering instance of the same list, restarted or (by default) continuing."""
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
        if restart_at is not None
        else ""
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        )
    )
    return num_id


def numbered(paragraph, num_id: int, ilvl: int = 0) -> None:
    """Number a paragraph the way Word does: w:numPr in its properties, no number in the text."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def style_numbered(document, style_name: str, num_id: int) -> None:
    """Give a paragraph style (List Number) the list: its paragraphs are numbered by style."""
    style = document.styles[style_name]
    ppr = style.element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))


_LABEL = [
    (0, re.compile(r"^[一二三四五六七八九十]+\s*[、,.\uff0c]\s*")),
    (1, re.compile(r"^[(\uff08][一二三四五六七八九十]+[)\uff09]\s*")),
    (2, re.compile(r"^\d{1,3}\s*(?:、|[.\uff0e](?!\d))\s*")),
]


def autonumbered_docx(path: Path, text: str, *, by_style: bool = False) -> Path:
    """The plan `text` as Word writes it with automatic numbering: 一、 (一) 1. taken out of
    the text and put in numbering.xml (chineseCounting, chineseCounting in (), decimal);
    ① sub-items stay typed. by_style: the 1. level numbered by the List Number style."""
    document = docx.Document()
    outline = add_numbering(
        document, [("chineseCounting", "%1\u3001"), ("chineseCounting", "\uff08%2\uff09"), ("decimal", "%3.")]
    )
    tasks = add_numbering(document, [("decimal", "%1\u3001")], num_id=91)
    if by_style:
        style_numbered(document, "List Number", tasks)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for level, pattern in _LABEL:
            m = pattern.match(line)
            if m:
                if by_style and level == 2:
                    document.add_paragraph(line[m.end() :], style="List Number")
                else:
                    numbered(document.add_paragraph(line[m.end() :]), outline, level)
                break
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def table_docx(
    path: Path,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    merges: Sequence[tuple[int, int, int, int]] = (),
    before: Sequence[str] = (),
) -> Path:
    """A task table as a .docx: `merges` are (row, col, row2, col2) of the body rows, merged
    vertically as Word does (w:vMerge), the text in the top cell only."""
    document = docx.Document()
    for line in [*before, title]:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for j, name in enumerate(header):
        table.cell(0, j).text = name
    for r1, c1, r2, c2 in merges:
        table.cell(r1 + 1, c1).merge(table.cell(r2 + 1, c2))
    covered = {
        (r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1)
    }
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if (i, j) not in covered and value:
                table.cell(i + 1, j).text = value
    document.save(str(path))
    return path


# The task breakdown table of 平顶山市全面推行河长制 (real-imports L8), as a Word table.
PINGDINGSHAN_HEADER = ["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位"]
PINGDINGSHAN_RESP = "各县(市、区)党委和人民政府,城乡一体化示范区、高新区党工委和管委会"
PINGDINGSHAN_ROWS = [
    [
        "1",
        "加强水资源保护",
        "严守水资源开发利用控制红线",
        "实施水资源消耗总量和强度双控行动,防止不合理新增取水,切实做到以水定需、量水而行、因水制宜。"
        "到2020年,全市用水总量控制在11.88亿立方米以内。",
        "市水利局",
        "市发展改革委、工业和信息化委、住房和城乡建设局、农业局等",
        PINGDINGSHAN_RESP,
    ],
    [
        "2",
        "",
        "严守用水效率控制红线",
        "落实万元国内生产总值水耗指标等用水效率评估体系,把节水目标任务完成情况纳入市、县级政府政绩考核内容。",
        "市水利局",
        "市发展改革委、工业和信息化委、住房和城乡建设局等",
        PINGDINGSHAN_RESP,
    ],
    [
        "3",
        "",
        "",
        "抓好工业节水。加快实施工业节水技术改造,坚决遏制用水浪费。",
        "市工业和信息化委、水利局",
        "市发展改革委等",
        PINGDINGSHAN_RESP,
    ],
]
PINGDINGSHAN_MERGES = [(0, 1, 2, 1), (1, 2, 2, 2)]  # B3:B5 and C4:C5 of the workbook


def decimal_outline_docx(path: Path, text: str) -> Path:
    """P11 as Word numbers it: 一、 (chineseCounting), 1.1 and 1.1.1 legal levels under it
    (w:isLgl prints the chineseCounting level as 1), all in numbering.xml."""
    document = docx.Document()
    outline = add_numbering(
        document, [("chineseCounting", "%1\u3001"), ("decimal", "%1.%2!"), ("decimal", "%1.%2.%3!")]
    )
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if glued := re.match(r"^(\S+?模板)(一\u3001)", line):  # the page ran the title into 一、
            document.add_paragraph(glued.group(1))
            numbered(document.add_paragraph(line[glued.end() :]), outline, 0)
        elif m := re.match(r"^\d\.\d\.\d", line):
            numbered(document.add_paragraph(line[m.end() :]), outline, 2)
        elif m := re.match(r"^\d\.\d", line):
            numbered(document.add_paragraph(line[m.end() :]), outline, 1)
        elif m := re.match(r"^[一二三四五六七八九十]+\u3001", line):
            numbered(document.add_paragraph(line[m.end() :]), outline, 0)
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path
