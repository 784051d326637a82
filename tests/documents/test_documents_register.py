"""文号 and the register: sequential numbers, cancelled numbers stay taken, and a failed
write (or a template error) consumes no number."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzconsole.books import register
from hzconsole.documents import DOCUMENT_KINDS, generate_document
from hzconsole.documents.base import DocumentError
from hzconsole.documents.templating import TemplateError
from hzconsole.store.errors import HzError

NOTICE = dict(title="关于做好河道保洁工作的通知", body="请各村认真做好河道保洁工作。", date="2024-03-05")


def numbers(db) -> list[tuple[int, str, str]]:
    return [
        (r["seq"], r["doc_number"], r["status"])
        for r in db.query("SELECT seq, doc_number, status FROM documents WHERE year = 2024 ORDER BY seq")
    ]


def test_numbers_run_without_gaps_and_record_the_file(demo_db, tmp_path: Path):
    for i in range(3):
        generate_document(demo_db, "notice", tmp_path / f"通知{i}.docx", **NOTICE)
    assert [n[1] for n in numbers(demo_db)] == [
        "青河办\u30142024\u30151号",
        "青河办\u30142024\u30152号",
        "青河办\u30142024\u30153号",
    ]
    rows = demo_db.query("SELECT file_name, kind, title, date FROM documents ORDER BY seq")
    assert [r["file_name"] for r in rows] == ["通知0.docx", "通知1.docx", "通知2.docx"]
    assert rows[0]["kind"] == "通知" and rows[0]["date"] == "2024-03-05"


def test_numbers_restart_each_year(demo_db, tmp_path: Path):
    generate_document(demo_db, "notice", tmp_path / "a.docx", **NOTICE)
    doc = generate_document(demo_db, "notice", tmp_path / "b.docx", **{**NOTICE, "date": "2025-01-02"})
    assert doc.doc_number == "青河办\u30142025\u30151号"


def test_a_cancelled_number_stays_and_is_not_reused(demo_db, tmp_path: Path):
    first = generate_document(demo_db, "notice", tmp_path / "a.docx", **NOTICE)
    row = demo_db.query_one("SELECT id FROM documents WHERE doc_number = ?", (first.doc_number,))
    register.cancel(demo_db, row["id"], "内容有误,重新发文")
    second = generate_document(demo_db, "notice", tmp_path / "b.docx", **NOTICE)
    assert numbers(demo_db) == [(1, first.doc_number, "已作废"), (2, second.doc_number, "已发文")]


def test_a_failed_write_consumes_no_number(demo_db, tmp_path: Path, monkeypatch):
    import hzconsole.documents.generate as gen

    generate_document(demo_db, "notice", tmp_path / "a.docx", **NOTICE)

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gen, "write_docx", broken)
    with pytest.raises(DocumentError, match="文号没有占用"):
        generate_document(demo_db, "notice", tmp_path / "b.docx", **NOTICE)
    assert not (tmp_path / "b.docx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
    monkeypatch.undo()
    doc = generate_document(demo_db, "notice", tmp_path / "b.docx", **NOTICE)
    assert doc.doc_number.endswith("\u30152号")
    assert [n[0] for n in numbers(demo_db)] == [1, 2]


def test_a_failed_overwrite_keeps_the_old_file(demo_db, tmp_path: Path, monkeypatch):
    """The copy on disk is written after the number and the document are committed
    together: a failure to write it keeps the old file, and the issued document is in the
    register, exported again later (never numbered again)."""
    import hzconsole.documents.generate as gen
    from hzconsole.documents.generate import DocumentWriteError, export_issued

    target = tmp_path / "a.docx"
    generate_document(demo_db, "notice", target, **NOTICE)
    before = target.read_bytes()

    def broken(tmp, path):
        Path(tmp).write_bytes(b"half")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(gen, "replace_durably", broken)
    with pytest.raises(DocumentWriteError) as err:
        generate_document(demo_db, "notice", target, force=True, **NOTICE)
    assert "U 盘" in err.value.message and "Input/output" not in err.value.message
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert len(numbers(demo_db)) == 2
    monkeypatch.undo()
    export_issued(demo_db, err.value.document_id, target, force=True)
    assert target.read_bytes() == register.issued_file(demo_db, err.value.document_id)


def test_existing_output_is_not_overwritten_without_force(demo_db, tmp_path: Path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"clerk's own file")
    with pytest.raises(DocumentError, match="已经存在") as refused:
        generate_document(demo_db, "notice", target, **NOTICE)
    # The core names no front end's way to overwrite (a flag, a tick box): each adds its own.
    assert "--force" not in refused.value.message and "勾选" not in refused.value.message
    assert target.read_bytes() == b"clerk's own file" and numbers(demo_db) == []
    generate_document(demo_db, "notice", target, force=True, **NOTICE)
    assert target.read_bytes().startswith(b"PK")


def test_template_errors_are_clear_and_consume_nothing(demo_db, tmp_path: Path):
    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "notice.txt").write_text("标题:{{ titel }}\n---\n{{ body }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    message = err.value.message
    assert "notice.txt" in message and "第1行" in message and "titel" in message
    assert "可用的占位符" in message and "title" in message and "没有生成" in message
    (folder / "notice.txt").write_text("标题:{{ title }\n---\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="第1行写法有误"):
        generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    (folder / "notice.txt").write_text("题目:{{ title }}\n---\n{{ body }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="文件头只能写"):
        generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    assert not (tmp_path / "a.docx").exists() and numbers(demo_db) == []


def test_edited_template_is_used(demo_db, tmp_path: Path):
    import docx

    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "notice.txt").write_text("标题:{{ title }}\n主送:各村\n---\n# 总体要求\n{{ body }}\n", encoding="utf-8")
    doc = generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    texts = [p.text for p in docx.Document(str(doc.path)).paragraphs]
    assert "一、总体要求" in texts and "各村\uff1a" in texts


def test_option_errors(demo_db, tmp_path: Path):
    with pytest.raises(DocumentError, match="必须填写\uff1a正文"):
        generate_document(demo_db, "notice", tmp_path / "a.docx", title="x")
    with pytest.raises(DocumentError, match="没有选项 colour"):
        generate_document(demo_db, "notice", tmp_path / "a.docx", colour="red", **NOTICE)
    with pytest.raises(DocumentError, match="成文日期"):
        generate_document(demo_db, "notice", tmp_path / "a.docx", **{**NOTICE, "date": "2024-13-45"})
    with pytest.raises(DocumentError, match="没有「memo」这种公文"):
        generate_document(demo_db, "memo", tmp_path / "a.docx")
    with pytest.raises(DocumentError, match="没有编号"):
        generate_document(demo_db, "assignment", tmp_path / "a.docx", problem="WT1999-999")
    assert numbers(demo_db) == []


def test_read_only_database_is_refused(demo_path: Path, tmp_path: Path):
    from hzconsole.store.database import open_database

    with open_database(demo_path, readonly=True) as db, pytest.raises(HzError, match="只读"):
        generate_document(db, "notice", tmp_path / "a.docx", **NOTICE)
    assert not (tmp_path / "a.docx").exists()


def test_public_api_describes_every_kind():
    assert set(DOCUMENT_KINDS) == {"notice", "plan", "circular", "announcement", "assignment", "summary"}
    for key, kind in DOCUMENT_KINDS.items():
        assert kind.key == key and kind.title and kind.example.startswith(f"hzconsole doc {key} ")
        for spec in kind.options:
            assert spec.name.isidentifier() and spec.label and isinstance(spec.required, bool)
    assert [s.name for s in DOCUMENT_KINDS["notice"].options if s.required] == ["title", "body"]


def test_summary_narratives_are_kept_for_regeneration(demo_db, tmp_path: Path):
    from hzconsole.books import narratives

    first = generate_document(
        demo_db,
        "summary",
        tmp_path / "a.docx",
        year=2024,
        date="2024-11-20",
        narratives={"next_steps": "下一步,重点抓好汛期巡河。"},
    )
    assert any("默认文字" in n and "存在的问题" in n for n in first.notes)
    assert narratives.get_text(demo_db, "summary:2024", "next_steps") == "下一步,重点抓好汛期巡河。"
    narratives.set_text(demo_db, "summary:2024", "problems", "一是巡河记录不规范。")
    second = generate_document(demo_db, "summary", tmp_path / "b.docx", year=2024, date="2024-11-20")
    assert not any("存在的问题" in n for n in second.notes)
    import docx

    text = "\n".join(p.text for p in docx.Document(str(second.path)).paragraphs)
    assert "一是巡河记录不规范。" in text and "重点抓好汛期巡河" in text
