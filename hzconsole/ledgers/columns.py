"""Ledger column definitions, read from the clerk-editable templates/ledgers/<kind>.toml.

The import helper (issue 5) calls `load_columns` too, to recognise our blank templates by
their header names, so the TOML files are the single source of what a ledger sheet holds.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from hzconsole.books import terms as book_fields
from hzconsole.store.errors import HzError
from hzconsole.store.paths import resource_dir

# The sheets that have a definition file (a ledger may use several, e.g. rivers + segments).
SPEC_KINDS = (
    "rivers",
    "segments",
    "chiefs",
    "appointments",
    "signboards",
    "patrols",
    "compliance",
    "problems",
    "tasks",
)
COLUMN_TYPES = ("text", "date", "int", "float", "index")
ORIENTATIONS = ("auto", "landscape", "portrait")
PAPERS = ("A4", "A3")

# Drop-down lists a template column may name in `choices`.
CHOICES: dict[str, tuple[str, ...]] = {
    "RIVER_KINDS": book_fields.RIVER_KINDS,
    "LEVELS": book_fields.LEVELS,
    "ROLES": book_fields.ROLES,
    "BOARD_CONDITIONS": book_fields.BOARD_CONDITIONS,
    "PROBLEM_SOURCES": book_fields.PROBLEM_SOURCES,
    "PROBLEM_CATEGORIES": book_fields.PROBLEM_CATEGORIES,
    "PROBLEM_STATUSES": book_fields.PROBLEM_STATUSES,
    "TASK_STATUSES": book_fields.TASK_STATUSES,
    "YES_NO": ("是", "否"),
}


class LedgerSpecError(HzError):
    """A ledger definition file is missing or malformed (message in Chinese)."""


@dataclass(frozen=True)
class Column:
    header: str  # the lowest header row's text: what imports match on
    source: str  # field name in the row dicts the ledger builds ("index" = running number)
    type: str = "text"
    width: float | None = None  # Excel width units; a CJK character is about 2
    group: str | None = None  # upper header over consecutive columns with the same group
    choices: tuple[str, ...] = ()
    choices_name: str | None = None
    template: bool = True  # False: computed, left out of blank entry templates
    key: bool = False  # repeated on every part when the ledger is split over sheets


@dataclass(frozen=True)
class LedgerSpec:
    kind: str
    sheet: str
    title: str  # pattern with {office}, {period}, {plan}
    orientation: str  # auto: portrait where the columns fit it unshrunk (ledgers/fit.py)
    columns: tuple[Column, ...] = field(default_factory=tuple)
    paper: str = "A4"  # A3: this office prints the ledger on A3 when A4 is too small

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def has_groups(self) -> bool:
        return any(c.group for c in self.columns)

    def template_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.template)

    def for_template(self) -> LedgerSpec:
        """The same sheet without the computed columns (for blank entry templates)."""
        return self.with_columns(self.template_columns())

    def with_columns(self, columns: tuple[Column, ...]) -> LedgerSpec:
        """The same sheet with only `columns` (empty ones dropped, or one part of a split).
        A group left with one column is no group: its header spans both rows (开始时间, not
        巡河时间 over 开始时间, which an import would take for the header row)."""
        from collections import Counter
        from dataclasses import replace

        count = Counter(c.group for c in columns if c.group)
        columns = tuple(replace(c, group=None) if c.group and count[c.group] == 1 else c for c in columns)
        return LedgerSpec(self.kind, self.sheet, self.title, self.orientation, columns, self.paper)

    def keys(self) -> list[int]:
        """The columns every part of a split repeats: those marked `key`, else 序号 and
        the column after it (the record's number or name)."""
        marked = [i for i, c in enumerate(self.columns) if c.key]
        if marked:
            return marked
        first = [i for i, c in enumerate(self.columns) if c.source == "index"][:1]
        after = first[0] + 1 if first else 0
        return first + ([after] if after < len(self.columns) else [])


def spec_path(kind: str) -> Path:
    return resource_dir("templates") / "ledgers" / f"{kind}.toml"


def load_columns(kind: str) -> LedgerSpec:
    """The column definition of sheet `kind` ("rivers", "template-rivers" is accepted too)."""
    kind = kind.removeprefix("template-")
    if kind not in SPEC_KINDS:
        raise LedgerSpecError(f"没有名为「{kind}」的台账列定义，可用的有：{'、'.join(SPEC_KINDS)}")
    path = spec_path(kind)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LedgerSpecError(f"找不到台账列定义文件：{path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LedgerSpecError(f"台账列定义文件 {path.name} 格式有误：{exc}") from None
    return _parse(kind, path.name, data)


def _parse(kind: str, name: str, data: dict) -> LedgerSpec:
    def fail(message: str) -> LedgerSpecError:
        return LedgerSpecError(f"台账列定义文件 {name}：{message}")

    orientation = data.get("orientation", "auto")
    if orientation not in ORIENTATIONS:
        raise fail("orientation 只能是 auto（能竖排时竖排）、landscape（横向）或 portrait（纵向）")
    paper = data.get("paper", "A4")
    if paper not in PAPERS:
        raise fail("paper 只能是 A4 或 A3（本单位能打印 A3 时）")
    columns: list[Column] = []
    raw_columns = data.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        raise fail("没有定义任何列（[[columns]]）")
    for i, raw in enumerate(raw_columns, 1):
        header, source = raw.get("header"), raw.get("source")
        if not isinstance(header, str) or not header.strip():
            raise fail(f"第 {i} 列缺少表头文字（header）")
        if not isinstance(source, str) or not source.strip():
            raise fail(f"第 {i} 列「{header}」缺少数据字段（source）")
        col_type = raw.get("type", "text")
        if col_type not in COLUMN_TYPES:
            raise fail(f"第 {i} 列「{header}」的 type 应为 {'、'.join(COLUMN_TYPES)} 之一")
        width = raw.get("width")
        if width is not None and (not isinstance(width, int | float) or not 1 <= width <= 120):
            raise fail(f"第 {i} 列「{header}」的列宽（width）应为 1 到 120 之间的数")
        choices_name = raw.get("choices")
        if choices_name is not None and choices_name not in CHOICES:
            raise fail(f"第 {i} 列「{header}」的下拉选项 {choices_name} 不存在")
        group = raw.get("group")
        columns.append(
            Column(
                header=header.strip(),
                source=source.strip(),
                type=col_type,
                width=float(width) if width is not None else None,
                group=group.strip() if isinstance(group, str) and group.strip() else None,
                choices=CHOICES.get(choices_name, ()) if choices_name else (),
                choices_name=choices_name,
                template=bool(raw.get("template", True)),
                key=bool(raw.get("key", False)),
            )
        )
    headers = [c.header for c in columns]
    duplicates = sorted({h for h in headers if headers.count(h) > 1})
    if duplicates:
        raise fail(f"表头重名：{'、'.join(duplicates)}")
    return LedgerSpec(
        kind=kind,
        sheet=str(data.get("sheet") or kind)[:31],
        title=str(data.get("title") or ""),
        orientation=orientation,
        columns=tuple(columns),
        paper=paper,
    )
