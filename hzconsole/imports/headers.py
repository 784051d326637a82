"""Finding the header row of a ledger and mapping its columns to fields by their Chinese names.

The names come from one editable table, templates/imports/headers.toml, plus the Chinese
titles of the book models and the headers of our own blank templates (templates/ledgers/),
so a template filled in by a village always imports. Labels are compared after
normalising: spaces, line breaks, full-width forms, Traditional characters and markers such
as * are ignored, and a bracketed unit or remark ("(公里)", "(必填)") may be left off.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hzconsole import text as tx
from hzconsole.imports.workbook import Grid, column_letter

HEADER_SCAN_ROWS = 30  # title rows above the header are few; headers sit near the top

_BRACKETS = str.maketrans({"(": "(", ")": ")", "\uff08": "(", "\uff09": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")",
                           "﹙": "(", "﹚": ")"})
_MARKERS = re.compile(r"[\s*＊※★☆#:：、]+")


def normalize_label(label: Any) -> str:
    """A header as compared: half-width, Simplified, no spaces or markers, brackets unified."""
    if label is None:
        return ""
    text = tx.to_simplified(tx.halfwidth(str(label))).translate(_BRACKETS)
    return _MARKERS.sub("", text).lower()


def strip_brackets(label: str) -> str:
    """'流域面积(平方公里)' -> '流域面积' (nested brackets included)."""
    prev = None
    while prev != label:
        prev, label = label, re.sub(r"\([^()]*\)", "", label)
    return label


@dataclass(frozen=True)
class Synonyms:
    """Header label -> field key, for one kind of ledger."""

    exact: dict[str, str]
    loose: dict[str, str]  # brackets stripped
    canonical: dict[str, str]  # key -> the standard header (first name)

    def match(self, label: Any) -> str | None:
        norm = normalize_label(label)
        if not norm:
            return None
        key = self.exact.get(norm)
        if key is None:
            key = self.loose.get(strip_brackets(norm))
        return key


def _load_table() -> dict[str, Any]:
    from hzconsole.store.paths import resource_dir

    path = resource_dir("templates") / "imports" / "headers.toml"
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@cache
def table() -> dict[str, Any]:
    """The parsed synonym table (templates/imports/headers.toml)."""
    return _load_table()


def value_synonyms(name: str) -> dict[str, str]:
    """[values.NAME] of the table: common spellings of a value -> ours."""
    return dict(table().get("values", {}).get(name, {}))


@cache
def synonyms(kind: str, extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Synonyms:
    """The header names of `kind`: our template's headers first, then the table's names.

    `extra` adds (key, names) pairs, e.g. model field titles, ahead of the table.
    """
    names: dict[str, list[str]] = {}
    for key, labels in (*ledger_headers(kind), *extra):
        names.setdefault(key, []).extend(labels)
    for key, entry in table().get(kind, {}).items():
        names.setdefault(key, []).extend(entry.get("names", []))
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    canonical: dict[str, str] = {}
    # The first key to claim a label keeps it: template headers win over synonyms.
    for key, labels in names.items():
        canonical.setdefault(key, labels[0])
        for label in labels:
            norm = normalize_label(label)
            exact.setdefault(norm, key)
    for key, labels in names.items():
        for label in labels:
            loose.setdefault(strip_brackets(normalize_label(label)), key)
    return Synonyms(exact, loose, canonical)


# Our ledger definitions behind each synonym-table section (a section may read several:
# the roster's current sheet and its change history have the same columns).
_LEDGER_SPECS = {"rivers": ("rivers",), "segments": ("segments",), "chiefs": ("chiefs", "appointments"),
                 "signboards": ("signboards",), "patrols": ("patrols",), "problems": ("problems",),
                 "tasks": ("tasks",)}


def ledger_headers(section: str) -> list[tuple[str, tuple[str, ...]]]:
    """(key, header names) from our own ledger column definitions (templates/ledgers/),
    so a blank template filled in by a village, or an exported ledger, always imports.
    Computed columns (template = false) and the running 序号 are left out."""
    try:
        from hzconsole.ledgers.columns import load_columns
    except ImportError:
        return []
    out = []
    for spec_kind in _LEDGER_SPECS.get(section, ()):
        try:
            spec = load_columns(spec_kind)
        except Exception:  # a broken definition file must not stop imports
            continue
        for col in spec.columns:
            if not col.template or col.source == "index":
                continue
            labels = [col.header] + ([f"{col.group}{col.header}"] if col.group else [])
            out.append((ledger_key(section, col.source), tuple(labels)))
    return out


def ledger_key(section: str, source: str) -> str:
    """A ledger column's source field -> the import key of that section."""
    return _LEDGER_KEYS.get(section, {}).get(source) or _LEDGER_KEYS["*"].get(source, source)


_LEDGER_KEYS: dict[str, dict[str, str]] = {
    "*": {"river_name": "river", "segment_name": "segment", "person_name": "person"},
    "rivers": {"parent_name": "parent"},
    "segments": {"river_name": "name", "name": "seg_name", "start_point": "seg_start", "end_point": "seg_end",
                 "length_km": "seg_length", "villages": "seg_villages", "notes": "seg_notes"},
    "chiefs": {"person_name": "name"},
    "tasks": {"section_title": "section"},
}


@dataclass
class Column:
    """A column of the sheet that fills a field."""

    index: int
    header: str  # as written in the sheet (two levels joined by '/')
    key: str
    scale: float = 1.0  # unit conversion: 米 -> 公里, 小时 -> 分钟

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class HeaderMatch:
    first: int  # 0-based index of the first header row
    last: int  # 0-based index of the last header row (first + 1 for two levels)
    columns: dict[str, Column]  # key -> column
    unused: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str, str]] = field(default_factory=list)  # a second column for a key
    title: str = ""  # the text of the rows above the header (title, 填报单位 …)
    title_lines: list[str] = field(default_factory=list)  # one per non-empty row above the header
    layout: str = ""  # which synonym-table section matched (e.g. rivers or segments)

    @property
    def score(self) -> int:
        return len(self.columns)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _filled(grid: Grid, upto: int) -> list[list[str]]:
    """The top rows as text with every merged range filled by its top-left value."""
    rows = [[_cell_text(v) for v in grid.rows[r]] for r in range(min(upto, len(grid.rows)))]
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([""] * (width - len(r)))
    for r0, c0, r1, c1 in grid.merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < width else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                rows[r][c] = value
    return rows


def _scale(key: str, header: str) -> float:
    norm = normalize_label(header)
    if key in ("distance_km", "length_km", "seg_length", "catchment_km2"):
        if re.search(r"\((米|m)\)", norm):
            return 0.001
        if key == "catchment_km2" and re.search(r"\((亩)\)", norm):
            return 1 / 1500
    if key == "duration_min" and re.search(r"\((小时|h)\)", norm):
        return 60.0
    return 1.0


def _map_row(labels: Iterable[tuple[int, list[str], str]], syn: Synonyms) -> HeaderMatch:
    columns: dict[str, Column] = {}
    unused: list[tuple[int, str]] = []
    repeated: list[tuple[int, str, str]] = []
    for index, candidates, shown in labels:
        if not shown:
            continue
        key = None
        for label in candidates:
            key = syn.match(label)
            if key:
                break
        if key is None:
            unused.append((index, shown))
        elif key in columns:
            repeated.append((index, shown, key))
        else:
            columns[key] = Column(index, shown, key, _scale(key, shown))
    return HeaderMatch(0, 0, columns, unused, repeated)


def find_header(grid: Grid, syn: Synonyms) -> HeaderMatch | None:
    """The header of a sheet: the row (or pair of rows) whose cells name the most fields.

    A pair of rows is taken as a two-level header when merged cells span it (or it names
    clearly more fields than either row alone): a parent such as 巡河时间 over 开始/结束.
    """
    rows = _filled(grid, HEADER_SCAN_ROWS + 1)
    if not rows:
        return None
    merged_rows = {r for r0, _c0, r1, _c1 in grid.merged for r in range(r0, r1 + 1) if r0 < len(rows)}
    best: HeaderMatch | None = None
    scan = min(HEADER_SCAN_ROWS, len(rows))
    singles = [_map_row(((c, [v], v) for c, v in enumerate(rows[r])), syn) for r in range(min(scan + 1, len(rows)))]
    for r in range(scan):
        candidate = singles[r]
        candidate.first = candidate.last = r
        if r + 1 < len(singles):
            double = _map_row(_two_level(rows[r], rows[r + 1]), syn)
            double.first, double.last = r, r + 1
            spans = r in merged_rows and r + 1 in merged_rows
            # A title row over a one-row header must not pass for the parent of a two-level
            # header: without merged cells spanning both rows, the pair must name clearly
            # more fields than either row alone. (With them, the lower row is filled from
            # the merges and may score as much as the pair.)
            alone = max(singles[r].score, singles[r + 1].score)
            # A lower row made only of known labels (开始 / 结束) is a sub-header even
            # when nobody merged the cell above it.
            lower = singles[r + 1]
            sub_header = lower.score >= 1 and not lower.unused and not lower.repeated
            margin = 0 if spans or sub_header else 2
            upper_names_fields = singles[r].score >= 1  # a title row names none
            if upper_names_fields and double.score >= alone + margin and double.score > singles[r].score:
                candidate = double
        if candidate.score >= 2 and (best is None or candidate.score > best.score):
            best = candidate
    if best is None:
        return None
    best.title_lines = [" ".join(v for v in dict.fromkeys(row) if v) for row in rows[: best.first]]
    best.title_lines = [line for line in best.title_lines if line]
    best.title = " ".join(best.title_lines)
    return best


def _two_level(parent: list[str], child: list[str]) -> Iterable[tuple[int, list[str], str]]:
    for c in range(max(len(parent), len(child))):
        p = parent[c] if c < len(parent) else ""
        ch = child[c] if c < len(child) else ""
        if not ch or ch == p:
            yield c, [p], p
        elif not p:
            yield c, [ch], ch
        else:
            yield c, [p + ch, ch], f"{p}/{ch}"
