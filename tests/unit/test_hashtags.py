"""Hashtags: places, institutions, programmes and events; never a credited person's name."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import pytest

from sosmed.compose.hashtags import camel, fold, hashtags_for
from sosmed.text.keywords import (
    acronyms,
    dateline_place,
    is_common_word,
    names,
    person_words,
    place_names,
)

TAG = re.compile(r"^#[A-Za-z0-9_]+$")

HARI_JADI = [
    "BENGKALIS, HUMAS – Sempena Hari Jadi ke-512 Bengkalis, Pemerintah Kabupaten Bengkalis "
    "menggelar ziarah ke Taman Makam Pahlawan, Rabu (31/7/2024).",
    "Ziarah dipimpin Bupati Bengkalis didampingi Wakil Ketua DPRD Bengkalis.",
    "Rangkaian Hari Jadi ke-512 Bengkalis ditutup dengan doa bersama di masjid raya.",
]
STRANAS = [
    "SURAKARTA, HUMAS - Bagian Humas mengikuti rakor Strategi Nasional Pencegahan Korupsi "
    "(Stranas PK) yang digelar Komisi Pemberantasan Korupsi (KPK) di Kota Surakarta.",
    "Narasumber dari KPK menjelaskan peran humas dalam pencegahan korupsi di daerah.",
    "Tenaga Ahli Stranas PK mengajak humas menyebarkan konten antikorupsi.",
]
MUSRENBANG = [
    "Musyawarah Perencanaan Pembangunan (Musrenbang) Kabupaten Jembrana digelar di Gedung "
    "Kesenian, Selasa (23/3).",
    "Musrenbang dibuka oleh Bupati Jembrana dan dihadiri anggota DPRD Jembrana.",
]
# The reporter and photographer are named in the text, in capitals, again and again.
CREDITED_IN_TEXT = [
    "DUMAI – Wali Kota Dumai meninjau posyandu di Kelurahan Bukit Datuk bersama RIDWAN.",
    "Menurut RIDWAN, posyandu Bukit Datuk melayani seratus balita setiap bulan.",
    "Foto: RIDWAN. Laporan Yusuf Hamdani dari posyandu Bukit Datuk di Kota Dumai.",
]
HONORIFIC = [
    "PEKANBARU – Gubernur Riau diwakili H. Wan Thamrin Hasyim membuka MTQ ke-40 tingkat "
    "Provinsi Riau.",
    "Drs. H. Thamrin menyebut MTQ tahun ini diikuti seluruh kabupaten di Provinsi Riau.",
    "Bapak Thamrin Hasyim berharap kafilah Kota Pekanbaru juara umum.",
]
SHOUTED_DATES = [
    "SENIN, 7 JANUARI 2019 – Pemerintah Kota Dumai menggelar pasar murah.",
    "Tema kegiatan adalah MANUNGGALING RASA SUKA AMBANGUN bagi seluruh warga Kota Dumai.",
]


@dataclass(frozen=True)
class Case:
    name: str
    paragraphs: list[str]
    title: str | None = None
    place: str | None = None
    credited: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    cap: int = 5
    expected: list[str] | None = None  # the exact answer, when it is worth pinning
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


CASES = [
    Case(
        "anniversary",
        HARI_JADI,
        title="Ziarah Sempena Hari Jadi Bengkalis",
        place="Bengkalis",
        fixed=["#Bermasa"],
        # DPRD is named once and not defined: too slight for a tag.
        expected=["#Bermasa", "#HariJadiBengkalis", "#Bengkalis"],
    ),
    Case(
        "stranas",
        STRANAS,
        place="Surakarta",
        present=("#KPK", "#StranasPK", "#PencegahanKorupsi", "#Surakarta"),
        # PK is defined but two letters; HUMAS opens the dateline.
        absent=("#PK", "#HUMAS", "#Humas"),
    ),
    Case("musrenbang", MUSRENBANG, present=("#Musrenbang", "#Jembrana")),
    Case(
        "credited names never, even repeated in capitals",
        CREDITED_IN_TEXT,
        credited=["Rina Marlina", "Yusuf Hamdani", "Ridwan"],
        present=("#Posyandu", "#Dumai", "#BukitDatuk"),
        absent=("#RIDWAN", "#Ridwan", "#YusufHamdani", "#Yusuf", "#Hamdani"),
    ),
    Case(
        "names after honorifics",
        HONORIFIC,
        present=("#MTQ", "#Riau", "#Pekanbaru"),
        absent=("#Thamrin", "#WanThamrinHasyim", "#Hasyim"),
    ),
    Case(
        "no dates, no shouted words",
        SHOUTED_DATES,
        present=("#Dumai",),
        absent=("#SENIN", "#Senin", "#JANUARI", "#RASA", "#SUKA", "#2019"),
    ),
    Case(
        "outlet dateline is not a place",
        ["Suara.com - Banjir melanda Kota Dumai."],
        cap=3,
        absent=("#SuaraCom", "#Suara"),
    ),
    Case(
        "cap",
        HARI_JADI,
        place="Bengkalis",
        fixed=["#Bermasa"],
        cap=2,
        expected=["#Bermasa", "#HariJadiBengkalis"],
    ),
    Case("cap zero", HARI_JADI, place="Bengkalis", fixed=["#Bermasa"], cap=0, expected=[]),
    Case(
        "fixed tags first, deduplicated case-insensitively",
        HARI_JADI,
        place="Bengkalis",
        fixed=["#bengkalis", "DiskominfoBKS", "#DISKOMINFOBKS", "#2024"],
        cap=4,
        expected=["#bengkalis", "#DiskominfoBKS", "#HariJadiBengkalis"],
    ),
    Case("nothing to tag", ["Hujan turun sejak pagi dan jalan licin."], expected=[]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hashtags(case: Case) -> None:
    tags = hashtags_for(
        case.title, case.paragraphs, case.place, case.credited, case.fixed, case.cap
    )
    if case.expected is not None:
        assert tags == case.expected
    for tag in case.present:
        assert tag in tags, tags
    lowered = {t.lower() for t in tags}
    for tag in case.absent:
        assert tag.lower() not in lowered, tags
    assert len(tags) <= max(case.cap, 0)
    assert len(lowered) == len(tags)
    for tag in tags:
        assert TAG.match(tag) and not tag[1:].isdigit(), tag
    credited_words = {w.lower() for name in case.credited for w in name.split()}
    for tag in tags:
        parts = {p.lower() for p in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", tag[1:])}
        assert not parts & credited_words, tag


def test_deterministic() -> None:
    args = ("Hari Jadi", HARI_JADI + STRANAS, "Bengkalis", ["Muzani"], ["#A"], 6)
    assert hashtags_for(*args) == hashtags_for(*args)


@pytest.mark.parametrize(
    ("phrase", "tag"),
    [
        ("Bengkalis", "Bengkalis"),
        ("BENGKALIS", "Bengkalis"),
        ("Jawa Timur", "JawaTimur"),
        ("solok selatan", "SolokSelatan"),
        ("KPK", "KPK"),
        ("e-KTP", "EKTP"),
        ("Covid-19", "Covid19"),
        ("McGregor", "McGregor"),
        ("Café Ré", "CafeRe"),
        ("Kota (Lama)!", "KotaLama"),
    ],
)
def test_camel(phrase: str, tag: str) -> None:
    assert camel(phrase) == tag


def test_fold_drops_diacritics_only() -> None:
    assert fold("Séléksi Ñasional") == "Seleksi Nasional"


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("BENGKALIS, HUMAS – Bupati membuka rapat.", "BENGKALIS"),
        ("DURI – Camat meninjau banjir.", "DURI"),
        ("Samarinda - Rapat digelar.", "Samarinda"),
        ("Jakarta, CNN Indonesia -- Presiden berkunjung.", "Jakarta"),
        ("Bupati membuka rapat di Bengkalis.", None),
    ],
)
def test_dateline_place(paragraph: str, place: str | None) -> None:
    assert dateline_place(paragraph) == place


def test_places_acronyms_and_person_words() -> None:
    text = (
        "Lembaga Adat Melayu Riau (LAMR) Kabupaten Bengkalis dan Pemprov Riau bertemu di Desa "
        "Air Putih, Provinsi Jawa Timur. Hadir H. Darmawi dan AKBP Setyo Bimo serta LAMR."
    )
    assert place_names(text) == ["Bengkalis", "Riau", "Air Putih", "Jawa Timur"]
    assert acronyms(text) == ["LAMR", "LAMR"]
    assert person_words(text) == {"darmawi", "setyo", "bimo"}


# --- Named things only: the evidence each tag stands on, and the words that are never tags ---

NAMED = [
    "BALIKPAPAN – Dinas Kesehatan Kota Balikpapan menggelar Pekan Imunisasi Nasional di "
    "seluruh puskesmas bersama BPBD, Senin (5/8/2024).",
    "Layanan imunisasi dibuka sejak pagi. Masyarakat diminta membawa buku KIA dan mengikuti "
    "KEGIATAN tersebut sampai selesai.",
    "Eman Ahmed Abd El Aty, seorang warga, datang bersama dua anaknya. Menurut Eman Ahmed Abd "
    "El Aty antrean tertib.",
    "Rombongan juga berziarah ke Taman Makam Pahlawan. Di Taman Makam Pahlawan itu BPBD "
    "menyiapkan tenda. Petugas mencatat LAYANAN dan KEGIATAN hari itu.",
    "Kepala Badan Pengelolaan Keuangan hadir di Kantor Camat. Layanan Masyarakat dibuka.",
]


@pytest.mark.parametrize(
    ("tag", "accepted", "why"),
    [
        ("#Balikpapan", True, "the dateline's place"),
        ("#DinasKesehatan", True, "an institution head, named in the lead"),
        ("#PekanImunisasiNasional", True, "a programme: a head word, named in the lead"),
        ("#BPBD", True, "an acronym named twice"),
        ("#TamanMakamPahlawan", True, "a name of ordinary words, capitalised mid-sentence twice"),
        ("#Layanan", False, "an ordinary word, even opening a sentence"),
        ("#LAYANAN", False, "an ordinary word shouted is not an acronym"),
        ("#Kegiatan", False, "an ordinary word shouted twice"),
        ("#Masyarakat", False, "an ordinary word"),
        ("#EmanAhmedAbdElAty", False, "a person: a capitalised run of words that are not words"),
        ("#AhmedAbdElAty", False, "a person, the sentence's first word cut"),
        ("#BadanPengelolaanKeuangan", False, "an institution named once, past the lead"),
        ("#KantorCamat", False, "an institution named once, past the lead"),
        ("#KIA", False, "an acronym named once, not defined"),
        ("#Senin", False, "a date"),
    ],
)
def test_tags_come_only_from_named_things(tag: str, accepted: bool, why: str) -> None:
    tags = hashtags_for(None, NAMED, None, [], [], 30)
    assert (tag.lower() in {t.lower() for t in tags}) is accepted, (why, tags)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ia hadir di Dinas Kesehatan Kota Balikpapan.", [("Dinas Kesehatan", True)]),
        ("Wakil Ketua DPRD Bengkalis hadir.", [("DPRD Bengkalis", True)]),
        ("Sementara Bupati Bengkalis Kasmarni hadir.", [("Bengkalis Kasmarni", False)]),
        ("Pawai digelar di Taman Makam Pahlawan Senin Pagi.", [("Taman Makam Pahlawan", False)]),
        ("Pekan Imunisasi Nasional dibuka.", [("Pekan Imunisasi Nasional", True)]),
        ("Pemerintah Kabupaten Bengkalis hadir.", []),  # a place: place_names reads it
        ("Rapat digelar hari ini.", []),
    ],
)
def test_names_are_capitalised_runs_without_roles_dates_or_sentence_openers(
    text: str, found: list[tuple[str, bool]]
) -> None:
    assert [(n.text, n.headed) for n in names(text)] == found


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("masyarakat", True),
        ("Layanan", True),
        ("kegiatan", True),
        ("KEGIATAN", True),
        ("Bengkalis", False),
        ("Balikpapan", False),
        ("Dumai", False),
        ("BPBD", False),
    ],
)
def test_common_words(word: str, common: bool) -> None:
    assert is_common_word(word) is common


def test_a_text_of_megabytes_is_tagged_from_its_opening() -> None:
    filler = "Warga Desa Sukamaju menanam padi bersama BPBD dan Dinas Pertanian. " * 80_000
    start = time.perf_counter()
    tags = hashtags_for("Banjir", [*HARI_JADI, filler], "Bengkalis", [], [], 5)
    assert time.perf_counter() - start < 5.0
    assert tags[:2] == ["#HariJadiBengkalis", "#Bengkalis"]
