"""The smaller data-safety points of issue 11: durability of what is reported done (4) and
point 8 (bad settings, backup folder and permissions, leftovers of killed runs, check on an
older file, a folder given as the file)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from hzconsole.books.rivers import rivers
from hzconsole.store import messages as msg
from hzconsole.store.backup import folder_for, list_backups, make_backup, restore
from hzconsole.store.check import check_file
from hzconsole.store.database import create_database, open_database
from hzconsole.store.migrations import MIGRATIONS, SCHEMA_VERSION
from hzconsole.store.paths import backups_dir

CLI = "import sys; from hzconsole.cli import main; sys.exit(main())"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions, /proc and SIGKILL")


def cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CLI, *map(str, args)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        cwd=cwd,
    )


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "U盘" / "台账.db"
    path.parent.mkdir()
    with create_database(path, "樟树镇河长制办公室") as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
    return path


# -- 4. durability --------------------------------------------------------------------------


@pytest.fixture
def synced(monkeypatch) -> list[str]:
    """The paths os.fsync was called on (read from /proc at the call): the OS call is
    watched, the files are real."""
    seen: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


@posix_only
def test_documents_ledgers_restores_and_new_files_are_synced_with_their_folder(
    small: Path, tmp_path: Path, synced: list[str]
) -> None:
    from hzconsole.documents import generate_document
    from hzconsole.ledgers import export_ledger

    out = tmp_path / "公文"
    out.mkdir()
    with open_database(small) as db:
        doc = generate_document(db, "notice", out / "通知.docx", title="关于巡河的通知", body="请巡河。")
        assert str(out) in synced and any(p.endswith(".tmp.docx") for p in synced)
        synced.clear()
        export_ledger(db, "rivers", out / "河湖.xlsx")
        assert str(out) in synced and any(p.endswith(".xlsx") for p in synced)
        backup = make_backup(db, "手动")
    assert doc.path.exists()
    synced.clear()
    restore(backup, small)
    assert str(small.parent) in synced and any(p.endswith(".restoring") for p in synced)
    synced.clear()
    create_database(tmp_path / "新.db", "办").close()
    assert str(tmp_path) in synced and any(p.endswith(".creating") for p in synced)


def test_commits_sync_the_folder_after_the_journal_goes(small: Path) -> None:
    with open_database(small) as db:
        assert db.conn.execute("PRAGMA synchronous").fetchone()[0] == 3  # EXTRA


# -- 8. settings, backups ---------------------------------------------------------------------


def test_a_bad_backup_keep_falls_back_with_a_message(small: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(small)
    conn.execute("UPDATE settings SET value = '\"abc\"' WHERE key = 'backup_keep'")
    conn.execute("INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES ('backup_keep', '\"abc\"', '')")
    conn.commit()
    conn.close()
    run = cli("backup", small)
    assert run.returncode == 0, run.stderr
    assert "保留备份份数" in run.stderr and "abc" in run.stderr and "30" in run.stderr
    assert "Traceback" not in run.stderr
    from hzconsole.books.settings import load_settings_checked

    with open_database(small, readonly=True) as db:
        settings, problems = load_settings_checked(db)
    assert settings.backup_keep == 30 and len(problems) == 1 and "保留备份份数" in problems[0]


@pytest.mark.parametrize("file_id", ["../../..", "..\\..\\x", "/etc", "", "a/../../b"])
def test_a_file_id_cannot_move_backups_out_of_their_folder(small: Path, file_id: str) -> None:
    with open_database(small) as db:
        with db.transaction():
            db.set_setting("file_id", file_id)
        copy = make_backup(db, "手动")
    root = backups_dir().resolve()
    assert copy.resolve().parent.parent == root
    assert list_backups(copy.parent)[0].path == copy


@posix_only
def test_backups_are_for_the_owner_only(small: Path) -> None:
    with open_database(small) as db:
        copy = make_backup(db, "手动")
        folder = folder_for(db)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(backups_dir().stat().st_mode) == 0o700


# -- 8. leftovers of killed runs ---------------------------------------------------------------


@posix_only
def test_leftovers_of_killed_runs_are_cleaned_and_live_ones_kept(small: Path, tmp_path: Path) -> None:
    from hzconsole.documents import generate_document

    gone = dead_pid()
    live = os.getppid()
    folder = small.parent
    dead = [
        folder / f".{small.name}.{gone}.creating",
        folder / f".{small.name}.{gone}.restoring",
        folder / f".{small.name}.restoring",
        folder / f".通知.{gone}.tmp.docx",
    ]
    kept = [folder / f".{small.name}.{live}.creating", folder / f".通知.{live}.tmp.docx"]
    for p in dead + kept:
        p.write_bytes(b"half")
    with open_database(small) as db:
        generate_document(db, "notice", folder / "通知.docx", title="关于巡河的通知", body="请巡河。")
        restore_src = make_backup(db, "手动")
    restore(restore_src, small)
    assert [p.name for p in dead if p.exists()] == []
    assert all(p.exists() for p in kept)


@posix_only
def test_a_demo_killed_half_way_leaves_no_file_under_its_name(tmp_path: Path) -> None:
    target = tmp_path / "演示.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", CLI, "demo", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    while "巡河台账" not in proc.stdout.readline():  # half way through the build
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    assert not target.exists()
    run = cli("demo", target)  # the next run cleans up and builds it whole
    assert run.returncode == 0, run.stderr
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_half_made_demo_file_is_built_again(monkeypatch, data_dir: Path) -> None:
    from hzconsole.cli.console import demo_file

    path = data_dir / "演示-青石镇.db"
    create_database(path, "青石镇河长制办公室").close()  # what an older version left when killed
    assert demo_file() == path
    with open_database(path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM rivers") > 0


# -- 8. check on an older file, a folder given as the file ----------------------------------------


@pytest.mark.skipif(SCHEMA_VERSION < 2, reason="needs a shipped migration after the first")
def test_check_on_an_older_file_says_an_open_upgrades_it(tmp_path: Path) -> None:
    path = tmp_path / "旧.db"
    with create_database(path, "办", migrations=MIGRATIONS[:1]) as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
    report = check_file(path)
    assert report.healthy, report.problems
    assert msg.OLD_FORMAT_CHECKED.format(version=1, ours=SCHEMA_VERSION) in report.facts
    assert not any("复制到可写的位置" in f for f in report.facts + report.problems)
    run = cli("check", path)
    assert run.returncode == 0 and "打开时会先自动备份" in run.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "{dir}"),
        ("stats", "{dir}"),
        ("backup", "{dir}"),
        ("restore", "{dir}"),
        ("init", "{dir}", "--office", "办"),
        ("doc", "notice", "--db", "{dir}", "--title", "x", "--body", "y"),
        ("ledger", "rivers", "--db", "{dir}", "-o", "x.xlsx"),
    ],
)
def test_a_folder_given_as_the_file_is_told_in_chinese(tmp_path: Path, args: tuple[str, ...]) -> None:
    folder = tmp_path / "河长办"
    folder.mkdir()
    run = cli(*(a.format(dir=folder) for a in args), cwd=tmp_path)
    assert run.returncode != 0
    assert "文件夹" in run.stderr, run.stderr
    assert "directory" not in run.stderr and "Traceback" not in run.stderr


def test_a_damaged_backup_is_not_restored(small: Path) -> None:
    from hzconsole.store.errors import StoreError
    from hzconsole.store.header import read_header

    with open_database(small) as db:
        with db.transaction():
            for i in range(400):
                db.set_setting(f"bench{i}", "备注" * 200)  # pages enough to damage one
        copy = make_backup(db, "手动")
    header = read_header(copy)
    with open(copy, "r+b") as fh:
        fh.seek((header.page_count // 2) * header.page_size)
        fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff")
    before = small.read_bytes()
    with pytest.raises(StoreError, match="已损坏"):
        restore(copy, small)
    assert small.read_bytes() == before


@pytest.mark.skipif(SCHEMA_VERSION < 2, reason="needs a shipped migration after the first")
def test_a_read_of_an_older_file_upgrades_it_first(tmp_path: Path) -> None:
    """`stats` (a read) on a file of an earlier version works: it is upgraded after a
    backup, as opening it in the console would."""
    path = tmp_path / "旧.db"
    with create_database(path, "办", migrations=MIGRATIONS[:1]) as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
    run = cli("stats", path, "--year", "2024")
    assert run.returncode == 0, run.stderr
    with open_database(path, readonly=True) as db:
        assert db.schema_version == SCHEMA_VERSION
        assert any(b.reason == "升级前v1" for b in list_backups(folder_for(db)))


@pytest.mark.skipif(SCHEMA_VERSION < 2, reason="needs a shipped migration after the first")
def test_a_backup_of_an_earlier_version_is_restored_and_never_changed(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "台账.db"
    with create_database(path, "办", migrations=MIGRATIONS[:1]) as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
    with open_database(path) as db:  # upgraded, after a backup of the old version
        old = next(b.path for b in list_backups(folder_for(db)) if b.reason == "升级前v1")
        rivers.add(db, {"name": "白沙河", "kind": "河流", "level": "乡级"})
    digest = hashlib.sha256(old.read_bytes()).hexdigest()
    restore(old, path)
    assert hashlib.sha256(old.read_bytes()).hexdigest() == digest
    assert check_file(path).healthy
    with open_database(path) as db:
        assert db.schema_version == SCHEMA_VERSION and rivers.count(db) == 1
