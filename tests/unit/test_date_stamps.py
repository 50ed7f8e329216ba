"""Publishing stamps as CMSs print them: a byline label before the date makes the line the
page's date line, whatever name stands between; a sentence that names a date stays text."""

from __future__ import annotations

import pytest

from sosmed.ingest.lines import Kind, classify
from sosmed.text.dates import parse_date_line


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Ditulis oleh Humas pada 4 Maret 2025", "2025-03-04"),
        ("Posted by Humas on 4 March 2025", "2025-03-04"),
        ("By Admin / 27 November 2025", "2025-11-27"),
        ("Tanggal Posting: 4 Maret 2025", "2025-03-04"),
        ("Diposting oleh Redaksi Kominfo, 5 Mei 2024", "2024-05-05"),
        ("27 Agst 2025", "2025-08-27"),
        ("Jumat, 7 Mrt 2025", "2025-03-07"),
        ("Kamis, 27 November 2025 13:26:12 WIB", "2025-11-27"),
        ("Humas Setda - 4 Maret 2025", "2025-03-04"),  # who published it, then the date
        ("Berita Daerah / 4 Maret 2025", "2025-03-04"),  # its section, then the date
    ],
)
def test_publishing_stamps_are_date_lines(line: str, day: str) -> None:
    assert classify(line) is Kind.DATE
    found = parse_date_line(line)
    assert found is not None and found.value.strftime("%Y-%m-%d") == day


@pytest.mark.parametrize(
    "line",
    [
        "Ditulis oleh warga desa yang hadir pada rapat tanggal 4 Maret 2025 di balai desa.",
        "Bupati Resmikan Jembatan Gantung pada 4 Maret 2025 di Desa Sungai Jaya Kecamatan Bukit",
        "Peringatan Hari Jadi Kabupaten ke-191",
        "Upacara Peringatan HUT RI 17 Agustus 2025",
    ],
)
def test_sentences_and_headlines_naming_a_date_are_not_stamps(line: str) -> None:
    assert classify(line) is not Kind.DATE
