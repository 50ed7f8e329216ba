"""Roles and passwords: the one table of who may do what, names and passwords refused with
their reason, Argon2 hashes that verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import InputError
from sosmed.office import Office
from sosmed.office.people import ACTIONS, People, check_name, check_role, may
from sosmed.settings import Settings


def test_each_role_has_what_the_one_before_has_and_more() -> None:
    staf = {a for a in ACTIONS if may("staf", a)}
    penyetuju = {a for a in ACTIONS if may("penyetuju", a)}
    admin = {a for a in ACTIONS if may("admin", a)}
    assert staf == {"read", "add", "compose", "edit", "schedule"}
    assert penyetuju == staf | {"approve"}
    assert admin == penyetuju | {"accounts", "users"}


def test_unknown_roles_and_actions_may_nothing() -> None:
    assert not may("tamu", "read")
    assert not may("admin", "hapus-semua")
    assert not may("", "")


def test_roles_and_names_are_checked() -> None:
    assert check_role(" Penyetuju ") == "penyetuju"
    with pytest.raises(InputError, match="staf, penyetuju, admin"):
        check_role("editor")
    assert check_name("  Sari W. ") == "Sari W."
    for bad in ("", "a" * 64, "x<script>", "dua\nbaris"):
        with pytest.raises(InputError):
            check_name(bad)


def test_a_password_is_kept_as_an_argon2_hash_and_checked(settings: Settings) -> None:
    office = Office(settings)
    people = People(office)
    with pytest.raises(InputError, match="terlalu pendek"):
        people.add("Sari", "staf", "pendek")
    people.add("Sari", "staf", "cukup-panjang-sekali")
    stored = office.store.person_named("Sari")
    assert stored is not None and stored.password_hash.startswith("$argon2id$")
    assert "cukup-panjang" not in stored.password_hash
    assert people.sign_in("sari", "cukup-panjang-sekali") is not None
    assert people.sign_in("Sari", "cukup-panjang-sekalI") is None
    assert people.sign_in("Tidak Ada", "cukup-panjang-sekali") is None
    people.disable("Sari")
    assert people.sign_in("Sari", "cukup-panjang-sekali") is None
    office.close()


def test_the_people_table_comes_with_the_migration(tmp_path: Path) -> None:
    from sqlalchemy import inspect

    from sosmed.store import Store

    store = Store.open_url(f"sqlite:///{tmp_path / 'm.db'}")
    columns = {c["name"] for c in inspect(store.engine).get_columns("person")}
    assert columns == {"id", "name", "role", "password_hash", "created_at", "disabled"}
    store.close()
