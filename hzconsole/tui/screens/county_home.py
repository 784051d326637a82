"""首页 of a county roll-up file: the townships ranked, the county's totals, and Enter to
read one township's books (read-only, hzconsole/sync/county_file.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets.option_list import Option

from hzconsole.store.database import Database
from hzconsole.sync.county_file import Township, county_year, freshness
from hzconsole.tui.widgets.cells import column_width, pad

TOWN_PREFIX = "town:"
# The 首页's keys that only a county file has (HomeScreen.check_action hides them elsewhere).
COUNTY_ACTIONS = ("county_home", "county_ledgers")
# Columns left out on a narrow screen, first to last: 数据截至, 已整改, 达标.
DROPPED_FIRST = (9, 6, 3)
HEADINGS = ("名次", "乡镇", "河长", "达标", "巡河达标率", "问题", "已整改", "问题整改率", "超期问题", "数据截至")


@dataclass
class CountyState:
    """The console on a county file: the file, and the township shown (None: the county)."""

    path: Path
    township: Township | None = None

    @property
    def overview(self) -> bool:
        return self.township is None


def county_title(db: Database, count: int) -> Text:
    year = county_year(db)
    when = f"{year}年度\uff0c" if year else ""
    return Text(
        f"全县汇总\uff1a{when}{count} 个乡镇\uff08按巡河达标率\u3001问题整改率\u3001超期问题排名\uff09", style="bold"
    )


def totals_table(totals: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(4):
        table.add_column(no_wrap=True)
    table.add_row(
        Text("全县合计", style="bold"),
        f"河长 {totals['chiefs']} 人",
        f"达标 {totals['compliant']} 人",
        f"巡河达标率 {float(totals['patrol_rate']):.1%}",
    )
    table.add_row(
        "",
        f"问题 {totals['problems_found']} 个",
        f"已整改 {totals['problems_found_fixed']} 个",
        f"问题整改率 {float(totals['fix_rate']):.1%}  超期 {totals['problems_overdue']} 个",
    )
    return table


def township_options(db: Database, width: int = 0) -> tuple[list[Option], dict[str, Any]]:
    """The ranked townships as list lines (the id of each is TOWN_PREFIX + its file_id), and
    the county's totals. Columns are lined up in terminal cells (a Chinese name takes two);
    where the lines would not fit `width`, the columns least needed for the ranking are left
    out (数据截至, then 已整改 and 达标), so that no line wraps (80 columns: all but 数据截至)."""
    from hzconsole.sync.rollup import county_figures, ranked, totals

    towns = ranked(county_figures(db))
    fresh = freshness(db)
    rows = [
        [
            str(n),
            t.place,
            str(t.chiefs),
            str(t.compliant),
            f"{t.patrol_rate:.1%}",
            str(t.stats.get("problems_found", 0)),
            str(t.stats.get("problems_found_fixed", 0)),
            f"{t.fix_rate:.1%}",
            str(t.overdue),
            fresh.get(t.file_id, ("", ""))[0][:10],
        ]
        for n, t in enumerate(towns, 1)
    ]
    widths = [column_width([h, *(r[i] for r in rows)], high=20) for i, h in enumerate(HEADINGS)]
    shown = list(range(len(HEADINGS)))
    for drop in DROPPED_FIRST:
        if not width or 2 + sum(widths[i] + 2 for i in shown) - 2 <= width:
            break
        shown.remove(drop)

    def line(cells: list[str] | tuple[str, ...]) -> str:
        return "  " + "  ".join(pad(cells[i], widths[i]) for i in shown).rstrip()

    options = [Option(Text(line(HEADINGS), style="bold underline"), disabled=True)]
    if not towns:
        options.append(
            Option(
                Text("  还没有汇总任何乡镇\u3002按 Ctrl+O 再按 F6 汇总各乡镇的台账文件\u3002", style="dim"),
                disabled=True,
            )
        )
    for town, cells in zip(towns, rows, strict=True):
        options.append(Option(Text(line(cells)), id=TOWN_PREFIX + town.file_id))
    return options, totals(towns)
