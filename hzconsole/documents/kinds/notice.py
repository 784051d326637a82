"""通知: a free notice; the clerk writes the title and the body (mark-up allowed)."""

from __future__ import annotations

from typing import Any

from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentKind, Draft, OptionSpec
from hzconsole.store.database import Database


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    body = o["body"].replace("\r\n", "\n").strip()
    return Draft("notice.txt", {"title": o["title"], "body": body}, register_kind="通知")


KIND = DocumentKind(
    key="notice",
    title="通知",
    options=[
        OptionSpec("title", "标题", required=True, help="如：关于开展汛前河道清障的通知"),
        OptionSpec(
            "body",
            "正文",
            required=True,
            kind="longtext",
            help="每行一段；# 开头为一级标题（一、），## 二级（（一）），### 三级（1.），#### 四级（（1））",
        ),
    ],
    build=build,
    example='hzconsole doc notice --db 台账.db -o 通知.docx --title "关于开展汛前河道清障的通知" --body-file 正文.txt',
)
