"""河长调整公告: the attachment lists the signboards of the announced changes only."""

from __future__ import annotations

import docx

from hzconsole.documents import generate_document
from hzconsole.store.database import open_database


def test_announcement_attachment_lists_only_the_boards_of_this_change(demo_copy):
    # The demo's changes of August–September 2024 include 柳溪's 镇级河长 (朱胜德 → 崔兰玉);
    # boards of 南岸渠, 茶园沟, 新田渠 and 青石河 are stale too, from changes announced before.
    with demo_copy("公告 附件") as db_path, open_database(db_path) as db:
        target = db_path.parent / "公告.docx"
        generate_document(db, "announcement", target, date="2024-11-20", start="2024-08-01", end="2024-09-30")
    d = docx.Document(str(target))
    changes, boards = d.tables[0], d.tables[1]
    changed = {r.cells[1].text for r in changes.rows[1:]}
    assert "柳溪" in changed and "南岸渠" not in changed
    listed = {r.cells[1].text: r.cells[2].text for r in boards.rows[1:]}
    assert listed, "the 柳溪 boards are stale because of this change"
    assert all(water.startswith("柳溪") for water in listed.values()), listed
    assert "崔兰玉" in "".join(r.cells[-2].text for r in boards.rows[1:])
    body = "".join(p.text for p in d.paragraphs)
    assert f"共{len(listed)}块" in body
