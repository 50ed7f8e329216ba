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

from sosmed.errors import InputError, NotFound
from sosmed.i18n import _
from sosmed.models import Person
from sosmed.store.base import StoreBase


def _taken(name: str) -> InputError:
    return InputError(_("sudah ada orang bernama {name}").format(name=name))


class PeopleStore(StoreBase):
    def add_person(self, name: str, role: str, password_hash: str, now: datetime) -> Person:
        """A new person; InputError when the name (in any case) is taken."""
        try:
            with self.session() as s:
                lower = func.lower(col(Person.name)) == name.lower()
                if s.exec(select(Person).where(lower)).first() is not None:
                    raise _taken(name)
                person = Person(name=name, role=role, password_hash=password_hash, created_at=now)
                s.add(person)
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
    ) -> Person:
        """Change what is given of the person named ``name``; NotFound when there is none."""
        with self.session() as s:
            q = select(Person).where(func.lower(col(Person.name)) == name.strip().lower())
            person = s.exec(q).first()
            if person is None:
                raise NotFound(_("tidak ada orang bernama {name}").format(name=name))
            if password_hash is not None:
                person.password_hash = password_hash
            if role is not None:
                person.role = role
            if disabled is not None:
                person.disabled = disabled
            s.add(person)
            s.flush()
            s.refresh(person)
            return person
