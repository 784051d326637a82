"""县级河湖长制工作情况通报: the townships of a county roll-up (hzconsole rollup) ranked by
巡河达标率， 问题整改率 and 超期问题， written from the county file."""

from __future__ import annotations

from typing import Any

from hzconsole.books.settings import OfficeSettings
from hzconsole.documents.base import DocumentError, DocumentKind, Draft, place_name
from hzconsole.documents.kinds.common import YEAR_OPTION
from hzconsole.store.database import Database
from hzconsole.store.errors import HzError


def build(db: Database, settings: OfficeSettings, o: dict[str, Any]) -> Draft:
    from hzconsole.sync.rollup import COUNTY_SETTING, county_figures, ranked, totals

    try:
        found = county_figures(db)
    except HzError as exc:
        raise DocumentError(exc.message) from None
    if not found:
        raise DocumentError("县汇总文件中还没有乡镇的数据，请先汇总各乡镇的文件。")
    rolled_year = int((db.get_setting(COUNTY_SETTING) or {}).get("year") or o["date"].year)
    year = o["year"] or rolled_year
    if year != rolled_year:
        raise DocumentError(
            f"县汇总文件中是{rolled_year}年的数据\uff0c请把年度写为 {rolled_year}\uff0c"
            f"或重新汇总各乡镇{year}年的数据\u3002"
        )
    order = ranked(found)
    rows = [
        {
            "place": t.place,
            "chiefs": t.chiefs,
            "compliant": t.compliant,
            "patrol_rate": t.patrol_rate,
            "found": t.stats["problems_found"],
            "fixed": t.stats["problems_found_fixed"],
            "fix_rate": t.fix_rate,
            "overdue": t.overdue,
        }
        for t in order
    ]
    shown = max(1, min(3, len(order) // 3))
    place = place_name(settings)
    county = "县" if place.endswith("县") or not place else place[-1]
    context = {
        "year": year,
        "county": county,
        "office_short": "县河长办" if county == "县" else f"{county}河长办",
        "count": len(order),
        "townships": rows,
        "total": totals(order),
        "top": [t.place for t in order[:shown]],
        "bottom": [t.place for t in order[-shown:]] if len(order) > shown else [],
        "overdue_towns": [t.place for t in order if t.overdue],
    }
    return Draft(
        "county-circular.txt",
        context,
        register_kind="通报",
        keep_words=tuple(sorted({t.place for t in order} | {settings.office_name})),
    )


KIND = DocumentKind(
    key="county",
    title="县级河湖长制工作情况通报",
    options=[YEAR_OPTION],
    build=build,
    example="hzconsole doc county --db 县汇总.db -o 2024年各乡镇河湖长制工作通报.docx --year 2024",
)
