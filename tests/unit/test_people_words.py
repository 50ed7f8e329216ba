"""Who a person command names (--by against require_named_approver and the staff list), and
how the history writes an edit and a time: pure, no database."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sosmed.errors import InputError
from sosmed.office import Office
from sosmed.office.audit import local_times
from sosmed.office.posts import change, os_user, person
from sosmed.settings import Config, Settings


def office(**config: object) -> Office:
    return Office(Settings(Path("/nonexistent"), Config.model_validate(config), Path("x.toml")))


def test_by_is_required_unless_the_office_says_otherwise() -> None:
    with pytest.raises(InputError, match="--by NAMA"):
        person(office(), None)
    with pytest.raises(InputError, match="--by NAMA"):
        person(office(), "   ")
    assert person(office(), " Siti ") == "Siti"
    assert person(office(require_named_approver=False), None) == os_user()
    assert person(office(), None, named=False) == os_user()  # unschedule: not a decision


def test_by_must_be_one_of_the_staff_in_any_case() -> None:
    staff = office(staff=["Siti", "Budi"])
    assert person(staff, "sITI") == "Siti"
    with pytest.raises(InputError, match="Siti, Budi") as refused:
        person(staff, "root")
    assert "\n" not in str(refused.value)


def test_an_edit_is_shown_by_what_changed() -> None:
    before = "Bupati meresmikan jembatan baru di Desa Sungai Alam"
    after = "Bupati meresmikan jembatan lama di Desa Sungai Alam"
    assert change(before, after) == '"…baru…" → "…lama…"'
    assert change("Kabar", "Kabar baik") == '"…" → "…baik"'
    long = change("a", "b" * 100)
    assert long.endswith('…"') and len(long) < 60


def test_times_in_details_are_in_office_time() -> None:
    detail = "failed → scheduled 2026-12-07T13:50:00+00:00"
    assert (
        local_times(detail, ZoneInfo("Asia/Makassar")) == "failed → scheduled 2026-12-07 21:50 WITA"
    )
    assert local_times(detail, ZoneInfo("Asia/Jayapura")).endswith("22:50 WIT")
