"""Numbering and writing a document so that the register and the file never disagree.

Everything that can fail for want of data or because of a template (options, figures,
template filling, mark-up) happens before a number is taken. Then, in one transaction:
the next 文号 is taken, the .docx is written to a temporary file beside the target, and
renamed into place; only then is the transaction committed. A failure anywhere rolls the
register back (no gap, no number consumed) and leaves the previous file, if any, as it was.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from hzconsole.books import narratives as narrative_book
from hzconsole.books import register
from hzconsole.books.settings import load_settings
from hzconsole.documents.base import (
    DocumentError,
    DocumentKind,
    Draft,
    GeneratedDocument,
    head_marks,
    resolve_options,
    today_or,
)
from hzconsole.documents.gongwen.fonts import profile
from hzconsole.documents.gongwen.markup import MarkupError, parse
from hzconsole.documents.gongwen.model import Gongwen
from hzconsole.documents.gongwen.punct import fullwidth
from hzconsole.documents.gongwen.writer import write_docx
from hzconsole.documents.templating import TemplateError, render
from hzconsole.store.database import Database
from hzconsole.store.errors import HzError


def _check_target(out_path: Path, force: bool) -> Path:
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".docx":
        raise DocumentError(f"输出文件「{out_path.name}」应以 .docx 结尾。")
    if out_path.exists() and not force:
        raise DocumentError(f"文件「{out_path}」已经存在,没有覆盖。如要覆盖,请加 --force(界面中勾选“覆盖”)。")
    if out_path.is_dir():
        raise DocumentError(f"「{out_path}」是一个文件夹,请给出文件名,如 通知.docx。")
    if not out_path.parent.exists():
        raise DocumentError(f"文件夹「{out_path.parent}」不存在。")
    return out_path


def compose(db: Database, kind: DocumentKind, options: dict[str, Any]) -> tuple[Gongwen, Draft, dict[str, Any]]:
    """The finished document (without its 文号) from the books and the clerk's options."""
    settings = load_settings(db)
    values = resolve_options(kind, options)
    values["date"] = today_or(values["date"])
    draft = kind.build(db, settings, values)
    context = {
        "office": settings.office_name,
        "recipients": values["recipients"] or settings.default_recipients,
        "cc": values["cc"] if values["cc"] is not None else settings.default_cc,
        "signature": values["signature"] or settings.office_name,
        "date": values["date"],
        "supervision_phone": settings.supervision_phone or "",
        **draft.context,
    }
    text = render(draft.template, context, extra=values.get("template_dir"))
    try:
        parsed = parse(text, source=f"模板「{draft.template}」")
    except MarkupError as exc:
        raise TemplateError(str(exc)) from None
    header = parsed.header
    if not header.get("title"):
        raise TemplateError(f"公文模板「{draft.template}」没有写“标题:”,文档没有生成。")
    # The register records what the page shows: full-width Chinese punctuation.
    gw = Gongwen(
        mark=settings.mark,
        title=fullwidth(header["title"]),
        date=values["date"],
        recipients=fullwidth(header.get("recipients") or "") or None,
        body=parsed.body,
        attachments=parsed.attachments,
        appendix=parsed.appendix,
        signature=fullwidth(header.get("signature") or "") or None,
        cc=fullwidth(header.get("cc") or "") or None,
        printer=settings.printer,
        keep_words=(*draft.keep_words, settings.office_name),
        author=settings.office_name,
        **head_marks(values),
    )
    fonts = values["fonts"] or settings.font_profile
    return gw, draft, {"fonts": fonts}


def generate(db: Database, kind: DocumentKind, out_path: Path, *, force: bool = False,
             **options: Any) -> GeneratedDocument:
    out_path = _check_target(Path(out_path), force)
    if db.readonly:
        raise DocumentError(f"数据文件是只读打开的({db.readonly_reason}),不能登记文号,文档没有生成。")
    gw, draft, extra = compose(db, kind, options)
    fonts = profile(extra["fonts"])
    tmp = out_path.with_name(f".{out_path.stem}.{os.getpid()}.tmp.docx")
    backup = out_path.with_name(f".{out_path.stem}.{os.getpid()}.old.docx")
    placed = had_old = False
    try:
        with db.transaction(actor="公文"):
            for (scope, key), text in draft.narratives.items():
                narrative_book.set_text(db, scope, key, text)
            issued = register.issue(
                db, title=gw.title, kind=draft.register_kind, on=gw.date,
                recipients=gw.recipients, file_name=out_path.name,
            )
            numbered = replace(gw, doc_number=issued.doc_number)
            try:
                writer = write_docx(numbered, tmp, fonts)
                if out_path.exists():
                    os.replace(out_path, backup)
                    had_old = True
                os.replace(tmp, out_path)
                placed = True
            except OSError as exc:
                raise DocumentError(
                    f"无法写入「{out_path}」:{exc.strerror or exc}。如果该文件正在 WPS 或 Word 中打开,"
                    "请先关闭它。文号没有占用。"
                ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        if placed:
            out_path.unlink(missing_ok=True)
        if had_old:
            os.replace(backup, out_path)
        raise
    if had_old:
        backup.unlink(missing_ok=True)
    return GeneratedDocument(path=out_path, doc_number=issued.doc_number, title=gw.title, notes=tuple(draft.notes),
                             pages=writer.pages)


__all__ = ["HzError", "compose", "generate"]
