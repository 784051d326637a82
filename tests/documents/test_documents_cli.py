"""`hzconsole doc KIND`: help with an example per kind, no overwrite without --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from hzconsole.cli import main
from hzconsole.documents import DOCUMENT_KINDS


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_help_is_chinese_with_an_example(kind, capsys):
    assert main(["doc", kind, "--help"]) == 0
    out = capsys.readouterr().out
    assert "示例" in out and f"hzconsole doc {kind} " in out and "--force" in out


def test_generate_and_refuse_to_overwrite(demo_path: Path, tmp_path: Path, capsys):
    body = tmp_path / "正文.txt"
    body.write_text("# 工作要求\n请各村于6月30日前完成河道清障。", encoding="gbk")
    out = tmp_path / "通知.docx"
    args = ["doc", "notice", "--db", str(demo_path), "-o", str(out), "--title", "关于河道清障的通知",
            "--body-file", str(body), "--date", "2024年6月17日"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "文号:青河办\u30142024\u30151号" in printed and out.exists()
    assert main(args) == 1
    assert "已经存在" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    assert "2号" in capsys.readouterr().out


def test_summary_says_which_paragraphs_are_defaults(demo_path: Path, tmp_path: Path, capsys):
    problems = tmp_path / "问题.txt"
    problems.write_text("一是巡河记录不够规范。", encoding="utf-8")
    out = tmp_path / "总结.docx"
    assert main(["doc", "summary", "--db", str(demo_path), "-o", str(out), "--year", "2024",
                 "--date", "2024-11-20", "--problems-file", str(problems)]) == 0
    printed = capsys.readouterr().out
    assert "提示" in printed and "默认文字" in printed and "下一步工作计划" in printed
    assert "存在的问题" not in printed.split("默认文字")[1]


def test_missing_option_is_reported_in_chinese(demo_path: Path, tmp_path: Path, capsys):
    assert main(["doc", "assignment", "--db", str(demo_path), "-o", str(tmp_path / "a.docx")]) == 1
    assert "问题编号" in capsys.readouterr().err
