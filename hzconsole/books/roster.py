"""河长名册: people and their appointments. A change ends one appointment and starts another;
history is never overwritten."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hzconsole.books.base import Book
from hzconsole.books.models import END_BEFORE_START, Appointment, Person
from hzconsole.books.rivers import check_place
from hzconsole.books.terms import TOWNSHIP_ROLES, in_force_sql
from hzconsole.books.validation import validate
from hzconsole.store.database import Database
from hzconsole.store.errors import RuleError

# The roster rule, one message for the form and the import: a chief below the township's
# 总河长 and 副总河长 holds a duty on a river or a segment.
NO_TARGET = "{role}必须填写任职的河湖或河段"


def needs_target(role: str, river_id: str | None, segment_id: str | None) -> bool:
    return river_id is None and segment_id is None and role not in TOWNSHIP_ROLES


class PersonBook(Book[Person]):
    pass


class AppointmentBook(Book[Appointment]):
    def before_write(self, db: Database, new: Appointment, old: Appointment | None) -> None:
        if old is not None and old.person_id != new.person_id:
            # Putting another person on a record would rewrite who held the duty back then.
            raise RuleError("不能把任职记录改成另一个人：人员变动请用“人事调整”（结束原任职、新增任职），以保留历史")
        db.get("people", new.person_id)
        if needs_target(new.role, new.river_id, new.segment_id):
            raise RuleError(NO_TARGET.format(role=new.role))
        new.river_id = check_place(db, new.river_id, new.segment_id)

    def active(self, db: Database, on: date) -> list[Appointment]:
        day = on.isoformat()
        return self.all(db, in_force_sql(), (day, day))

    def of_person(self, db: Database, person_id: str) -> list[Appointment]:
        return self.all(db, "person_id = ?", (person_id,))


people = PersonBook(Person, order_by="name")
appointments = AppointmentBook(Appointment, order_by="start_date, id")


@dataclass(frozen=True)
class ChangeResult:
    ended: Appointment
    started: Appointment | None


def end_appointment(db: Database, appointment_id: str, on: date, reason: str | None = None) -> Appointment:
    """End an appointment on `on` (the first day it no longer holds)."""
    appt = appointments.get(db, appointment_id)
    if appt.end_date is not None:
        raise RuleError(f"该任职已于 {appt.end_date} 结束，不能再次结束")
    if on < appt.start_date:
        raise RuleError(END_BEFORE_START)
    return appointments.update(db, appointment_id, {"end_date": on, "end_reason": reason})


def change_appointment(
    db: Database,
    appointment_id: str,
    on: date,
    successor_id: str | None,
    *,
    reason: str | None = "工作调整",
    successor: dict[str, Any] | None = None,
) -> ChangeResult:
    """人事调整: end one appointment on `on` and start the same role for the successor.

    `successor` (a new person's fields) may be given instead of `successor_id`. One
    transaction: either both happen or neither.
    """
    with db.transaction():
        old = appointments.get(db, appointment_id)
        ended = end_appointment(db, appointment_id, on, reason)
        started = None
        if successor is not None:
            successor_id = people.add(db, validate(Person, successor)).id
        if successor_id is not None:
            started = appointments.add(
                db,
                {
                    "person_id": successor_id,
                    "role": old.role,
                    "level": old.level,
                    "river_id": old.river_id,
                    "segment_id": old.segment_id,
                    "start_date": on,
                },
            )
    return ChangeResult(ended=ended, started=started)
