"""People on every database: unique names whatever their case, changes by name, disabling."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sosmed.errors import InputError, NotFound
from sosmed.store import Store

T = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


def test_a_person_is_found_by_name_in_any_case(any_store: Store) -> None:
    added = any_store.add_person("Sari Wulandari", "penyetuju", "$argon2id$x", T)
    assert added.id is not None and added.created_at == T and not added.disabled
    found = any_store.person_named("  sari wulandari ")
    assert found is not None and found.id == added.id and found.role == "penyetuju"
    assert any_store.person_by_id(added.id) is not None
    assert any_store.person_named("Sari") is None


def test_a_name_is_taken_in_any_case(any_store: Store) -> None:
    any_store.add_person("Budi", "staf", "h1", T)
    with pytest.raises(InputError, match="sudah ada"):
        any_store.add_person("BUDI", "admin", "h2", T)
    assert [p.role for p in any_store.people()] == ["staf"]


def test_people_are_listed_by_name_and_changed_by_name(any_store: Store) -> None:
    for name in ("citra", "Ani", "Budi"):
        any_store.add_person(name, "staf", "h", T)
    assert [p.name for p in any_store.people()] == ["Ani", "Budi", "citra"]
    changed = any_store.update_person("ani", password_hash="h2", role="admin")
    assert (changed.password_hash, changed.role) == ("h2", "admin")
    any_store.update_person("Budi", disabled=True)
    budi = any_store.person_named("Budi")
    assert budi is not None and budi.disabled and budi.password_hash == "h"
    with pytest.raises(NotFound):
        any_store.update_person("Dewi", disabled=True)


def test_changes_with_an_actor_are_recorded_with_the_change(any_store: Store) -> None:
    from sosmed.audit_notes import read_note

    any_store.add_person("Budi", "staf", "h", T, actor="Admin")
    any_store.add_person("Citra", "staf", "h", T)  # the test's own setup: not a change by anyone
    any_store.update_person("budi", role="admin", actor="Admin", now=T)
    any_store.update_person("Budi", role="admin", actor="Admin", now=T)  # no change, no row
    any_store.update_person("Budi", disabled=True, password_hash="h2", actor="Sari", now=T)
    any_store.update_person("Budi", password_hash="h3")  # a rehash at sign-in: not recorded
    with pytest.raises(NotFound):
        any_store.update_person("Tidak Ada", disabled=True, actor="Admin", now=T)
    changes = any_store.people_changes(10)
    codes = [read_note(e.detail) for e in changes]
    assert [c[0] for c in codes if c] == [
        "person_disabled",
        "person_password",
        "person_role",
        "person_added",
    ]
    assert [e.actor for e in changes] == ["Sari", "Sari", "Admin", "Admin"]
    assert codes[2] == ("person_role", {"name": "Budi", "before": "staf", "after": "admin"})
    assert all(e.post_id is None and e.at is not None for e in changes)
    assert len(any_store.people_changes(1)) == 1
