"""Store: the people who sign in to the web workspace.

Names are unique whatever their case ("Sari" and "sari" are one person), so that the history
never shows two spellings of one name; the unique key on the column keeps two processes that
add the same spelling at once from both succeeding.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from sosmed.audit_notes import note
from sosmed.errors import InputError, NotFound
from sosmed.i18n import _
from sosmed.models import Event, Person
from sosmed.store.base import StoreBase

# The audit action of every change to the people (Event.action); its detail says which.
PERSON_ACTION = "person"


def _taken(name: str) -> InputError:
    return InputError(_("sudah ada orang bernama {name}").format(name=name))


class PeopleStore(StoreBase):
    def add_person(
        self, name: str, role: str, password_hash: str, now: datetime, actor: str | None = None
    ) -> Person:
        """A new person; InputError when the name (in any case) is taken. With ``actor``, the
        addition is recorded in the audit in the same transaction."""
        try:
            with self.session() as s:
                lower = func.lower(col(Person.name)) == name.lower()
                if s.exec(select(Person).where(lower)).first() is not None:
                    raise _taken(name)
                person = Person(name=name, role=role, password_hash=password_hash, created_at=now)
                s.add(person)
                if actor is not None:
                    detail = note("person_added", name=name, role=role)
                    s.add(Event(at=now, actor=actor, action=PERSON_ACTION, detail=detail))
                s.flush()
                s.refresh(person)
                return person
        except IntegrityError:
            raise _taken(name) from None

    def person_named(self, name: str) -> Person | None:
        """The person of that name in any case, disabled or not."""
        with self.read_session() as s:
            q = select(Person).where(func.lower(col(Person.name)) == name.strip().lower())
            return s.exec(q).first()

    def person_by_id(self, person_id: int) -> Person | None:
        with self.read_session() as s:
            return s.get(Person, person_id)

    def people(self) -> list[Person]:
        """Everyone, by name."""
        with self.read_session() as s:
            return list(s.exec(select(Person).order_by(func.lower(col(Person.name)))).all())

    def update_person(
        self,
        name: str,
        *,
        password_hash: str | None = None,
        role: str | None = None,
        disabled: bool | None = None,
        actor: str | None = None,
        now: datetime | None = None,
    ) -> Person:
        """Change what is given of the person named ``name``; NotFound when there is none.
        With ``actor`` (and ``now``), each change is recorded in the audit in the same
        transaction."""
        with self.session() as s:
            q = select(Person).where(func.lower(col(Person.name)) == name.strip().lower())
            person = s.exec(q).first()
            if person is None:
                raise NotFound(_("tidak ada orang bernama {name}").format(name=name))
            notes = []
            if password_hash is not None:
                person.password_hash = password_hash
                notes.append(note("person_password", name=person.name))
            if role is not None and role != person.role:
                notes.append(note("person_role", name=person.name, before=person.role, after=role))
                person.role = role
            if disabled is not None and disabled != person.disabled:
                code = "person_disabled" if disabled else "person_enabled"
                notes.append(note(code, name=person.name))
                person.disabled = disabled
            s.add(person)
            if actor is not None:
                for detail in notes:
                    s.add(Event(at=now, actor=actor, action=PERSON_ACTION, detail=detail))
            s.flush()
            s.refresh(person)
            return person

    def people_changes(self, limit: int) -> list[Event]:
        """The newest ``limit`` changes to the people, newest first."""
        with self.read_session() as s:
            q = (
                select(Event)
                .where(col(Event.action) == PERSON_ACTION)
                .order_by(col(Event.id).desc())
                .limit(limit)
            )
            return list(s.exec(q).all())
