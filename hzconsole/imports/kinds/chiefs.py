"""河长名册: people and their appointments, one appointment per row.

May create people and appointments; never rivers or segments (a row naming an unknown river
is refused) and never ends an appointment by itself: 人事调整 is a workflow of the roster.

A person is the same person when the name and phone agree, or, without a phone, the name
and unit; a row without either matches a single namesake and is refused when there are
several. An appointment is known by person + role + river/segment + start date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hzconsole import text as tx
from hzconsole.books.models import Appointment, Person
from hzconsole.books.roster import NO_TARGET, needs_target
from hzconsole.books.terms import ROLES
from hzconsole.imports import cells
from hzconsole.imports import messages as msg
from hzconsole.imports.engine import KindImporter, SourceRow
from hzconsole.imports.headers import Column, HeaderMatch, normalize_label, value_synonyms
from hzconsole.imports.hints import Hint
from hzconsole.imports.kinds.common import model_titles
from hzconsole.imports.matching import Found, name_key
from hzconsole.imports.report import RowResult
from hzconsole.store.database import new_id

_APPOINTMENT_KEYS = {"person_id": "name", "river_id": "river", "segment_id": "segment"}
_LEVEL_IN_ROLE = re.compile(r"^(县|区|市|乡|镇|乡镇|村|社区)级?(.+)$")
_LEVEL_AFTER_ROLE = re.compile(r"^(.+?)\((县|区|市|乡|镇|乡镇|村|社区)级?\)$")


class ChiefImporter(KindImporter):
    kind = "chiefs"
    required = ("name",)
    titles = (
        *model_titles(Person),
        *model_titles(Appointment, {"person_id": "name", "river_id": "river", "segment_id": "segment", "notes": ""}),
    )

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        self.roles = value_synonyms("role")
        self.noted = False
        self.title_level: str | None = None
        self.groups: list[_Group] = []  # a wide roster's levels side by side
        # For the warnings of finish(): the rows naming each person, and the chiefs planned.
        self.person_rows: dict[str, list[RowResult]] = {}
        self.planned: list[tuple[RowResult, dict[str, Any]]] = []
        self.matched: set[str] = set()  # stored appointments a row stands for

    def start_sheet(self, match: HeaderMatch) -> None:
        self.groups = [g for g in wide_groups(match) if g.level and "name" in g.fields]
        if len(self.groups) < 2:
            self.groups = []
        else:
            self.ctx.report.notes.append(
                msg.WIDE_ROSTER.format(levels="、".join(f"{g.label}→{g.level}" for g in self.groups))
            )
            # The report lists each level's columns under that level, not as repeats.
            titles = {"name": "姓名", "post": "职务", "unit": "单位/村\uff08社区\uff09", "phone": "联系电话"}
            by_index = {c.index: f"{g.level}河长{titles[k]}" for g in self.groups for k, c in g.fields.items()}
            for use in self.ctx.report.columns.get(self.ctx.report.sheets[-1], []):
                index = _column_index(use.letter)
                if index in by_index:
                    use.target, use.note, use.sure, use.why = by_index[index], "", 95, msg.WHY_HEADER
            return
        if "role" not in match.columns and not self.noted:
            self.noted = True
            self.ctx.report.notes.append(msg.DEFAULT_ROLE_NOTE)
        # 白沙镇村级河长名册: rows without a 层级 take the level the title names.
        m = re.search(r"(县|乡|镇|村)级", match.title)
        self.title_level = {"县": "县级", "乡": "乡级", "镇": "乡级", "村": "村级"}[m.group(1)] if m else None
        if self.title_level:
            self.ctx.report.notes.append(msg.LEVEL_FROM_TITLE.format(level=self.title_level))

    # -- the row -----------------------------------------------------------------------
    def plan_row(self, row: SourceRow) -> None:
        if self.groups:
            self._plan_wide(row)
            return
        name = row.text("name")
        phone, other_phones = self._phone(row)
        person = {
            "name": name,
            "post": row.text("post"),
            "unit": row.text("unit") or unit_from_post(row.text("post")),
            "phone": phone,
        }
        if other_phones:
            person["notes"] = msg.OTHER_PHONES.format(phones=other_phones)
        role, level = self._role(row)
        river_name, seg_name = row.text("river"), row.text("segment")
        wants_appointment = any(v is not None for v in (role, river_name, seg_name, row.raw("start_date")))
        if not name:
            self.validate(Person, person, row, {"name": "name"})
            self.settle(row, ["refuse"], "")
            return
        outcomes: list[str] = []
        _, _, river_id, segment_id = self.place(row, segment_alone=True)
        person_id = self._plan_person(row, name, person, river_id, outcomes)
        name = self.resolver.people[person_id]["name"] if person_id else tx.clean_name(name) or name
        what = name
        if wants_appointment:
            role = role or "河长"
            target = self._target_label(river_id, segment_id, river_name, seg_name)
            what = f"{name} {role}" + (f"\uff08{target}\uff09" if target else "")
            if person_id:
                level = level or self.title_level
                if needs_target(role, river_id, segment_id) and not row.result.issues:
                    row.issue("river", NO_TARGET.format(role=role), Appointment.label("river_id"))
                outcomes.append(self._plan_appointment(row, person_id, role, level, river_id, segment_id))
        self.settle(row, outcomes, what)

    def _plan_wide(self, row: SourceRow) -> None:
        """One row per river, each level's chief side by side: one appointment per level."""
        river_name, seg_name, river_id, segment_id = self.place(row, segment_alone=True)
        target = self._target_label(river_id, segment_id, river_name, seg_name)
        outcomes: list[str] = []
        names: list[str] = []
        for group in self.groups:
            values = {k: row.cells[c.index] if c.index < len(row.cells) else None for k, c in group.fields.items()}
            if cells.blank(values.get("name")):
                continue
            sub = SourceRow(
                row.sheet,
                row.number,
                {**values, "start_date": row.raw("start_date"), "end_date": row.raw("end_date")},
                {**group.fields, **{k: c for k, c in row.columns.items() if k in ("start_date", "end_date")}},
                row.result,
                row.year,
            )
            name = sub.text("name") or ""
            phone, _others = self._phone(sub)
            person = {
                "name": name,
                "post": sub.text("post"),
                "unit": sub.text("unit") or unit_from_post(sub.text("post")),
                "phone": phone,
            }
            person_id = self._plan_person(sub, name, person, river_id, outcomes)
            names.append(f"{group.level}{name}")
            if person_id is None:
                continue
            if river_id is None and segment_id is None:
                if not row.result.issues and not river_name:
                    row.issue("river", NO_TARGET.format(role="河长"), Appointment.label("river_id"))
                outcomes.append("refuse")
                continue
            outcomes.append(self._plan_appointment(sub, person_id, "河长", group.level, river_id, segment_id))
        if not names:
            outcomes.append("same")
        self.settle(row, outcomes, f"{target} " + "、".join(names) if target else "、".join(names))

    def _phone(self, row: SourceRow) -> tuple[str | None, str | None]:
        value = row.raw("phone")
        if cells.blank(value):
            return None, None
        phone, others = cells.to_phone(value)
        return phone, others

    def _role(self, row: SourceRow) -> tuple[str | None, str | None]:
        """(role, level): 镇级河长 / 河长(村级) carry the level inside the role."""
        level = row.text("level")
        text = row.text("role")
        if text:
            text = re.sub(r"\s+", "", tx.clean_text(text) or "").translate(str.maketrans("()", "()"))
            text = self.roles.get(text, text)
            if text not in ROLES:
                m = _LEVEL_IN_ROLE.match(text) or None
                parts = (m.group(1), m.group(2)) if m else None
                if parts is None:
                    m2 = _LEVEL_AFTER_ROLE.match(text)
                    parts = (m2.group(2), m2.group(1)) if m2 else None
                if parts is not None:
                    role = self.roles.get(parts[1], parts[1])
                    if role in ROLES:
                        text = role
                        level = level or parts[0]
        return text, level

    def _target_label(
        self, river_id: str | None, segment_id: str | None, river_name: str | None, seg_name: str | None
    ) -> str:
        if segment_id:
            return self.resolver.segment_label(segment_id)
        if river_id:
            return self.resolver.rivers[river_id]["name"]
        return " ".join(n for n in (river_name, seg_name) if n)

    # -- the person --------------------------------------------------------------------
    def _find_person(self, name: str, phone: str | None, unit: str | None) -> Found | None:
        """The existing (or already planned) person this row means; None for a new one."""
        ids = self.resolver.people_by_name.get(name_key(name), [])
        if not ids:
            return None
        people = self.resolver.people
        norm_phone = _norm_phone(phone)
        if norm_phone:
            same = [i for i in ids if _norm_phone(people[i].get("phone")) == norm_phone]
            if same:
                return Found(same[0])
            if unit:
                same_unit = [i for i in ids if name_key(people[i].get("unit")) == name_key(unit)]
                return Found(same_unit[0]) if len(same_unit) == 1 else None
            no_phone = [i for i in ids if not people[i].get("phone")]
            if len(ids) == 1 and no_phone:
                return Found(ids[0])
            if len(ids) == 1:
                return None  # a namesake with another phone and no unit to compare: a new person
        if unit:
            same_unit = [i for i in ids if name_key(people[i].get("unit")) == name_key(unit)]
            if same_unit:
                return Found(same_unit[0])
            return None
        if len(ids) == 1:
            return Found(ids[0])
        labels = tuple(self.resolver.person_label(i) for i in ids)
        return Found(
            error=msg.PERSON_AMBIGUOUS.format(n=len(ids), name=name, candidates="、".join(labels)), candidates=labels
        )

    def _plan_person(
        self, row: SourceRow, name: str, data: dict[str, Any], river_id: str | None, outcomes: list[str]
    ) -> str | None:
        found = self._find_person(name, data.get("phone"), data.get("unit"))
        if found is not None and not found.ok:
            self.ambiguous(row, "name", name, found, msg.HINT_PERSON)
            outcomes.append("refuse")
            return None
        existing = None
        if found is not None and found.id is not None and self.resolver.stored(found.id):
            existing = self.db.get("people", found.id)
        elif found is None:
            data = {**data, "id": new_id()}
        seen = ("person", found.id if found is not None else data["id"])
        outcome, person_id = self.upsert(
            Person, existing, data, row, seen=seen, describe=(msg.WHAT_PERSON, msg.WHAT_PERSON_KEY)
        )
        if outcome == "add":
            values = row.result.ops[-1].values
            self.resolver.add_person(values)
            row.result.notes.append(msg.NEW_PERSON.format(name=values["name"]))
        elif outcome == "change" and person_id:
            self.resolver.update_person(person_id, row.result.ops[-1].values)
        outcomes.append(outcome)
        if outcome != "refuse" and person_id:
            rows = self.person_rows.setdefault(person_id, [])
            if row.result not in rows:
                rows.append(row.result)
        return person_id if outcome != "refuse" else None

    # -- the appointment ---------------------------------------------------------------
    def _plan_appointment(
        self, row: SourceRow, person_id: str, role: str, level: str | None, river_id: str | None, segment_id: str | None
    ) -> str:
        start = row.date("start_date")
        from_sheet = start is not None
        if start is None and "start_date" not in row.bad:
            start = self.ctx.options.start_date
            if start is None:
                row.issue("start_date", msg.START_DATE_MISSING, Appointment.label("start_date"), Hint.START_DATE)
        data = {
            "person_id": person_id,
            "role": role,
            "level": level,
            "river_id": river_id,
            "segment_id": segment_id,
            "start_date": start,
            "end_date": row.date("end_date"),
            "end_reason": row.text("end_reason"),
            "notes": row.text("notes"),
        }
        if start is None:
            self.validate(Appointment, data, row, _APPOINTMENT_KEYS)
            return "refuse"
        existing = None
        if self.resolver.stored(person_id):
            existing = self._existing(person_id, role, river_id, segment_id, start, from_sheet)
        if existing is not None and not from_sheet:
            del data["start_date"]  # the stored date stands; the default only starts new ones
        seen = ("appointment", person_id, role, river_id, segment_id, start if from_sheet else None)
        outcome, _id = self.upsert(
            Appointment,
            existing,
            data,
            row,
            keys=_APPOINTMENT_KEYS,
            seen=seen,
            describe=(msg.WHAT_APPOINTMENT, msg.WHAT_APPOINTMENT_KEY),
        )
        if existing is not None:
            self.matched.add(existing["id"])
        if outcome in ("add", "change", "same"):
            self.planned.append((row.result, {**self.seen[seen].values, "fresh": outcome != "same"}))
        return outcome

    # -- warnings: shown in the preview, never a refusal --------------------------------
    def finish(self) -> None:
        self.ctx.report.warnings.extend([*self._duplicate_warnings(), *self._overlap_warnings()])

    def _duplicate_warnings(self) -> list[str]:
        """A person of the sheet who looks like another one (in the file or the sheet): the
        same name with another phone, or the same phone under another name."""
        people = self.resolver.people
        by_phone: dict[str, list[str]] = {}
        for i, p in people.items():
            if (ph := _norm_phone(p.get("phone"))) is not None:
                by_phone.setdefault(ph, []).append(i)
        out: list[str] = []
        done: set[frozenset[str]] = set()
        for pid, rows in self.person_rows.items():
            me = people.get(pid)
            if me is None:
                continue
            phone = _norm_phone(me.get("phone"))
            # Only namesakes and holders of the same phone can look alike.
            near = [*self.resolver.people_by_name.get(name_key(me.get("name")), []), *by_phone.get(phone or "", [])]
            for other_id in dict.fromkeys(near):
                other = people[other_id]
                if other_id == pid or frozenset((pid, other_id)) in done:
                    continue
                if self.resolver.stored(pid) and self.resolver.stored(other_id):
                    continue  # both already in the file: told apart before, not this import's news
                other_phone = _norm_phone(other.get("phone"))
                same_name = name_key(other.get("name")) == name_key(me.get("name"))
                if same_name and phone and other_phone and phone != other_phone:
                    why = msg.WARN_SAME_NAME
                elif not same_name and phone and phone == other_phone:
                    why = msg.WARN_SAME_PHONE
                else:
                    continue
                done.add(frozenset((pid, other_id)))
                other_rows = self.person_rows.get(other_id)
                out.append(
                    msg.WARN_DUPLICATE_PERSON.format(
                        rows=_rows_text(rows),
                        who=self.resolver.person_label(pid),
                        why=why,
                        other=self.resolver.person_label(other_id),
                        where=_rows_text(other_rows) if other_rows else msg.WARN_IN_FILE,
                    )
                )
        return out

    def _overlap_warnings(self) -> list[str]:
        """Two 河长 of one level on one segment (or one river taken whole) in office at once."""
        chiefs: list[tuple[RowResult | None, dict[str, Any]]] = list(self.planned)
        for stored in self.db.query("SELECT * FROM appointments WHERE role = '河长'"):
            if stored["id"] not in self.matched:
                chiefs.append((None, dict(stored)))
        by_place: dict[tuple[Any, ...], list[tuple[RowResult | None, dict[str, Any]]]] = {}
        for result, a in chiefs:
            if a.get("role") == "河长" and (a.get("river_id") or a.get("segment_id")):
                by_place.setdefault((a.get("level"), a.get("river_id"), a.get("segment_id")), []).append((result, a))
        out: list[str] = []
        for (level, river_id, segment_id), group in by_place.items():
            for i, (r1, a1) in enumerate(group):
                for r2, a2 in group[i + 1 :]:
                    if not (a1.get("fresh") or a2.get("fresh")) or a1["person_id"] == a2["person_id"]:
                        continue  # the file's own state is not this import's news
                    if not _overlap(a1, a2):
                        continue
                    rows = [r for r in (r1, r2) if r is not None]
                    place = (
                        self.resolver.segment_label(segment_id)
                        if segment_id
                        else self.resolver.rivers[river_id]["name"]
                    )
                    out.append(
                        msg.WARN_TWO_CHIEFS.format(
                            rows=_rows_text(rows),
                            place=place,
                            level=level or "",
                            first=self._chief_text(a1, r1 is None),
                            second=self._chief_text(a2, r2 is None),
                        )
                    )
        return out

    def _chief_text(self, a: dict[str, Any], stored: bool) -> str:
        end = _day(a.get("end_date"))
        span = f"{_day(a.get('start_date'))}起" if not end else f"{_day(a.get('start_date'))}—{end}"
        return f"{self.resolver.people[a['person_id']]['name']}\uff08{span}{msg.WARN_STORED if stored else ''}\uff09"

    def _existing(
        self, person_id: str, role: str, river_id: str | None, segment_id: str | None, start: date, from_sheet: bool
    ) -> dict[str, Any] | None:
        sql = "SELECT * FROM appointments WHERE person_id = ? AND role = ? AND river_id IS ? AND segment_id IS ?"
        params: list[Any] = [person_id, role, river_id, segment_id]
        if from_sheet:
            sql += " AND start_date = ?"
            params.append(start.isoformat())
        else:
            # No start date in the sheet: the appointment still held is the one meant.
            sql += " AND end_date IS NULL"
        row = self.db.query_one(sql + " ORDER BY start_date DESC LIMIT 1", params)
        return dict(row) if row else None


_LEVEL_PREFIX = re.compile(r"^(县|区|市|乡镇|乡|镇\(街道?\)|镇|街道|村\((?:居|社区)\)|社区|村|居)级?")
_LEVELS = {
    "县": "县级",
    "区": "县级",
    "市": "县级",
    "乡镇": "乡级",
    "乡": "乡级",
    "镇": "乡级",
    "街道": "乡级",
    "村": "村级",
    "社区": "村级",
    "居": "村级",
}
_SUBFIELDS = (
    ("phone", ("电话", "手机", "联系方式", "手机号码")),
    ("post", ("职务", "职位")),
    ("unit", ("单位", "工作单位")),
    ("name", ("姓名", "名字", "河长")),
)


@dataclass
class _Group:
    level: str | None
    label: str
    fields: dict[str, Column] = field(default_factory=dict)


def wide_groups(match: HeaderMatch) -> list[_Group]:
    """The level groups of a wide roster's header, left to right: 县级河长/姓名 · 职务 · 电话,
    or flat 镇(街)级河长姓名 · 镇(街)级单位 …; a column without a level (河长姓名 before
    区级单位) joins the group beside it that lacks that field."""
    groups: list[_Group] = []
    current: _Group | None = None
    for index, _cands, shown in match.cells:
        parts = [normalize_label(p) for p in shown.split("/")]
        sub = next((k for k, tails in _SUBFIELDS if parts[-1].endswith(tails)), None)
        if sub is None:
            current = None
            continue
        # The level in any level of the header: 县级河长/姓名, 河长/镇级河长/姓名, 镇(街)级河长姓名.
        found = [m.group(1) for p in parts if (m := _LEVEL_PREFIX.match(p)) and (len(parts) == 1 or p != parts[-1])]
        word = found[0] if found else ""
        base = re.sub(r"\(.*\)", "", word)
        level = _LEVELS.get(word) or _LEVELS.get(base) if word else None
        col = Column(index, shown, sub)
        if current is not None and sub not in current.fields and (level is None or current.level in (None, level)):
            if level and current.level is None:
                current.level, current.label = level, word
            current.fields[sub] = col
            continue
        current = _Group(level, word, {sub: col})
        groups.append(current)
    return groups


_UNIT_IN_POST = re.compile(
    r"^(.{2,12}?(?:村|社区|镇|街道|乡|居委会))(?=党|支|村委|居委|委|居|主任|书记|副|河长|会计|文书|干部)"
)


def _column_index(letter: str) -> int:
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def unit_from_post(post: str | None) -> str | None:
    """石门村党支部书记 -> 石门村: rosters often give the post with its unit in front."""
    if not post:
        return None
    m = _UNIT_IN_POST.match(cells.fold(post).strip())
    return post.strip()[: len(m.group(1))] if m else None


def _norm_phone(phone: Any) -> str | None:
    if not phone:
        return None
    try:
        return tx.normalize_phone(str(phone))
    except ValueError:
        return str(phone)


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two appointments are in force on a common day (an end day is the successor's
    first day, so a handover on one day is no overlap)."""
    a0, b0 = _day(a.get("start_date")) or "", _day(b.get("start_date")) or ""
    a1, b1 = _day(a.get("end_date")) or "9999", _day(b.get("end_date")) or "9999"
    return a0 < b1 and b0 < a1


def _rows_text(rows: list[RowResult]) -> str:
    return "\u3001".join(r.where for r in rows)
