"""发文登记: the register of issued documents. 文号 run per year without gaps or repeats;
a cancelled number stays in the register, marked 已作废, and is never reused."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from hzconsole.books.base import Book
from hzconsole.books.fields import OptionalText, RequiredText
from hzconsole.books.models import IssuedDocument, Record
from hzconsole.store.database import Database
from hzconsole.store.errors import NotFoundError, RuleError


class RegisterBook(Book[IssuedDocument]):
    def before_write(self, db: Database, new: IssuedDocument, old: IssuedDocument | None) -> None:
        if old is not None and (old.year, old.seq) != (new.year, new.seq):
            raise RuleError("文号的年份和序号不能修改；如有错误，请作废后重新取号")

    def delete(self, db: Database, record_id: str) -> IssuedDocument:
        raise RuleError("发文登记不能删除：文号一经使用不能收回（否则会出现缺号），如不再使用请作废")


register = RegisterBook(IssuedDocument, order_by="year DESC, seq DESC")


class DocumentDraft(Record):
    """A document generated without a number; 定稿 links it to its register entry."""

    table: ClassVar[str] = "drafts"
    kind: RequiredText = Field(title="种类")
    subject: RequiredText = Field(title="内容")
    title: RequiredText = Field(title="标题")
    options: str = Field("{}", title="选项")
    file_name: str | None = Field(None, title="草稿文件")  # a path: kept exactly as given
    document_id: OptionalText = Field(None, title="发文登记")

    @property
    def issued(self) -> bool:
        return self.document_id is not None


class DraftBook(Book[DocumentDraft]):
    def before_write(self, db: Database, new: DocumentDraft, old: DocumentDraft | None) -> None:
        if old is not None and old.document_id is not None and new.document_id != old.document_id:
            raise RuleError("这份草稿已经定稿取号\uff0c不能再改\uff1b如需修改\uff0c请另起草稿")


drafts = DraftBook(DocumentDraft, order_by="updated_at DESC, rowid DESC")


def open_draft(db: Database, kind: str, subject: str) -> DocumentDraft | None:
    """The draft of this document not yet issued, if any (regenerating reuses it)."""
    found = drafts.all(db, "kind = ? AND subject = ? AND document_id IS NULL", (kind, subject))
    return found[0] if found else None


def keep_file(db: Database, document_id: str, docx: bytes) -> None:
    """Keep the issued .docx with its register entry (call inside the issuing transaction)."""
    db.put_file("document_files", document_id, docx)


def issued_file(db: Database, document_id: str) -> bytes | None:
    """The .docx issued under this register entry; None for entries made before the
    register kept files."""
    return db.get_file("document_files", document_id)


def find(db: Database, key: str) -> IssuedDocument:
    """A register entry by id, by its full 文号, or by `年份-序号` / `序号` (this year)."""
    key = key.strip()
    row = db.query_one("SELECT id FROM documents WHERE id = ? OR doc_number = ?", (key, key))
    if row is None:
        year, _, seq = key.rpartition("-")
        if seq.isdigit() and (not year or year.isdigit()):
            row = db.query_one(
                "SELECT id FROM documents WHERE year = ? AND seq = ?",
                (int(year) if year else date.today().year, int(seq)),
            )
    if row is None:
        raise NotFoundError(f"发文登记中没有「{key}」。可以写完整文号\uff0c或 年份-序号\uff08如 2024-3\uff09。")
    return register.get(db, row["id"])


def format_number(code: str, year: int, seq: int) -> str:
    """樟河办〔2024〕3号: 六角括号, full year, no 第, no zero padding."""
    return f"{code}〔{year}〕{seq}号"


def next_seq(db: Database, year: int) -> int:
    return int(db.scalar("SELECT coalesce(max(seq), 0) + 1 FROM documents WHERE year = ?", (year,)))


def issue(
    db: Database,
    *,
    title: str,
    kind: str,
    on: date,
    recipients: str | None = None,
    file_name: str | None = None,
    code: str | None = None,
) -> IssuedDocument:
    """Take the next 文号 of the year and record the document, in one transaction."""
    from hzconsole.books.settings import load_settings

    with db.transaction():
        code = code or load_settings(db).doc_code
        seq = next_seq(db, on.year)
        return register.add(
            db,
            {
                "year": on.year,
                "seq": seq,
                "doc_number": format_number(code, on.year, seq),
                "title": title,
                "kind": kind,
                "date": on,
                "recipients": recipients,
                "file_name": file_name,
            },
        )


def cancel(db: Database, document_id: str, reason: str) -> IssuedDocument:
    """Mark a number 已作废 (it stays taken)."""
    if not reason or not reason.strip():
        raise RuleError("作废文号必须填写原因")
    doc = register.get(db, document_id)
    if doc.status == "已作废":
        raise RuleError(f"{doc.doc_number} 已经作废")
    return register.update(db, document_id, {"status": "已作废", "cancel_reason": reason})
