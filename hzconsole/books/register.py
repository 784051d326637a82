"""发文登记: the register of issued documents. 文号 run per year without gaps or repeats;
a cancelled number stays in the register, marked 已作废, and is never reused."""

from __future__ import annotations

from datetime import date

from hzconsole.books.base import Book
from hzconsole.books.models import IssuedDocument
from hzconsole.store.database import Database
from hzconsole.store.errors import RuleError


class RegisterBook(Book[IssuedDocument]):
    def before_write(self, db: Database, new: IssuedDocument, old: IssuedDocument | None) -> None:
        if old is not None and (old.year, old.seq) != (new.year, new.seq):
            raise RuleError("文号的年份和序号不能修改;如有错误,请作废后重新取号")

    def delete(self, db: Database, record_id: str) -> IssuedDocument:
        raise RuleError("发文登记不能删除:文号一经使用不能收回(否则会出现缺号),如不再使用请作废")


register = RegisterBook(IssuedDocument, order_by="year DESC, seq DESC")


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
                "year": on.year, "seq": seq, "doc_number": format_number(code, on.year, seq),
                "title": title, "kind": kind, "date": on, "recipients": recipients,
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
