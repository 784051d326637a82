"""The county roll-up: the townships' files read (never written) into one county file.

The county file is an hzconsole file of its own (its office is the county's: its 文号， its
settings, its register), so the document machinery writes the county 通报 from it. Besides
its own (empty) books it holds, per township:
- county_townships: the township's identity (file_id, office), where its file was and the
  SHA-256 of the bytes read, and the figures of `hzconsole stats --json` for the year;
- county_<book> (rivers, patrols, problems …): the township's rows with a township_id.

These are derived data, rebuilt from the township files: written in one transaction per
township, not through the books and not in the change log (twenty ten-year townships would
put two million rows into it). Rolling up a newer file of a township replaces its rows.

A township file is opened read-only without recovery (a file with a cut-off write is
reported, not repaired: it is not ours to change) and read through SQLite's read-only mode,
so not a byte of it changes. A file that is not ours, broken, of another schema version, or
the county file itself is reported and skipped; the others go on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hzconsole import figures
from hzconsole.books.settings import load_settings, save_settings
from hzconsole.rules.compliance import by_level
from hzconsole.rules.periods import year_range
from hzconsole.store.database import BOOK_TABLES, Database, create_database, open_database
from hzconsole.store.digest import file_sha256
from hzconsole.store.errors import HzError
from hzconsole.store.migrations import SCHEMA_VERSION
from hzconsole.store.paths import sqlite_uri
from hzconsole.sync.copies import readable
from hzconsole.sync.county_file import COUNTY_SETTING, drop_views, view_sql

# Every book, the township's settings (its office, patrol norms) and narratives included.
ROLLED_BOOKS = BOOK_TABLES
COUNTY_RECIPIENTS = "各乡\uff08镇\uff09人民政府\u3001县河长制各成员单位"


class RollupError(HzError):
    """The roll-up cannot be made as asked (message in Chinese)."""


@dataclass(frozen=True)
class TownshipFigures:
    """One township's line of the county view."""

    file_id: str
    office: str
    place: str
    stats: dict[str, Any]
    source: str = ""

    @property
    def chiefs(self) -> int:
        return sum(lv["chiefs"] for lv in self.stats["compliance_by_level"])

    @property
    def compliant(self) -> int:
        return sum(lv["compliant"] for lv in self.stats["compliance_by_level"])

    @property
    def patrol_rate(self) -> float:
        """巡河达标率： chiefs meeting the patrol norms over chiefs assessed."""
        return self.compliant / self.chiefs if self.chiefs else 1.0

    @property
    def fix_rate(self) -> float:
        """问题整改率 as the township's own `stats` gives it."""
        return float(self.stats["fix_rate"])

    @property
    def overdue(self) -> int:
        return int(self.stats["problems_overdue"])


@dataclass
class TownshipRead:
    path: Path
    ok: bool
    message: str
    figures: TownshipFigures | None = None
    replaced: bool = False


@dataclass
class RollupResult:
    out: Path
    year: int
    townships: list[TownshipRead] = field(default_factory=list)

    @property
    def read(self) -> list[TownshipRead]:
        return [t for t in self.townships if t.ok]


def stats_of(db: Database, year: int, today: date | None = None) -> dict[str, Any]:
    """The figures of `hzconsole stats FILE --year Y --json`, as the CLI prints them."""
    start, end = year_range(year)
    data = figures.summary(db, start, end).to_dict()
    levels = by_level(figures.chief_compliance(db, start, end, as_of=today))
    data["compliance_by_level"] = [
        {"level": lv.level, "chiefs": lv.chiefs, "compliant": lv.compliant, "rate": round(lv.rate, 4)} for lv in levels
    ]
    return data


def place_of(office: str) -> str:
    for suffix in ("河湖长制办公室", "河长制办公室", "河长办公室", "河长办", "人民政府"):
        if office.endswith(suffix) and len(office) > len(suffix):
            return office[: -len(suffix)]
    return office


def _open_county(out: Path, office: str | None, code: str | None, year: int) -> Database:
    if out.exists():
        db = open_database(out)
        if db.get_setting(COUNTY_SETTING) is None:
            db.close()
            raise RollupError(f"「{out.name}」是乡镇的台账文件，不是县汇总文件。请换一个输出文件名。")
    else:
        db = create_database(out, office or "县河长制办公室")
        # A county office writes to the townships, not to villages.
        # Its own backups hold the townships' rows too (hundreds of MB): a few are enough, the
        # rows can be rolled up again from the townships' files.
        save_settings(db, {"default_recipients": COUNTY_RECIPIENTS, "backup_keep": 5})
    with db.transaction(actor="rollup"):
        db.set_setting(COUNTY_SETTING, {"year": year})
        if office:
            db.set_setting("office_name", office)
        if code:
            save_settings(db, {"doc_code": code})
        db._execute(
            "CREATE TABLE IF NOT EXISTS county_townships ("
            " file_id TEXT PRIMARY KEY, office TEXT NOT NULL, place TEXT NOT NULL, source_path TEXT NOT NULL,"
            " source_sha256 TEXT NOT NULL, source_size INTEGER NOT NULL, last_change TEXT,"
            " year INTEGER NOT NULL, stats TEXT NOT NULL, rolled_at TEXT NOT NULL)"
        )
        for book in ROLLED_BOOKS:
            db._execute(
                f"CREATE TABLE IF NOT EXISTS county_{book} AS SELECT '' AS township_id, * FROM main.{book} WHERE 0"
            )
            db._execute(
                f"CREATE INDEX IF NOT EXISTS county_{book}__pk ON county_{book} ({_book_indexes(db, book)[0][1]})"
            )
    return db


def _book_indexes(db: Database, book: str) -> list[tuple[str, str]]:
    """(name, columns) of the indexes the book's own table has, its primary key included,
    each after township_id: a township read through the county file's views joins its
    books by id and by the same keys as in its own file, always with township_id = ? (the
    views' condition; without township_id first SQLite scanned a township's people for each
    patrol, and the patrol list took 15 s instead of 0.7 s)."""
    out: list[tuple[str, str]] = []
    pk = [r[1] for r in sorted(db.query(f"PRAGMA main.table_info({book})"), key=lambda r: r[5]) if r[5]]
    if pk:
        out.append(("pk", ", ".join(["township_id", *pk])))
    for index in db.query(f"PRAGMA main.index_list({book})"):
        cols = [r[2] for r in db.query(f"PRAGMA main.index_info('{index[1]}')")]
        # An index on an expression has no column names: left out; the primary key's own
        # index (a TEXT id's sqlite_autoindex) is there already.
        if cols and all(cols) and ", ".join(["township_id", *cols]) not in (c for _n, c in out):
            out.append((str(index[1]).replace("sqlite_autoindex_", "auto_"), ", ".join(["township_id", *cols])))
    return out


def _read(path: Path, year: int, today: date | None) -> tuple[TownshipFigures, str | None]:
    """Identity, schema and figures of a township file, read-only; RollupError if unusable."""
    with open_database(path, readonly=True, recover=False, upgrade=False) as db:
        if db.schema_version != SCHEMA_VERSION:
            raise RollupError(
                f"文件版本为 {db.schema_version}，本程序为 {SCHEMA_VERSION}，请用同一版本的程序打开该文件后再汇总"
            )
        if db.get_setting(COUNTY_SETTING) is not None:
            raise RollupError("这是县汇总文件，不是乡镇的台账")
        if not db.file_id:
            raise RollupError("文件缺少身份标识（file_id），不是完整的台账文件")
        office = load_settings(db).office_name
        last = db.scalar("SELECT max(at) FROM change_log")
        stats = stats_of(db, year, today)
        return TownshipFigures(db.file_id, office, place_of(office), stats, str(path)), last


def rollup(
    paths: list[Path],
    out: Path,
    *,
    year: int | None = None,
    office: str | None = None,
    code: str | None = None,
    today: date | None = None,
) -> RollupResult:
    """Roll the township files at `paths` up into the county file `out` (created if new).

    Every file is reported (read, or skipped and why); the county keeps the townships
    rolled up before that are not among `paths`."""
    year = year or (today or date.today()).year
    out = Path(out)
    result = RollupResult(out, year)
    county = _open_county(out, office, code, year)
    # Many townships at once: their secondary indexes are built once at the end (sorted,
    # several times faster than kept up row by row); one newer township goes into them.
    if len(paths) > 1:
        _secondary_indexes(county, drop=True)
    try:
        seen: dict[str, Path] = {}
        for raw in paths:
            path = Path(raw)
            try:
                if path.exists() and out.exists() and os.path.samefile(path, out):
                    raise RollupError("这是输出的县汇总文件本身")
                digest = file_sha256(path) if path.is_file() else ""
                # A file of an older version is read from an upgraded temporary copy.
                with readable(path, recover=False) as source:
                    found, last = _read(source, year, today)
                    if found.file_id in seen:
                        raise RollupError(f"与「{seen[found.file_id]}」是同一乡镇的台账（同一文件的副本），只汇总一次")
                    seen[found.file_id] = path
                    replaced = _copy_in(county, source, path, found, digest, last, year)
                # The bytes read are the bytes of the file before and after: nothing wrote to it.
                if file_sha256(path) != digest:
                    raise RollupError("读取期间文件被其他程序改动了，请关闭其他程序后重新汇总")
                result.townships.append(TownshipRead(path, True, "已汇总", found, replaced))
            except (HzError, OSError) as exc:
                text = exc.message if isinstance(exc, HzError) else (exc.strerror or str(exc))
                result.townships.append(TownshipRead(path, False, text))
        _secondary_indexes(county)
    finally:
        county.close()
    return result


def _secondary_indexes(db: Database, *, drop: bool = False) -> None:
    """Create (or drop) the county tables' indexes other than (township_id, primary key),
    which the roll-up itself uses to replace a township's rows."""
    with db.transaction(actor="rollup"):
        for book in ROLLED_BOOKS:
            for name, cols in _book_indexes(db, book)[1:]:
                if drop:
                    db._execute(f"DROP INDEX IF EXISTS county_{book}__{name}")
                else:
                    db._execute(f"CREATE INDEX IF NOT EXISTS county_{book}__{name} ON county_{book} ({cols})")


def _copy_in(
    county: Database, source: Path, path: Path, found: TownshipFigures, digest: str, last: str | None, year: int
) -> bool:
    """The township's rows from `source` (its file, or an upgraded copy of it at `path`)."""
    uri = sqlite_uri(source.resolve(), "ro")
    county._execute("ATTACH DATABASE ? AS township", (uri,))
    try:
        with county.transaction(actor="rollup"):
            replaced = county.scalar("SELECT count(*) FROM county_townships WHERE file_id = ?", (found.file_id,)) > 0
            for book in ROLLED_BOOKS:
                cols = [r[1] for r in county.query(f"PRAGMA table_info(county_{book})") if r[1] != "township_id"]
                names = ", ".join(cols)
                county._execute(f"DELETE FROM county_{book} WHERE township_id = ?", (found.file_id,))
                county._execute(
                    f"INSERT INTO county_{book} (township_id, {names}) SELECT ?, {names} FROM township.{book}",
                    (found.file_id,),
                )
            county._execute(
                "INSERT OR REPLACE INTO county_townships (file_id, office, place, source_path, source_sha256,"
                " source_size, last_change, year, stats, rolled_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    found.file_id,
                    found.office,
                    found.place,
                    str(path),
                    digest,
                    path.stat().st_size,
                    last,
                    year,
                    json.dumps(found.stats, ensure_ascii=False),
                    datetime.now().isoformat(timespec="seconds"),
                ),
            )
    finally:
        county._execute("DETACH DATABASE township")
    return replaced


@contextmanager
def township_books(db: Database, file_id: str) -> Iterator[Database]:
    """The county file read as one township's file: TEMP views named like the books (and
    settings) show that township's rows of the county_<book> tables, and unqualified names
    resolve to the temp schema first, so every reader of the books (figures, ledgers,
    lists) reads that township, read-only (a view takes no writes). Not nested."""
    if db.scalar("SELECT count(*) FROM county_townships WHERE file_id = ?", (file_id,)) == 0:
        raise RollupError("县汇总文件中没有这个乡镇。")
    try:
        for sql in view_sql(db, file_id):
            db.conn.execute(sql)
        yield db
    finally:
        drop_views(db)


def county_figures(db: Database) -> list[TownshipFigures]:
    """The townships of a county file with their figures, in the order of their names."""
    if db.get_setting(COUNTY_SETTING) is None:
        raise RollupError(f"「{db.path.name}」不是县汇总文件\uff08县汇总文件由汇总各乡镇的文件生成\uff09。")
    rows = db.query("SELECT file_id, office, place, stats, source_path FROM county_townships ORDER BY place")
    return [TownshipFigures(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]


def ranked(townships: list[TownshipFigures]) -> list[TownshipFigures]:
    """Best first: 巡河达标率， then 问题整改率 (higher first), then fewer 超期问题."""
    return sorted(townships, key=lambda t: (-t.patrol_rate, -t.fix_rate, t.overdue, t.place))


def totals(townships: list[TownshipFigures]) -> dict[str, Any]:
    """The county's figures: counts summed, rates over the summed counts."""
    keys = (
        "rivers_total",
        "boards_total",
        "boards_stale",
        "patrols_total",
        "problems_found",
        "problems_fixed",
        "problems_closed",
        "problems_overdue",
        "problems_found_fixed",
        "tasks_total",
        "tasks_done",
        "chiefs_total",
    )
    out: dict[str, Any] = {k: sum(int(t.stats.get(k) or 0) for t in townships) for k in keys}
    out["patrol_km"] = round(sum(float(t.stats.get("patrol_km") or 0) for t in townships), 2)
    out["chiefs"] = sum(t.chiefs for t in townships)
    out["compliant"] = sum(t.compliant for t in townships)
    out["patrol_rate"] = out["compliant"] / out["chiefs"] if out["chiefs"] else 1.0
    found = out["problems_found"]
    out["fix_rate"] = out["problems_found_fixed"] / found if found else 1.0
    return out
