"""`hzconsole doc KIND`: official documents (GB/T 9704) from the books, one subcommand per
kind, built from the kinds' option specs so the CLI and the TUI offer the same options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from hzconsole.cli.base import Command, Group, cli
from hzconsole.cli.params import DB_OPTION

_METAVARS = {"date": "日期", "int": "整数", "text": "文本"}


def _read_text(path: Path) -> str:
    """A text file the clerk wrote: UTF-8 (with or without BOM), or GBK from old Notepad."""
    from hzconsole.store.errors import HzError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HzError(f"无法读取文件「{path}」:{exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise HzError(f"文件「{path}」不是 UTF-8 或 GBK 编码的文本文件。")


@cli.group(cls=Group, name="doc")
def doc() -> None:
    """生成公文(GB/T 9704-2012 格式的 Word 文档),自动编发文字号并登记。

    \b
    公文种类:
      notice        通知
      plan          印发工作计划的通知
      circular      巡河情况通报(按月或按季度)
      announcement  河长调整公告(附需更新的公示牌清单)
      assignment    问题交办单/督办单
      summary       工作总结(全年或半年)
    输出文件已存在时不会覆盖,除非加 --force。运行 hzconsole doc 种类 --help 查看各自的选项。
    """


def _make_command(kind) -> click.Command:
    def run(**params: Any) -> None:
        from hzconsole.documents import generate_document
        from hzconsole.store.database import open_database

        db_path: Path = params.pop("db")
        out: Path = params.pop("output")
        force: bool = params.pop("force")
        options: dict[str, Any] = {}
        narratives: dict[str, str] = {}
        for spec in (*COMMON, *HEAD, *kind.options):
            if spec.kind == "longtext":
                value = params.pop(spec.name, None)
                file = params.pop(f"{spec.name}_file", None)
                if file is not None:
                    value = _read_text(file)
                if value is not None:
                    options[spec.name] = value
            elif spec.kind == "narratives":
                for key in NARRATIVE_KEYS:
                    file = params.pop(f"{key}_file", None)
                    if file is not None:
                        narratives[key] = _read_text(file)
                if narratives:
                    options[spec.name] = narratives
            else:
                value = params.pop(spec.name, None)
                if value is not None:
                    options[spec.name] = value
        with open_database(db_path) as db:
            result = generate_document(db, kind.key, out, force=force, **options)
        click.echo(f"已生成{kind.title}:{result.path}")
        click.echo(f"文号:{result.doc_number}")
        click.echo(f"标题:{result.title}")
        if result.pages:
            click.echo(f"页数:{result.pages}页(版记排在偶数页,双面打印时在最后一张纸的背面)")
        for note in result.notes:
            click.echo(f"提示:{note}")

    from hzconsole.documents.base import COMMON_OPTIONS as COMMON
    from hzconsole.documents.base import HEAD_OPTIONS as HEAD
    from hzconsole.documents.kinds.summary import NARRATIVE_KEYS

    params: list[click.Parameter] = [
        click.Option(["--db"], **DB_OPTION),
        click.Option(["-o", "--output"], required=True, type=click.Path(path_type=Path, dir_okay=False),
                     help="输出的 Word 文件(.docx)"),
        click.Option(["--force"], is_flag=True, help="输出文件已存在时覆盖"),
    ]
    for spec in (*kind.options, *COMMON, *HEAD):
        flag = "--" + spec.name.replace("_", "-")
        label = spec.label + ("(必填)" if spec.required else "")
        text = f"{label}。{spec.help}" if spec.help else label
        if spec.kind == "longtext":
            params.append(click.Option([flag], default=None, help=text, metavar="文本"))
            params.append(click.Option([f"{flag}-file", f"{spec.name}_file"], default=None,
                                       type=click.Path(path_type=Path, dir_okay=False, exists=True),
                                       help=f"从文本文件读取{spec.label}(UTF-8 或 GBK)"))
        elif spec.kind == "narratives":
            for key, name in NARRATIVE_KEYS.items():
                params.append(click.Option(
                    [f"--{key.replace('_', '-')}-file", f"{key}_file"], default=None,
                    type=click.Path(path_type=Path, dir_okay=False, exists=True),
                    help=f"从文本文件读取“{name}”段落,保存到数据文件中供以后重新生成"))
        elif spec.kind == "path":
            params.append(click.Option(["--templates", spec.name], default=None,
                                       type=click.Path(path_type=Path, file_okay=False, exists=True), help=text))
        elif spec.kind == "choice":
            params.append(click.Option([flag], default=None, type=click.Choice(spec.choices), help=text))
        else:
            params.append(click.Option([flag], default=None, help=text, metavar=_METAVARS.get(spec.kind, "文本")))
    doc_help = f"生成{kind.title}。\n\n\b\n示例:\n  {kind.example}"
    return Command(kind.key, params=params, callback=run, help=doc_help, short_help=f"生成{kind.title}")


def _register() -> None:
    from hzconsole.documents import COUNTY_KINDS, DOCUMENT_KINDS

    # The county 通报 (on a roll-up file) is made like every other document.
    for kind in [*DOCUMENT_KINDS.values(), *COUNTY_KINDS.values()]:
        doc.add_command(_make_command(kind))


_register()
