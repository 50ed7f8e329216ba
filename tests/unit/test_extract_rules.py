"""The line rules under extraction: credits, captions, datelines, furniture, titles."""

from __future__ import annotations

import pytest

from sosmed.ingest.credits import parse_credit_line, split_caption, split_credited_caption
from sosmed.ingest.cruft import is_cruft, is_terminator, strip_sign_off
from sosmed.ingest.dateline import read_dateline
from sosmed.ingest.extract import parse_text
from sosmed.ingest.lines import Kind, classify


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Editor: Muhammad Fadhli - Rep: Muzani - Foto: Muzani",
            {"editor": "Muhammad Fadhli", "reporter": "Muzani", "photographer": "Muzani"},
        ),
        (
            "Editor : Fadli Faren – Reporter : Babam Suryaman – Fotografer : Zuriat Abdillah",
            {
                "editor": "Fadli Faren",
                "reporter": "Babam Suryaman",
                "photographer": "Zuriat Abdillah",
            },
        ),
        (
            "Penulis : Yulianti Rahma | Editor : Bambang Sutrisno",
            {"reporter": "Yulianti Rahma", "editor": "Bambang Sutrisno"},
        ),
        ("Pewarta: Agus Salim", {"reporter": "Agus Salim"}),
        ("Penulis/Editor: Budi Santoso", {"reporter": "Budi Santoso", "editor": "Budi Santoso"}),
        ("(Rep: Nurul / Editor: Andi)", {"reporter": "Nurul", "editor": "Andi"}),
        ("Editor: Ani | Sumber: Humas Bengkalis", {"editor": "Ani"}),
    ],
)
def test_credit_lines(line: str, expected: dict[str, str]) -> None:
    found = parse_credit_line(line)
    assert found is not None
    assert found.names == expected


@pytest.mark.parametrize(
    "line",
    [
        "Hendra Saputra",
        "Bupati Bengkalis: Kita Harus Bersatu Membangun Daerah",
        "Menurut Editor: semua berita harus diperiksa ulang sebelum terbit di laman resmi",
        "Dibaca : 448 Kali",
    ],
)
def test_lines_that_are_not_credits(line: str) -> None:
    assert parse_credit_line(line) is None


def test_a_long_photo_label_is_a_caption() -> None:
    found = parse_credit_line(
        "Foto: Bupati menyerahkan bantuan kepada nelayan di Pelabuhan Bantan."
    )
    assert found is not None
    assert found.names == {}
    assert found.caption == "Bupati menyerahkan bantuan kepada nelayan di Pelabuhan Bantan."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Teks foto: Bupati membuka rapat.", ("", "Bupati membuka rapat.")),
        (
            "Judul Berita Diulang Teks foto: Bupati membuka rapat.",
            ("Judul Berita Diulang", "Bupati membuka rapat."),
        ),
        ("Keterangan Foto : Wabup meninjau banjir.", ("", "Wabup meninjau banjir.")),
        ("Ket. foto: Sekda memimpin apel.", ("", "Sekda memimpin apel.")),
        ("Teks Foto:", ("", "")),
        ("Foto bersama usai rapat koordinasi.", None),
    ],
)
def test_caption_labels(line: str, expected: tuple[str, str] | None) -> None:
    assert split_caption(line) == expected


def test_a_caption_that_credits_its_photo() -> None:
    found = split_credited_caption("Wali Kota membersihkan kanal di Jalan Pettarani. (Foto: Andi)")
    assert found == ("Wali Kota membersihkan kanal di Jalan Pettarani.", "Andi")
    assert split_credited_caption("Kegiatan ditutup pukul 16.00 WIB (rls)") is None


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("SURAKARTA, HUMAS - Bersama Kepala Biro Humas", "Surakarta", "Bersama Kepala Biro Humas"),
        ("BENGKALIS, HUMAS – Gubernur Riau diwakili", "Bengkalis", "Gubernur Riau diwakili"),
        ("DURI – Wakil Bupati meninjau", "Duri", "Wakil Bupati meninjau"),
        ("Samarinda - Rapat Inventarisasi Kegiatan", "Samarinda", "Rapat Inventarisasi Kegiatan"),
        ("Surakarta – Pemerintah Kota Surakarta", "Surakarta", "Pemerintah Kota Surakarta"),
        ("PEKANBARU - Sempena Hari Jadi", "Pekanbaru", "Sempena Hari Jadi"),
        ("Pasuruan Kota Madinah. Hujan turun", "Pasuruan", "Hujan turun"),
        ("TANJUNG PINANG, HUMAS - Wali Kota", "Tanjung Pinang", "Wali Kota"),
        ("JAYAPURA (HUMAS) – Pemerintah Kabupaten", "Jayapura", "Pemerintah Kabupaten"),
        ("MATARAM—Gubernur NTB meninjau", "Mataram", "Gubernur NTB meninjau"),
        ("Bengkayang-informasi publik. Kasus Covid naik", "Bengkayang", "Kasus Covid naik"),
        ("Tanjung Selor, Humas – Bupati Bulungan", "Tanjung Selor", "Bupati Bulungan"),
    ],
)
def test_datelines(paragraph: str, place: str, rest: str) -> None:
    found = read_dateline(paragraph)
    assert found is not None
    assert (found.place, found.rest) == (place, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Bupati Bengkalis - didampingi Wabup - membuka acara.",
        "Jawa Timur Bangkit dan Bersama Kita Tangguh, adalah tema Hari Jadi.",
        "Terima Kasih. Itu kata pertama Bupati.",
        "Musyawarah pembangunan (Musrenbang) kabupaten Jembrana digelar di Gedung Kesenian.",
    ],
)
def test_paragraphs_without_a_dateline(paragraph: str) -> None:
    assert read_dateline(paragraph) is None


@pytest.mark.parametrize(
    "line",
    [
        "Dibaca : 448 Kali",
        "370 kali dilihat",
        "Kembali",
        "Bagikan",
        "Bagikan: Facebook Twitter WhatsApp",
        "Share on Facebook Twitter",
        "Baca Juga: Bupati Jayapura Tinjau Pasar Rakyat",
        "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *",
        "Komentar *",
        "Simpan nama, email, dan situs web saya pada peramban ini untuk komentar saya berikutnya.",
        ".",
        "(rls)",
        "(Prokopim/edh/dok.Be",
        "#DiskominfoBulungan #BulunganBerdaulat",
        "Tags: PPID, Desa",
        "Sumber: Biro Adpim Setda NTB",
        "Copyright © 2024 Pemerintah Kabupaten Sambas",
        "Beranda » Berita » Pemkab Jayapura",
        "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda.",
    ],
)
def test_page_furniture(line: str) -> None:
    assert is_cruft(line) or classify(line) is Kind.CRUFT


@pytest.mark.parametrize(
    "line",
    [
        "Bupati Bengkalis Serahkan Bantuan Alat Tangkap kepada 150 Nelayan",
        "Kembali ke sekolah setelah libur panjang, siswa SD Negeri 1 Bantan disambut guru.",
        "Bagikan bantuan sembako kepada warga terdampak banjir di Kecamatan Rupat.",
        "Oleh karena itu, Bupati meminta seluruh OPD bekerja lebih keras tahun ini.",
    ],
)
def test_text_is_not_furniture(line: str) -> None:
    assert not is_cruft(line)


@pytest.mark.parametrize(
    "line",
    ["Berita Lainnya", "Berita Terkait", "Tulis Komentar", "Tinggalkan Balasan", "Komentar"],
)
def test_the_story_ends_at_these_headings(line: str) -> None:
    assert is_terminator(line)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Penyerahan turut dihadiri Camat. (rls)", "Penyerahan turut dihadiri Camat."),
        ("Acara berakhir pukul 12.00 WIB. (hms/edh)", "Acara berakhir pukul 12.00 WIB."),
        ("Upacara digelar Selasa (12/10/2021)", "Upacara digelar Selasa (12/10/2021)"),
        (
            "Rapat membahas Strategi Nasional (Stranas)",
            "Rapat membahas Strategi Nasional (Stranas)",
        ),
    ],
)
def test_sign_offs_are_taken_off_the_last_sentence(paragraph: str, expected: str) -> None:
    assert strip_sign_off(paragraph) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Kamis, 26 September 2019 - 13:48:42 WIB - Dibaca : 448 Kali", Kind.DATE),
        ("Bengkalis, 26 September 2019", Kind.DATE),
        ("Oleh Admin | 29 Januari 2024", Kind.DATE),
        ("Peringatan Hari Jadi 17 Agustus 2024", Kind.SHORT),
        ("  •   1:55pm", Kind.TIME),
        ("Pukul 13.48 WIB", Kind.TIME),
        ("- Pjs Bupati Kediri Hadiri Apel Gelar Operasi Zebra Semeru 2024", Kind.BULLET),
        ("Diwakili H Ahmad Syah Harrofie:", Kind.SHORT),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    assert classify(line.strip()) is kind


def test_kicker_and_section_label_are_not_the_title() -> None:
    page = (
        "AktualPublikasi\n\nDiwakili Wakil Bupati:\n\nPemkab Gelar Rapat Koordinasi Penanganan "
        "Banjir\n\nBENGKALIS - Pemerintah Kabupaten Bengkalis menggelar rapat koordinasi "
        "penanganan banjir di ruang rapat lantai dua kantor Bupati, Senin (4/3/2024)."
    )
    article = parse_text(page)
    assert article.title == "Pemkab Gelar Rapat Koordinasi Penanganan Banjir"
    assert article.place == "Bengkalis"


def test_a_headline_ending_in_a_full_stop_above_the_date_line() -> None:
    page = (
        "Bupati Resmikan Jembatan Penghubung Dua Desa.\nSenin, 4 Maret 2024 10:00 WIB\n"
        "Bupati meresmikan jembatan penghubung dua desa di Kecamatan Bantan, Senin (4/3/2024). "
        "Jembatan itu dibangun dengan dana APBD."
    )
    article = parse_text(page)
    assert article.title == "Bupati Resmikan Jembatan Penghubung Dua Desa."
    assert article.lead is not None and article.lead.startswith("Bupati meresmikan")


def test_the_date_line_nearest_the_headline_wins_over_a_sidebar() -> None:
    page = (
        "Berita Terbaru\nWabup Buka Turnamen Voli Antar Desa\n2 Maret 2024\n"
        "Bupati Serahkan Bantuan Nelayan di Bantan\nSenin, 4 Maret 2024 | 10:22 WIB\n"
        "BENGKALIS - Bupati menyerahkan bantuan alat tangkap kepada nelayan di Bantan, "
        "Senin (4/3/2024). Bantuan bersumber dari APBD."
    )
    article = parse_text(page)
    assert article.title == "Bupati Serahkan Bantuan Nelayan di Bantan"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-03-04T10:22:00+07:00"
    assert article.date_source == "header"
