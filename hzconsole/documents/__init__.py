"""Official documents (GB/T 9704-2012) generated from the books.

Public API (used by the TUI and the CLI):

    DOCUMENT_KINDS: dict[str, DocumentKind]   kind key → .key, .title, .options
    COUNTY_KINDS                              the same for a county roll-up file (county 通报)
    COMMON_OPTIONS, HEAD_OPTIONS              options every kind takes (HEAD_OPTIONS: 份号,
                                              密级和保密期限, 紧急程度)
    generate_document(db, kind, out_path, *, force=False, **options) -> GeneratedDocument

Each generated document takes the next 文号 of its year from the register (发文登记) and is
recorded there with its file name; see `generate` for how a failure leaves no gap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

DOCUMENT_KINDS: dict[str, DocumentKind] = {
    k.KIND.key: k.KIND for k in (notice, plan, circular, announcement, assignment, summary)
}
# Written from a county roll-up file (hzconsole rollup), not a township's books: kept apart
# so a township's console does not offer them.
COUNTY_KINDS: dict[str, DocumentKind] = {county.KIND.key: county.KIND}


def generate_document(db: Database, kind: str, out_path: Path, *, force: bool = False,
                      **options: Any) -> GeneratedDocument:
    """Write document `kind` to `out_path` (.docx) and record it in the register.

    `options` are the kind's OptionSpec names (plus COMMON_OPTIONS and HEAD_OPTIONS). Raises an HzError with
    a Chinese message when an option is missing or wrong, a template cannot be filled, the
    target exists (without `force`) or cannot be written; in every such case no 文号 is used.
    """
    from hzconsole.documents.generate import generate

    spec = DOCUMENT_KINDS.get(kind) or COUNTY_KINDS.get(kind)
    if spec is None:
        names = "、".join(f"{k}({v.title})" for k, v in DOCUMENT_KINDS.items())
        raise DocumentError(f"没有「{kind}」这种公文。可以生成:{names}")
    return generate(db, spec, Path(out_path), force=force, **options)


__all__ = [
    "COMMON_OPTIONS",
    "COUNTY_KINDS",
    "DOCUMENT_KINDS",
    "HEAD_OPTIONS",
    "DocumentError",
    "DocumentKind",
    "GeneratedDocument",
    "OptionSpec",
    "generate_document",
]
