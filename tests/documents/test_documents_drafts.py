"""A 文号 and its document are one fact (issue 11, point 2), and documents have a draft
state (issue 12, point 6): a draft is made and remade without a number, 定稿 takes the number
once, default names say what a document covers and never replace another file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from hzconsole.books import register
from hzconsole.documents import (
    export_issued,
    generate_document,
    issue_draft,
    list_drafts,
    make_draft,
)
from hzconsole.documents.base import DocumentError
from hzconsole.store.database import open_database

NOTICE = dict(title="关于做好河道保洁工作的通知", body="请各村认真做好河道保洁工作。", date="2024-03-05")
CIRCULAR = dict(year=2024, month=10, date="2024-11-05")


def number_in(path: Path) -> str:
    """The 文号 a .docx carries (the writer puts it in the document properties too)."""
    return docx.Document(str(path)).core_properties.comments or ""


def registered(db) -> list[str]:
    return [r["doc_number"] for r in db.query("SELECT doc_number FROM documents ORDER BY year, seq")]


# -- 11.2: the number and the document are one fact ---------------------------------------

# Issues notices in a loop; with KILL_AFTER_PLACING set, kills itself the moment a finished
# .docx has been renamed into place (the moment the old code had not committed yet).
ISSUER = r"""
import os, signal, sys
from pathlib import Path
from hzconsole.documents import generate_document
from hzconsole.store.database import open_database

db_path, folder, kill_after_placing = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "1"
real_replace = os.replace

def replace(src, dst, *a, **k):
    real_replace(src, dst, *a, **k)
    if kill_after_placing and str(dst).endswith(".docx") and not Path(dst).name.startswith("."):
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
db = open_database(db_path)
i = 0
while True:
    i += 1
    generate_document(db, "notice", folder / f"通知{os.getpid()}-{i}.docx", title="关于做好河道保洁工作的通知",
                      body="请各村认真做好河道保洁工作。" * 20, date="2024-03-05")
    print(i, flush=True)
"""


def run_issuer(db_path: Path, folder: Path, kill_after_placing: bool) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", ISSUER, str(db_path), str(folder), "1" if kill_after_placing else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def assert_one_fact(db_path: Path, folder: Path) -> None:
    """Every finished .docx carries a number the register holds with that very document,
    and the next document gets a number no file carries."""
    with open_database(db_path) as db:
        numbers = registered(db)
        for path in folder.glob("通知*.docx"):
            if path.stat().st_size == 0:
                continue
            number = number_in(path)
            assert number in numbers, f"{path.name} carries {number}, which the register lacks"
        for row in db.query("SELECT id, doc_number FROM documents"):
            data = register.issued_file(db, row["id"])
            assert data is not None
            (folder / "kept.docx").write_bytes(data)
            assert number_in(folder / "kept.docx") == row["doc_number"]
        carried = {number_in(p) for p in folder.glob("通知*.docx") if p.stat().st_size}
        nxt = generate_document(db, "notice", folder / "下一份.docx", **NOTICE)
        assert nxt.doc_number not in carried and nxt.doc_number not in numbers


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_kill_after_the_document_is_placed_never_reuses_its_number(demo_path: Path, tmp_path: Path):
    proc = run_issuer(demo_path, tmp_path, kill_after_placing=True)
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert list(tmp_path.glob("通知*.docx")), "the document was placed before the kill"
    assert_one_fact(demo_path, tmp_path)


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_kills_at_random_moments_leave_no_orphaned_or_reused_number(demo_path: Path, tmp_path: Path):
    rng = random.Random(11)
    for _ in range(6):
        proc = run_issuer(demo_path, tmp_path, kill_after_placing=False)
        assert proc.stdout.readline(), proc.stderr.read()  # one document issued: warm
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
    assert_one_fact(demo_path, tmp_path)
    assert not list(tmp_path.glob(".*")) or all(p.name.endswith(".tmp.docx") for p in tmp_path.glob(".*"))


def test_the_register_re_exports_a_lost_copy_byte_for_byte(demo_db, tmp_path: Path):
    issued = generate_document(demo_db, "notice", tmp_path / "通知.docx", **NOTICE)
    original = issued.path.read_bytes()
    issued.path.unlink()  # lost with the stick
    path = export_issued(demo_db, issued.document_id, tmp_path / "补打.docx")
    assert path.read_bytes() == original and number_in(path) == issued.doc_number
    with pytest.raises(DocumentError, match="已经存在"):
        export_issued(demo_db, issued.document_id, path)


def test_documents_registered_before_the_archive_say_they_cannot_be_exported(demo_db, tmp_path: Path):
    with demo_db.transaction():
        old = register.issue(demo_db, title="关于旧事的通知", kind="通知", on=__import__("datetime").date(2024, 1, 2))
    with pytest.raises(DocumentError, match="之前"):
        export_issued(demo_db, old.id, tmp_path / "旧.docx")


def test_cli_exports_by_year_and_number(demo_path: Path, tmp_path: Path):
    from hzconsole.cli import main

    with open_database(demo_path) as db:
        issued = generate_document(db, "notice", tmp_path / "通知.docx", **NOTICE)
    assert main(["doc", "export", "--db", str(demo_path), "2024-1", "-o", str(tmp_path / "再印.docx")]) == 0
    assert number_in(tmp_path / "再印.docx") == issued.doc_number


# -- 12.6: drafts ---------------------------------------------------------------------------


def test_a_draft_is_made_and_remade_without_a_number(demo_db, tmp_path: Path):
    first = make_draft(demo_db, "circular", folder=tmp_path, **CIRCULAR)
    assert first.path.name == "2024年10月巡河通报\uff08草稿\uff09.docx" and number_in(first.path) == ""
    again = make_draft(demo_db, "circular", folder=tmp_path, **CIRCULAR)  # regenerated after an edit
    assert again.path == first.path and again.draft_id == first.draft_id
    september = make_draft(demo_db, "circular", folder=tmp_path, **{**CIRCULAR, "month": 9})
    assert september.path.name == "2024年9月巡河通报\uff08草稿\uff09.docx" and first.path.exists()
    assert registered(demo_db) == []
    assert [d.subject for d in list_drafts(demo_db) if not d.issued] == ["2024年9月巡河通报", "2024年10月巡河通报"]


def test_issuing_a_draft_takes_the_number_once(demo_db, tmp_path: Path):
    draft = make_draft(demo_db, "circular", folder=tmp_path, **CIRCULAR)
    issued = issue_draft(demo_db, draft.draft_id)
    assert issued.path == tmp_path / "2024年10月巡河通报.docx" and number_in(issued.path) == issued.doc_number
    with pytest.raises(DocumentError, match="已经定稿") as err:
        issue_draft(demo_db, draft.draft_id)
    assert issued.doc_number in err.value.message and "重新导出" in err.value.message
    assert registered(demo_db) == [issued.doc_number]
    # A new draft of the same period is a new draft (the issued one stays as it was).
    again = make_draft(demo_db, "circular", folder=tmp_path, **CIRCULAR)
    assert again.draft_id != draft.draft_id and registered(demo_db) == [issued.doc_number]
    from hzconsole.documents import discard_draft
    from hzconsole.store.errors import RuleError

    discard_draft(demo_db, again.draft_id)
    with pytest.raises(RuleError, match="已经定稿"):
        discard_draft(demo_db, draft.draft_id)
    assert [d.id for d in list_drafts(demo_db)] == [draft.draft_id]


def test_default_names_say_what_is_covered_and_never_replace_another_file(demo_db, tmp_path: Path):
    (tmp_path / "2024年10月巡河通报.docx").write_bytes(b"the clerk's own file")
    issued = generate_document(demo_db, "circular", folder=tmp_path, **CIRCULAR)
    assert issued.path.name == "2024年10月巡河通报\uff082\uff09.docx"
    assert (tmp_path / "2024年10月巡河通报.docx").read_bytes() == b"the clerk's own file"
    problem = demo_db.scalar(
        "SELECT number FROM problems WHERE status <> '已销号' AND responsible_unit IS NOT NULL ORDER BY number LIMIT 1"
    )
    sheet = generate_document(demo_db, "assignment", folder=tmp_path, problem=problem, mode="交办", date="2024-11-05")
    assert sheet.path.name == f"交办单-{problem}.docx"
    summary = make_draft(demo_db, "summary", folder=tmp_path, year=2024, half=1, date="2024-07-05")
    assert summary.path.name == "2024年上半年工作总结\uff08草稿\uff09.docx"
    # A draft never replaces a file that is not its own either.
    (tmp_path / "2024年9月巡河通报\uff08草稿\uff09.docx").write_bytes(b"mine")
    other = make_draft(demo_db, "circular", folder=tmp_path, **{**CIRCULAR, "month": 9})
    assert other.path.name == "2024年9月巡河通报\uff08草稿\uff09\uff082\uff09.docx"


def test_cli_draft_then_issue(demo_path: Path, tmp_path: Path, monkeypatch, capsys):
    from hzconsole.cli import main

    monkeypatch.chdir(tmp_path)
    args = ["doc", "circular", "--db", str(demo_path), "--year", "2024", "--month", "10", "--date", "2024-11-05"]
    assert main([*args, "--draft"]) == 0
    assert main([*args, "--draft"]) == 0
    out = capsys.readouterr().out
    assert "没有取文号" in out and "文号\uff1a" not in out
    with open_database(demo_path) as db:
        assert registered(db) == []
        (draft,) = list_drafts(db)
    assert main(["doc", "issue", "--db", str(demo_path), str(draft.id)[:8]]) == 0
    capsys.readouterr()
    assert main(["doc", "issue", "--db", str(demo_path), str(draft.id)[:8]]) == 1
    # Where the copy is, the core says; how to get it from the command line, the CLI adds.
    assert "发文登记" in (err := capsys.readouterr().err) and "hzconsole doc export" in err and "F7" not in err
    with open_database(demo_path) as db:
        assert len(registered(db)) == 1
    assert (tmp_path / "2024年10月巡河通报.docx").exists()
