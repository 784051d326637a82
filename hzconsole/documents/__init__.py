"""Official documents (GB/T 9704-2012) generated from the books.

Public API (used by the TUI and the CLI):

    DOCUMENT_KINDS: dict[str, DocumentKind]   kind key → .key, .title, .options
    COUNTY_KINDS                              the same for a county roll-up file (county 通报)
    COMMON_OPTIONS, HEAD_OPTIONS              options every kind takes (HEAD_OPTIONS: 份号,
                                              密级和保密期限, 紧急程度)
    generate_document(db, kind, out_path=None, *, folder=None, force=False, **options)
                                              -> GeneratedDocument: 定稿发文 in one step
    make_draft(db, kind, out_path=None, *, folder=None, force=False, **options) -> DraftResult:
                                              a draft without a number, regenerated freely
    issue_draft(db, draft_id, out_path=None, *, folder=None, force=False) -> GeneratedDocument:
                                              定稿/发文 of a draft: the 文号, once
    export_issued(db, document_id, out_path, *, force=False) -> Path: the issued .docx again
    list_drafts(db) -> list[DocumentDraft]   drafts, newest first (.issued, .subject, .file_name)
    discard_draft(db, draft_id) -> DocumentDraft   drop a draft not yet issued

Each issued document takes the next 文号 of its year from the register (发文登记) and is
kept there with its .docx in one transaction; see `generate` for how a kill or a failure
leaves no gap and no reused number.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from hzconsole.books.register import DocumentDraft, drafts
from hzconsole.documents.base import (
    COMMON_OPTIONS,
    HEAD_OPTIONS,
    DocumentError,
    DocumentKind,
    GeneratedDocument,
    OptionSpec,
)
from hzconsole.documents.kinds import (
    announcement,
    assignment,
    circular,
    county,
    notice,
    plan,
    summary,
)
from hzconsole.store.database import Database

if TYPE_CHECKING:
    from hzconsole.documents.generate import DraftResult

DOCUMENT_KINDS: dict[str, DocumentKind] = {
    k.KIND.key: k.KIND for k in (notice, plan, circular, announcement, assignment, summary)
}
# Written from a county roll-up file (hzconsole rollup), not a township's books: kept apart
# so a township's console does not offer them.
COUNTY_KINDS: dict[str, DocumentKind] = {county.KIND.key: county.KIND}


def _kind(kind: str) -> DocumentKind:
    spec = DOCUMENT_KINDS.get(kind) or COUNTY_KINDS.get(kind)
    if spec is None:
        names = "、".join(f"{k}({v.title})" for k, v in DOCUMENT_KINDS.items())
        raise DocumentError(f"没有「{kind}」这种公文。可以生成\uff1a{names}")
    return spec


def make_draft(
    db: Database,
    kind: str,
    out_path: Path | None = None,
    *,
    folder: Path | None = None,
    force: bool = False,
    **options: Any,
) -> DraftResult:
    """Write document `kind` as a draft, without a 文号 (see generate.make_draft)."""
    from hzconsole.documents import generate

    return generate.make_draft(
        db, _kind(kind), None if out_path is None else Path(out_path), folder=folder, force=force, **options
    )


def issue_draft(
    db: Database, draft_id: str, out_path: Path | None = None, *, folder: Path | None = None, force: bool = False
) -> GeneratedDocument:
    """定稿/发文 of a draft: takes its 文号 once (see generate.issue_draft)."""
    from hzconsole.documents import generate

    return generate.issue_draft(db, draft_id, None if out_path is None else Path(out_path), folder=folder, force=force)


def export_issued(db: Database, document_id: str, out_path: Path, *, force: bool = False) -> Path:
    """Write the .docx kept with a register entry again (see generate.export_issued)."""
    from hzconsole.documents import generate

    return generate.export_issued(db, document_id, Path(out_path), force=force)


def discard_draft(db: Database, draft_id: str) -> DocumentDraft:
    """Drop a draft not yet issued (its file on disk is left to the clerk); an issued one
    stays, linked to its register entry."""
    from hzconsole.store.errors import RuleError

    draft = drafts.get(db, draft_id)
    if draft.issued:
        raise RuleError("这份草稿已经定稿取号\uff0c留作发文记录\uff0c不能删除\u3002")
    return drafts.delete(db, draft_id)


def list_drafts(db: Database) -> list[DocumentDraft]:
    """Every draft, newest first; `.issued` tells those already numbered."""
    return drafts.all(db)


def generate_document(
    db: Database,
    kind: str,
    out_path: Path | None = None,
    *,
    folder: Path | None = None,
    force: bool = False,
    **options: Any,
) -> GeneratedDocument:
    """Write document `kind` to `out_path` (.docx) and record it in the register.

    `options` are the kind's OptionSpec names (plus COMMON_OPTIONS and HEAD_OPTIONS). Raises an HzError with
    a Chinese message when an option is missing or wrong, a template cannot be filled, the
    target exists (without `force`) or cannot be written; in every such case no 文号 is used.
    """
    from hzconsole.documents.generate import issue

    return issue(db, _kind(kind), None if out_path is None else Path(out_path), folder=folder, force=force, **options)


__all__ = [
    "COMMON_OPTIONS",
    "COUNTY_KINDS",
    "DOCUMENT_KINDS",
    "HEAD_OPTIONS",
    "DocumentError",
    "DocumentKind",
    "GeneratedDocument",
    "OptionSpec",
    "discard_draft",
    "export_issued",
    "generate_document",
    "issue_draft",
    "list_drafts",
    "make_draft",
]
