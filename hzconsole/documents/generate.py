"""Drafts, and numbering a document so that the register and the file never disagree.

A **draft** (`make_draft`) is composed and written without a number, as often as the clerk
likes: regenerating the draft of the same thing (the 2026年10月 通报, the 2024 总结) updates
that draft and its file. **定稿/发文** (`issue_draft`, or `issue` in one step) takes the
文号 once:

1. everything that can fail for want of data or because of a template (options, figures,
   template filling, mark-up) happens before a number is taken;
2. one transaction takes the next 文号, renders the numbered .docx in memory and keeps its
   bytes with the register entry (document_files), and marks the draft issued — a number
   and its document are one fact: a kill before COMMIT leaves neither, after COMMIT both;
3. then the bytes are written out (temporary file, fsync, rename, fsync of the folder).
   If that fails (WPS holds the file, the stick is full) the number stays issued with its
   document and `export_issued` writes the copy again; so does it for a copy lost later.

Default file names say what a document covers (2026年10月巡河通报.docx,
交办单-WT2026-003.docx) and never silently replace another file: a name taken by a file that
is not this draft's own gets (2), (3) …
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass, replace
from datetime import date
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
    InRegister,
    TargetExists,
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
from hzconsole.store.database import Database, os_error_message, os_error_reason
from hzconsole.store.durable import remove_leftovers, replace_durably
from hzconsole.store.errors import HzError

DRAFT_MARK = "\uff08草稿\uff09"  # （草稿）, in a draft's default file name


class DocumentWriteError(DocumentError):
    """The document was issued (its number and bytes are in the register) but its copy
    could not be written to disk; `export_issued(db, document_id, …)` writes it again."""

    def __init__(self, message: str, document_id: str, doc_number: str) -> None:
        super().__init__(message)
        self.document_id = document_id
        self.doc_number = doc_number


@dataclass(frozen=True)
class DraftResult:
    """A draft written without a number."""

    draft_id: str
    subject: str  # what it covers: 2026年10月巡河通报
    title: str
    path: Path
    notes: tuple[str, ...] = ()
    pages: int = 0


def _check_target(out_path: Path, force: bool) -> Path:
    out_path = Path(out_path)
    if out_path.is_dir():
        raise DocumentError(f"「{out_path}」是一个文件夹\uff0c请给出文件名\uff0c如 通知.docx。")
    if out_path.suffix.lower() != ".docx":
        raise DocumentError(f"输出文件「{out_path.name}」应以 .docx 结尾。")
    if out_path.exists() and not force:
        raise TargetExists(f"文件「{out_path}」已经存在\uff0c没有覆盖。")
    if out_path.is_dir():
        raise DocumentError(f"「{out_path}」是一个文件夹，请给出文件名，如 通知.docx。")
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
        raise TemplateError(f"公文模板「{draft.template}」没有写“标题：”，文档没有生成。")
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


def subject_of(kind: DocumentKind, gw: Gongwen, draft: Draft, values: dict[str, Any]) -> str:
    """What a document covers, as its default file name says it: 2026年10月巡河通报,
    2024年上半年工作总结, 交办单-WT2026-003, 河长调整公告-2026年11月24日, or the title."""
    period = draft.context.get("period_label")
    if kind.key == "circular" and period:
        return f"{period}巡河通报"
    if kind.key == "summary" and period:
        return f"{period}工作总结"
    if kind.key == "assignment" and values.get("problem"):
        mode = values.get("mode") or draft.context.get("mode") or "交办"
        return f"{mode}单-{str(values['problem']).strip().upper()}"
    if kind.key == "announcement":
        return f"河长调整公告-{gw.date.year}年{gw.date.month}月{gw.date.day}日"
    return gw.title


def _file_name(subject: str, suffix: str = "") -> str:
    # Characters Windows forbids in a name, and a length every file system takes.
    name = re.sub(r'[\\/:*?"<>|\r\n\t]', "_", subject).strip(" .") or "公文"
    return f"{name[:80]}{suffix}.docx"


def _free_name(folder: Path, name: str, own: Path | None = None) -> Path:
    """`folder/name`, or name(2), name(3) … when taken by a file other than `own`."""
    target = folder / name
    stem, n = target.stem, 1
    while target.exists() and (own is None or target.resolve() != own.resolve()):
        n += 1
        target = folder / f"{stem}\uff08{n}\uff09.docx"
    return target


def _stored_options(values: dict[str, Any], given: dict[str, Any]) -> str:
    """The options a draft was made with, as JSON; the summary's paragraphs are not among
    them (they are kept in the narratives book, where the clerk may edit them further)."""
    kept = {k: v for k, v in given.items() if k != "narratives" and v is not None}

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Path):
            return str(value)
        return value

    return json.dumps({k: plain(v) for k, v in kept.items()}, ensure_ascii=False, sort_keys=True)


def _require_writable(db: Database) -> None:
    if db.readonly:
        raise DocumentError(f"数据文件是只读打开的（{db.readonly_reason}），不能登记文号，文档没有生成。")


def _render(gw: Gongwen, fonts_key: str) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    try:
        writer = write_docx(gw, buffer, profile(fonts_key))
    except OSError as exc:
        raise DocumentError(f"无法生成文档\uff1a{os_error_reason(exc)}。文号没有占用。") from exc
    return buffer.getvalue(), writer.pages


def _write_out(data: bytes, out_path: Path) -> None:
    """Write the bytes durably: temporary file beside the target, fsync, rename, fsync the
    folder. A failure leaves the previous file at `out_path`, if any, as it was."""
    remove_leftovers(out_path.parent, ".*.tmp.docx")
    tmp = out_path.with_name(f".{out_path.stem}.{os.getpid()}.tmp.docx")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        replace_durably(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_error(exc: OSError, out_path: Path) -> str:
    detail = os_error_message(exc, out_path)
    return f"{detail}如果该文件正在 WPS 或 Word 中打开\uff0c请先关闭它。"


def make_draft(
    db: Database,
    kind: DocumentKind,
    out_path: Path | None = None,
    *,
    folder: Path | None = None,
    force: bool = False,
    **options: Any,
) -> DraftResult:
    """Compose document `kind` and write it without a 文号, as a draft.

    The draft is recorded (kind, what it covers, options) so that `issue_draft` can 定稿
    it later; making the draft of the same thing again updates that draft and overwrites
    its own file. `out_path` None: `folder` (default: the current folder) / the default
    name, e.g. 2026年10月巡河通报\uff08草稿\uff09.docx, never another document's file.
    """
    _require_writable(db)
    gw, draft, extra = compose(db, kind, options)
    values = resolve_options(kind, options)
    subject = subject_of(kind, gw, draft, values)
    existing = register.open_draft(db, kind.key, subject)
    own = Path(existing.file_name) if existing and existing.file_name else None
    if out_path is None:
        target = _free_name(Path(folder or "."), _file_name(subject, DRAFT_MARK), own)
    else:
        target = Path(out_path)
        is_own = own is not None and target.exists() and target.resolve() == own.resolve()
        target = _check_target(target, force or is_own)
    data, pages = _render(gw, extra["fonts"])
    record = {
        "kind": kind.key,
        "subject": subject,
        "title": gw.title,
        "options": _stored_options(values, options),
        "file_name": str(target.resolve()),
    }
    # Recorded first: a file the books refuse (damaged, read-only) gets no draft on disk;
    # a draft whose file cannot be written is simply written again next time.
    with db.transaction(actor="公文"):
        for (scope, key), text in draft.narratives.items():
            narrative_book.set_text(db, scope, key, text)
        if existing is None:
            saved = register.drafts.add(db, record)
        else:
            saved = register.drafts.update(db, existing.saved_id, record)
    try:
        _write_out(data, target)
    except OSError as exc:
        raise DocumentError(_write_error(exc, target) + "草稿文件没有写出\uff0c修改后可再次生成。") from exc
    return DraftResult(
        draft_id=str(saved.id), subject=subject, title=gw.title, path=target, notes=tuple(draft.notes), pages=pages
    )


def _issue(
    db: Database,
    kind: DocumentKind,
    options: dict[str, Any],
    out_path: Path | None,
    folder: Path | None,
    force: bool,
    draft_id: str | None,
) -> GeneratedDocument:
    _require_writable(db)
    gw, draft, extra = compose(db, kind, options)
    values = resolve_options(kind, options)
    subject = subject_of(kind, gw, draft, values)
    if draft_id is None:
        # Issued in one step: an open draft of the same thing is issued with it.
        open_one = register.open_draft(db, kind.key, subject)
        draft_id = open_one.id if open_one else None
    if out_path is None:
        target = _free_name(Path(folder or "."), _file_name(subject))
    else:
        target = _check_target(Path(out_path), force)
    with db.transaction(actor="公文"):
        for (scope, key), text in draft.narratives.items():
            narrative_book.set_text(db, scope, key, text)
        issued = register.issue(
            db,
            title=gw.title,
            kind=draft.register_kind,
            on=gw.date,
            recipients=gw.recipients,
            file_name=target.name,
        )
        data, pages = _render(replace(gw, doc_number=issued.doc_number), extra["fonts"])
        register.keep_file(db, str(issued.id), data)
        if draft_id is not None:
            register.drafts.update(db, draft_id, {"document_id": issued.id})
    # From here on the number is issued with its document: a copy that cannot be written
    # is written again from the register (export_issued), never issued again.
    try:
        _write_out(data, target)
    except OSError as exc:
        raise DocumentWriteError(
            f"文号 {issued.doc_number} 已登记\uff0c文档已保存在数据文件中\uff0c但没能写出到「{target}」\uff1a"
            f"{_write_error(exc, target)}之后可在发文登记中找到文号 {issued.doc_number} 重新导出。",
            document_id=str(issued.id),
            doc_number=issued.doc_number,
        ) from exc
    return GeneratedDocument(
        path=target,
        doc_number=issued.doc_number,
        title=gw.title,
        notes=tuple(draft.notes),
        pages=pages,
        document_id=str(issued.id),
    )


def issue(
    db: Database,
    kind: DocumentKind,
    out_path: Path | None = None,
    *,
    folder: Path | None = None,
    force: bool = False,
    **options: Any,
) -> GeneratedDocument:
    """Compose, number (定稿/发文) and write document `kind` in one step. An open draft of
    the same thing is marked issued with it."""
    return _issue(db, kind, options, out_path, folder, force, None)


def issue_draft(
    db: Database, draft_id: str, out_path: Path | None = None, *, folder: Path | None = None, force: bool = False
) -> GeneratedDocument:
    """定稿/发文 of a draft: composed again from its options (the books as they are now),
    numbered once. A draft already issued is refused with its number (export it instead)."""
    from hzconsole.documents import DOCUMENT_KINDS

    saved = register.drafts.get(db, draft_id)
    if saved.document_id is not None:
        doc = register.register.get(db, saved.document_id)
        raise InRegister(
            f"这份草稿已经定稿\uff0c文号 {doc.doc_number}\uff0c不会再取新文号。"
            f"如需再要一份文件\uff0c请在发文登记中找到文号 {doc.doc_number} 重新导出。",
            str(doc.id),
        )
    kind = DOCUMENT_KINDS[saved.kind]
    options = json.loads(saved.options)
    if out_path is None and folder is None and saved.file_name:
        folder = Path(saved.file_name).parent
    return _issue(db, kind, options, out_path, folder, force, draft_id)


def export_issued(db: Database, document_id: str, out_path: Path, *, force: bool = False) -> Path:
    """Write the .docx kept with register entry `document_id` to `out_path` (reprint, or a
    copy lost on disk). Byte for byte the document issued under that number."""
    doc = register.register.get(db, document_id)
    data = register.issued_file(db, document_id)
    if data is None:
        raise DocumentError(f"{doc.doc_number} 登记于本程序保存公文之前\uff0c数据文件中没有它的文档\uff0c无法导出。")
    target = _check_target(Path(out_path), force)
    try:
        _write_out(data, target)
    except OSError as exc:
        raise DocumentError(_write_error(exc, target)) from exc
    return target


def generate(
    db: Database, kind: DocumentKind, out_path: Path | None, *, force: bool = False, **options: Any
) -> GeneratedDocument:
    """The one-step document of earlier versions: `issue`."""
    return issue(db, kind, out_path, force=force, **options)


__all__ = [
    "DocumentWriteError",
    "DraftResult",
    "HzError",
    "compose",
    "export_issued",
    "generate",
    "issue",
    "issue_draft",
    "make_draft",
    "subject_of",
]
