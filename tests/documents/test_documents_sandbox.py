"""A template is untrusted input (a copy from a stick, a folder named with --templates): it
fills in text and runs no code (issue 11, point 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzconsole.documents import generate_document
from hzconsole.documents.templating import TemplateError

NOTICE = dict(title="关于做好河道保洁工作的通知", body="请各村认真做好河道保洁工作。", date="2024-03-05")

PAYLOADS = [
    '{{ cycler.__init__.__globals__.os.popen("touch MARK").read() }}',
    '{{ joiner.__init__.__globals__.os.system("touch MARK") }}',
    '{{ lipsum.__globals__["os"].popen("touch MARK").read() }}',
    '{{ namespace.__init__.__globals__.os.popen("touch MARK").read() }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    '{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen("touch MARK") }}',
    "{{ title.__class__.__base__.__subclasses__() }}",
    "{% set x = [] %}{{ x.append(1) }}",
    "{{ range(10**9)|list|length }}",
    '{{ "河" * 10**9 }}',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_template_cannot_run_code_nor_exhaust_memory(payload: str, demo_db, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "U盘模板"
    folder.mkdir()
    (folder / "notice.txt").write_text(f"标题:{{{{ title }}}}\n---\n{payload}\n{{{{ body }}}}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="不允许") as err:
        generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    assert "notice.txt" in err.value.message
    assert not (tmp_path / "MARK").exists()
    assert not (tmp_path / "a.docx").exists()
    assert demo_db.scalar("SELECT count(*) FROM documents") == 0


def test_ordinary_template_arithmetic_and_filters_still_work(demo_db, tmp_path: Path):
    import docx

    folder = tmp_path / "模板"
    folder.mkdir()
    (folder / "notice.txt").write_text(
        "标题:{{ title }}\n---\n{{ body }}共{{ 3 * 4 }}条,{{ '河' * 2 }},{{ 0.5 | pct }}。\n", encoding="utf-8"
    )
    doc = generate_document(demo_db, "notice", tmp_path / "a.docx", template_dir=folder, **NOTICE)
    text = "\n".join(p.text for p in docx.Document(str(doc.path)).paragraphs)
    assert "共12条" in text and "河河" in text and "50%" in text
