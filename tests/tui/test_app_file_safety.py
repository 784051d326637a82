"""The console on a file with a journal that is not its own (issue 11, point 1) or a damaged
file (point 3): it opens, the file stays byte-identical, and the clerk is told in Chinese."""

from __future__ import annotations

import hashlib
import os
import shutil

import pytest

from hzconsole.store.database import create_database
from tests.faults import kill_inside_transaction
from tests.tui.conftest import SIZE


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
async def test_the_console_opens_beside_a_foreign_journal_and_says_so(make_app, demo_path, tmp_path):
    other = tmp_path / "别处" / "台账.db"
    other.parent.mkdir()
    create_database(other, "别的镇河长制办公室").close()
    kill_inside_transaction(other)
    shutil.copyfile(f"{other}-journal", f"{demo_path}-journal")
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    app = make_app()
    seen: list[str] = []

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.db is not None and not app.db.readonly
        await pilot.press("5")  # a book opens and lists
        await pilot.pause()
        seen.extend(text for text, _severity in app.messages)  # the message line's log
    assert any("文件保持原样" in m for m in seen), seen
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    assert not demo_path.with_name(demo_path.name + "-journal").exists()


async def test_the_console_tells_at_once_that_a_file_is_damaged_and_saves_nothing(make_app, demo_path):
    from hzconsole.books.models import Person
    from hzconsole.books.roster import people
    from hzconsole.store.errors import DamagedFileError
    from hzconsole.store.header import read_header

    header = read_header(demo_path)
    with open(demo_path, "r+b") as fh:  # a few b-tree pages' headers overwritten
        for page in range(header.page_count // 3, header.page_count * 2 // 3, 5):
            fh.seek(page * header.page_size)
            fh.write(b"\x0d\xff\xff\xff\xff\xff\xff\xff")
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    app = make_app()
    seen: list[str] = []

    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):  # up to 10 s: the check runs after the first paint
            await pilot.pause(0.05)
            if any("已损坏" in text for text, _s in app.messages):
                break
        seen.extend(text for text, _severity in app.messages)
        with pytest.raises(DamagedFileError):
            people.add(app.db, Person(name="张三"))
    assert any("已损坏" in m and "hzconsole restore" in m for m in seen), seen
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
