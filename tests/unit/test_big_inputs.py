"""A text of megabytes costs what its opening costs: extraction reads no further, a file over
the limit is refused by its size, and redaction of a large output skips shapes it cannot hold."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sosmed.errors import InputError
from sosmed.ingest.bounds import MAX_INPUT_BYTES, OPENING_CHARS, opening, refuse_too_large
from sosmed.ingest.extract import parse_text
from sosmed.redact import MASK, redact

HEAD = (
    "Bupati Resmikan Jembatan Baru di Desa Sukamaju\n\n"
    "Senin, 3 Maret 2025 10:15 WIB\n\n"
    "BENGKALIS - Pemerintah kabupaten meresmikan jembatan baru yang menghubungkan dua desa, "
    "Senin (3/3/2025). Jembatan ini dibangun dengan dana daerah.\n\n"
)
FILLER = "Warga desa menanam padi di sawah yang luas setiap musim hujan tiba dengan gembira.\n\n"
LAST = "Paragraf terakhir ini berada jauh di ujung teks yang sangat panjang sekali."


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("pendek\nsaja", "pendek\nsaja"),
        ("a" * OPENING_CHARS, "a" * OPENING_CHARS),
        ("baris\n" + "b" * OPENING_CHARS, "baris"),  # cut at the last line break inside
        ("c" * (OPENING_CHARS + 5), "c" * OPENING_CHARS),  # no line break: cut hard
    ],
)
def test_opening_is_cut_at_a_line_break_within_the_bound(text: str, want: str) -> None:
    assert opening(text) == want


def test_a_text_of_megabytes_is_read_from_its_opening_only() -> None:
    text = HEAD + FILLER * (4_000_000 // len(FILLER)) + LAST + "\n"
    start = time.perf_counter()
    parsed = parse_text(text)
    took = time.perf_counter() - start
    assert parsed.title == "Bupati Resmikan Jembatan Baru di Desa Sukamaju"
    assert parsed.published_at is not None and parsed.published_at.day == 3
    assert parsed.place == "Bengkalis"
    assert LAST not in parsed.paragraphs
    assert sum(len(p) for p in parsed.paragraphs) <= OPENING_CHARS
    assert took < 3.0  # the whole text took several seconds before


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    big = tmp_path / "besar.txt"
    with big.open("wb") as out:
        out.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing is written or read
    with pytest.raises(InputError, match="5,000,001"):
        refuse_too_large(big)
    small = tmp_path / "kecil.txt"
    small.write_bytes(b"Berita singkat.")
    refuse_too_large(small)
    refuse_too_large(tmp_path / "tidak-ada.txt")  # left to the reading to explain


@pytest.mark.parametrize(
    ("secret", "kept"),
    [
        ("https://api.telegram.org/bot123456:AAHabcdefghijklmnopqrstuvwxyz0123/send", "/bot"),
        ("token bot 1234567890:AAHabcdefghijklmnopqrstuvwxyz0123456 lama", "lama"),
        ("Authorization: Bearer abc.def-ghi", "Bearer"),
        ("Authorization: basic dXNlcjpwYXNz", "basic"),
        ('OAuth oauth_signature="c2lnbmF0dXJl"', "oauth_signature"),
        ("sesi eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl habis", "habis"),
        ("kunci EAAGabcdefghijklmnopqrstuvwxyz0123 dicabut", "dicabut"),
    ],
)
def test_each_token_shape_is_still_masked_inside_a_large_text(secret: str, kept: str) -> None:
    text = FILLER * 2_000 + secret + "\n" + FILLER
    out = redact(text)
    assert MASK in out and kept in out
    assert out.count("Warga desa") == 2_001


def test_a_large_text_without_tokens_is_redacted_quickly_and_unchanged() -> None:
    text = FILLER * 60_000 + "Pukul 10:15 WIB, KEARIFAN lokal dijaga.\n"  # about 5 MB
    start = time.perf_counter()
    assert redact(text) == text
    assert time.perf_counter() - start < 0.5
