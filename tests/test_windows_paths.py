"""Windows paths, checked on Linux with PureWindowsPath: drive letters, shares (\\\\server),
the long-path prefix, names with spaces and Chinese, a stick back under another letter,
the file shown on the status line, and the command line `hzconsole serve` runs per tab."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from hzconsole.store.paths import on_other_drives, sqlite_uri

W = PureWindowsPath


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        (W(r"E:\河长办\2024 台账.db"), "file:///E:/%E6%B2%B3%E9%95%BF%E5%8A%9E/2024%20%E5%8F%B0%E8%B4%A6.db?mode=rw"),
        (W(r"e:\a.db"), "file:///e:/a.db?mode=rw"),
        # A share: no authority (SQLite refuses one), the whole UNC path after file://
        (
            W(r"\\水利站\共享\台账.db"),
            "file:////%E6%B0%B4%E5%88%A9%E7%AB%99/%E5%85%B1%E4%BA%AB/%E5%8F%B0%E8%B4%A6.db?mode=rw",
        ),
        (W(r"\\?\E:\很长的路径\a.db"), "file:///E:/%E5%BE%88%E9%95%BF%E7%9A%84%E8%B7%AF%E5%BE%84/a.db?mode=rw"),
        (W(r"\\?\UNC\server\share\a.db"), "file:////server/share/a.db?mode=rw"),
        # Characters SQLite would read as the query, the fragment or an escape
        (W(r"D:\台账#1?%.db"), "file:///D:/%E5%8F%B0%E8%B4%A6%231%3F%25.db?mode=rw"),
        (PurePosixPath("/media/u盘/台账 2024.db"), "file:///media/u%E7%9B%98/%E5%8F%B0%E8%B4%A6%202024.db?mode=rw"),
    ],
)
def test_sqlite_uri(path, uri):
    assert sqlite_uri(path, "rw") == uri


def test_pathlibs_own_uri_of_a_share_has_an_authority():
    """Why sqlite_uri exists: SQLite answers 'invalid uri authority' to this."""
    assert W(r"\\server\share\a.db").as_uri().startswith("file://server/")
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file://server/share/a.db?mode=ro", uri=True)


@pytest.mark.parametrize("name", ["2024 台账.db", "台账#1.db", "百分之100%.db", "问号?.db"])
def test_real_files_with_awkward_names_open_through_the_uri(tmp_path: Path, name: str):
    path = tmp_path / "河长办 数据" / name
    path.parent.mkdir()
    conn = sqlite3.connect(sqlite_uri(path, "rwc"), uri=True)
    conn.execute("create table t(x)")
    conn.close()
    assert path.exists() and sorted(p.name for p in path.parent.iterdir()) == [name]
    assert sqlite3.connect(sqlite_uri(path, "ro"), uri=True).execute("select count(*) from t").fetchone() == (0,)


def test_a_stick_back_under_another_letter_is_found():
    on = {W(r"F:\河长办\2024 台账.db")}
    exists = on.__contains__
    assert on_other_drives(W(r"E:\河长办\2024 台账.db"), "DEFG", exists) == W(r"F:\河长办\2024 台账.db")
    assert on_other_drives(W(r"e:\河长办\2024 台账.db"), ["f"], exists) == W(r"F:\河长办\2024 台账.db")
    # Two sticks with the same folder: a guess, so none
    two = {W(r"F:\河长办\2024 台账.db"), W(r"G:\河长办\2024 台账.db")}
    assert on_other_drives(W(r"E:\河长办\2024 台账.db"), "DEFG", two.__contains__) is None
    # Not the PC's own disk, not a share, not a POSIX path
    assert on_other_drives(W(r"C:\河长办\2024 台账.db"), "DEFG", lambda p: True) is None
    assert on_other_drives(W(r"E:\河长办\x.db"), "CDE", lambda p: str(p).startswith("C")) is None
    assert on_other_drives(W(r"\\server\share\x.db"), "DEFG", lambda p: True) is None
    assert on_other_drives(PurePosixPath("/media/x.db"), "DEFG", lambda p: True) is None


def test_recent_files_keep_windows_paths_as_written(data_dir):
    """The list is JSON of str(path): backslashes and Chinese survive a round trip."""
    import json

    from hzconsole import recent_files

    (data_dir / "recent.json").write_text(
        json.dumps({"files": [{"path": r"E:\河长办\2024 台账.db"}]}, ensure_ascii=False), "utf-8"
    )
    assert [str(p) for p in recent_files.load()] == [r"E:\河长办\2024 台账.db"]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (W(r"E:\河长办\台账.db"), r"E:\河长办\台账.db"),
        (W(r"E:\台账.db"), r"E:\台账.db"),
        (W(r"D:\工作\2024\河长办 资料\台账.db"), r"D:\..\河长办 资料\台账.db"),
        (W(r"\\水利站\共享\河长办\台账.db"), r"\\水利站\共享\河长办\台账.db"),
        (W(r"\\水利站\共享\2024\河长办\台账.db"), r"\\水利站\共享\..\河长办\台账.db"),
    ],
)
def test_the_status_line_shows_drive_folder_and_name(path, shown):
    from hzconsole.tui.widgets.chrome import short_path

    assert short_path(path) == shown


@pytest.mark.parametrize(
    ("python", "path", "windows", "command"),
    [
        (
            r"D:\河长办\hzconsole\venv\Scripts\python.exe",
            r"E:\河长办\2024 台账.db",
            True,
            r'D:\河长办\hzconsole\venv\Scripts\python.exe -m hzconsole "E:\河长办\2024 台账.db"',
        ),
        (
            r"C:\Program Files\hz\venv\Scripts\python.exe",
            r"\\水利站\共享\台账.db",
            True,
            r'"C:\Program Files\hz\venv\Scripts\python.exe" -m hzconsole \\水利站\共享\台账.db',
        ),
        (
            "/opt/hz/venv/bin/python",
            "/media/u盘/2024 台账.db",
            False,
            "/opt/hz/venv/bin/python -m hzconsole '/media/u盘/2024 台账.db'",
        ),
        ("/opt/hz/venv/bin/python", None, False, "/opt/hz/venv/bin/python -m hzconsole"),
    ],
)
def test_the_command_serve_runs_for_each_tab(python, path, windows, command):
    from hzconsole.cli.serve import app_command

    assert app_command(None if path is None else Path(path), python=python, windows=windows) == command


def test_the_writer_lock_byte_lies_in_sqlites_lock_byte_page(db):
    """Windows locks are mandatory: the byte msvcrt locks must hold no data SQLite reads,
    which is so while it falls in the page SQLite never uses (the one at 1 GiB)."""
    from hzconsole.store.locking import LOCK_OFFSET

    page_size = db.conn.execute("PRAGMA page_size").fetchone()[0]
    assert 0x40000000 + 512 <= LOCK_OFFSET < 0x40000000 + page_size
