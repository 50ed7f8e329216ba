"""A person's corrections worked out before anything is written: dates as people type them,
bodies typed in an editor."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sosmed.errors import InputError
from sosmed.ingest.corrections import body_paragraphs, parse_person_date

JAKARTA = ZoneInfo("Asia/Jakarta")
MAKASSAR = ZoneInfo("Asia/Makassar")


@pytest.mark.parametrize(
    ("text", "tz", "utc", "offset"),
    [
        ("2026-12-07", JAKARTA, datetime(2026, 12, 6, 17, 0), 420),
        ("7 Desember 2026", MAKASSAR, datetime(2026, 12, 6, 16, 0), 480),
        ("7 Desember 2026 09.30 WITA", JAKARTA, datetime(2026, 12, 7, 1, 30), 480),
        ("Senin, 7 Des 2026 pukul 09:30 wit", JAKARTA, datetime(2026, 12, 7, 0, 30), 540),
        ("07/12/2026 13.05", JAKARTA, datetime(2026, 12, 7, 6, 5), 420),
    ],
)
def test_dates_as_people_type_them(text: str, tz: ZoneInfo, utc: datetime, offset: int) -> None:
    found = parse_person_date(text, tz)
    assert found.value == utc.replace(tzinfo=UTC)
    assert found.offset_minutes == offset


@pytest.mark.parametrize(
    "text", ["kemarin", "2026-13-45", "31 Februari 2026", "7 Desember 2026 25.99", "7 Desember"]
)
def test_a_date_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="tidak terbaca"):
        parse_person_date(text, JAKARTA)


def test_a_body_typed_in_an_editor() -> None:
    assert body_paragraphs("Satu\nbaris.\n\n\n  Dua.  \r\n") == ["Satu baris.", "Dua."]
    with pytest.raises(InputError):
        body_paragraphs(" \n\n ")
