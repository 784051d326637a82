"""`hzconsole doc KIND`: help with an example per kind, no overwrite without --force."""

from __future__ import annotations

from pathlib import Path

import click
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
    args = [
        "doc",
        "notice",
        "--db",
        str(demo_path),
        "-o",
        str(out),
        "--title",
        "关于河道清障的通知",
        "--body-file",
        str(body),
        "--date",
        "2024年6月17日",
    ]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "文号\uff1a青河办\u30142024\u30151号" in printed and out.exists()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "已经存在" in err and "请加 --force" in err and "勾选" not in err  # the CLI's own hint only
    assert main([*args, "--force"]) == 0
    assert "2号" in capsys.readouterr().out


def test_summary_says_which_paragraphs_are_defaults(demo_path: Path, tmp_path: Path, capsys):
    problems = tmp_path / "问题.txt"
    problems.write_text("一是巡河记录不够规范。", encoding="utf-8")
    out = tmp_path / "总结.docx"
    assert (
        main(
            [
                "doc",
                "summary",
                "--db",
                str(demo_path),
                "-o",
                str(out),
                "--year",
                "2024",
                "--date",
                "2024-11-20",
                "--problems-file",
                str(problems),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "提示" in printed and "默认文字" in printed and "下一步工作计划" in printed
    assert "存在的问题" not in printed.split("默认文字")[1]


def test_missing_option_is_reported_in_chinese(demo_path: Path, tmp_path: Path, capsys):
    assert main(["doc", "assignment", "--db", str(demo_path), "-o", str(tmp_path / "a.docx")]) == 1
    assert "问题编号" in capsys.readouterr().err


def _all_commands():
    from hzconsole.cli.base import cli

    yield []
    for name in cli.list_commands(click.Context(cli)):
        yield [name]
        cmd = cli.get_command(click.Context(cli), name)
        for sub in getattr(cmd, "commands", {}):
            yield [name, sub]


def test_every_help_is_chinese_down_to_clicks_own_words(capsys):
    """[必填] not [required], 整数/文件/文本 not INTEGER/FILE/TEXT, [选项] in the usage line,
    and the second column lined up in terminal columns (Chinese is two wide)."""
    import re

    from hzconsole.cli.base import cells

    for args in _all_commands():
        assert main([*args, "--help"]) == 0
        out = capsys.readouterr().out
        assert "[required]" not in out and "[default:" not in out, args
        options = out.split("选项\uff1a")[-1]
        assert not re.search(r" (TEXT|INTEGER|FILE|DIRECTORY|FLOAT)\b", options), args
        # click's own words, whatever its version: section names, metavars in capitals.
        clicks = re.findall(
            r"(?<![-\w])(?:Usage|Options?|Positional|Arguments?|Commands?|Show|required|"
            r"default)\b|\b(?!(?:JSON|UTF|GBK)\b)[A-Z][A-Z_]{2,}\b",
            out,
        )  # names of formats and encodings
        assert not clicks, (args, clicks)
        assert "[OPTIONS]" not in out, args
        assert all(cells(line) <= 100 for line in out.splitlines() if "hzconsole " not in line), args
        starts = set()
        for line in options.splitlines():
            m = re.match(r"(  -\S.*?\S  +)\S", line)
            if m:  # where the help column starts, in terminal columns
                starts.add(cells(m.group(1)))
        assert len(starts) <= 1, (args, starts)
    assert main(["doc", "notice", "--help"]) == 0
    out = capsys.readouterr().out
    assert "[必填]" in out and "--date 日期" in out and "--copy-number 整数" in out
    assert "--urgency [特急|加急]" in out
    assert main(["import", "--help"]) == 0
    out = capsys.readouterr().out
    assert "用法\uff1ahzconsole import [选项] 种类 文件" in out
    arguments = out.split("参数\uff1a")[1].split("选项\uff1a")[0]
    assert re.search(r"^  种类  \S", arguments, re.M) and re.search(r"^  文件  \S", arguments, re.M)
    assert main(["restore", "--help"]) == 0
    assert "文件 [备份]" in capsys.readouterr().out


def test_every_argument_has_a_chinese_name():
    """A new command's argument declared with plain click.argument would bring English back."""
    from hzconsole.cli.base import Argument, cli

    for args in _all_commands():
        cmd = cli
        for name in args:
            cmd = cmd.get_command(click.Context(cmd), name)
        for param in cmd.params:
            if param.param_type_name != "option":
                assert isinstance(param, Argument), (args, param.name)


def test_wrap_cells_breaks_chinese_between_characters():
    from hzconsole.cli.base import cells, wrap_cells

    lines = wrap_cells("月份。通报哪个月(1-12);与季度二选一,都不填则通报上个月,默认成文日期所在年", 30)
    assert len(lines) > 1 and all(cells(line) <= 30 for line in lines)
    assert not any(line[0] in ",。;)" for line in lines[1:])


def test_head_marks_from_the_command_line(demo_path: Path, tmp_path: Path, capsys):
    import docx

    out = tmp_path / "特急.docx"
    base = [
        "doc",
        "notice",
        "--db",
        str(demo_path),
        "--title",
        "关于防汛的紧急通知",
        "--body",
        "请立即行动。",
        "--date",
        "2024-06-17",
    ]
    assert main([*base, "-o", str(tmp_path / "bad.docx"), "--secrecy", "内部"]) == 1
    assert "密级" in capsys.readouterr().err and not (tmp_path / "bad.docx").exists()
    assert main([*base, "-o", str(out), "--copy-number", "12", "--secrecy", "秘密 1年", "--urgency", "特急"]) == 0
    assert "1号" in capsys.readouterr().out  # the refused one took no number
    d = docx.Document(str(out))
    head = [p for p in d.paragraphs if p.style.style_id == "GwHead"]
    assert [p.text for p in head] == ["000012", "秘密\u26051年", "特急"]
    fonts = [p.runs[0]._r.rPr.find(docx.oxml.ns.qn("w:rFonts")).get(docx.oxml.ns.qn("w:eastAsia")) for p in head]
    assert fonts[1:] == ["黑体", "黑体"]  # 密级 and 紧急程度 in 黑体 (GB/T 9704 7.2.2, 7.2.3)
