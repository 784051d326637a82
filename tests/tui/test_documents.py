"""Documents and ledgers from the console: a form per kind, the summary's paragraphs kept in
the file, progress in a worker thread, the saved path and the folder offered at the end."""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook

from hzconsole.books import narratives
from hzconsole.store.database import open_database
from hzconsole.tui import system
from hzconsole.tui.screens.documents import DocumentsScreen, DoneScreen
from tests.tui.conftest import SIZE, confirm, plain, wait_for


@pytest.fixture
def opened_folders(monkeypatch):
    seen: list = []
    monkeypatch.setattr(system, "OPENED", seen)
    return seen


async def generate(app, pilot, kind: str, values: dict, out) -> DoneScreen | str:
    screen = app.screen
    assert isinstance(screen, DocumentsScreen)
    await screen.preselect(kind, values)
    await pilot.pause()
    await pilot.pause()
    screen.query_one("#out-path").value = str(out)
    await pilot.press("f2")
    await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen) or bool(plain(screen.query_one("#doc-error"))))
    if isinstance(app.screen, DoneScreen):
        return app.screen
    return plain(screen.query_one("#doc-error"))


def docx_text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


async def test_every_document_kind_from_the_console(make_app, demo_path, tmp_path, opened_folders):
    """F2 makes a draft of each kind (no 文号); its 定稿发文 (the button in the dialog after
    the draft, confirmed) takes the numbers in order."""
    with open_database(demo_path, readonly=True) as db:
        problem = db.scalar("SELECT number FROM problems WHERE status = '已交办' ORDER BY number LIMIT 1")
        change_day = db.scalar("SELECT max(end_date) FROM appointments WHERE end_date IS NOT NULL")
    cases = {
        "notice": (
            {"title": "关于开展汛前河道清障的通知", "body": "# 工作要求\n请各村于6月底前完成清障。"},
            "汛前河道清障",
        ),
        "plan": ({}, "工作要点"),
        "circular": ({"year": "2024", "month": "10"}, "10月"),
        "announcement": ({"start": change_day, "end": change_day}, "公告"),
        "assignment": ({"problem": problem}, problem),
        "summary": ({"year": "2024"}, "工作总结"),
    }
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        for n, (kind, (values, expect)) in enumerate(cases.items(), 1):
            out = tmp_path / "公文" / f"{kind}.docx"
            done = await generate(app, pilot, kind, values, out)
            assert isinstance(done, DoneScreen), (kind, done)
            assert done.done.draft_id and done.done.doc_number is None
            assert done.done.path == out and out.exists()
            shown = plain(done.query_one("#done-text"))
            assert str(out) in shown and "没有文号" in shown and "〔2024〕" not in shown
            await pilot.press("down", "enter")  # 定稿发文（取文号）
            await confirm(pilot)
            await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen) and app.screen.done.doc_number)
            issued = app.screen.done
            assert issued.doc_number == f"青河办〔2024〕{n}号", kind
            assert issued.path.exists() and issued.path.parent == out.parent
            assert expect in docx_text(issued.path) or expect in issued.title, kind
            await pilot.press("escape")
            await pilot.pause()
    with open_database(demo_path, readonly=True) as db:
        numbers = [r["doc_number"] for r in db.query("SELECT doc_number FROM documents ORDER BY seq")]
        assert numbers == [f"青河办〔2024〕{i}号" for i in range(1, 7)]


async def test_a_draft_is_made_again_without_a_number_and_issued_once(make_app, demo_path, tmp_path, opened_folders):
    """Regenerating a document burned a new 文号 each time and overwrote the file of another
    month's 通报. Now: F2 twice is one draft and no number; F5 (confirmed) takes exactly one;
    a second 定稿 of it is refused; 发文登记 lists it and F7 writes the stored .docx again."""
    from hzconsole.books.register import issued_file
    from hzconsole.tui.screens.dialogs import ConfirmScreen
    from hzconsole.tui.screens.documents import DraftsScreen
    from hzconsole.tui.screens.register import RegisterScreen

    app = make_app()
    numbers = "SELECT count(*) FROM documents"

    def count(sql: str) -> int:
        with open_database(demo_path, readonly=True) as db:
            return db.scalar(sql)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        screen = app.screen
        september = await generate(app, pilot, "circular", {"year": "2024", "month": "9"}, tmp_path)
        assert isinstance(september, DoneScreen)
        await pilot.press("escape")
        first = await generate(app, pilot, "circular", {"year": "2024", "month": "10"}, tmp_path)
        assert isinstance(first, DoneScreen) and first.done.draft_id
        assert first.done.path.name == "2024年10月巡河通报\uff08草稿\uff09.docx"
        assert september.done.path.name == "2024年9月巡河通报\uff08草稿\uff09.docx"
        await pilot.press("escape")
        await pilot.pause()
        again = await generate(app, pilot, "circular", {"year": "2024", "month": "10"}, tmp_path)
        assert isinstance(again, DoneScreen)
        assert again.done.draft_id == first.done.draft_id and again.done.path == first.done.path
        assert september.done.path.exists()  # another month's file untouched
        assert count(numbers) == 0
        assert count("SELECT count(*) FROM drafts") == 2
        await pilot.press("escape")
        await pilot.pause()

        # keys typed ahead never answer the dialog: no number
        await pilot.press("f5", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and count(numbers) == 0
        await pilot.press("escape")
        await pilot.pause()
        # F5: 定稿发文 of the draft the form made, on the dialog's own button
        await pilot.press("f5")
        await confirm(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen) and app.screen.done.doc_number)
        issued = app.screen.done
        assert issued.doc_number == "青河办〔2024〕1号"
        assert issued.path.name == "2024年10月巡河通报.docx" and issued.path.exists()
        stored = issued.path.read_bytes()
        await pilot.press("escape")
        await pilot.pause()
        assert count(numbers) == 1

        # a second 定稿 of the same draft: refused, no dialog, no number
        screen.issue(first.done.draft_id)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert count(numbers) == 1
        # F7: only September's draft is still waiting; F8 deletes it (confirmed)
        await pilot.press("f7")
        await pilot.pause()
        drafts = app.screen
        assert isinstance(drafts, DraftsScreen)
        assert [d.subject for d in drafts.drafts] == ["2024年9月巡河通报"]
        await pilot.press("f8")
        await confirm(pilot)
        assert drafts.drafts == [] and count("SELECT count(*) FROM drafts") == 1
        await pilot.press("escape")
        await pilot.pause()
        assert count(numbers) == 1

        # 发文登记 lists it; its file lost, F7 writes the stored bytes again
        await pilot.press("8")
        await pilot.pause()
        register = app.screen
        assert isinstance(register, RegisterScreen)
        for ch in "巡河通报":
            await pilot.press(ch)
        await pilot.pause()
        assert register.table.total == 1
        issued.path.unlink()
        export_to = demo_path.parent / issued.path.name
        export_to.unlink(missing_ok=True)
        await pilot.press("down", "f7")
        await pilot.pause()
        with open_database(demo_path, readonly=True) as db:
            document_id = db.scalar("SELECT id FROM documents")
            kept = issued_file(db, document_id)
        assert export_to.read_bytes() == kept == stored
        # again: the file there is the stored one, so no second copy
        await pilot.press("f7")
        await pilot.pause()
        assert not export_to.with_name("2024年10月巡河通报\uff082\uff09.docx").exists()


async def test_summary_paragraphs_are_edited_and_kept_in_the_file(make_app, demo_path, tmp_path, opened_folders):
    app = make_app()
    text = "一是部分村级河长巡河频次不足。\n二是个别问题整改进度较慢。"

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        screen = app.screen
        await screen.preselect("summary", {"year": "2024"})
        await pilot.pause()
        await pilot.pause()
        screen.query_one("#n-problems").load_text(text)
        await pilot.press("f3")
        await pilot.pause()
        with open_database(demo_path, readonly=True) as db:
            assert narratives.get_text(db, "summary:2024", "problems") == text
        # another period shows its own (empty) paragraphs, then 2024's again
        screen.query_one("#f-half").value = "1"
        await pilot.pause()
        assert screen.query_one("#n-problems").text == ""
        screen.query_one("#f-half").value = ""
        await pilot.pause()
        assert screen.query_one("#n-problems").text == text
        out = tmp_path / "2024年工作总结.docx"
        done = await generate(app, pilot, "summary", {}, out)
        assert isinstance(done, DoneScreen)
        assert "部分村级河长巡河频次不足" in docx_text(out)
        await pilot.press("o")
        await pilot.pause()
        assert opened_folders == [tmp_path]


async def test_a_long_ledger_export_with_progress_and_overwrite_confirmed(make_app, tmp_path, opened_folders):
    app = make_app()
    out = tmp_path / "巡河台账2024.xlsx"

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        done = await generate(app, pilot, "patrols", {"year": "2024"}, out)
        assert isinstance(done, DoneScreen) and out.exists()
        assert done.done.doc_number is None
        progress = next(s for s in app.screen_stack if isinstance(s, DocumentsScreen)).last_progress
        assert progress is not None and progress[0] == progress[1] > 0
        await pilot.press("enter")  # 打开所在文件夹
        await pilot.pause()
        assert opened_folders == [tmp_path]
        # same path again: asks before overwriting
        await pilot.press("f2")
        await pilot.pause()
        await confirm(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, DoneScreen))
        await pilot.press("escape")
        # a bad month is the core's Chinese message, not a traceback
        error = await generate(app, pilot, "patrols", {"year": "2024", "month": "13"}, tmp_path / "x.xlsx")
        assert isinstance(error, str) and "月" in error
        assert not (tmp_path / "x.xlsx").exists()
    sheet = load_workbook(out, read_only=True).worksheets[0]
    assert "巡河" in str(sheet["A1"].value)


async def test_a_document_the_core_refuses_uses_no_number(make_app, demo_path, tmp_path):
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        error = await generate(app, pilot, "notice", {"body": "正文"}, tmp_path / "通知.docx")
        assert isinstance(error, str) and "标题" in error
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM documents") == 0


async def test_summary_paragraphs_survive_moving_through_the_kinds_and_defaults_fill_in(make_app, demo_path):
    """A paragraph typed and not saved (F3) was dropped when the cursor moved to another
    kind in the list; the default wording was used but could not be seen or edited."""
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        screen = app.screen
        await screen.preselect("summary", {"year": "2024"})
        await pilot.pause()
        screen.query_one("#n-problems").load_text("村级河长巡河不均衡。")
        await pilot.press("ctrl+l", "up", "up", "down", "down")  # away and back
        await wait_for(pilot, lambda: screen.kind is not None and screen.kind.key == "doc:summary")
        await pilot.pause()
        assert screen.query_one("#n-problems").text == "村级河长巡河不均衡。"
        with open_database(demo_path, readonly=True) as db:
            assert narratives.get_text(db, "summary:2024", "problems") == "村级河长巡河不均衡。"
        await pilot.press("f4")  # the default wording into the empty paragraphs, to edit
        await wait_for(pilot, lambda: bool(screen.query_one("#n-next_steps").text))
        assert screen.query_one("#n-problems").text == "村级河长巡河不均衡。"  # not overwritten
        assert screen.query_one("#n-intro").text


async def test_a_closed_problem_gets_no_new_slip_and_is_sent_to_the_register(make_app, demo_path, tmp_path):
    """The archive copy of a closed problem's 交办单 is the one issued with its 文号 (发文登记,
    F7), never a new number."""
    with open_database(demo_path, readonly=True) as db:
        closed = db.scalar("SELECT number FROM problems WHERE status = '已销号' ORDER BY number LIMIT 1")
    app = make_app()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("9")
        await pilot.pause()
        error = await generate(app, pilot, "assignment", {"problem": closed}, tmp_path)
        assert isinstance(error, str) and "已经销号" in error and "F7" in error
    with open_database(demo_path, readonly=True) as db:
        assert db.scalar("SELECT count(*) FROM documents") == 0
        assert db.scalar("SELECT count(*) FROM drafts") == 0
