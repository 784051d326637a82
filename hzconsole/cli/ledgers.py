"""`hzconsole ledger KIND`: export an Excel ledger (台账) or a blank entry template."""

from __future__ import annotations

from pathlib import Path

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import DB_OPTION, FORCE_OPTION
from hzconsole.ledgers.kinds import LEDGER_KINDS


def _kinds_help() -> str:
    lines = []
    for key, kind in LEDGER_KINDS.items():
        if not kind.options:
            lines.append(f"  {key:<22}{kind.title}")
            continue
        # The options on the title's line, what the year means on the next: one line would
        # run past the terminal (the \b block is printed as written, not wrapped).
        options = "、".join("--" + o.replace("_", "-") for o in kind.options)
        lines.append(f"  {key:<22}{kind.title}（可加 {options}；")
        lines.append(f"  {'':<22}{kind.year_help}）")
    return "\n".join(lines)


_HELP = """导出 Excel 台账（可打印盖章），或供村（社区）填报的空白模板。

\b
种类 可选：
{kinds}

\b
示例：
  hzconsole ledger patrols --db 台账.db -o 2024年6月巡河台账.xlsx --year 2024 --month 6
  hzconsole ledger patrols --db 台账.db -o 历年巡河台账.xlsx --all-years
  hzconsole ledger template-problems --db 台账.db -o 问题填报表.xlsx
"""


@cli.command(help=_HELP.format(kinds=_kinds_help()))
@argument("kind", "种类", "台账种类，见上")
@click.option("--db", "db_path", **DB_OPTION)
@click.option(
    "-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False), help="保存为（.xlsx）"
)
@click.option("--year", type=int, default=None, help="年度（巡河台账、问题整改台账、任务清单）")
@click.option("--month", type=click.IntRange(1, 12), default=None, help="月份 1-12（巡河台账）")
@click.option("--all-years", "all_years", is_flag=True, default=False, help="全部年度（巡河台账）")
@click.option("--force", **FORCE_OPTION)
def ledger(
    kind: str, db_path: Path, out: Path, year: int | None, month: int | None, all_years: bool, force: bool
) -> None:
    from hzconsole.ledgers.export import export_ledger
    from hzconsole.ledgers.kinds import OutputExists
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import HzError

    with open_database(db_path, readonly=True) as db:
        try:
            path = export_ledger(db, kind, out, year=year, month=month, all_years=all_years, force=force)
        except OutputExists as exc:  # the core says the file exists; this front end says how
            raise HzError(exc.message + "如要覆盖\uff0c请加 --force\u3002") from None
    click.echo(f"已导出{LEDGER_KINDS[kind].title}：{path}")
