"""Finding the header row of a ledger and mapping its columns to fields by their Chinese names.

The names come from one editable table, templates/imports/headers.toml, plus the Chinese
titles of the book models and the headers of our own blank templates (templates/ledgers/),
so a template filled in by a village always imports. Labels are compared after
normalising: spaces, line breaks, full-width forms, Traditional characters and markers such
as * are ignored, and a bracketed unit or remark ("(公里)", "(必填)") may be left off.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hzconsole import text as tx
from hzconsole.imports.cells import fold
from hzconsole.imports.workbook import Grid, column_letter

HEADER_SCAN_ROWS = 30  # title rows above the header are few; headers sit near the top

_BRACKETS = str.maketrans(
    {
        "(": "(",
        ")": ")",
        "\uff08": "(",
        "\uff09": ")",
        "【": "(",
        "】": ")",
        "[": "(",
        "]": ")",
        "〔": "(",
        "〕": ")",
        "﹙": "(",
        "﹚": ")",
    }
)
_MARKERS = re.compile(r"[\s*＊※★☆#:：、]+")


def normalize_label(label: Any) -> str:
    """A header as compared: half-width, Simplified, no spaces or markers, brackets unified."""
    if label is None:
        return ""
    text = tx.to_simplified(fold(str(label))).translate(_BRACKETS)
    return _MARKERS.sub("", text).lower()


def strip_brackets(label: str) -> str:
    """'流域面积(平方公里)' -> '流域面积' (nested brackets included)."""
    prev = None
    while prev != label:
        prev, label = label, re.sub(r"\([^()]*\)", "", label)
    return label


# How sure a proposal is (0-100), by how it was found; shown in the dry run.
SURE_EXACT, SURE_LOOSE, SURE_CHILD = 95, 90, 85
SURE_AUTO = 70  # below this a proposal is shown, and used only when the clerk confirms it
_CONTAIN_BASE, _FUZZY_CUTOFF = 55, 0.6

# The kind of thing a header names, from its last characters: a header that names a code,
# a coordinate, a phone or a date only takes a field of the same kind when matched loosely
# (上级河流编码 is not the parent river, 河源经度 is not the source).
_TYPE_TAILS = (
    ("code", ("编码", "编号", "代码", "牌号", "序号")),
    ("geo", ("经度", "纬度", "坐标")),
    ("phone", ("电话", "手机", "号码", "联系方式", "手机号")),
    ("date", ("日期", "时间", "时限", "期限", "时段")),
    ("level", ("级别", "层级", "等级")),  # 河湖级别 is no river name, 河长级别 no person
    ("kind", ("类型", "类别", "种类")),
)


def label_type(norm: str) -> str:
    for name, tails in _TYPE_TAILS:
        if norm.endswith(tails):
            return name
    return ""


@dataclass(frozen=True)
class Synonyms:
    """Header label -> field key, for one kind of ledger."""

    exact: dict[str, str]
    loose: dict[str, str]  # brackets stripped
    canonical: dict[str, str]  # key -> the standard header (first name)
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label -> later keys naming it too

    def match(self, label: Any) -> str | None:
        norm = normalize_label(label)
        if not norm:
            return None
        key = self.exact.get(norm)
        if key is None:
            key = self.loose.get(strip_brackets(norm))
        return key

    def candidates(self, label: Any) -> list[tuple[str, int, str]]:
        """(key, how sure 0-100, how found) for a header, surest first.

        Exact names first, then the name without its bracketed remark, then a known name
        contained in the header (公示牌设置位置 ⊃ 设置位置) or the header in a known name,
        then a close spelling; the loose ways only between names of the same kind.
        """
        norm = normalize_label(label)
        if not norm:
            return []
        bare = strip_brackets(norm)
        for table, sure in ((self.exact, SURE_EXACT), (self.loose, SURE_LOOSE)):
            name = norm if table is self.exact else bare
            key = table.get(name)
            if key is not None:
                # 责任单位: the lead units, or the implementers where 牵头单位 is there too.
                return [(key, sure, "表头"), *((k, sure - 15, "表头") for k in self.also.get(name, ()))]
        kind = label_type(bare)
        best: dict[str, tuple[int, str]] = {}
        for name, k in self.loose.items():
            if len(name) < 2 or (label_type(name) != kind and kind):
                continue
            # A known name inside the header; not the other way round: a parent header
            # (起止位置) is inside the joined names of its children (起止位置起点).
            if name not in bare or bare.startswith("是否") != name.startswith("是否"):
                continue  # a yes/no column (是否发现问题) only takes a yes/no field
            score, why = _CONTAIN_BASE + int(35 * len(name) / len(bare)), "包含"
            if score > best.get(k, (0, ""))[0]:
                best[k] = (score, why)
        if not best:
            near = difflib.get_close_matches(bare, list(self.loose), n=3, cutoff=_FUZZY_CUTOFF)
            for name in near:
                k = self.loose[name]
                if kind and label_type(name) != kind:
                    continue
                score = int(75 * difflib.SequenceMatcher(None, bare, name).ratio())
                if score > best.get(k, (0, ""))[0]:
                    best[k] = (score, "相近")
        return sorted(((k, sc, why) for k, (sc, why) in best.items()), key=lambda t: -t[1])

    def key_for(self, text: str) -> str | None:
        """The field a clerk names in --map / --default: its Chinese name (as the report
        shows it), any header name of it, or the key itself."""
        norm = normalize_label(text)
        for key, label in self.canonical.items():
            if normalize_label(label) == norm or key == text.strip():
                return key
        return self.match(text)


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
    for key, header_labels in (*ledger_headers(kind), *extra):
        names.setdefault(key, []).extend(header_labels)
    for key, entry in table().get(kind, {}).items():
        names.setdefault(key, []).extend(entry.get("names", []))
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    canonical: dict[str, str] = {}
    also: dict[str, list[str]] = {}
    # The first key to claim a label keeps it: template headers win over synonyms. A table
    # name listed under a second key is that key's second choice.
    for key, labels in names.items():
        canonical.setdefault(key, labels[0])
        for label in labels:
            norm = normalize_label(label)
            exact.setdefault(norm, key)
    for key, labels in names.items():
        for label in labels:
            loose.setdefault(strip_brackets(normalize_label(label)), key)
    for key, entry in table().get(kind, {}).items():
        for label in entry.get("names", []):
            norm = normalize_label(label)
            if exact.get(norm) not in (None, key) and key not in also.get(norm, []):
                also.setdefault(norm, []).append(key)
                also.setdefault(strip_brackets(norm), []).append(key) if strip_brackets(norm) != norm else None
    return Synonyms(exact, loose, canonical, {k: tuple(v) for k, v in also.items()})


# Our ledger definitions behind each synonym-table section (a section may read several:
# the roster's current sheet and its change history have the same columns).
_LEDGER_SPECS = {
    "rivers": ("rivers",),
    "segments": ("segments",),
    "chiefs": ("chiefs", "appointments"),
    "signboards": ("signboards",),
    "patrols": ("patrols",),
    "problems": ("problems",),
    "tasks": ("tasks",),
}


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
    "segments": {
        "river_name": "name",
        "name": "seg_name",
        "start_point": "seg_start",
        "end_point": "seg_end",
        "length_km": "seg_length",
        "villages": "seg_villages",
        "notes": "seg_notes",
    },
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
    sure: int = SURE_EXACT  # how sure the proposal is, 0-100
    why: str = "表头"  # 表头 / 包含 / 相近 / 内容 / 上次确认 / 指定

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
    cells: list[tuple[int, list[str], str]] = field(default_factory=list)  # every header cell
    extras: list[Column] = field(default_factory=list)  # more columns for a field that takes several (备注)
    # Proposals not sure enough to use unconfirmed: (index, header, key, sure, why).
    suggested: list[tuple[int, str, str, int, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        # Only names that are surely headers count when looking for the header row: a data
        # row may contain a known name by chance (沙河涌 ⊃ 河).
        return sum(1 for c in self.columns.values() if c.sure >= 80)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # 问题\n描述: a header wrapped in its cell reads as one word.
    return re.sub(r"\s*\n\s*", "", str(value).strip())


def _filled(grid: Grid, upto: int) -> list[list[str]]:
    """The top rows as text with every merged range filled by its top-left value."""
    rows = [[_cell_text(v) for v in grid.rows[r]] for r in range(min(upto, len(grid.rows)))]
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    for r0, c0, r1, c1 in grid.merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < width else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                rows[r][c] = value
    return rows


def unit_scale(key: str, header: str) -> float:
    """How a column's unit converts to the field's: 巡河里程(米) -> 0.001 (公里)."""
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
    """Each field to the column surest to name it: a lower level alone (姓名 under 巡河人)
    is less sure than the levels joined, so the right 姓名 among several wins."""
    cells = [(i, c, shown) for i, c, shown in labels if shown]
    proposals: list[tuple[int, int, str, str, int, str]] = []  # (-sure, order, key, why, index, shown)
    for order, (index, candidates, shown) in enumerate(cells):
        for level, label in enumerate(candidates):
            for key, sure, why in syn.candidates(label):
                if level:
                    sure = min(sure, SURE_CHILD)
                proposals.append((-sure, order, key, why, index, shown))
    proposals.sort()
    columns: dict[str, Column] = {}
    taken: set[int] = set()
    wanted: dict[int, str] = {}  # a column whose best field went to another column
    suggested: dict[int, tuple[int, str, str, int, str]] = {}
    for neg, _order, key, why, index, shown in proposals:
        if index in taken:
            continue
        if key in columns:
            if -neg >= SURE_AUTO:
                wanted.setdefault(index, key)
            continue
        if -neg < SURE_AUTO:
            suggested.setdefault(index, (index, shown, key, -neg, why))
            continue
        columns[key] = Column(index, shown, key, unit_scale(key, shown), -neg, why)
        taken.add(index)
    unused = [(i, shown) for i, _c, shown in cells if i not in taken and i not in wanted]
    repeated = [(i, shown, wanted[i]) for i, _c, shown in cells if i not in taken and i in wanted]
    match = HeaderMatch(0, 0, columns, unused, repeated)
    match.cells = cells
    match.suggested = [s for i, s in sorted(suggested.items()) if i not in taken and s[2] not in columns]
    return match


def find_header(grid: Grid, syn: Synonyms) -> HeaderMatch | None:
    """The header of a sheet: the row (or two or three rows) whose cells name the most fields.

    Several rows are taken as one header when merged cells span them (or the lower rows
    name clearly more fields than either row alone): a parent such as 巡河时间 over
    开始/结束, or 县级河长 over 姓名/职务/电话 over a third level. A sub-header row is
    never read as data.
    """
    rows = _filled(grid, HEADER_SCAN_ROWS + 3)
    if not rows:
        return None
    # Rows r whose cells are merged down into row r + 1 (a header over its sub-header).
    spanning = {r for r0, _c0, r1, _c1 in grid.merged for r in range(r0, r1) if r0 < len(rows)}
    spans3 = {r0 for r0, _c0, r1, _c1 in grid.merged if r1 - r0 >= 2}
    best: HeaderMatch | None = None
    scan = min(HEADER_SCAN_ROWS, len(rows))
    singles = [_map_row(((c, [v], v) for c, v in enumerate(rows[r])), syn) for r in range(min(scan + 1, len(rows)))]
    for r in range(scan):
        candidate = singles[r]
        candidate.first = candidate.last = r
        if r + 1 < len(singles):
            double = _map_row(_levels(rows[r : r + 2]), syn)
            double.first, double.last = r, r + 1
            spans = r in spanning
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
            # A title row names no field, or is one text across the sheet (巡河记录).
            upper_names_fields = singles[r].score >= 1 and len({v for v in rows[r] if v}) >= 2
            # With merged cells spanning the pair, the lower row is a sub-header even when it
            # adds no field: it must never be read as data.
            better = double.score >= singles[r].score if spans else double.score > singles[r].score
            if upper_names_fields and double.score >= alone + margin and better:
                candidate = double
        # Three levels only where a merged cell spans all three rows.
        if r in spans3 and r + 2 < len(singles) and singles[r].score >= 1:
            triple = _map_row(_levels(rows[r : r + 3]), syn)
            if triple.score >= max(candidate.score, singles[r + 1].score, singles[r + 2].score):
                triple.first, triple.last = r, r + 2
                candidate = triple
        if candidate.score >= 2 and (best is None or candidate.score > best.score):
            best = candidate
    if best is None:
        return None
    best.title_lines = [" ".join(v for v in dict.fromkeys(row) if v) for row in rows[: best.first]]
    best.title_lines = [line for line in best.title_lines if line]
    best.title = " ".join(best.title_lines)
    return best


def first_text_row(grid: Grid, syn: Synonyms) -> HeaderMatch | None:
    """A header of names nobody listed (日子 / 人 / 水): the first row of three or more
    different texts and no numbers, so the content of its columns can propose fields."""
    rows = _filled(grid, HEADER_SCAN_ROWS)
    for r, row in enumerate(rows):
        texts = [v for v in row if v]
        if len(set(texts)) >= 3 and not any(re.fullmatch(r"[\d.\-/:]+", v) for v in texts):
            match = _map_row(((c, [v], v) for c, v in enumerate(row)), syn)
            match.first = match.last = r
            match.title_lines = [" ".join(v for v in dict.fromkeys(x) if v) for x in rows[:r] if any(x)]
            match.title = " ".join(match.title_lines)
            return match
    return None


def header_by_names(grid: Grid, syn: Synonyms, names: Iterable[str]) -> HeaderMatch | None:
    """The header row of a sheet whose headers the synonyms do not know: the first row
    holding a header the clerk named (--map 日子=巡河日期)."""
    wanted = {normalize_label(n) for n in names}
    rows = _filled(grid, HEADER_SCAN_ROWS)
    for r, row in enumerate(rows):
        if wanted & {normalize_label(v) for v in row if v}:
            match = _map_row(((c, [v], v) for c, v in enumerate(row)), syn)
            match.first = match.last = r
            match.title_lines = [" ".join(v for v in dict.fromkeys(x) if v) for x in rows[:r]]
            match.title_lines = [line for line in match.title_lines if line]
            match.title = " ".join(match.title_lines)
            return match
    return None


def _levels(rows: list[list[str]]) -> Iterable[tuple[int, list[str], str]]:
    """Each column of a header of several rows: the labels to try, the levels joined first
    (巡河时间开始, then 开始), and the header as shown (巡河时间/开始)."""
    width = max(len(r) for r in rows)
    for c in range(width):
        path: list[str] = []
        for row in rows:
            v = row[c] if c < len(row) else ""
            if v and (not path or path[-1] != v):
                path.append(v)
        if not path:
            yield c, [], ""
            continue
        candidates = ["".join(path[i:]) for i in range(len(path))]
        if len(path) == 3:
            candidates.insert(2, path[0] + path[2])
        yield c, list(dict.fromkeys(candidates)), "/".join(path)
