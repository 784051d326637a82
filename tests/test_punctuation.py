"""What the clerk reads is Chinese and uses Chinese punctuation: in the program's own words
no ASCII , ; ( ) ? ! stands next to a Chinese character, and no ASCII : follows or precedes
one (12:30, E:\\, {x:.1f}, http:// and the like touch no Chinese character, so they pass).

Every string literal of the package is read (f-strings with their fields left out, so
"{name}:{reason}" between two fields is not judged), except docstrings, which are written for
engineers in English; the docstrings of the CLI's commands are their --help, so those are read.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hzconsole

ROOT = Path(hzconsole.__file__).parent

# demo.py is read too: its records are the first Chinese a new clerk sees (the plan's tasks,
# a patrol's 巡查情况), written as a clerk types them with a Chinese input method.
SKIPPED: tuple[str, ...] = ()

# Strings with ASCII punctuation on purpose: (file, a fragment of the literal).
ALLOWED = (
    # patterns of dates written in Chinese numerals (a regex, not words)
    ("text.py", ")年("),
    ("text.py", ")月("),
    ("text.py", ")\uff09"),  # the closing brackets a value may end with, both forms
    ("cells.py", ")]%,.:;!?"),  # the characters a line may not begin with, both forms
    ("kit.py", "\u201cWindows installer (64-bit)\u201d"),  # the installer's own English name
    # documents/: regexes and the sets of characters its punctuation rules work on
    ("base.py", "(绝密|"),
    ("base.py", "()\uff08\uff09"),
    ("markup.py", "(附件|"),
    ("title.py", "^(第?"),
    ("writer.py", "\uff1a:"),
    ("assignment.py", "\u3002!?;"),
    # documents/: words written into the document, whose punctuation the writer folds to
    # full width (GB/T 9704) whatever the source has
    ("title.py", "村(社区)"),
    ("announcement.py", "(待定)"),
    ("announcement.py", "(已超期)"),
    ("assignment.py", ",发现以下问题"),
    ("assignment.py", "(原定"),
    ("circular.py", "次(应"),
    ("summary.py", "个(\0)"),
    ("summary.py", "\u300b(\0)"),
    # imports/: patterns and character sets a plan's text is read with (both forms of each)
    ("plan_text.py", "(?:\u7275\u5934\u5355\u4f4d|"),
    ("plan_text.py", "(\u3014\u3010["),
    ("plan_text.py", ")\u3015\u3011]"),
    ("plan_text.py", "(?<=[;\u3002])"),
    ("plan_text.py", "\u3002;.!? "),
)

CJK = "\u3400-鿿\u3000-\u303f\uff01-\uff1f\u201c\u201d"
ASCII_NEXT_TO_CJK = re.compile(rf"[{CJK}] ?[,;?!()]|[,;?!()] ?[{CJK}]|[{CJK}]:|: ?[{CJK}]")
FIELD = "\0"  # stands for an f-string's {field}: neither Chinese nor punctuation


def _cli_help(node: ast.AST) -> bool:
    """A decorated function of the CLI: a click command, whose docstring is its --help."""
    return isinstance(node, ast.FunctionDef) and bool(node.decorator_list)


def _texts(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    in_cli = path.parent.name == "cli"
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and not (in_cli and _cli_help(node))
            ):
                skip.add(id(first.value))
    # A pattern given to re.* is no text the clerk reads.
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
        ):
            for sub in ast.walk(node.args[0]):
                skip.add(id(sub))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    skip.add(id(value))
                    parts.append(str(value.value))
                else:
                    parts.append(FIELD)
            out.append((node.lineno, "".join(parts)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append((node.lineno, node.value))
    return out


def offending(path: Path) -> list[str]:
    name = path.relative_to(ROOT).as_posix()
    return [
        f"{name}:{line}: {text[:60]!r}"
        for line, text in _texts(path)
        if ASCII_NEXT_TO_CJK.search(text)
        and not any(path.name == file and fragment in text for file, fragment in ALLOWED)
    ]


def test_the_clerk_reads_chinese_punctuation():
    files = [p for p in sorted(ROOT.rglob("*.py")) if not p.relative_to(ROOT).as_posix().startswith(SKIPPED)]
    assert len(files) > 50  # the walk found the package
    found = [hit for path in files for hit in offending(path)]
    assert not found, "ASCII punctuation in Chinese text:\n" + "\n".join(found)


def test_the_check_sees_what_it_should(tmp_path):
    """The rule itself: it catches the forms the first version wrote, and passes times,
    drive letters, format specs and a {field}:{field} pair."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = "已关闭,已保存"\nB = "\\uff08按 Esc 返回)"\nC = f"文件:{x}"\nD = "确定删除吗?"\n'
        'E = "08:30 前"\nF = "E:\\\\河长办"\nG = f"{n:,} 条"\nH = f"{a}:{b}"\nI = "保存(F2)"\n',
        encoding="utf-8",
    )
    hits = sorted(t for _, t in _texts(sample) if ASCII_NEXT_TO_CJK.search(t))
    assert hits == sorted(["已关闭,已保存", "\uff08按 Esc 返回)", "文件:\0", "确定删除吗?", "保存(F2)"])
