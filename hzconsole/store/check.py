"""`hzconsole check`: is the file healthy? Opens read-only and never changes a byte."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hzconsole.store import messages as msg
from hzconsole.store.errors import StoreError

# Consistency rules of the books SQL constraints cannot express: (query, message).
_BOOK_CHECKS = [
    ("SELECT number FROM problems WHERE status = '已销号' AND closed_date IS NULL", "问题 {0} 已销号但没有销号日期"),
    (
        "SELECT number FROM problems WHERE status IN ('已整改','已销号') AND fixed_date IS NULL AND closed_date IS "
        "NULL",
        "问题 {0} 已整改但没有整改完成日期",
    ),
    (
        "SELECT p.number FROM problems p WHERE p.status <> '待交办' AND NOT EXISTS"
        " (SELECT 1 FROM problem_events e WHERE e.problem_id = p.id)",
        "问题 {0} 的状态没有流转记录",
    ),
    (
        "SELECT a.id FROM appointments a JOIN segments s ON s.id = a.segment_id WHERE a.river_id <> s.river_id",
        "任职记录 {0} 的河段不属于其河湖",
    ),
    (
        "SELECT year || '年第' || seq || '号' FROM (SELECT year, seq, lag(seq) OVER (PARTITION BY year ORDER BY seq) "
        "AS prev"
        " FROM documents) WHERE seq <> coalesce(prev, 0) + 1",
        "发文登记 {0} 前有缺号",
    ),
]


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_file(path: str | Path) -> CheckReport:
    """Full check: header, SQLite integrity, foreign keys, and the books' own rules.

    Never changes a byte of the file. A file with an interrupted write (hot journal) is
    checked as it will be once SQLite has rolled that write back: on a copy of the file and
    its journal in a temporary folder.
    """
    from hzconsole.store.database import has_hot_journal
    from hzconsole.store.journal import foreign_reason

    path = Path(path)
    foreign = foreign_reason(path) if path.is_file() and has_hot_journal(path) else None
    if foreign:
        # Checked as it stands: the journal will be moved aside, never replayed into it.
        with tempfile.TemporaryDirectory(prefix="hzcheck-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            report = _check(copy, recover=False)
        report.path = path
        report.facts.append(
            msg.JOURNAL_FOREIGN_CHECKED.format(name=path.name, journal=path.name + "-journal", reason=foreign)
        )
        return report
    if path.is_file() and has_hot_journal(path):
        with tempfile.TemporaryDirectory(prefix="hzcheck-") as tmp:
            copy = Path(tmp) / path.name
            shutil.copyfile(path, copy)
            shutil.copyfile(path.with_name(path.name + "-journal"), copy.with_name(copy.name + "-journal"))
            report = _check(copy, recover=True)
        report.path = path
        report.facts.append(msg.HOT_JOURNAL_CHECKED_COPY)
        return report
    return _check(path, recover=False)


def _check(path: Path, *, recover: bool) -> CheckReport:
    from hzconsole.store.database import open_as_is
    from hzconsole.store.migrations import SCHEMA_VERSION

    report = CheckReport(path)
    try:
        # check opens read-only on purpose: an older file is checked as it is, and the
        # clerk told that an ordinary open upgrades it (after a backup).
        db = open_as_is(path, recover=recover)
    except StoreError as exc:
        report.problems.append(exc.message)
        return report
    if db.schema_version < SCHEMA_VERSION:
        report.facts.append(msg.OLD_FORMAT_CHECKED.format(version=db.schema_version, ours=SCHEMA_VERSION))
    try:
        conn = db.conn
        try:
            integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                report.problems.extend(f"数据库结构损坏：{line}" for line in integrity[:20])
                return report
            fk = conn.execute("PRAGMA foreign_key_check").fetchall()
            for row in fk[:20]:
                report.problems.append(f"表 {row[0]} 中有记录引用了不存在的 {row[2]} 记录")
            for sql, message in _BOOK_CHECKS:
                for row in conn.execute(sql).fetchall()[:20]:
                    report.problems.append(message.format(row[0]))
            from hzconsole.store.migrations import SCHEMA_VERSION

            report.facts.append(f"文件格式版本：{db.schema_version}（本程序：{SCHEMA_VERSION}）")
            counts = {
                "河湖": "rivers",
                "河段": "segments",
                "人员": "people",
                "任职记录": "appointments",
                "公示牌": "signboards",
                "巡河记录": "patrols",
                "问题": "problems",
                "任务": "tasks",
                "发文": "documents",
            }
            report.facts.append(
                "，".join(
                    f"{label} {conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]} 条"
                    for label, table in counts.items()
                )
            )
        except sqlite3.DatabaseError as exc:
            report.problems.append(f"读取文件时出错，文件可能已损坏：{exc}")
            return report
        # check itself opens read-only; say what a normal open would meet.
        from hzconsole.store.database import _writable
        from hzconsole.store.locking import is_locked_by_other
        from hzconsole.store.migrations import SCHEMA_VERSION

        if db.schema_version > SCHEMA_VERSION:
            report.facts.append(msg.RO_NEWER.format(version=db.schema_version, ours=SCHEMA_VERSION))
        if not _writable(path):
            report.facts.append(msg.RO_MEDIUM)
        elif is_locked_by_other(path):
            report.facts.append(msg.RO_OPEN_ELSEWHERE)
    finally:
        db.close()
    return report
