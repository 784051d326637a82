"""`hzconsole import 种类 文件 --db PATH [--dry-run]`: bring Excel ledgers and plans in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import DB_OPTION

if TYPE_CHECKING:
    from hzconsole.imports.hints import Hint

_KINDS = ("rivers", "chiefs", "signboards", "patrols", "problems", "tasks", "plan")


def hints() -> dict[Hint, str]:
    """What the clerk can supply to an import, as this command takes it (the console words
    the same hints by its fields and keys: tui/screens/import_file.py)."""
    # Deferred: importing hzconsole.imports loads the whole import engine.
    from hzconsole.imports.hints import Hint

    return {
        Hint.MAP: '对应关系不对时\uff0c用 --map "表头=字段" 改正\uff08字段写上面箭头后的名称\uff0c或写“不导入”\uff09',
        Hint.DEFAULT: (
            '表中没有的字段\uff0c用 --default "字段=值" 为全表指定\uff0c如 --default "发现日期=2024年6月30日"'
        ),
        Hint.ADD_MISSING: "确认表中的新名称无误后\uff0c导入时加 --add-missing 一并新建",
        Hint.YEAR: "导入时加 --year 指定年份\uff0c如 --year 2024",
        Hint.START_DATE: "导入时加 --start-date 指定任职日期\uff0c如 --start-date 2024-01-01",
        Hint.PLAN_TITLE: '导入时加 --plan "计划标题" 指定计划的标题',
        Hint.SHEET: "要导入隐藏的工作表\uff0c加 --sheet 工作表名称",
    }


@cli.command("import")
@argument("kind", "种类", "台账种类，见上", type=click.Choice(_KINDS))
@argument(
    "file",
    "文件",
    "要导入的 Excel（.xlsx、.xls、.csv）或计划（.docx、.txt）",
    type=click.Path(path_type=Path, dir_okay=False),
)
@click.option("--db", "db_path", **DB_OPTION)
@click.option("--dry-run", is_flag=True, help="只检查并列出将要新增、修改、拒绝的行，不写入")
@click.option("--year", type=int, default=None, help="不带年份的日期（如 6月17日）按哪一年理解；计划的年度")
@click.option("--sheet", default=None, help="只导入这个工作表（默认导入所有表头相符的工作表）")
@click.option("--start-date", default=None, help="河长名册：表中没有任职日期时使用的任职日期")
@click.option("--plan", "plan_title", default=None, help="任务清单：任务所属工作计划的标题；计划：计划标题")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="表头=字段",
    help="指定某列导入到哪个字段\uff08字段写预览中显示的名称\uff0c写“不导入”则不导入\uff09\uff1b可写多次",
)
@click.option(
    "--default",
    "defaults",
    multiple=True,
    metavar="字段=值",
    help='表中没有或没有填写的字段一律取这个值\uff0c例如 --default "发现日期=2024年6月30日"\uff1b可写多次',
)
@click.option("--add-missing", is_flag=True, help="表中有、文件中还没有的河湖和人员一并新建")
@click.option(
    "--skip-refused", is_flag=True, help="只导入没有问题的行\uff1b被拒绝的行连同原因另存为一个表格\uff0c改正后可再导入"
)
@click.option(
    "--limit",
    type=int,
    default=None,
    help="每类最多列出多少行\uff08默认 50 行\uff0c拒绝的行另按原因归类\uff1b写 0 则全部列出\uff09",
)
def import_command(
    kind: str,
    file: Path,
    db_path: Path,
    dry_run: bool,
    year: int | None,
    sheet: str | None,
    start_date: str | None,
    plan_title: str | None,
    maps: tuple[str, ...],
    defaults: tuple[str, ...],
    add_missing: bool,
    skip_refused: bool,
    limit: int | None,
) -> None:
    """把已有的 Excel 台账或计划文件导入数据文件。

    \b
    种类 是台账种类：
      rivers      河湖名录（含河段）   chiefs    河长名册（人员和任职）
      signboards  公示牌台账           patrols   巡河台账
      problems    问题整改台账         tasks     任务清单
      plan        上级印发的工作计划/实施方案（.docx、.txt）

    先检查全部行：有一行被拒绝就什么也不写入，并列出每个被拒绝的行、列和原因；
    全部通过才在一次操作中写入（可用撤销恢复）。同一个文件导入两次不会产生重复记录。

    预览时列出每一列导入到哪个字段和把握多大\uff1b不对时用 --map 改正\uff0c确认导入后
    同样表头的表下次自动按此对应。表中没有的字段用 --default 补上\uff08预览会从表中
    的填报日期提出建议\uff09\uff1b表中有、文件中还没有的河湖和人员加 --add-missing 一并新建\uff1b
    加 --skip-refused 则只导入没有问题的行\uff0c被拒绝的行连同原因另存为一个表格。

    有被拒绝的行（且没有用 --skip-refused）或文件无法导入时退出码为 1。

    \b
    示例：
      hzconsole import patrols 6月巡河记录.xlsx --db 台账.db --dry-run
      hzconsole import chiefs 河长名册.xls --db 台账.db --start-date 2024-01-01
      hzconsole import tasks 任务清单.xlsx --db 台账.db --plan 樟树镇2024年河湖长制工作计划
      hzconsole import plan 实施方案.docx --db 台账.db
      hzconsole import problems 排水口.xls --db 台账.db --map "河涌名=河湖" \\
          --default "发现日期=2024年6月30日" --add-missing
    """
    from hzconsole.imports import ImportOptions, import_file
    from hzconsole.imports.mapping import MappingError, parse_pairs
    from hzconsole.store.database import open_database
    from hzconsole.text import parse_date

    start = parse_date(start_date) if start_date else None
    try:
        map_pairs, default_pairs = parse_pairs(maps, "--map"), parse_pairs(defaults, "--default")
    except MappingError as exc:
        raise click.UsageError(str(exc)) from None
    options = ImportOptions(
        year=year,
        sheet=sheet,
        start_date=start,
        plan=plan_title,
        maps=map_pairs,
        defaults=default_pairs,
        add_missing=add_missing,
        skip_refused=skip_refused,
    )
    with open_database(db_path, readonly=dry_run) as db:
        report = import_file(db, kind, file, write=not dry_run, options=options)
    # Long lists are cut unless asked for (--limit 0): refusals are grouped by reason anyway.
    click.echo(report.text(limit=None if limit == 0 else (limit or 50), hints=hints()))
    if not report.ok and not report.written:
        raise click.exceptions.Exit(1)
