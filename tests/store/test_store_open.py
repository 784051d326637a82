"""Opening a file: what ours looks like, and every kind of file we refuse or open read-only.

Each bad case must leave the file byte-identical and nothing beside it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from storehelp import leftovers, sha

from hzconsole.books.rivers import rivers
from hzconsole.store import messages as msg
from hzconsole.store.check import check_file
from hzconsole.store.database import create_database, open_database
from hzconsole.store.errors import FileMissingError, NotOurFileError, ReadOnlyError, StoreError
from hzconsole.store.header import APPLICATION_ID
from hzconsole.store.migrations import SCHEMA_VERSION


def test_new_file_identifies_itself_and_uses_rollback_journal(tmp_path: Path) -> None:
    path = tmp_path / "河长办 U盘" / "2024 台账.db"
    path.parent.mkdir()
    with create_database(path, "樟树镇河长制办公室") as db:
        conn = db.conn
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 3  # EXTRA: the folder synced after the journal goes
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert db.get_setting("office_name") == "樟树镇河长制办公室"
        rivers.add(db, {"name": "青石河", "kind": "河流", "level": "乡级"})
        assert not db.readonly
    # Nothing but the .db (and no half-made temp file) beside it once closed.
    assert sorted(p.name for p in path.parent.iterdir()) == ["2024 台账.db"]
    with open_database(path) as db:
        assert [r.name for r in rivers.all(db)] == ["青石河"]


def test_create_refuses_to_overwrite_and_needs_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "台账.db"
    create_database(path, "办").close()
    before = sha(path)
    with pytest.raises(StoreError, match="已经存在"):
        create_database(path, "办")
    assert sha(path) == before
    with pytest.raises(StoreError, match="不存在"):
        create_database(tmp_path / "没有这个文件夹" / "a.db", "办")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="找不到文件"):
        open_database(tmp_path / "没有 这个.db")
    with pytest.raises(NotOurFileError, match="文件夹"):
        open_database(tmp_path)


# -- files we refuse -----------------------------------------------------------------------


def _text_file(path: Path, demo: Path) -> None:
    path.write_text("姓名,电话\n张三,13800000000\n", encoding="utf-8")


def _empty(path: Path, demo: Path) -> None:
    path.write_bytes(b"")


def _header_only(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[:60])


def _truncated(path: Path, demo: Path) -> None:
    data = demo.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a copy cut off half way


def _truncated_one_page(path: Path, demo: Path) -> None:
    data = demo.read_bytes()
    path.write_bytes(data[:-4096])


def _corrupt_schema_page(path: Path, demo: Path) -> None:
    data = bytearray(demo.read_bytes())
    data[100:4000] = bytes((i * 37 + 11) % 256 for i in range(3900))  # page 1 after the header
    path.write_bytes(bytes(data))


def _garbage_header(path: Path, demo: Path) -> None:
    data = bytearray(demo.read_bytes())
    data[16:18] = b"\x03\x00"  # page size 768: not a power of two
    path.write_bytes(bytes(data))


def _foreign(path: Path, demo: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '13800000000')")
    conn.commit()
    conn.close()


def _foreign_no_id(path: Path, demo: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE rivers (id TEXT PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


BAD_FILES: list[tuple[str, Callable[[Path, Path], None], type, str]] = [
    ("text", _text_file, NotOurFileError, "不是河长办数据文件"),
    ("empty", _empty, NotOurFileError, "是空的"),
    ("header_only", _header_only, NotOurFileError, "不是河长办数据文件"),
    ("truncated_half", _truncated, NotOurFileError, "不完整"),
    ("truncated_last_page", _truncated_one_page, NotOurFileError, "不完整"),
    ("corrupt_page_1", _corrupt_schema_page, NotOurFileError, "已损坏"),
    ("bad_page_size", _garbage_header, NotOurFileError, "不是河长办数据文件"),
    ("foreign_sqlite", _foreign, NotOurFileError, "其他软件的数据库"),
    ("foreign_sqlite_no_app_id", _foreign_no_id, NotOurFileError, "其他软件的数据库"),
]


@pytest.mark.parametrize("make, error, words", [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_untouched(
    make: Callable[[Path, Path], None], error: type, words: str, demo_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "坏 文件" / "2024 台账.db"
    path.parent.mkdir()
    make(path, demo_path)
    before = sha(path)
    for readonly in (False, True):
        with pytest.raises(error) as info:
            open_database(path, readonly=readonly)
        assert words in info.value.message
        assert "没有被改动" in info.value.message or "是空的" in info.value.message
    report = check_file(path)
    assert not report.healthy and words in report.problems[0]
    assert sha(path) == before
    assert leftovers(path) == []


def test_corrupt_data_page_is_reported_not_crashing(demo_path: Path) -> None:
    """A damaged page deep in the file: reading it gives the Chinese message, `check` fails,
    and not a byte changes (opening does not scan the whole file: that would cost seconds on
    a ten-year file)."""
    conn = sqlite3.connect(demo_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'patrols'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(demo_path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    before = sha(demo_path)
    with open_database(demo_path) as db:
        with pytest.raises(StoreError) as info:
            db.query("SELECT * FROM patrols")
        assert info.value.message == msg.CORRUPT.format(name=demo_path.name)
    report = check_file(demo_path)
    assert not report.healthy
    assert sha(demo_path) == before
    assert leftovers(demo_path) == []


# -- files we open read-only ---------------------------------------------------------------


def _assert_read_only(path: Path, reason_words: str) -> None:
    before = sha(path)
    with open_database(path) as db:
        assert db.readonly
        assert reason_words in (db.readonly_reason or "")
        assert rivers.count(db) >= 1  # it can be read
        with pytest.raises(ReadOnlyError, match="只能查看"):
            rivers.add(db, {"name": "新河", "kind": "河流", "level": "村级"})
    assert sha(path) == before
    assert leftovers(path) == []


def test_newer_version_opens_read_only_with_message(demo_path: Path) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _assert_read_only(demo_path, "较新版本")
    report = check_file(demo_path)
    assert report.healthy
    assert any("较新版本" in f for f in report.facts)


def test_read_only_file_opens_read_only(demo_path: Path) -> None:
    # Works as root too: a file with every write bit cleared is read-only by intent.
    demo_path.chmod(0o444)
    try:
        _assert_read_only(demo_path, "只读")
    finally:
        demo_path.chmod(0o644)


def test_read_only_folder_opens_read_only(demo_path: Path) -> None:
    # The journal goes beside the file: a folder we cannot write means read-only.
    folder = demo_path.parent
    folder.chmod(0o555)
    try:
        _assert_read_only(demo_path, "只读")
    finally:
        folder.chmod(0o755)


def test_older_file_on_read_only_folder_is_not_migrated(tmp_path: Path) -> None:
    """An older file that cannot be written is refused with a message, not half-upgraded."""
    from hzconsole.store.migrations import Migration, load_migrations

    path = tmp_path / "ro" / "旧.db"
    path.parent.mkdir()
    create_database(path, "办").close()
    newer = [*load_migrations(), Migration(SCHEMA_VERSION + 1, "extra", "CREATE TABLE extra (x);")]
    path.chmod(0o444)
    before = sha(path)
    try:
        with pytest.raises(StoreError, match="旧版本格式"):
            open_database(path, migrations=newer)
    finally:
        path.chmod(0o644)
    assert sha(path) == before


def test_requested_read_only(demo_path: Path) -> None:
    before = sha(demo_path)
    with open_database(demo_path, readonly=True) as db:
        assert db.readonly_reason == msg.RO_REQUESTED
        with pytest.raises(ReadOnlyError), db.transaction():
            pass
    assert sha(demo_path) == before


# -- one writer ----------------------------------------------------------------------------


def test_file_open_in_another_process_opens_read_only(demo_path: Path, holder) -> None:
    with holder(demo_path) as seen:
        assert seen == "writer"
        before = sha(demo_path)
        with open_database(demo_path) as db:
            assert db.readonly_reason == msg.RO_OPEN_ELSEWHERE
            assert rivers.count(db) == 20
            with pytest.raises(ReadOnlyError):
                rivers.add(db, {"name": "新河", "kind": "河流", "level": "村级"})
        assert sha(demo_path) == before
    # The other console closed: we are the writer now.
    with open_database(demo_path) as db:
        assert not db.readonly
    assert leftovers(demo_path) == []


def test_other_process_sees_our_writer(demo_path: Path, holder) -> None:
    with open_database(demo_path) as db:
        assert not db.readonly
        with holder(demo_path) as seen:
            assert seen == "readonly"
    with holder(demo_path) as seen:
        assert seen == "writer"


def test_second_open_in_this_process_does_not_drop_the_writer_lock(demo_path: Path, holder) -> None:
    """Closing any descriptor of a file drops a process's POSIX locks: a read-only open and
    close in the same process (a check, a second window) must not free the writer lock."""
    with open_database(demo_path) as writer:
        second = open_database(demo_path)
        assert second.readonly_reason == msg.RO_OPEN_ELSEWHERE
        second.close()
        check_file(demo_path)
        open_database(demo_path, readonly=True).close()
        with holder(demo_path) as seen:
            assert seen == "readonly"
        assert not writer.readonly


def test_a_closed_database_refuses_use_and_frees_its_file(tmp_path: Path) -> None:
    """Use after close is a bug that says so (not an AttributeError on None); closing twice
    is harmless; once closed, the file is free for the next writer in this process."""
    path = tmp_path / "台账.db"
    db = create_database(path, "樟树镇河长制办公室")
    db.close()
    db.close()
    with pytest.raises(RuntimeError, match="closed"):
        db.query("SELECT 1")
    with open_database(path) as again:
        assert again.readonly_reason is None


def test_a_file_in_use_is_not_overwritten(demo_path: Path, holder, capsys) -> None:
    from hzconsole.cli import main

    before = sha(demo_path)
    with holder(demo_path) as seen:
        assert seen == "writer"
        with pytest.raises(StoreError, match="正在被 hzconsole 使用"):
            create_database(demo_path, "新办", overwrite=True)
        assert main(["demo", str(demo_path), "--force"]) == 1
        assert "正在被 hzconsole 使用" in capsys.readouterr().err
    assert sha(demo_path) == before
    with create_database(demo_path, "新办", overwrite=True) as db:  # closed elsewhere: allowed
        assert rivers.count(db) == 0


# -- paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2024 台账.db", "河长办#1 (备份)?.db", "台 账 %20 名录.sqlite"])
def test_chinese_paths_with_spaces_and_uri_characters(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "E盘" / "河长办 资料"
    folder.mkdir(parents=True)
    path = folder / name
    with create_database(path, "樟树镇河长制办公室") as db:
        rivers.add(db, {"name": "锦江", "kind": "河流", "level": "县级"})
    with open_database(str(path)) as db:  # a str path works as well as a Path
        assert [r.name for r in rivers.all(db)] == ["锦江"]
    assert check_file(path).healthy
    assert sorted(os.listdir(folder)) == [name]
    moved = shutil.move(path, folder / "改名后 的文件.db")
    with open_database(moved) as db:  # a renamed copy keeps working
        assert rivers.count(db) == 1
