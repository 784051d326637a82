"""`hzconsole stats`: the figures of a period, as text or JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from hzconsole.cli.base import argument, cli
from hzconsole.cli.params import DATA_FILE, YEAR


@cli.command()
@argument("path", "文件", "数据文件\uff08.db\uff09", type=DATA_FILE)
@click.option("--year", type=YEAR, default=None, help="年度，默认今年")
@click.option("--half", type=click.IntRange(1, 2), default=None, help="半年：1 上半年，2 下半年")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
def stats(path: Path, year: int | None, half: int | None, as_json: bool) -> None:
    """统计一个时期的数据（河湖、河长、公示牌、巡河、问题、任务）。

    \b
    示例：hzconsole stats 台账.db --year 2024 --json
    """
    from hzconsole import figures
    from hzconsole.rules.compliance import by_level
    from hzconsole.rules.periods import half_range, year_range
    from hzconsole.store.database import open_database

    year = date.today().year if year is None else year
    start, end = half_range(year, half) if half else year_range(year)
    from hzconsole.store import messages as msg
    from hzconsole.store.errors import DamagedFileError

    with open_database(path, readonly=True) as db:
        # Figures read from a damaged file may be silently wrong: none rather than those.
        if db.verify():
            raise DamagedFileError(db.damage_message(msg.DAMAGED_READ))
        s = figures.summary(db, start, end, as_of=date.today())
        levels = by_level(figures.chief_compliance(db, start, end))
    data = s.to_dict()
    data["compliance_by_level"] = [
        {"level": lv.level, "chiefs": lv.chiefs, "compliant": lv.compliant, "rate": round(lv.rate, 4)} for lv in levels
    ]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    period = f"{year}年" + ("" if not half else ("上半年" if half == 1 else "下半年"))
    kinds = "、".join(f"{k}{v}个" for k, v in s.rivers_by_kind.items() if v)
    click.echo(f"{period}统计（{start} 至 {end}）")
    click.echo(f"河湖：共 {s.rivers_total} 个（{kinds}），其中流域面积 50 平方公里以上 {s.rivers_catchment_50} 个")
    click.echo(
        "河长：共 "
        + str(s.chiefs_total)
        + " 人（"
        + "、".join(f"{k}{v}人" for k, v in s.chiefs_by_level.items())
        + "）"
    )
    click.echo(f"公示牌：共 {s.boards_total} 块，需更新 {s.boards_stale} 块")
    patrols = "、".join(f"{k}{v}次" for k, v in s.patrols_by_level.items() if v)
    click.echo(
        f"巡河：共 {s.patrols_total} 次" + (f"（{patrols}）" if patrols else "") + f"，里程 {s.patrol_km:.1f} 公里"
    )
    for lv in levels:
        if lv.chiefs:
            click.echo(f"  {lv.level}河长巡河达标 {lv.compliant}/{lv.chiefs} 人（{lv.rate:.0%}）")
    click.echo(
        f"问题：发现 {s.problems_found} 个，整改 {s.problems_fixed} 个，销号 {s.problems_closed} 个，"
        f"超期 {s.problems_overdue} 个，整改率 {s.fix_rate:.1%}"
    )
    click.echo(f"任务：{s.tasks_done}/{s.tasks_total} 项已完成")
