"""What a GB/T 9704 document holds, independent of Word: the writer turns it into .docx.

Elements follow the standard's order: 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号,
red separator), 主体 (标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附件) and 版记.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Paragraph:
    """A body paragraph: 仿宋 三号, first line indented two characters, justified."""

    text: str
    align: str = "justify"  # justify | center | left | right
    indent: bool = True


@dataclass
class Heading:
    """A numbered heading: level 1 一、 (黑体), 2 (一) (楷体), 3 1. and 4 (1) (仿宋).

    `text` is run-in body text following the heading on the same line (GB/T practice:
    "(一)加强组织领导。按照……"): it takes the body font.
    """

    level: int
    number: str
    title: str
    text: str = ""


@dataclass
class Table:
    """A bordered table the width of the text block; the first `header_rows` rows are the
    header (黑体, repeated on each page). `widths` are relative column widths; `align` per
    column ("center" / "left" / "right")."""

    rows: list[list[str]]
    header_rows: int = 1
    widths: list[float] | None = None
    align: list[str] | None = None
    caption: str | None = None


@dataclass
class Blank:
    """One empty line of the grid."""


Block = Paragraph | Heading | Table | Blank


@dataclass
class Attachment:
    """附件: starts on a new page with 附件N (黑体) and its title centred on line 3."""

    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Appendix:
    """A document issued by the notice (印发的计划、方案): on a new page after the
    signature, under its own 二号 title, without an 附件 label."""

    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Gongwen:
    mark: str  # 发文机关标志, e.g. 樟树镇河长制办公室文件
    title: str
    date: date  # 成文日期
    doc_number: str | None = None  # 发文字号, e.g. 樟河办〔2024〕3号
    recipients: str | None = None  # 主送机关 (without the closing colon)
    body: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    appendix: Appendix | None = None
    signature: str | None = None  # 发文机关署名
    cc: str | None = None  # 抄送机关 (without the closing 。)
    printer: str | None = None  # 印发机关
    print_date: datetime.date | None = None  # 印发日期, defaults to 成文日期
    copy_number: str | None = None  # 份号
    secrecy: str | None = None  # 密级和保密期限
    urgency: str | None = None  # 紧急程度
    sealed: bool = True  # 加盖印章的版式 (GB/T 9704 7.3.5.1) or the unsealed one (7.3.5.2)
    signer: str | None = None  # 签发人 of an upward document (报告, 请示: GB/T 9704 7.2.6)
    note: str | None = None  # 附注 (7.3.7), printed in brackets below the 成文日期
    keep_words: tuple[str, ...] = ()  # names a title line break must not split
    author: str | None = None  # document properties
