"""Dates as Indonesian news pages print them: date lines, event dates in the body, times, zones."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sosmed.text.dates import find_body_date, find_time, parse_date_line

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
WIT = timezone(timedelta(hours=9))

# (line, expected datetime, has_time, zone)
DATE_LINES = [
    (
        "Kamis, 26 September 2019 - 13:48:42 WIB - Dibaca : 448 Kali",
        datetime(2019, 9, 26, 13, 48, 42, tzinfo=WIB),
        True,
        "WIB",
    ),
    (
        "Minggu, 30 Juli 2017 | 11:51:06 WIB | Dibaca : 2458 Kali",
        datetime(2017, 7, 30, 11, 51, 6, tzinfo=WIB),
        True,
        "WIB",
    ),
    ("29 Januari 2024", datetime(2024, 1, 29, tzinfo=WIB), False, None),
    ("29 Januari 2024 1:55pm", datetime(2024, 1, 29, 13, 55, tzinfo=WIB), True, None),
    (
        "Jum'at, 15 Desember 2023 | 14.20 wita",
        datetime(2023, 12, 15, 14, 20, tzinfo=WITA),
        True,
        "WITA",
    ),
    ("Jum’at, 4 Okt 2019 09.15 WITA", datetime(2019, 10, 4, 9, 15, tzinfo=WITA), True, "WITA"),
    ("Jumat, 5 Juli 2024 - 08:00 WIT", datetime(2024, 7, 5, 8, 0, tzinfo=WIT), True, "WIT"),
    ("Ahad, 2 Juni 2024 | 16.45 Wita", datetime(2024, 6, 2, 16, 45, tzinfo=WITA), True, "WITA"),
    ("Rabu, 10 Januari 2024 | 09:15 wit", datetime(2024, 1, 10, 9, 15, tzinfo=WIT), True, "WIT"),
    ("Senin, 12 Feb 2024", datetime(2024, 2, 12, tzinfo=WIB), False, None),
    ("3 Mar 2024", datetime(2024, 3, 3, tzinfo=WIB), False, None),
    ("17 Agu 2023", datetime(2023, 8, 17, tzinfo=WIB), False, None),
    ("17 Agt 2023", datetime(2023, 8, 17, tzinfo=WIB), False, None),
    ("17 Ags 2023", datetime(2023, 8, 17, tzinfo=WIB), False, None),
    ("5 Sept 2022 10:00 WIB", datetime(2022, 9, 5, 10, 0, tzinfo=WIB), True, "WIB"),
    ("5 Sep 2022", datetime(2022, 9, 5, tzinfo=WIB), False, None),
    ("28 Okt 2021", datetime(2021, 10, 28, tzinfo=WIB), False, None),
    ("10 Nov 2021", datetime(2021, 11, 10, tzinfo=WIB), False, None),
    ("24 Des 2021", datetime(2021, 12, 24, tzinfo=WIB), False, None),
    ("1 Mei 2020", datetime(2020, 5, 1, tzinfo=WIB), False, None),
    ("March 8, 2024 10:12 am", datetime(2024, 3, 8, 10, 12, tzinfo=WIB), True, None),
    ("Friday, 8 March 2024 12:30 pm", datetime(2024, 3, 8, 12, 30, tzinfo=WIB), True, None),
    ("May 1, 2021", datetime(2021, 5, 1, tzinfo=WIB), False, None),
    ("26/09/2019 13:48", datetime(2019, 9, 26, 13, 48, tzinfo=WIB), True, None),
    ("2024-01-29 13:55:00", datetime(2024, 1, 29, 13, 55, tzinfo=WIB), True, None),
    (
        "Diposting oleh Admin pada Rabu, 10 Januari 2024 | 09:15 WIT",
        datetime(2024, 1, 10, 9, 15, tzinfo=WIT),
        True,
        "WIT",
    ),
    ("Kamis, 18 Juli 2024 13:40 WIB", datetime(2024, 7, 18, 13, 40, tzinfo=WIB), True, "WIB"),
    ("12 Pebruari 2019", datetime(2019, 2, 12, tzinfo=WIB), False, None),
    ("12 Nopember 2019", datetime(2019, 11, 12, tzinfo=WIB), False, None),
]


@pytest.mark.parametrize(("line", "expected", "has_time", "zone"), DATE_LINES)
def test_date_lines(line: str, expected: datetime, has_time: bool, zone: str | None) -> None:
    found = parse_date_line(line)
    assert found is not None
    assert found.value == expected
    assert found.value.utcoffset() == expected.utcoffset()
    assert found.has_time is has_time
    assert found.zone == zone


@pytest.mark.parametrize(
    "line", ["00/00/0000", "Tanggal: 00/00/0000", "31/02/2024", "tanpa tanggal", "Dibaca 448 kali"]
)
def test_no_date_in_placeholders_and_impossible_dates(line: str) -> None:
    assert parse_date_line(line) is None


# (body text, expected date or None): only the event date the story opens with, with its year.
BODY_DATES = [
    ("mengikuti Rakordanas di Solo, Kamis (26/09/19).", datetime(2019, 9, 26, tzinfo=WIB)),
    ("di halaman Kantor Gubernur Riau, Selasa (9/8/2016).", datetime(2016, 8, 9, tzinfo=WIB)),
    (
        "masa khidmat 2019-2024, Senin, 7 Januari 2019, bakal dikukuhkan",
        datetime(2019, 1, 7, tzinfo=WIB),
    ),
    ("menziarahi Taman Makam Pahlawan, Rabu, 31 Juli 2024.", datetime(2024, 7, 31, tzinfo=WIB)),
    ("Apel ini digelar Kamis, (17/02/2022) pagi.", datetime(2022, 2, 17, tzinfo=WIB)),
    ("jemputan diantar Jum’at, 4 Januari 2019.", datetime(2019, 1, 4, tzinfo=WIB)),
    ("sidang digelar Ahad (30/7/2017) pagi tadi", datetime(2017, 7, 30, tzinfo=WIB)),
    ("rapat digelar Senin (29/1/2024) di Samarinda", datetime(2024, 1, 29, tzinfo=WIB)),
    ("rapat, Rabu (6/ 3/ 2024) di aula", datetime(2024, 3, 6, tzinfo=WIB)),
    (
        "tepat di tanggal 12 Oktober. Upacara digelar Selasa (12/10/2021)",
        datetime(2021, 10, 12, tzinfo=WIB),
    ),
    ("kegiatan pada (14/3/2024) di Desa Sumberjo", datetime(2024, 3, 14, tzinfo=WIB)),
    ("digelar di Gedung Kesenian Bung Karno, Selasa (23/3).", None),
    ("Jumat 30/11 di Gong Jatiluwih, Tabanan.", None),
    ("di Desa Kedungmalang Kecamatan Papar, (18/3).", None),
    ("Selasa-Rabu (23-24/3) dibuka secara resmi", None),
    ("diterima Kabag Humas, Selasa (1/12) di Ruang Yudhistira", None),
    # The one year the text names makes 23/3 a Tuesday, as stated: the year is evidence.
    ("Selasa (23/3) dibuka. Lalu Kamis (25/3/2021) ditutup.", datetime(2021, 3, 23, tzinfo=WIB)),
    ("program tahun 2019 dilanjutkan", None),
    ("dua minggu 12/3/2024 kemudian", None),
    ("Tanggal 00/00/0000, Senin (4/3/2024) acara dimulai", datetime(2024, 3, 4, tzinfo=WIB)),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), BODY_DATES)
def test_body_dates(text: str, expected: datetime | None) -> None:
    found = find_body_date(text)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert found.value == expected
    assert found.has_time is False
    assert found.zone is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:48:42 WIB", (13, 48, "WIB")),
        ("pukul 09.30 wib", (9, 30, "WIB")),
        ("1:55pm", (13, 55, None)),
        ("12:05 am", (0, 5, None)),
        ("12:05 pm", (12, 5, None)),
        ("16.45 Wita", (16, 45, "WITA")),
        ("08:00 WIT", (8, 0, "WIT")),
        ("tanpa waktu", None),
        ("25:99", None),
    ],
)
def test_times(text: str, expected: tuple[int, int, str | None] | None) -> None:
    assert find_time(text) == expected
