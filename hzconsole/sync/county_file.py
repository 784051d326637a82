"""A county roll-up file seen as one township's books: what the county clerk browses.

Kept apart from the roll-up itself (hzconsole/sync/rollup.py) so that telling a county file
from a township's, which the console does on every open, costs one settings read and no
imports of the figures.

A township is shown through TEMP views named like the books (settings included), over that
township's rows of the county_<book> tables: SQLite resolves an unqualified name in the temp
schema first, so every reader of the books (figures, the 首页 agenda, the lists, the ledgers)
reads that township, and none can write (a view takes no writes, and the file is opened
read-only besides).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hzconsole.store.database import BOOK_TABLES, Database, open_database
from hzconsole.store.errors import HzError

COUNTY_SETTING = "county_rollup"  # set in a county file: {"year": …}
# What a township's books opened from the county file answer to an edit (and the console's
# status line, shortened, says while one is shown).
TOWNSHIP_READ_ONLY = (
    "这是县汇总文件中{place}的台账\uff0c只供查看\uff1b要修改\uff0c请在{place}自己的文件中修改后重新汇总"
)
TOWNSHIP_READ_ONLY_PREFIX = "这是县汇总文件中"


class CountyFileError(HzError):
    """The county file cannot be read as asked (message in Chinese)."""


@dataclass(frozen=True)
class Township:
    """A township rolled up into a county file."""

    file_id: str
    office: str
    place: str


def is_county(db: Database) -> bool:
    """Whether `db` is a county roll-up file (made by `hzconsole rollup`)."""
    return db.get_setting(COUNTY_SETTING) is not None


def county_year(db: Database) -> int | None:
    """The year the county file was last rolled up for."""
    value = db.get_setting(COUNTY_SETTING)
    year = value.get("year") if isinstance(value, dict) else None
    return int(year) if isinstance(year, int) else None


def township(db: Database, file_id: str) -> Township:
    row = db.query("SELECT file_id, office, place FROM county_townships WHERE file_id = ?", (file_id,))
    if not row:
        raise CountyFileError("县汇总文件中没有这个乡镇\u3002")
    return Township(row[0][0], row[0][1], row[0][2])


def view_sql(db: Database, file_id: str) -> tuple[str, ...]:
    """The statements that show `file_id`'s rows under the books' own names (TEMP views)."""
    quoted = file_id.replace("'", "''")
    out: list[str] = []
    for book in BOOK_TABLES:
        cols = ", ".join(r[1] for r in db.query(f"PRAGMA main.table_info(county_{book})") if r[1] != "township_id")
        out.append(f"DROP VIEW IF EXISTS temp.{book}")
        out.append(f"CREATE TEMP VIEW {book} AS SELECT {cols} FROM main.county_{book} WHERE township_id = '{quoted}'")
    return tuple(out)


def drop_views(db: Database) -> None:
    for book in BOOK_TABLES:
        db.conn.execute(f"DROP VIEW IF EXISTS temp.{book}")


def open_township(county: Path, file_id: str) -> tuple[Database, Township]:
    """The county file opened read-only as the books of one of its townships (the county
    clerk's console): its readers, and every reader() of it, see only that township."""
    db = open_database(county, readonly=True)
    try:
        if not is_county(db):
            raise CountyFileError(f"「{county.name}」不是县汇总文件\uff08县汇总文件由汇总各乡镇的文件生成\uff09\u3002")
        town = township(db, file_id)
        db.view_sql = view_sql(db, file_id)
        for sql in db.view_sql:
            db.conn.execute(sql)
    except BaseException:
        db.close()
        raise
    db.readonly_reason = TOWNSHIP_READ_ONLY.format(place=town.place)
    return db, town


def townships(db: Database) -> list[Township]:
    """The townships of a county file, in the order of their names."""
    rows = db.query("SELECT file_id, office, place FROM county_townships ORDER BY place")
    return [Township(r[0], r[1], r[2]) for r in rows]


def freshness(db: Database) -> dict[str, tuple[str, str]]:
    """file_id → (the township file's last change, when it was rolled up): how fresh each
    township's figures are."""
    rows = db.query("SELECT file_id, last_change, rolled_at FROM county_townships")
    return {r[0]: (r[1] or "", r[2] or "") for r in rows}
