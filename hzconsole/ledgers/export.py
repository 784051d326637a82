"""export_ledger(): one ledger or blank template to an .xlsx file, safely.

The file is written under a temporary name in the target folder and renamed at the end, so
a failed or interrupted export never leaves a half-written ledger behind (and an existing
file is replaced only with force=True).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from xlsxwriter.exceptions import XlsxFileError
from xlsxwriter.workbook import Workbook

from hzconsole.books.settings import load_settings
from hzconsole.ledgers import build
from hzconsole.ledgers import messages as msg
from hzconsole.ledgers.kinds import LEDGER_KINDS, LedgerError, LedgerKind, OutputExists
from hzconsole.ledgers.sheet import Styles
from hzconsole.store.database import Database, os_error_reason
from hzconsole.store.durable import replace_durably

_BUILDERS = {
    "rivers": build.rivers,
    "chiefs": build.chiefs,
    "signboards": build.signboards,
    "patrols": build.patrols,
    "problems": build.problems,
    "tasks": build.tasks,
}


def _check_options(kind: LedgerKind, year: int | None, month: int | None, all_years: bool = False) -> None:
    if all_years and not kind.takes_all_years:
        raise LedgerError(msg.OPTION_NOT_USED.format(title=kind.title, what="全部年度"))
    if all_years and (year is not None or month is not None):
        raise LedgerError(msg.ALL_YEARS_ALONE)
    if year is not None and not kind.needs_year:
        raise LedgerError(msg.OPTION_NOT_USED.format(title=kind.title, what="年度"))
    if month is not None and not kind.needs_month:
        raise LedgerError(msg.OPTION_NOT_USED.format(title=kind.title, what="月份"))
    if month is not None and not 1 <= month <= 12:
        raise LedgerError(msg.BAD_MONTH)
    if year is not None and not 2000 <= year <= 2100:
        raise LedgerError("年度应在 2000 到 2100 之间")


def export_ledger(
    db: Database,
    kind: str,
    out_path: Path,
    *,
    year: int | None = None,
    month: int | None = None,
    all_years: bool = False,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> Path:
    """Write ledger `kind` (a key of LEDGER_KINDS) to `out_path`; returns the path written.
    `all_years` (the patrol ledger): every record the file holds, whatever its year.

    `progress(done, total)` is called as rows are written. `today` (default: the real date)
    is the 填报日期 and the day overdue problems, stale boards and compliance are judged on.
    """
    ledger = LEDGER_KINDS.get(kind)
    if ledger is None:
        raise LedgerError(msg.UNKNOWN_KIND.format(kind=kind, kinds="、".join(LEDGER_KINDS)))
    _check_options(ledger, year, month, all_years)
    if ledger.template:
        book = ledger.key.removeprefix("template-")

        def fill(ctx: build.Context) -> None:
            build.template(ctx, book)
    else:

        def fill(ctx: build.Context) -> None:
            if all_years:
                build.patrols_all_years(ctx)
            else:
                _BUILDERS[ledger.key](ctx, year=year, month=month)

    return write_workbook(db, ledger, out_path, fill, force=force, progress=progress, today=today)


def write_workbook(
    db: Database,
    ledger: LedgerKind,
    out_path: Path,
    fill: Callable[[build.Context], None],
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> Path:
    """Create a workbook, let `fill` add its sheets, and move it into place atomically."""
    out_path = Path(out_path)
    if out_path.exists() and not force:
        raise OutputExists(msg.OUTPUT_EXISTS.format(path=out_path))
    if not out_path.parent.is_dir():
        raise LedgerError(msg.OUTPUT_DIR_MISSING.format(folder=out_path.parent))
    settings = load_settings(db)
    tmp = out_path.with_name(f".~{out_path.stem}.{os.getpid()}.xlsx")
    workbook = Workbook(str(tmp), {"constant_memory": True})
    workbook.set_properties(
        {
            "title": ledger.title,
            "subject": f"hzconsole:{ledger.key}",
            "author": settings.office_name,
            "company": settings.office_name,
        }
    )
    # The import side recognises our blank templates by this, besides their headers.
    workbook.set_custom_property("hzconsole_ledger", ledger.key)
    ctx = build.Context(
        db=db,
        workbook=workbook,
        styles=Styles(workbook, settings.font_profile),
        settings=settings,
        today=today or date.today(),
        progress=progress,
    )
    try:
        try:
            fill(ctx)
        finally:
            workbook.close()  # also removes xlsxwriter's own temp files
        replace_durably(tmp, out_path)  # on the medium before we say it is done
    except (OSError, XlsxFileError) as exc:
        tmp.unlink(missing_ok=True)
        detail = os_error_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise LedgerError(msg.OUTPUT_WRITE_FAILED.format(path=out_path, detail=detail)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(ctx.done, max(ctx.total, ctx.done))
    return out_path
