"""Importing a plan (工作计划 / 实施方案) from a .docx, a .txt or pasted text.

The text is parsed by plan_text; the plan is written with books.plans.create_plan in one
transaction. A plan is known by its title and year: importing the same plan again finds it
and writes nothing; a different text under the same title is refused rather than merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hzconsole import text as tx
from hzconsole.books import narratives
from hzconsole.books.plans import create_plan, outline
from hzconsole.imports import messages as msg
from hzconsole.imports.docx_numbering import Numbering
from hzconsole.imports.engine import ImportSetupError, log_import
from hzconsole.imports.hints import Hint
from hzconsole.imports.matching import name_key
from hzconsole.imports.plan_tables import table_tasks
from hzconsole.imports.plan_text import ParsedPlan, TableTask, parse_plan
from hzconsole.imports.report import Action, ImportReport, RowResult
from hzconsole.store.database import Database

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class PlanReadError(Exception):
    """The document cannot be read; the message is for the clerk."""


def read_lines(source: str | Path) -> tuple[list[str | TableTask], str, Path | None]:
    """(paragraphs, the source's name for the report, the file path or None for text).

    A Path is a file; a str is a file when it names an existing one and holds no line
    break, otherwise it is the pasted text itself.
    """
    path: Path | None = None
    if isinstance(source, Path):
        path = source
    elif "\n" not in source and len(source) < 1000:
        try:
            if Path(source).is_file():
                path = Path(source)
        except OSError:
            path = None
    if path is None:
        return [*str(source).splitlines()], msg.PLAN_SOURCE_TEXT, None
    if not path.exists():
        raise PlanReadError(msg.FILE_NOT_FOUND.format(path=path))
    head = path.read_bytes()[:8]
    if head.startswith(_CFB_MAGIC):
        raise PlanReadError(msg.PLAN_DOC_OLD.format(name=path.name))
    if head.startswith(b"PK\x03\x04"):
        return _docx_lines(path), path.name, path
    return [*_text_lines(path)], path.name, path


def _docx_lines(path: Path) -> list[str | TableTask]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise PlanReadError(msg.PLAN_DOC_UNREADABLE.format(name=path.name, detail=exc)) from None
    numbering = Numbering(document)
    lines: list[str | TableTask] = []
    body = document.element.body
    for child in _blocks(body):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            # Word/WPS automatic numbering is not in the text: put the label back.
            label = numbering.label(child)
            text = Paragraph(child, document).text
            parts = text.splitlines() or [""]
            lines.extend([label + parts[0], *parts[1:]] if label else parts)
        elif tag == "tbl":
            rows = [[c.text.strip() for c in row.cells] for row in Table(child, document).rows]
            lines.extend(table_tasks(rows))
    return lines


def _blocks(parent: Any) -> Any:
    """Paragraphs and tables in order, those inside content controls (w:sdt) included."""
    for child in parent.iterchildren():
        if child.tag.rsplit("}", 1)[-1] == "sdt":
            for content in child.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _blocks(content)
        else:
            yield child


def _text_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16").splitlines()
    # Notepad on a Chinese Windows saves GBK unless told otherwise.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise PlanReadError(msg.PLAN_TEXT_ENCODING.format(name=path.name))


def _key(text: str | None) -> str:
    """Text compared whatever its punctuation width: a plan re-issued by doc plan comes back
    with full-width punctuation where the first import may have had ASCII."""
    return name_key(tx.ascii_forms(text) if text else text)


def _existing_plan(db: Database, title: str, year: int) -> dict[str, Any] | None:
    key = _key(title)
    for row in db.query("SELECT * FROM plans WHERE year = ?", (year,)):
        if _key(row["title"]) == key:
            return dict(row)
    return None


def _stored_outline(db: Database, plan_id: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []

    def walk(node: Any) -> None:
        if node.section is not None:
            out.append(("section", _key(node.section.title)))
        for t in node.tasks:
            out.append(
                ("task", _key(t.text), _key(t.lead_units), _key(t.coop_units), _key(t.implementers), _key(t.units_text))
            )
        for child in node.children:
            walk(child)

    walk(outline(db, plan_id))
    return out


def _parsed_outline(plan: ParsedPlan) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []

    def walk(section: Any) -> None:
        out.append(("section", _key(section.title)))
        for t in section.tasks:
            out.append(
                ("task", _key(t.text), _key(t.lead_units), _key(t.coop_units), _key(t.implementers), _key(t.units_text))
            )
        for child in section.children:
            walk(child)

    for s in plan.sections:
        walk(s)
    return out


def _plan_report(
    db: Database, source: str | Path, title: str | None, year: int | None, issuer: str | None
) -> tuple[ImportReport, ParsedPlan | None, Path | None]:
    report = ImportReport(kind="plan", kind_name=msg.KIND_NAMES["plan"], source="")
    report.notes.append(msg.POLICY["plan"])
    try:
        lines, name, path = read_lines(source)
    except PlanReadError as exc:
        report.source = Path(str(source)).name
        report.fatal.append(str(exc))
        return report, None, None
    report.source = name
    parsed = parse_plan(lines)
    if title:
        parsed.title = title
    if year:
        parsed.year = year
    if issuer:
        parsed.issuer = issuer
    report.plan = parsed
    report.ignored_lines = parsed.ignored
    if parsed.default_section:
        report.notes.append(msg.PLAN_NO_SECTION)
    if not parsed.title:
        report.fatal.append(msg.PLAN_NO_TITLE)
        report.hint(Hint.PLAN_TITLE)
    if not parsed.year:
        report.fatal.append(msg.PLAN_NO_YEAR)
        report.hint(Hint.YEAR)
    if not parsed.tasks:
        report.fatal.append(msg.PLAN_NO_TASKS)
    if report.fatal:
        return report, parsed, path
    existing = _existing_plan(db, parsed.title or "", parsed.year or 0)
    action: Action = "add"
    if existing is not None:
        stored, parsed_outline = _stored_outline(db, existing["id"]), _parsed_outline(parsed)
        if not any(row[-1] for row in stored if row[0] == "task"):
            # Imported before the parenthesis was kept: compare the units, not the parenthesis.
            stored, parsed_outline = [row[:5] for row in stored], [row[:5] for row in parsed_outline]
        if stored == parsed_outline:
            action = "same"
            report.notes.append(msg.PLAN_EXISTS_SAME.format(title=existing["title"], year=existing["year"]))
        else:
            report.fatal.append(msg.PLAN_EXISTS_DIFFERENT.format(title=existing["title"], year=existing["year"]))
            return report, parsed, path
    for task in parsed.tasks:
        result = RowResult(
            task.line, action, f"{task.seq}. {tx.clip(task.text.splitlines()[0] if task.text else '', 30)}"
        )
        units = [
            label.format(**{k: v})
            for label, k, v in (
                (msg.PLAN_TASK_UNITS, "lead", task.lead_units),
                (msg.PLAN_TASK_COOP, "coop", task.coop_units),
                (msg.PLAN_TASK_IMPL, "impl", task.implementers),
            )
            if v
        ]
        result.notes.extend(units)
        report.rows.append(result)
    if action == "add":
        report.created = {"plans": 1, "plan_sections": parsed.section_count, "tasks": len(parsed.tasks)}
    return report, parsed, path


def preview_plan(
    db: Database, source: str | Path, *, title: str | None = None, year: int | None = None, issuer: str | None = None
) -> ImportReport:
    """A dry run of a plan import: the parsed outline, the tasks and their units. Writes nothing.

    `source` is a .docx/.txt path or the pasted text; title/year/issuer override what the
    text says (or supply what it does not).
    """
    report, _parsed, _path = _plan_report(db, source, title, year, issuer)
    return report


def run_plan_import(
    db: Database, source: str | Path, *, title: str | None = None, year: int | None = None, issuer: str | None = None
) -> ImportReport:
    """Import a plan: sections and tasks written with create_plan in one transaction, or
    nothing when the text cannot be used or the same plan is already there."""
    if db.readonly:
        raise ImportSetupError(msg.READ_ONLY.format(reason=db.readonly_reason))
    report, parsed, path = _plan_report(db, source, title, year, issuer)
    if not report.ok or not report.has_work or parsed is None:
        return report
    plan = {"year": parsed.year, "title": parsed.title, "issuer": parsed.issuer, "doc_number": parsed.doc_number}
    with db.transaction(actor=f"import:{report.source}"):
        saved = create_plan(db, plan, parsed.tree())
        if parsed.preamble:
            # The plan's opening paragraphs, where the plan notice takes its 总体要求 from.
            narratives.set_text(db, f"plan:{saved.id}", "intro", "\n".join(parsed.preamble))
        log_import(db, report, path)
    report.written = True
    return report
