"""The column mapping of a sheet: which field each column fills, how sure the importer is,
and what the clerk confirmed.

The header names propose most columns (headers.py: synonyms, containment, close spelling).
Here the proposal is completed and corrected:

- by the content of columns no header name explains: 11-digit numbers are phones, dates are
  dates, names of rivers (or people) in the file are rivers (people);
- by a mapping confirmed for the same layout before (kept in the file, table import_layouts,
  keyed by kind and header row);
- by what the clerk says now: `--map "表头=字段"` (字段 as the report shows it; 不导入 to
  leave a column out). Several columns may go to 备注: each is kept as 「表头:值」.

Nothing here writes, except `remember`, which the import calls inside its transaction.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from hzconsole.books.settings import save_import_layout
from hzconsole.imports import cells
from hzconsole.imports import messages as msg
from hzconsole.imports.headers import Column, HeaderMatch, Synonyms, normalize_label, unit_scale
from hzconsole.imports.hints import Hint
from hzconsole.imports.matching import Resolver, name_key
from hzconsole.imports.workbook import Grid, column_letter
from hzconsole.store.database import Database

SURE_CONFIRMED = 100
NOT_IMPORTED = ("不导入", "忽略", "-", "")
APPEND_KEYS = ("notes",)  # fields several columns may fill, each as 「表头:值」
CONTENT_SAMPLE = 200  # data rows looked at to judge a column by its content

# Which field a column of each content type proposes, per kind (first free one wins).
_CONTENT_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    # Not a signboard's 监督电话: the mobiles on a board's ledger are its chiefs'.
    "phone": {"chiefs": ("phone",), "patrols": ("phone",)},
    "date": {
        "patrols": ("date",),
        "problems": ("found_date",),
        "chiefs": ("start_date",),
        "signboards": ("content_date", "install_date"),
        "tasks": ("deadline",),
    },
    "river": {
        "patrols": ("river",),
        "problems": ("river",),
        "signboards": ("river",),
        "chiefs": ("river",),
        "rivers": ("name",),
    },
    "person": {"patrols": ("person",), "chiefs": ("name",)},
}
_CONTENT_SURE = {"phone": 75, "river": 80, "person": 80, "date": 60, "water": 65}
_WATER = re.compile(r"(河|江|溪|涌|渠|湖|库|塘|沟|港|浦|川|坝|湾)(\(.*\))?$")
_PHONE = re.compile(r"1[3-9]\d{9}")


class MappingError(ValueError):
    """A column mapping or default value the importer cannot follow; the message is for the
    clerk, `hint` what they can give instead."""

    def __init__(self, message: str, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def parse_pairs(items: list[str] | tuple[str, ...] | None, what: str) -> dict[str, str]:
    """'表头=字段' (or 字段=值) strings -> dict; = and ＝ alike."""
    out: dict[str, str] = {}
    for item in items or ():
        folded = cells.fold(item)
        if "=" not in folded:
            raise MappingError(msg.PAIR_FORMAT.format(what=what, item=item))
        at = folded.index("=")
        left, right = item[:at].strip(), item[at + 1 :].strip()
        if not left:
            raise MappingError(msg.PAIR_FORMAT.format(what=what, item=item))
        out[left] = right
    return out


def layout_key(match: HeaderMatch) -> str:
    return "\t".join(normalize_label(shown) for _i, _c, shown in match.cells)


def load_layouts(db: Database, kind: str) -> dict[str, dict[str, str]]:
    """header_key -> {normalised header: key or ''} confirmed for this kind."""
    try:
        rows = db.query("SELECT header_key, mapping FROM import_layouts WHERE kind = ?", (kind,))
    except Exception:  # a file not yet migrated has no table: nothing remembered
        return {}
    return {r["header_key"]: json.loads(r["mapping"]) for r in rows}


def mapping_of(match: HeaderMatch) -> dict[str, str]:
    """The whole mapping of a sheet as remembered: every header, its key or ''."""
    keyed = {c.index: c.key for c in match.columns.values()}
    keyed.update({c.index: c.key for c in match.extras})
    return {normalize_label(shown): keyed.get(i, "") for i, _c, shown in match.cells}


def worth_remembering(match: HeaderMatch) -> bool:
    """A mapping the headers alone would not give again: confirmed, changed, or unsure."""
    cols = [*match.columns.values(), *match.extras]
    return bool(match.suggested) or any(c.sure < 90 or c.why != msg.WHY_HEADER for c in cols)


def remember(db: Database, kind: str, match: HeaderMatch) -> None:
    """Keep this sheet's mapping for its layout (inside the import's transaction)."""
    key = layout_key(match)
    mapping = json.dumps(mapping_of(match), ensure_ascii=False, sort_keys=True)
    headers = json.dumps([shown for _i, _c, shown in match.cells], ensure_ascii=False)
    save_import_layout(db, kind, key, headers, mapping)


def find_cell(match: HeaderMatch, header: str) -> int | None:
    """The column a clerk names: its header as shown (巡河时间/开始), its last level, or
    its letter (C)."""
    norm = normalize_label(header)
    letter = header.strip().upper()
    for index, _c, shown in match.cells:
        if normalize_label(shown) == norm:
            return index
    for index, _c, shown in match.cells:
        if normalize_label(shown.rsplit("/", 1)[-1]) == norm:
            return index
    for index, _c, _shown in match.cells:
        if column_letter(index) == letter:
            return index
    return None


def _assign(match: HeaderMatch, index: int, key: str | None, sure: int, why: str) -> None:
    """Column `index` fills `key` (None: nothing); whatever held either gives way."""
    shown = next(s for i, _c, s in match.cells if i == index)
    for k, col in list(match.columns.items()):
        if col.index == index:
            del match.columns[k]
    match.extras = [c for c in match.extras if c.index != index]
    match.suggested = [s for s in match.suggested if s[0] != index]
    match.unused = [(i, h) for i, h in match.unused if i != index]
    match.repeated = [(i, h, k) for i, h, k in match.repeated if i != index]
    if key is None:
        match.unused.append((index, shown))
        match.unused.sort()
        return
    if key in match.columns:
        if key in APPEND_KEYS:
            match.extras.append(Column(index, shown, key, 1.0, sure, why))
            return
        old = match.columns.pop(key)
        match.unused.append((old.index, old.header))
        match.unused.sort()
    match.columns[key] = Column(index, shown, key, unit_scale(key, shown), sure, why)
    match.suggested = [s for s in match.suggested if s[2] != key]


def _content_type(values: list[Any], resolver: Resolver) -> tuple[str, float] | None:
    if not values:
        return None
    n = len(values)

    def share(test: Any) -> float:
        return sum(1 for v in values if test(v)) / n

    phones = share(lambda v: bool(_PHONE.fullmatch(cells.fold(cells.as_text(v) or "").replace(" ", ""))))
    if phones >= 0.9:
        return "phone", phones
    dates = share(lambda v: isinstance(v, date | datetime) or _is_date_text(v))
    if dates >= 0.9:
        return "date", dates
    rivers = share(lambda v: isinstance(v, str) and bool(resolver.rivers_by_name.get(name_key(v))))
    if rivers >= 0.8:
        return "river", rivers
    people = share(lambda v: isinstance(v, str) and bool(resolver.people_by_name.get(name_key(v))))
    if people >= 0.8:
        return "person", people
    water = share(lambda v: isinstance(v, str) and len(v.strip()) <= 12 and bool(_WATER.search(cells.fold(v.strip()))))
    if water >= 0.8:
        return "water", water
    return None


def _is_date_text(value: Any) -> bool:
    if not isinstance(value, str) or not re.search(r"\d", value):
        return False
    try:
        return cells.to_date(value, 2000) is not None
    except ValueError:
        return False


def by_content(match: HeaderMatch, grid: Grid, kind: str, resolver: Resolver) -> None:
    """Propose fields for the columns no header name explains, by what they hold; a second
    column for 备注 (处理情况/制止效果 beside 处理情况/问题处理情况) is kept in it too."""
    for index, shown, key in list(match.repeated):
        if key in APPEND_KEYS:
            match.repeated.remove((index, shown, key))
            match.extras.append(Column(index, shown, key, 1.0, 80, msg.WHY_HEADER))
    mapped = {c.index for c in match.columns.values()} | {c.index for c in match.extras}
    suggested = {s[0] for s in match.suggested}
    open_cells = [(i, shown) for i, _c, shown in match.cells if i not in mapped and i not in suggested]
    if not open_cells:
        return
    rows = grid.rows[match.last + 1 : match.last + 1 + CONTENT_SAMPLE]
    for index, shown in open_cells:
        values = [r[index] for r in rows if index < len(r) and not cells.blank(r[index])]
        found = _content_type(values, resolver)
        if found is None:
            continue
        what, _share = found
        keys = _CONTENT_KEYS.get("river" if what == "water" else what, {}).get(kind, ())
        free_key = next((k for k in keys if k not in match.columns), None)
        if free_key is None:
            continue
        sure = _CONTENT_SURE[what]
        why = msg.WHY_CONTENT[what]
        if sure >= 70:
            _assign(match, index, free_key, sure, why)
        else:
            match.suggested.append((index, shown, free_key, sure, why))
            if index not in {i for i, _h in match.unused}:
                match.unused.append((index, shown))
                match.unused.sort()
            match.repeated = [(i, h, k) for i, h, k in match.repeated if i != index]
    match.suggested.sort()


def confirm(match: HeaderMatch, syn: Synonyms, remembered: dict[str, str] | None, maps: dict[str, str]) -> None:
    """Apply a mapping confirmed before for this layout, then the clerk's --map."""
    if remembered:
        for index, _c, shown in match.cells:
            key = remembered.get(normalize_label(shown))
            if key is None:
                continue
            _assign(match, index, key or None, SURE_CONFIRMED, msg.WHY_REMEMBERED)
    for header, field_name in maps.items():
        at = find_cell(match, header)
        if at is None:
            continue  # on another sheet; the import says so when no sheet has it
        if field_name.strip() in NOT_IMPORTED:
            _assign(match, at, None, SURE_CONFIRMED, msg.WHY_GIVEN)
            continue
        key = syn.key_for(field_name)
        if key is None:
            raise MappingError(msg.MAP_NO_FIELD.format(field=field_name, fields=field_names(syn)), Hint.MAP)
        _assign(match, at, key, SURE_CONFIRMED, msg.WHY_GIVEN)


def field_names(syn: Synonyms) -> str:
    return "、".join(dict.fromkeys(syn.canonical.values()))


def default_keys(syn: Synonyms, defaults: dict[str, str]) -> dict[str, str]:
    """--default '字段=值' -> {key: value}."""
    out = {}
    for field_name, value in defaults.items():
        key = syn.key_for(field_name)
        if key is None:
            raise MappingError(msg.DEFAULT_NO_FIELD.format(field=field_name, fields=field_names(syn)), Hint.DEFAULT)
        out[key] = value
    return out
