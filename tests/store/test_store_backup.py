"""Backups on the PC: before the first write of each day, newest N kept, `hzconsole backup`
and `hzconsole restore`."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from storehelp import leftovers, sha

from hzconsole.books.rivers import rivers
from hzconsole.books.settings import save_settings
from hzconsole.cli import main
from hzconsole.store.backup import folder_for, list_backups, make_backup, restore
from hzconsole.store.database import create_database, open_database
from hzconsole.store.errors import StoreError
from hzconsole.store.header import APPLICATION_ID


def _river(db, name: str = "青石河") -> None:
    rivers.add(db, {"name": name, "kind": "河流", "level": "乡级"})


def _backups(path: Path):
    with open_database(path, readonly=True) as db:
        return list_backups(folder_for(db))


def _age(backup: Path, days: int) -> Path:
    """Rename a backup as if it had been taken `days` ago."""
    stamp = backup.stem.rsplit("_", 2)[1]
    old = (datetime.strptime(stamp, "%Y%m%d-%H%M%S") - timedelta(days=days)).strftime("%Y%m%d-%H%M%S")
    target = backup.with_name(backup.name.replace(stamp, old))
    backup.rename(target)
    return target


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "河长办 U盘" / "2024 台账.db"
    path.parent.mkdir()
    create_database(path, "樟树镇河长制办公室").close()
    return path


def test_first_write_of_the_day_only(path: Path, data_dir: Path) -> None:
    assert _backups(path) == []
    with open_database(path) as db:
        assert _backups(path) == []  # opening alone backs up nothing
        _river(db, "一")
        first = db.last_backup
        assert first is not None and first.is_relative_to(data_dir)
        _river(db, "二")
        _river(db, "三")
    with open_database(path) as db:
        _river(db, "四")
    backups = _backups(path)
    assert [b.path for b in backups] == [first]
    assert backups[0].reason == "每日"
    # The backup is the file as it was before the day's first write.
    with open_database(first, readonly=True) as copy:
        assert rivers.count(copy) == 0
        assert copy.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_next_day_backs_up_again(path: Path) -> None:
    with open_database(path) as db:
        _river(db, "一")
        yesterday = _age(db.last_backup, 1)
        # A console left open past midnight: its next write is the new day's first.
        db._backup_day = (datetime.now() - timedelta(days=1)).date().isoformat()
        _river(db, "二")
        today = db.last_backup
    assert today != yesterday
    assert [b.path for b in _backups(path)] == [today, yesterday]
    with open_database(today, readonly=True) as copy:
        assert [r.name for r in rivers.all(copy)] == ["一"]


def test_newest_n_are_kept(path: Path) -> None:
    with open_database(path) as db:
        save_settings(db, {"backup_keep": 3})
        made = [make_backup(db, reason="手动") for _ in range(5)]  # within one second
        kept = list_backups(folder_for(db))
    assert [b.path for b in kept] == made[::-1][:3]
    assert all(not p.exists() for p in made[:2])


def test_copies_of_one_file_share_their_backup_folder(path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "复制 到电脑.db"
    shutil.copyfile(path, copy)
    with open_database(path) as a, open_database(copy) as b:
        assert folder_for(a).name.split("-")[-1] == folder_for(b).name.split("-")[-1] == a.file_id[:8]


# -- CLI ------------------------------------------------------------------------------------


def test_backup_command(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", str(path)]) == 0
    out = capsys.readouterr().out
    assert "已备份到" in out and "手动" in out
    assert main(["backup", str(path), "--list"]) == 0
    assert "1." in capsys.readouterr().out
    assert main(["backup", str(path.with_name("没有.db"))]) == 1
    assert "找不到文件" in capsys.readouterr().err


def test_restore_command_lists_restores_and_keeps_a_safety_copy(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_database(path) as db:
        _river(db, "恢复前就有")
        save_settings(db, {"backup_keep": 10})
    assert main(["backup", str(path)]) == 0
    with open_database(path) as db:
        _river(db, "误操作")
    capsys.readouterr()
    assert main(["restore", str(path)]) == 0  # no backup given: list them
    assert "hzconsole restore" in capsys.readouterr().out
    assert main(["restore", str(path), "1", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "已恢复" in out and "恢复前的文件已另存为" in out
    with open_database(path) as db:
        assert [r.name for r in rivers.all(db)] == ["恢复前就有"]
    # The replaced content is itself a backup: restoring it undoes the restore.
    safety = [b for b in _backups(path) if b.reason == "恢复前"]
    assert len(safety) == 1
    assert main(["restore", str(path), str(safety[0].path), "-y"]) == 0
    with open_database(path) as db:
        assert sorted(r.name for r in rivers.all(db)) == ["恢复前就有", "误操作"]
    assert leftovers(path) == []
    assert main(["restore", str(path), "99", "-y"]) == 1
    assert "没有序号为 99 的备份" in capsys.readouterr().err


def test_restore_refuses_while_another_process_is_the_writer(
    path: Path, holder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(path)]) == 0
    before = sha(path)
    with holder(path) as seen:
        assert seen == "writer"
        capsys.readouterr()
        assert main(["restore", str(path), "1", "--yes"]) == 1
        assert "正在被 hzconsole 使用" in capsys.readouterr().err
    assert sha(path) == before


def test_restore_refuses_what_is_not_a_backup(path: Path, tmp_path: Path) -> None:
    junk = tmp_path / "照片.db"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a database" * 10)
    before = sha(path)
    with pytest.raises(StoreError, match="不是河长办数据文件"):
        restore(junk, path)
    with pytest.raises(StoreError, match="找不到备份文件"):
        restore(tmp_path / "没有.db", path)
    assert sha(path) == before


HANGER = r"""
import sys, time
from hzconsole.store.database import open_database
db = open_database(sys.argv[1])
db.conn.execute("PRAGMA cache_size = 1")
with db.transaction():
    for i in range(1500):
        db.insert("rivers", {"name": f"未提交{i}", "kind": "河流", "level": "村级", "notes": "备注" * 100})
    print("inside", flush=True)
    time.sleep(60)
"""


def _hot_journal(path: Path) -> Path:
    proc = subprocess.Popen(
        [sys.executable, "-c", HANGER, str(path)], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    journal = Path(f"{path}-journal")
    assert journal.stat().st_size > 0
    return journal


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_hot_journal_of_the_replaced_file_is_not_replayed(path: Path, tmp_path: Path) -> None:
    with open_database(path) as db:
        _river(db, "备份里的河")
        backup = make_backup(db)
    journal = _hot_journal(path)
    # Keep the journal: replayed onto the restored file, it would write the old pages back.
    spare = tmp_path / "journal.bin"
    shutil.copyfile(journal, spare)

    restore(backup, path)
    assert leftovers(path) == []
    with open_database(path) as db:
        assert [r.name for r in rivers.all(db)] == ["备份里的河"]

    # Same with a replaced file too broken to open: its journal is dropped, not replayed.
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    shutil.copyfile(spare, journal)
    restore(backup, path)
    assert leftovers(path) == []
    with open_database(path) as db:
        assert [r.name for r in rivers.all(db)] == ["备份里的河"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
