"""Plain-text rules that keep other items' dates, captions and site chrome out of an article's
fields, tell archives from single stories, and record where each field came from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.credits import describes_picture, parse_credit_line
from sosmed.ingest.cruft import is_chrome
from sosmed.ingest.dateline import read_opening
from sosmed.ingest.extract import parse_text
from sosmed.ingest.head import choose_title, date_lines_in_order
from sosmed.ingest.lines import Kind, Line, classify, is_date_line
from sosmed.ingest.listing import listing_evidence
from sosmed.ingest.provenance import to_check
from sosmed.text.dates import read_body_date

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "pages"


@pytest.mark.parametrize(
    ("paragraph", "place", "rest", "when"),
    [
        ("Balikpapan, Gubernur menerima kunjungan tamu.", "Balikpapan", "Gubernur menerima", None),
        (
            "(Pangkalpinang - 21 Juni 2022) - Kakanwil hadir.",
            "Pangkalpinang",
            "Kakanwil",
            "21 Juni 2022",
        ),
        ("BIRO ADPIM, Gubernur membuka rapat kerja.", None, "Gubernur membuka", None),
        ("KOTA BATU – Wali Kota meninjau pasar.", "Kota Batu", "Wali Kota", None),
        ("Sementara, Bupati meminta warga tenang.", "-", "", None),
        ("Menurutnya, Pemkab sudah siap.", "-", "", None),
        ("Bupati, Wakil Bupati dan Sekda hadir.", "-", "", None),
        ("Ahmad Fauzi, Kepala Dinas Kominfo, mengatakan hal itu.", "-", "", None),
    ],
)
def test_story_openings(paragraph: str, place: str | None, rest: str, when: str | None) -> None:
    found = read_opening(paragraph)
    if place == "-":
        assert found is None
        return
    assert found is not None
    assert (found.place, found.date) == (place, when)
    assert found.rest.startswith(rest)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("12-11-2021 - Pengadilan Agama Sukamaju — PENGADILAN TINGGI AGAMA", Kind.DATE),
        ("Kamis, 26 September 2019 - 13:48:42 WIB - Dibaca : 448 Kali", Kind.DATE),
        ("Daftarkan diri anda terlebih dahulu", Kind.CRUFT),
        ("Follow Us :", Kind.CRUFT),
        ("Image : Peserta mengikuti sesi praktik", Kind.CAPTION),
        (
            "Kepala Dinas, Ratna Dewi saat memberi sambutan kepada pegawai, Senin (11/03)",
            Kind.CAPTION,
        ),
        ("Gubernur Ajak Pelaku UMKM Manfaatkan Pasar Digital", Kind.SHORT),
        ("Rapat 12 Maret 2024 membahas anggaran desa yang akan datang bersama warga.", Kind.PROSE),
    ],
)
def test_line_kinds(line: str, kind: Kind) -> None:
    assert classify(line) is kind


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12-11-2021 - Humas", True),
        ("Admin | 12 Mei 2022 | Berita Daerah", True),
        ("Created: 12 May 2022", True),
        ("Ditulis oleh Admin pada Rabu, 12 Mei 2022", True),
        ("Kategori: Berita | Rabu, 12 Mei 2022", True),
        ("Bupati Resmikan Jembatan Baru di Desa Sukamaju | 12 Mei 2022", False),
        ("12-11-2021 - Bupati meresmikan jembatan baru. Warga senang.", False),
        ("Pada 12 Maret 2024 bupati meresmikan jembatan desa di kecamatan", False),
    ],
)
def test_date_line_with_its_source(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Foto : Fajar (Humas Jateng)", "Fajar"),
        ("Foto: Dedi Kurniawan (Humas Jateng", "Dedi Kurniawan"),
        ("Editor: Rina - Foto: Sari [Dok. Pemkab]", "Sari"),
    ],
)
def test_a_credit_never_keeps_half_a_bracket(line: str, name: str) -> None:
    found = parse_credit_line(line)
    assert found is not None and found.names["photographer"] == name


def test_chrome_and_picture_shapes() -> None:
    assert is_chrome("Silakan login untuk berkomentar")
    assert not is_chrome("Gubernur Ajak Warga Daftar Sebagai Donor Darah")
    assert describes_picture("Bupati menyerahkan bantuan kepada warga, Jum'at (09/01)")
    assert not describes_picture("Bupati Serahkan Bantuan Kepada Warga Terdampak Banjir")


@pytest.mark.parametrize(
    ("text", "day", "agrees"),
    [
        (
            "Sesuai surat tertanggal 15 April 2013, hari ini, Senin (22/4) dilantik.",
            date(2013, 4, 22),
            False,
        ),
        ("Bupati hadir pada Kamis (14/3/2024) di aula.", date(2024, 3, 14), True),
        ("Bupati hadir pada Selasa (2/3/2020) di aula.", date(2020, 3, 2), False),
        ("Pada Rabu (20/7) warga berkumpul.", None, None),
        ("Pada Senin (22/4), setelah rapat 2013 dan 2020.", date(2013, 4, 22), False),
        ("Pada Senin (22/4) di tahun 2014 dan 2015.", None, None),
    ],
)
def test_event_dates_vouch_or_not(text: str, day: date | None, agrees: bool | None) -> None:
    found = read_body_date(text)
    if day is None:
        assert found is None
        return
    assert found is not None
    assert (found[0].value.date(), found[1]) == (day, agrees)


def _lines(*spec: tuple[str, Kind]) -> list[Line]:
    return [Line(text, kind) for text, kind in spec]


def test_only_dates_by_the_headline_are_the_story_s() -> None:
    lines = _lines(
        ("3 Januari 2020", Kind.DATE),  # a sidebar item, far above
        ("Berita Populer Hari Ini", Kind.SHORT),
        ("Lain Lagi Judulnya", Kind.SHORT),
        ("Menu", Kind.SHORT),
        ("Judul Berita Yang Sebenarnya", Kind.SHORT),
        ("Senin, 4 Mei 2020", Kind.DATE),
        ("Isi berita yang panjang dimulai di sini.", Kind.PROSE),
        ("11 Oktober 2023", Kind.DATE),  # a related item below the story
    )
    top, sure = choose_title(lines[:6])
    assert (top, sure) == (4, True)
    assert date_lines_in_order(lines, 6, top) == [5]
    assert date_lines_in_order(lines, 6, None) == [5]


def test_a_login_box_under_the_headline_is_not_the_headline() -> None:
    lines = [
        Line(t, classify(t))
        for t in (
            "Judul Yang Benar Ada Di Sini",
            "02 July 2025 | 11:30",
            "Daftarkan diri anda terlebih dahulu",
        )
    ]
    assert choose_title(lines) == (0, True)


def test_a_single_story_and_its_related_items_is_one_article() -> None:
    lines = [
        Line(t, classify(t))
        for t in (PAGES / "satu_berita_terkait.txt").read_text().splitlines()
        if t
    ]
    assert listing_evidence(lines, 7) is None


@pytest.mark.parametrize(
    ("page", "seen"),
    [
        ("arsip_kategori", "3 judul berita"),
        ("arsip_blog", "2 judul berita"),
        ("topik_pilihan", "Topik Pilihan"),
        ("arsip_blog_komentar", "2 tanda “diposting oleh”"),
    ],
)
def test_archives_are_refused_saying_what_was_seen(page: str, seen: str) -> None:
    with pytest.raises(NotAnArticle, match="memuat beberapa berita") as refused:
        parse_text((PAGES / f"{page}.txt").read_text(encoding="utf-8"))
    assert seen in str(refused.value)


def test_related_dates_below_the_story_are_not_its_date() -> None:
    article = parse_text((PAGES / "tanggal_isi.txt").read_text(encoding="utf-8"))
    assert article.published_at is not None
    assert article.published_at.date() == date(2024, 3, 14)
    assert (article.date_source, article.place) == ("body", "Sukamaju")
    assert article.lead is not None and article.lead.startswith("Pemerintah Kabupaten Sukamaju")
    assert (
        article.photos[0].caption
        == "Peserta pelatihan kehumasan mengikuti sesi praktik menulis siaran pers"
    )
    assert article.sources["published_at"].origin == "body"
    assert not article.sources["published_at"].sure
    assert article.sources["caption"].sure


def test_a_page_with_chrome_a_bracketed_dateline_and_related_items() -> None:
    article = parse_text((PAGES / "satu_berita_terkait.txt").read_text(encoding="utf-8"))
    assert article.title == "Gubernur Ajak Pelaku UMKM Manfaatkan Pasar Digital"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2022-06-21T09:30:00+07:00"
    assert (article.place, article.credits.photographer) == ("Sukamaju", "Sari")
    assert article.lead is not None and article.lead.startswith("Gubernur mengajak")
    assert all(s.sure for s in article.sources.values())


def test_a_caption_under_the_headline_is_neither_title_nor_lead() -> None:
    article = parse_text((PAGES / "keterangan_di_bawah_judul.txt").read_text(encoding="utf-8"))
    assert article.title == "Harapan Baru untuk Pelayanan Informasi Publik"
    assert article.photos[0].caption is not None
    assert article.photos[0].caption.startswith("Kepala Dinas Kominfo, Ratna Dewi")
    assert not any(p.startswith("Kepala Dinas Kominfo, Ratna") for p in article.paragraphs)
    assert article.published_at is not None
    assert article.published_at.date() == date(2024, 3, 11)  # the one year named that fits
    assert not article.sources["caption"].sure
    assert not article.sources["published_at"].sure


def test_what_to_check_is_said_plainly() -> None:
    record = {
        "title": {"origin": "header", "sure": True},
        "published_at": {"origin": "body", "sure": False},
        "caption": {"origin": "header", "sure": False},
    }
    assert to_check(record) == [
        "tanggal diambil dari isi berita — periksa",
        "keterangan foto diambil dari kepala halaman — periksa",
    ]
    assert to_check({}) == []


_STORY = (
    "Pemerintah Kabupaten Sukamaju terus memperbaiki jalan desa yang rusak akibat banjir pada "
    "awal tahun ini agar hasil panen warga dapat segera diangkut ke pasar kecamatan terdekat. "
    "Pekerjaan ditargetkan selesai sebelum musim hujan berikutnya tiba."
)


def test_a_subheading_and_related_links_do_not_make_a_listing() -> None:
    page = "\n".join(
        [
            "Bupati Tinjau Perbaikan Jalan Desa di Kecamatan Timur",
            "Senin, 4 Maret 2024 10:00 WIB",
            f"SUKAMAJU – {_STORY}",
            _STORY,
            "Anggaran Perbaikan Berasal dari Dana Daerah",
            _STORY,
            _STORY,
            "Bupati Resmikan Pasar Desa yang Baru Dibangun",
            "Warga desa menyambut pasar baru dengan gembira... Selengkapnya",
            "Dinas Kesehatan Gelar Vaksinasi di Sekolah Dasar",
            "Petugas kesehatan mendatangi sekolah untuk vaksinasi anak... Selengkapnya",
        ]
    )
    article = parse_text(page)
    assert article.title == "Bupati Tinjau Perbaikan Jalan Desa di Kecamatan Timur"
    assert article.place == "Sukamaju"


def test_a_sentence_about_the_picture_under_the_headline_is_its_caption() -> None:
    page = "\n".join(
        [
            "Gubernur Buka Musrenbang Provinsi Tahun 2024",
            "Gubernur didampingi Sekda saat membuka musrenbang di aula kantor gubernur",
            "Senin, 4 Maret 2024",
            _STORY,
            _STORY,
        ]
    )
    article = parse_text(page)
    assert article.title == "Gubernur Buka Musrenbang Provinsi Tahun 2024"
    assert article.photos[0].caption is not None
    assert article.photos[0].caption.startswith("Gubernur didampingi Sekda")
    assert not article.sources["caption"].sure


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bupati saat menyerahkan bantuan kepada warga terdampak banjir", True),
        ("Bupati Hadir Saat Pelantikan Kepala Desa Se-Kabupaten", False),
        ("Rapat koordinasi penanganan banjir di kantor bupati", False),
    ],
)
def test_sentences_about_a_picture(line: str, expected: bool) -> None:
    from sosmed.ingest.credits import shows_someone

    assert shows_someone(line) is expected


def test_related_teasers_under_a_heading_are_not_another_story() -> None:
    teaser = (
        "Pemerintah kabupaten menyiapkan anggaran untuk memperbaiki puluhan sekolah dasar yang "
        "rusak berat di wilayah selatan agar siswa dapat belajar dengan nyaman dan aman…"
    )
    page = "\n".join(
        [
            "Bupati Tinjau Perbaikan Jalan Desa di Kecamatan Timur",
            _STORY,
            _STORY,
            "Rekomendasi",
            "Perbaikan Sekolah Dasar Dimulai Bulan Depan di Wilayah Selatan",
            teaser,
        ]
    )
    assert parse_text(page).title == "Bupati Tinjau Perbaikan Jalan Desa di Kecamatan Timur"
