"""`hzconsole doc KIND`: official documents (GB/T 9704) from the books, one subcommand per
kind, built from the kinds' option specs so the CLI and the TUI offer the same options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hzconsole.cli.base import Command, Group, argument, cli
from hzconsole.cli.params import DB_OPTION

if TYPE_CHECKING:
    from hzconsole.documents.base import DocumentKind

_METAVARS = {"date": "日期", "int": "整数", "text": "文本"}


@contextmanager
def _force_hint() -> Iterator[None]:
    """The core says the file exists, or where an issued copy is; how to overwrite it or get
    the copy is this front end's: --force, hzconsole doc export."""
    from hzconsole.documents.base import InRegister, TargetExists
    from hzconsole.store.errors import HzError

    try:
        yield
    except TargetExists as exc:
        raise HzError(exc.message + "如要覆盖\uff0c请加 --force\u3002") from None
    except InRegister as exc:  # where the copy is, the core says; how to get it, this front end
        raise HzError(exc.message + "\uff08hzconsole doc export --db 数据文件 文号 -o 文件名.docx\uff09") from None


def _read_text(path: Path) -> str:
    """A text file the clerk wrote: UTF-8 (with or without BOM), or GBK from old Notepad."""
    from hzconsole.store.errors import HzError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HzError(f"无法读取文件「{path}」：{exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise HzError(f"文件「{path}」不是 UTF-8 或 GBK 编码的文本文件。")


@cli.group(cls=Group, name="doc")
def doc() -> None:
    """生成公文（GB/T 9704-2012 格式的 Word 文档），自动编发文字号并登记。

    \b
    公文种类：
      notice        通知
      plan          印发工作计划的通知
      circular      巡河情况通报（按月或按季度）
      announcement  河长调整公告（附需更新的公示牌清单）
      assignment    问题交办单/督办单
      summary       工作总结（全年或半年）
      issue         草稿定稿发文\uff08取文号\uff09
      export        从发文登记导出已发文的文档\uff08文件丢失或重新打印\uff09
    加 --draft 只生成草稿\uff1a不取文号\uff0c可反复修改、重新生成\uff1b定稿时才取文号\uff08hzconsole doc issue\uff09。
    不加 --draft 则直接定稿发文。不给 -o 时文件名写明内容\uff08如 2026年10月巡河通报.docx\uff09\uff0c
    放在当前文件夹\uff0c不会覆盖已有文件\uff1b给出的输出文件已存在时不会覆盖\uff0c除非加 --force。
    运行 hzconsole doc 种类 --help 查看各自的选项。
    """


def _make_command(kind: DocumentKind) -> click.Command:
    def run(**params: Any) -> None:
        from hzconsole.documents import generate_document, make_draft
        from hzconsole.store.database import open_database

        db_path: Path = params.pop("db")
        out: Path | None = params.pop("output")
        force: bool = params.pop("force")
        as_draft: bool = params.pop("draft")
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
                for key, _ in kind.paragraphs:
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
            if as_draft:
                with _force_hint():
                    draft = make_draft(db, kind.key, out, force=force, **options)
                click.echo(f"已生成{kind.title}草稿\uff08没有取文号\uff09\uff1a{draft.path}")
                click.echo(f"标题\uff1a{draft.title}")
                for note in draft.notes:
                    click.echo(f"提示\uff1a{note}")
                click.echo(
                    f'修改后可再次生成草稿\uff1b定稿发文\uff1ahzconsole doc issue --db "{db_path}" {draft.draft_id[:8]}'
                )
                return
            with _force_hint():
                result = generate_document(db, kind.key, out, force=force, **options)
        click.echo(f"已生成{kind.title}：{result.path}")
        click.echo(f"文号：{result.doc_number}")
        click.echo(f"标题：{result.title}")
        if result.pages:
            click.echo(f"页数：{result.pages}页（版记排在偶数页，双面打印时在最后一张纸的背面）")
        for note in result.notes:
            click.echo(f"提示：{note}")

    from hzconsole.documents.base import COMMON_OPTIONS as COMMON
    from hzconsole.documents.base import HEAD_OPTIONS as HEAD

    params: list[click.Parameter] = [
        click.Option(["--db"], **DB_OPTION),
        click.Option(
            ["-o", "--output"],
            default=None,
            type=click.Path(path_type=Path),
            help="输出的 Word 文件\uff08.docx\uff09\uff1b不给时按内容命名\uff0c放在当前文件夹",
        ),
        click.Option(["--draft"], is_flag=True, help="只生成草稿\uff0c不取文号\uff08定稿用 hzconsole doc issue\uff09"),
        click.Option(["--force"], is_flag=True, help="输出文件已存在时覆盖"),
    ]
    for spec in (*kind.options, *COMMON, *HEAD):
        flag = "--" + spec.name.replace("_", "-")
        label = spec.label + ("（必填）" if spec.required else "")
        text = f"{label}。{spec.help}" if spec.help else label
        if spec.kind == "longtext":
            params.append(click.Option([flag], default=None, help=text, metavar="文本"))
            params.append(
                click.Option(
                    [f"{flag}-file", f"{spec.name}_file"],
                    default=None,
                    type=click.Path(path_type=Path, dir_okay=False, exists=True),
                    help=f"从文本文件读取{spec.label}（UTF-8 或 GBK）",
                )
            )
        elif spec.kind == "narratives":
            for key, name in kind.paragraphs:
                params.append(
                    click.Option(
                        [f"--{key.replace('_', '-')}-file", f"{key}_file"],
                        default=None,
                        type=click.Path(path_type=Path, dir_okay=False, exists=True),
                        help=f"从文本文件读取“{name}”段落，保存到数据文件中供以后重新生成",
                    )
                )
        elif spec.kind == "path":
            params.append(
                click.Option(
                    ["--templates", spec.name],
                    default=None,
                    type=click.Path(path_type=Path, file_okay=False, exists=True),
                    help=text,
                )
            )
        elif spec.kind == "choice":
            params.append(click.Option([flag], default=None, type=click.Choice(spec.choices), help=text))
        else:
            params.append(click.Option([flag], default=None, help=text, metavar=_METAVARS.get(spec.kind, "文本")))
    doc_help = f"生成{kind.title}。\n\n\b\n示例：\n  {kind.example}"
    return Command(kind.key, params=params, callback=run, help=doc_help, short_help=f"生成{kind.title}")


@doc.command(name="issue", cls=Command, short_help="草稿定稿发文\uff08取文号\uff09")
@click.option("--db", **DB_OPTION)
@argument("draft", "草稿", "草稿编号\uff08列表中的前几位\uff09", required=False)
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(path_type=Path),
    help="输出的 Word 文件\uff08.docx\uff09\uff1b不给时按内容命名\uff0c放在草稿所在的文件夹",
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def issue_command(db: Path, draft: str | None, output: Path | None, force: bool) -> None:
    """草稿定稿发文\uff1a取文号、登记\uff0c并写出正式文档。不给草稿编号时列出未定稿的草稿。

    \b
    示例\uff1ahzconsole doc issue --db 台账.db 3f2a9c1e
    """
    from hzconsole.documents import issue_draft, list_drafts
    from hzconsole.store.database import open_database
    from hzconsole.store.errors import HzError

    with open_database(db, readonly=draft is None) as database:
        drafts = [d for d in list_drafts(database) if not d.issued]
        if draft is None:
            if not drafts:
                click.echo("没有未定稿的草稿。生成草稿\uff1ahzconsole doc 种类 --draft …")
                return
            click.echo("未定稿的草稿\uff08最新在前\uff09\uff1a")
            for d in drafts:
                click.echo(f"  {str(d.id)[:8]}  {d.subject}  {d.updated_at or ''}  {d.file_name or ''}")
            return
        found = [d for d in list_drafts(database) if str(d.id).startswith(draft.strip())]
        if len(found) != 1:
            raise HzError(
                f"没有编号以「{draft}」开头的草稿。"
                if not found
                else f"编号以「{draft}」开头的草稿不止一份\uff0c请多写几位。"
            )
        with _force_hint():
            result = issue_draft(database, str(found[0].id), output, force=force)
    click.echo(f"已定稿发文\uff1a{result.path}")
    click.echo(f"文号\uff1a{result.doc_number}")
    click.echo(f"标题\uff1a{result.title}")


@doc.command(name="export", cls=Command, short_help="从发文登记导出已发文的文档")
@click.option("--db", **DB_OPTION)
@argument("number", "文号", "完整文号\uff0c或 年份-序号\uff08如 2024-3\uff09")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="输出的 Word 文件\uff08.docx\uff09"
)
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
def export_command(db: Path, number: str, output: Path, force: bool) -> None:
    """从发文登记导出已发文的文档\uff08与发文时一字不差\uff09\uff0c用于文件丢失或重新打印。

    \b
    示例\uff1ahzconsole doc export --db 台账.db 2024-3 -o 补打.docx
    """
    from hzconsole.books.register import find
    from hzconsole.documents import export_issued
    from hzconsole.store.database import open_database

    with open_database(db, readonly=True) as database:
        doc_ = find(database, number)
        with _force_hint():
            path = export_issued(database, str(doc_.id), output, force=force)
    click.echo(f"已导出 {doc_.doc_number}：{path}")


def _register() -> None:
    from hzconsole.documents import COUNTY_KINDS, DOCUMENT_KINDS

    # The county 通报 (on a roll-up file) is made like every other document.
    for kind in [*DOCUMENT_KINDS.values(), *COUNTY_KINDS.values()]:
        doc.add_command(_make_command(kind))


_register()
