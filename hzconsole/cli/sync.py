"""`hzconsole merge` (two copies of one file) and `hzconsole rollup` (townships' files into a
county file): thin commands over hzconsole.sync."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import YEAR

_DB = click.Path(path_type=Path, dir_okay=False)


def _parse_take(values: tuple[str, ...], decisions_file: Path | None) -> dict[str, str]:
    """'3=theirs' / 'all=ours' from --take and the lines of a decisions file ('3 theirs',
    '# comments'), by conflict number (or 'all')."""
    from hzconsole.sync.merge import MergeError

    items = list(values)
    if decisions_file is not None:
        try:
            text = decisions_file.read_text("utf-8-sig")
        except OSError as exc:
            raise MergeError(f"无法读取决定文件「{decisions_file}」：{exc.strerror or exc}") from exc
        items += [ln.split("#")[0].strip() for ln in text.splitlines()]
    out: dict[str, str] = {}
    for item in (i for i in items if i):
        key, sep, choice = item.replace("\uff1d", "=").replace("=", " ").partition(" ")
        key, choice = key.strip().lower(), choice.strip().lower()
        if not sep or not choice or not (key.isdigit() or key in ("all", "全部")):
            raise MergeError(f"决定「{item}」看不懂，应写成 冲突编号=ours 或 theirs（或 renumber），如 3=theirs。")
        out["all" if key == "全部" else key] = choice
    return out


def _ask(choices: tuple[str, ...]) -> str:
    """The clerk's choice for one conflict, asked again until it is one of `choices`."""
    while True:
        answer = click.prompt(f"  请选择\uff08{' / '.join(choices)}\uff09", default="", show_default=False)
        answer = answer.strip().lower()
        if answer in choices:
            return answer
        click.echo(f"  请输入{'、'.join(choices)}中的一个。")


@cli.command()
@argument("ours", "本文件", "合并到这个数据文件（.db）", type=_DB)
@argument("theirs", "对方文件", "另一份副本（只读，不会改动）", type=_DB)
@click.option("--dry-run", is_flag=True, help="只列出将要做的改动和冲突，不写入")
@click.option(
    "--take",
    multiple=True,
    metavar="编号=选择",
    help="决定一处冲突：3=ours 用本文件的，3=theirs 用对方的，3=renumber 给对方的公文重新编号；"
    "all=theirs 表示其余冲突都用对方的；可以写多次",
)
@click.option(
    "--decisions",
    "decisions_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="决定文件：每行一处冲突，如“3 theirs”",
)
@click.option("--yes", "-y", is_flag=True, help="不再询问，直接合并")
def merge(
    ours: Path, theirs: Path, dry_run: bool, take: tuple[str, ...], decisions_file: Path | None, yes: bool
) -> None:
    """把同一台账的另一份副本合并到本文件（如水利站和镇河长办各自录入后）。

    双方各自新增的记录都并入；只有一方修改的字段取修改后的值；同一字段双方改得不同，
    或一方修改、另一方删除，是冲突，逐项列出（本文件/对方/原来），由您决定，不会自动取舍。
    双方在同一年用了同一个文号，只有您同意后才给对方的公文重新编号。合并前先备份本文件，
    合并是一次操作，可以撤销。

    \b
    示例：hzconsole merge 台账.db "E:\\水利站\\台账.db" --dry-run
          hzconsole merge 台账.db "E:\\水利站\\台账.db" --take 1=theirs --take 2=ours
    """
    from hzconsole.store.database import open_database
    from hzconsole.sync.merge import (
        CHOICE_NAMES,
        MergeError,
        apply_merge,
        open_for_reading,
        plan_merge,
    )

    given = _parse_take(take, decisions_file)
    mine = open_for_reading(ours) if dry_run else open_database(ours)
    with open_for_reading(theirs) as other, mine as db:
        plan = plan_merge(db, other)
        click.echo(f"合并「{theirs}」到「{ours}」")
        if plan.nothing_to_do:
            click.echo("两个文件没有需要合并的改动（对方的改动本文件都已有）。")
            return
        click.echo(plan.summary())
        for a in plan.actions:
            click.echo(f"  {a.describe()}")
        decisions: dict[int, str] = {}
        for c in plan.conflicts:
            click.echo(c.describe())
            choice = given.get(str(c.number)) or (given.get("all") if given.get("all") in c.choices else None)
            if choice is not None:
                if choice not in c.choices:
                    raise MergeError(
                        f"冲突 {c.number} 的决定「{choice}」无效，应为：{'、'.join(c.choices)}。没有合并。"
                    )
                decisions[c.number] = choice
                click.echo(f"  决定：{CHOICE_NAMES[choice]}")
            elif not dry_run and sys.stdin.isatty():
                decisions[c.number] = _ask(c.choices)
        if dry_run:
            click.echo("（试运行：没有写入任何内容）")
            return
        undecided = [c.number for c in plan.conflicts if c.number not in decisions]
        if undecided:
            raise MergeError(
                f"还有 {len(undecided)} 处冲突没有决定（冲突 {'、'.join(map(str, undecided))}），没有合并。"
                "请用 --take 编号=ours 或 theirs 决定每一处，或在终端窗口中运行逐项选择。"
            )
        if not yes and sys.stdin.isatty():
            click.confirm("确定合并？", abort=True)
        result = apply_merge(db, theirs, plan, decisions)
    click.echo(f"已合并：写入 {result.written} 条记录。合并前的文件已备份到：{result.backup}")
    for line in result.kept:
        click.echo(f"  {line}")
    click.echo("如需反悔，可在控制台按 U 撤销这次合并，或用 hzconsole restore 恢复备份。")


@cli.command()
@argument(
    "files",
    "乡镇文件",
    "各乡镇的数据文件（.db），可以写多个或用通配符；只读，不会改动",
    nargs=-1,
    required=True,
    type=_DB,
)
@click.option(
    "-o", "--output", "out", required=True, type=_DB, help="县汇总文件，如 县汇总.db（已有则更新其中这些乡镇的数据）"
)
@click.option("--year", type=YEAR, default=None, help="统计哪一年，默认今年")
@click.option("--office", default=None, help="县河长办的名称，如“某某县河长制办公室”（新建汇总文件时使用）")
@click.option("--code", default=None, help="县河长办的机关代字，如“青县河办”（用于通报的文号）")
@click.option(
    "--ledgers",
    "ledger_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="同时把县汇总台账（河湖名录、河长名册、公示牌、问题整改，带乡镇列）写到这个文件夹",
)
def rollup(
    files: tuple[Path, ...], out: Path, year: int | None, office: str | None, code: str | None, ledger_dir: Path | None
) -> None:
    """汇总各乡镇的台账文件，生成县汇总文件（每个乡镇的河湖、河长、巡河、问题等和统计数字）。

    乡镇文件只读取，不会改动一个字节；读不了的文件会列出原因并跳过，不影响其他乡镇。
    用更新的乡镇文件再次汇总，会替换这些乡镇原来的数据。县级通报用
    hzconsole doc county --db 县汇总.db 生成。

    \b
    示例：hzconsole rollup 乡镇\\*.db -o 县汇总.db --year 2024
    """
    from hzconsole.store.database import open_database
    from hzconsole.sync.county_ledgers import export_all
    from hzconsole.sync.rollup import county_figures, ranked
    from hzconsole.sync.rollup import rollup as do_rollup

    result = do_rollup(list(files), out, year=year, office=office, code=code)
    for read in result.townships:
        if read.ok and read.figures is not None:
            again = "（替换了上次汇总的数据）" if read.replaced else ""
            click.echo(f"  已汇总：{read.figures.office}  {read.path}{again}")
        else:
            click.echo(f"  已跳过：{read.path}：{read.message}", err=True)
    with open_database(out, readonly=ledger_dir is None) as db:
        towns = ranked(county_figures(db))
        click.echo(f"县汇总文件：{out}（共 {len(towns)} 个乡镇，{result.year}年）")
        click.echo("排名  乡镇            巡河达标率  问题整改率  超期问题")
        for n, t in enumerate(towns, 1):
            click.echo(f"{n:>4}  {t.place:<12}{t.patrol_rate:>10.1%}{t.fix_rate:>12.1%}{t.overdue:>10}")
        if ledger_dir is not None:
            for path in export_all(db, folder=ledger_dir, year=result.year):
                click.echo(f"  台账：{path}")
    if not result.read:
        raise click.exceptions.Exit(1)
