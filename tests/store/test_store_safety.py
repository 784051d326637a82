"""Data safety under faults and hostile files (issue 11): a journal that is not the file's
own never rolls into it (1), nothing is written into a damaged file (3), a write cut off by
a full disk or a pulled stick is undone on the next open and told in Chinese (5)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from storehelp import sha

from hzconsole.books.models import Person
from hzconsole.books.rivers import rivers
from hzconsole.books.roster import people
from hzconsole.store import messages as msg
from hzconsole.store.check import check_file
from hzconsole.store.database import create_database, open_database
from hzconsole.store.errors import DamagedFileError, StoreError
from tests.faults import kill_inside_transaction

posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")

# Stops half way through a transaction big enough to have written pages to the file.

CLI = "import sys; from hzconsole.cli import main; sys.exit(main())"


def cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CLI, *map(str, args)], capture_output=True, text=True, env=os.environ.copy(), timeout=120
    )


def new_file(path: Path, office: str, n_people: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with create_database(path, office) as db:
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
        with db.transaction():
            for i in range(n_people):
                people.add(db, Person(name=f"河长{i}"))
    return path


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}-journal.*"))


def figures_text(path: Path) -> str:
    run = cli("stats", path, "--year", "2024")
    assert run.returncode == 0, run.stderr
    return run.stdout


def quick_check_ok(path: Path) -> bool:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()


# -- 1. a foreign journal ---------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("how", ["another office's file", "an older copy of this file", "a renamed file"])
def test_a_journal_that_is_not_the_files_own_never_rolls_into_it(tmp_path: Path, how: str) -> None:
    ours = new_file(tmp_path / "U盘" / "台账.db", "樟树镇河长制办公室", 40)
    if how == "another office's file":
        other = new_file(tmp_path / "别处" / "台账.db", "青石镇河长制办公室", 5)
    elif how == "an older copy of this file":
        # Two copies on one stick: the copy was written on twice since; its journal is stale.
        other = tmp_path / "副本" / "台账.db"
        other.parent.mkdir()
        shutil.copyfile(ours, other)
        for name in ("张三", "李四"):
            with open_database(ours) as db:
                people.add(db, Person(name=name))
    else:
        other = new_file(tmp_path / "旧名" / "旧台账.db", "樟树镇河长制办公室", 200)
    kill_inside_transaction(other)
    foreign = journal_of(other).read_bytes()
    shutil.copyfile(journal_of(other), journal_of(ours))
    before = sha(ours)

    run = cli("stats", ours, "--year", "2024")  # a read: it used to roll the journal in
    assert run.returncode == 0, run.stderr
    assert sha(ours) == before, "the file was changed"
    assert not journal_of(ours).exists()
    moved = aside(ours)
    assert len(moved) == 1 and moved[0].read_bytes() == foreign and "不属于本文件" in moved[0].name
    assert "撤销日志" in run.stderr and "文件保持原样" in run.stderr and moved[0].name in run.stderr
    assert "Traceback" not in run.stderr and "journal" not in run.stderr.replace(moved[0].name, "").replace(
        journal_of(ours).name, ""
    )
    assert quick_check_ok(ours)
    assert check_file(ours).healthy
    with open_database(ours) as db:  # and the console opens and writes as ever
        assert db.notices == []
        people.add(db, Person(name="王五"))


@posix_only
def test_the_console_open_moves_a_foreign_journal_aside_and_says_so(tmp_path: Path) -> None:
    ours = new_file(tmp_path / "U盘" / "台账.db", "樟树镇河长制办公室", 40)
    other = new_file(tmp_path / "别处" / "台账.db", "青石镇河长制办公室", 5)
    kill_inside_transaction(other)
    shutil.copyfile(journal_of(other), journal_of(ours))
    before = sha(ours)
    report = check_file(ours)  # check says what will happen, and changes nothing
    assert report.healthy, report.problems
    assert any("不属于本文件" in f for f in report.facts)
    assert sha(ours) == before and journal_of(ours).exists()
    with open_database(ours) as db:
        assert len(db.notices) == 1 and "文件保持原样" in db.notices[0]
        assert people.count(db) == 40
    assert sha(ours) == before


def test_a_journal_of_another_page_size_is_refused_by_its_header(tmp_path: Path) -> None:
    ours = new_file(tmp_path / "台账.db", "樟树镇河长制办公室", 3)
    # A journal header (SQLite's magic, then 1 record, nonce, 10 pages, sector 512, page 1024).
    head = (
        bytes.fromhex("d9d505f920a163d7")
        + (1).to_bytes(4, "big")
        + (7).to_bytes(4, "big")
        + (10).to_bytes(4, "big")
        + (512).to_bytes(4, "big")
        + (1024).to_bytes(4, "big")
    )
    journal_of(ours).write_bytes(head.ljust(512, b"\0") + b"\0\0\0\2" + b"x" * 1024 + b"\0\0\0\0")
    before = sha(ours)
    with open_database(ours, readonly=True) as db:
        assert people.count(db) == 3
        assert any("页大小" in n for n in db.notices)
    assert sha(ours) == before and len(aside(ours)) == 1


@posix_only
def test_the_files_own_journal_is_still_rolled_back_and_the_clerk_told(tmp_path: Path) -> None:
    ours = new_file(tmp_path / "U盘" / "台账.db", "樟树镇河长制办公室", 40)
    kill_inside_transaction(ours)
    run = cli("stats", ours, "--year", "2024")
    assert run.returncode == 0, run.stderr
    assert msg.JOURNAL_ROLLED_BACK.format(name=ours.name) in run.stderr.replace("\n", "")
    assert not journal_of(ours).exists() and aside(ours) == []
    with open_database(ours) as db:
        assert people.count(db) == 40 and db.notices == []


# -- 3. a damaged file ---------------------------------------------------------------------


def damage(path: Path) -> None:
    """Overwrite the headers of a few b-tree pages in the middle of the file."""
    from hzconsole.store.header import read_header

    header = read_header(path)
    with open(path, "r+b") as fh:
        for page in range(header.page_count // 3, header.page_count * 2 // 3, 5):
            fh.seek(page * header.page_size)
            fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff")


@pytest.fixture
def damaged(demo_path: Path) -> Path:
    damage(demo_path)
    assert not check_file(demo_path).healthy
    return demo_path


def test_no_write_goes_into_a_damaged_file(damaged: Path, tmp_path: Path) -> None:
    from hzconsole.documents import generate_document, make_draft

    before = sha(damaged)
    with open_database(damaged) as db:
        numbers = db.scalar("SELECT count(*) FROM documents")
        with pytest.raises(DamagedFileError) as err:
            people.add(db, Person(name="张三"))
        text = err.value.message
        assert "已损坏" in text and "hzconsole restore" in text and "hzconsole check" in text
        assert not any(
            ch.isascii() and ch.isalpha()
            for ch in text.replace("hzconsole restore", "")
            .replace("hzconsole check", "")
            .replace(str(damaged), "")
            .replace(damaged.name, "")
        )
        with pytest.raises(DamagedFileError):
            generate_document(db, "notice", tmp_path / "通知.docx", title="关于巡河的通知", body="请巡河。")
        with pytest.raises(DamagedFileError):
            make_draft(db, "notice", folder=tmp_path, title="关于巡河的通知", body="请巡河。")
    assert sha(damaged) == before
    assert not list(tmp_path.glob("*.docx"))
    with open_database(damaged, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM documents") == numbers


def test_doc_and_stats_on_a_damaged_file_fail_in_chinese(damaged: Path, tmp_path: Path) -> None:
    before = sha(damaged)
    run = cli(
        "doc",
        "notice",
        "--db",
        damaged,
        "-o",
        tmp_path / "通知.docx",
        "--title",
        "关于巡河的通知",
        "--body",
        "请巡河。",
    )
    assert run.returncode == 1 and "已损坏" in run.stderr and "文号" not in run.stdout
    run = cli("stats", damaged, "--year", "2024")
    assert run.returncode != 0 and "已损坏" in run.stderr and "巡河" not in run.stdout
    assert "Traceback" not in run.stderr
    assert sha(damaged) == before


# -- 5. a full disk, a pulled stick ---------------------------------------------------------


def test_a_full_disk_is_told_as_such_and_nothing_is_saved(tmp_path: Path) -> None:
    path = new_file(tmp_path / "台账.db", "樟树镇河长制办公室", 3)
    with open_database(path) as db:
        pages = db.scalar("PRAGMA page_count")
        # The medium holds two more pages: SQLite answers exactly as for a full disk (SQLITE_FULL).
        db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(StoreError) as err, db.transaction():
            for i in range(300):
                people.add(db, Person(name=f"河长{i}", notes="备注" * 200))
        assert err.value.message == msg.DISK_FULL.format(name=path.name)
    with open_database(path) as db:
        assert people.count(db) == 3


def test_a_pulled_stick_is_not_a_full_disk(tmp_path: Path) -> None:
    from hzconsole.store.database import os_error_message

    target = tmp_path / "通知.docx"
    full = os_error_message(OSError(28, "No space left on device"), target)
    pulled = os_error_message(OSError(5, "Input/output error"), target)
    assert "磁盘已满" in full and "U 盘可能已拔出" in pulled and full != pulled
    assert "No space" not in full and "Input/output" not in pulled


@posix_only
def test_an_import_cut_off_is_undone_on_the_next_open_and_the_clerk_told(tmp_path: Path) -> None:
    """An import killed (stick pulled, power cut) half way: the next open, even a read,
    restores the file from its journal and says so in Chinese, without a traceback."""
    path = new_file(tmp_path / "U盘" / "台账.db", "樟树镇河长制办公室", 10)
    before_count = 10
    kill_inside_transaction(path, rows=3000)
    run = cli("check", path)
    assert run.returncode == 0
    run = cli("backup", path)
    assert run.returncode == 0, run.stderr
    assert "上次的修改没有完成" in run.stderr and "撤销" in run.stderr
    assert "Traceback" not in run.stderr and "SQLite" not in run.stderr
    with open_database(path) as db:
        assert people.count(db) == before_count
