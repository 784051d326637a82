"""County ledgers: a ledger's sheet with every township's rows and a 乡镇 column.

The township ledgers' own queries (hzconsole/ledgers/queries.py) are run on the county file
once per township, through `township_books` (the county file read as that township's
file), so they read the township's books without a line of them changing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from hzconsole.ledgers import build, queries
from hzconsole.ledgers.columns import Column
from hzconsole.ledgers.export import write_workbook
from hzconsole.ledgers.kinds import LedgerKind
from hzconsole.store.database import Database
from hzconsole.sync.rollup import county_figures, township_books

Rows = Callable[[Database, date, int | None], list[dict[str, Any]]]
# The county ledgers: sheet kind (templates/ledgers/<kind>.toml) and its rows.
COUNTY_SHEETS: dict[str, tuple[str, Rows]] = {
    "rivers": ("河湖名录", lambda db, today, _y: queries.rivers(db, today)),
    "chiefs": ("河长名册", lambda db, today, _y: queries.roster(db, today)),
    "signboards": ("公示牌台账", lambda db, today, _y: queries.signboards(db, today)),
    "problems": ("问题整改台账", lambda db, today, year: queries.problems(db, today, year)),
}
TOWNSHIP = Column("乡镇", "township", width=12, template=False)


def township_rows(db: Database, kind: str, today: date, year: int | None = None) -> list[dict[str, Any]]:
    """The rows of ledger sheet `kind` of every township, each with its 乡镇， townships in
    the order of their names."""
    _title, rows_of = COUNTY_SHEETS[kind]
    out: list[dict[str, Any]] = []
    for town in county_figures(db):
        with township_books(db, town.file_id):
            out.extend({**row, "township": town.place} for row in rows_of(db, today, year))
    return out


def export_county_ledger(
    db: Database, kind: str, out_path: Path, *, year: int | None = None, today: date | None = None, force: bool = False
) -> Path:
    """Write the county ledger `kind` (rivers, chiefs, signboards, problems) to `out_path`."""
    title, _rows = COUNTY_SHEETS[kind]
    day = today or date.today()
    rows = township_rows(db, kind, day, year)

    def fill(ctx: build.Context) -> None:
        spec = build.spec_for(kind)
        spec = replace(spec, columns=(spec.columns[0], TOWNSHIP, *spec.columns[1:]))
        ctx.total = len(rows)
        sheet = build._open_sheet(ctx, spec, title=f"{ctx.settings.office_name}各乡镇{title}", rows=rows)
        overdue = kind == "problems"
        for row in rows:
            marked = bool(overdue and row.get("is_overdue"))
            sheet.row(row, mark=marked, flags=("overdue", "overdue_days") if marked else ())
            ctx.tick()
        build._finish(ctx, sheet)

    return write_workbook(
        db, LedgerKind(f"county-{kind}", f"县汇总{title}"), Path(out_path), fill, force=force, today=day
    )


def export_all(
    db: Database, *, folder: Path | None = None, year: int | None = None, today: date | None = None
) -> list[Path]:
    """Every county ledger into `folder` (by default 「<county file>台账」 beside the county
    file), written over what an earlier export left there."""
    folder = folder or db.path.resolve().parent / f"{db.path.stem}台账"
    folder.mkdir(parents=True, exist_ok=True)
    return [
        export_county_ledger(db, kind, folder / f"县汇总{title}.xlsx", year=year, today=today, force=True)
        for kind, (title, _rows) in COUNTY_SHEETS.items()
    ]
