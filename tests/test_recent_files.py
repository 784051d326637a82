from hzconsole import recent_files


def test_recent_files_newest_first_missing_skipped(tmp_path, data_dir):
    a, b = tmp_path / "甲 台账.db", tmp_path / "乙.db"
    a.write_bytes(b"x")
    b.write_bytes(b"x")
    assert recent_files.load() == [] and recent_files.last() is None
    recent_files.remember(a)
    recent_files.remember(b)
    recent_files.remember(a)
    assert recent_files.load() == [a.resolve(), b.resolve()]
    a.unlink()
    assert recent_files.last() == b.resolve()
    (data_dir / "recent.json").write_text("{not json", "utf-8")
    assert recent_files.load() == []
