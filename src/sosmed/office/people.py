"""The office's people: who may sign in to the web workspace and what each role may do.

Three roles, each with everything of the one before: ``staf`` adds articles, composes, edits
and schedules; ``penyetuju`` also approves; ``admin`` also manages accounts and people. What a
role may do is one table (:func:`may`), the same for every page and command that asks.

Passwords are kept as Argon2id hashes (argon2-cffi); a hash made with weaker parameters than
today's is made again at the next good sign-in.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sosmed.errors import InputError
from sosmed.i18n import N_, _

if TYPE_CHECKING:
    from sosmed.office import Office

ROLES = ("staf", "penyetuju", "admin")
ACTIONS: dict[str, str] = {
    "read": "staf",
    "add": "staf",
    "compose": "staf",
    "edit": "staf",
    "schedule": "staf",
    "approve": "penyetuju",
    "accounts": "admin",
    "users": "admin",
}
ROLE_NAMES = {
    "staf": N_("staf"),
    "penyetuju": N_("penyetuju"),
    "admin": N_("admin"),
}
MIN_PASSWORD = 10
MAX_NAME = 63


@dataclass(frozen=True)
class PersonView:
    """A person as the pages and commands show them: never the hash."""

    id: int
    name: str
    role: str
    created_at: datetime | None
    disabled: bool
    # A short digest of the password hash: a session made before the password changed holds
    # another one, and is over.
    stamp: str = ""


def may(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action``; an unknown role or action may do nothing."""
    needed = ACTIONS.get(action)
    if needed is None or role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def check_role(role: str) -> str:
    value = role.strip().lower()
    if value not in ROLES:
        raise InputError(
            _("peran {value}: pilih salah satu dari {choices}").format(
                value=role, choices=", ".join(ROLES)
            )
        )
    return value


def check_name(name: str) -> str:
    value = name.strip()
    if not value or len(value) > MAX_NAME or any(c in value for c in "\r\n\t<>\"'&/\\"):
        raise InputError(
            _("nama {name}: 1–{n} huruf, tanpa baris baru atau tanda < > \" ' & / \\").format(
                name=repr(name), n=MAX_NAME
            )
        )
    return value


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(
            _("kata sandi terlalu pendek: paling sedikit {n} huruf").format(n=MIN_PASSWORD)
        )
    return password


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return str(_hasher().hash(password))


# A hash to check against when the name is unknown, so that an unknown name takes as long as a
# wrong password (the time does not tell which names exist).
_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(hash_password("tidak-ada-orang-ini"))
    return _DUMMY[0]


def view(person: object) -> PersonView:
    return PersonView(
        id=int(getattr(person, "id")),  # noqa: B009
        name=str(getattr(person, "name")),  # noqa: B009
        role=str(getattr(person, "role")),  # noqa: B009
        created_at=getattr(person, "created_at", None),
        disabled=bool(getattr(person, "disabled", False)),
        stamp=hashlib.sha256(str(getattr(person, "password_hash", "")).encode()).hexdigest()[:16],
    )


class People:
    """The people of one office."""

    def __init__(self, office: Office) -> None:
        self.office = office

    def add(self, name: str, role: str, password: str, actor: str | None = None) -> PersonView:
        """A new person; with ``actor``, recorded in the people's history under that name."""
        name, role = check_name(name), check_role(role)
        digest = hash_password(check_password(password))
        now = self.office.now()
        return view(self.office.store.add_person(name, role, digest, now, actor))

    def list(self) -> list[PersonView]:
        return [view(p) for p in self.office.store.people()]

    def get(self, person_id: int) -> PersonView | None:
        """The person with this id, if they exist and are not disabled."""
        person = self.office.store.person_by_id(person_id)
        if person is None or person.disabled:
            return None
        return view(person)

    def named(self, name: str) -> PersonView | None:
        person = self.office.store.person_named(name)
        return None if person is None else view(person)

    def sign_in(self, name: str, password: str) -> PersonView | None:
        """The person when ``password`` is theirs and they are not disabled; else None."""
        from argon2.exceptions import InvalidHashError, VerificationError

        hasher = _hasher()
        person = self.office.store.person_named(name) if name.strip() else None
        try:
            hasher.verify(person.password_hash if person else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        if person is None or person.disabled:
            return None
        if hasher.check_needs_rehash(person.password_hash):
            self.office.store.update_person(person.name, password_hash=hasher.hash(password))
        return view(person)

    def change_password(self, name: str, password: str, actor: str | None = None) -> PersonView:
        digest = hash_password(check_password(password))
        return self._update(name, actor, password_hash=digest)

    def disable(self, name: str, actor: str | None = None) -> PersonView:
        return self._update(name, actor, disabled=True)

    def enable(self, name: str, actor: str | None = None) -> PersonView:
        """Someone disabled may sign in again (with the password they had)."""
        return self._update(name, actor, disabled=False)

    def set_role(self, name: str, role: str, actor: str | None = None) -> PersonView:
        return self._update(name, actor, role=check_role(role))

    def _update(self, name: str, actor: str | None, **change: Any) -> PersonView:
        now = self.office.now()
        return view(self.office.store.update_person(name, actor=actor, now=now, **change))

    def history(self, limit: int = 50) -> builtins.list[tuple[datetime | None, str, str]]:
        """The newest changes to the people, newest first: (when, who, what in words)."""
        from sosmed.office.audit import note_words

        tz = self.office.settings.tz
        rows = self.office.store.people_changes(limit)
        return [(e.at, e.actor, note_words(e.detail, tz) or "") for e in rows]
