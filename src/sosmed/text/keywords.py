"""Words of Indonesian news text: stems for comparing sentences, and the names it mentions.

Stems are for similarity only, never for display: Sastrawi over-stems names and content words
("Bengkalis" -> "bengkal", "pelabuhan" -> "labuh"), harmless when comparing sentences but wrong
anywhere a reader sees it. It is also slow (about 3 ms a sentence), so each word's stem is
computed once per process. Names (places after "Kabupaten", acronyms, the people after an
honorific, the names of institutions, programmes and events) are returned exactly as
written, for hashtags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from sosmed.text.stopwords import stopwords

# Letters and digits, with inner hyphens kept ("e-KTP", "bersama-sama").
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


class _Stemmer(Protocol):
    def stem(self, text: str) -> str: ...


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters, digits, inner hyphens)."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _stemmer() -> _Stemmer:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer: _Stemmer = StemmerFactory().create_stemmer()
    return stemmer


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word (for similarity only)."""
    return _stemmer().stem(word) or word


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry content: no stopwords, no bare numbers, no single letters."""
    stops = stopwords()
    out: list[str] = []
    for word in words(text.lower()):
        if len(word) > 1 and not word.isdigit() and word not in stops:
            out.append(stem(word))
    return out


# --- Names of places and institutions, as written (for hashtags) ---


def _word_set(*lines: str) -> frozenset[str]:
    return frozenset(w for line in lines for w in line.split())


# Words after which a place name follows: "Kabupaten Bengkalis", "Kota Yogya", "Desa Pagung".
PLACE_MARKERS = _word_set(
    "kabupaten kab kota provinsi propinsi prov kecamatan kec desa kelurahan pulau negeri",
    # governments named after their region: "Pemkab Kediri", "Pemprov Riau"
    "pemkab pemkot pemprov",
)
# A second word that belongs to the place: "Jawa Timur", "Solok Selatan", "Rokan Hilir".
_PLACE_SECOND = _word_set(
    "utara selatan timur barat tengah raya hilir hulu laut darat besar baru belitung"
)
# A first word that never stands alone as a place: "Tanjung Pinang", "Kuala Lumpur".
_PLACE_FIRST = _word_set(
    "tanjung kuala muara teluk tanah gunung batu bandar sungai air kepulauan pulau bukit",
    "rantau lubuk pasir simpang ujung kampung labuhan pangkalan",
)
# Honorifics and ranks: the capitalised words after them are a person's name.
PERSON_TITLES = _word_set(
    "h hj hm dr drs dra drg ir prof kh ny sdr sdri bapak ibu pak bu mas mbak saudara ustadz",
    "ustaz habib tuan akbp kompol akp iptu ipda aiptu aipda bripka brigpol briptu bripda kombes",
    "irjen brigjen komjen letkol kolonel mayor kapten lettu letda serma serka sertu serda",
    "jenderal laksamana marsekal",
)
# Acronyms that are titles, ranks, degrees, time zones or generic words, not institutions.
_NOT_INSTITUTIONS = _word_set(
    "wib wita wit humas rls red rt rw se sh mh mm mt msi ssos spd mpd sag sip st skm amd phd",
    "hj hm drs dra drg kh akbp kompol akp iptu ipda aiptu aipda bripka kombes irjen brigjen",
    "komjen letkol opd skpd ii iii iv vi vii viii ix xi xii tahun ri pt cv ud tp",
)

_CAP_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,7}")
_SHOUTED = re.compile(r"[A-Z][A-Z0-9-]+")
_PLACE_AFTER_MARKER = re.compile(
    r"\b(?i:" + "|".join(sorted(PLACE_MARKERS)) + r")\.?\s+(" + _CAP_WORD + ")"
)
_NEXT_CAP = re.compile(r"[ \t]+(" + _CAP_WORD + ")")
_AFTER_TITLE = re.compile(
    r"\b(?i:" + "|".join(sorted(PERSON_TITLES)) + r")\.?\s+((?:" + _CAP_WORD + r"\.?\s*){1,4})"
)
_DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9]{1,9})\)")
_DATELINE = re.compile(
    r"^\s*([A-Z][\w'.]*(?: [A-Z][\w'.]*){0,2})\s*(?:,[^,\n]{1,30}?)?\s*(?:-{1,2}|–|—)\s"
)


def dateline_place(paragraph: str) -> str | None:
    """The place of a dateline that opens a body ("BENGKALIS, HUMAS –" gives "BENGKALIS")."""
    m = _DATELINE.match(paragraph)
    return m.group(1).strip() if m else None


# Words that make what follows the name of an institution, a programme or an event.
NAME_HEADS = _word_set(
    "dinas badan kantor lembaga komisi kementerian sekretariat balai biro inspektorat satuan",
    "dewan majelis pengadilan kejaksaan kepolisian universitas institut politeknik yayasan",
    "koperasi bank puskesmas rsud dprd bappeda bpbd bumdes polres polda kodim korem",
    "pekan festival gerakan program lomba pameran musyawarah gebyar jambore pawai karnaval",
    "turnamen piala pesta kirab bulan",
)
# Words that open a role or a sentence, not a name: cut from the front of a capitalised run
# ("Wakil Ketua DPRD Bengkalis" names the DPRD Bengkalis).
_NAME_OPENERS = _word_set(
    "bupati wabup wakil ketua kepala gubernur wagub wali walikota camat lurah sekretaris sekda",
    "direktur menteri presiden kapolres kapolda dandim danrem plt plh pj asisten staf anggota",
    "pemerintah pemkab pemkot pemprov",
)
_NOT_IN_NAMES = _word_set(
    "senin selasa rabu kamis jumat sabtu minggu ahad januari februari maret april mei juni juli",
    "agustus september oktober november desember wib wita wit",
)
_CAP_RUN = re.compile(r"(?<![\w'’-])" + _CAP_WORD + r"(?:[ \t]+" + _CAP_WORD + r")+")
# What comes before a sentence's first word: a stop, a quotation mark, a line, a dateline's dash.
_SENTENCE_END = '.!?:;“"(–—-\n'
_AFFIXED = re.compile(r"^(?:ke|pe[mnr]?|peng|peny|per|pel)?\w+an$")


@dataclass(frozen=True)
class Name:
    """A capitalised run of words that names a thing: where it starts, and whether it opens
    with a head word (``Dinas``, ``Pekan``, ``DPRD``) that says what kind of thing it is."""

    text: str
    start: int
    headed: bool


def names(text: str) -> list[Name]:
    """Names of two words or more, in order: runs of capitalised words with role words, dates
    and a sentence's first word cut away.

    A run that opens a sentence may owe its first capital to the sentence ("Sementara Bupati
    …"), so that word counts only when it is a head. The caller decides which names are
    things: a person's name is a capitalised run as well.
    """
    stops = stopwords()
    out: list[Name] = []
    for m in _CAP_RUN.finditer(text):
        parts = m.group(0).split()
        start = m.start()
        if _opens_sentence(text, m.start()) and parts[0].lower() not in NAME_HEADS:
            start += len(parts[0]) + 1
            parts = parts[1:]
        while parts and _opens_no_name(parts[0].lower(), stops):
            start = text.index(parts[1], start) if len(parts) > 1 else start
            parts = parts[1:]
        # A date ends a name, and so does a place marker: "Dinas Kesehatan Kota Balikpapan"
        # names the Dinas Kesehatan, and the city is a tag of its own.
        cut = next((k for k, w in enumerate(parts) if _ends_name(w.lower(), k)), len(parts))
        parts = parts[:cut]
        if len(parts) >= 2 and parts[0].lower() not in PLACE_MARKERS:
            out.append(Name(" ".join(parts), start, parts[0].lower() in NAME_HEADS))
    return out


def _opens_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _opens_no_name(word: str, stops: frozenset[str]) -> bool:
    return word in _NAME_OPENERS or (word in stops and word not in NAME_HEADS)


def _ends_name(word: str, k: int) -> bool:
    return word in _NOT_IN_NAMES or (k > 0 and word in PLACE_MARKERS)


@lru_cache(maxsize=1)
def _root_words() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words())


def is_common_word(word: str) -> bool:
    """Whether ``word`` is an ordinary Indonesian word, not a name: a stopword, a root word of
    the dictionary ("masyarakat") or one derived from a root by a noun affix ("layanan",
    "kegiatan"). Some places are dictionary words too ("Siak", "Medan")."""
    key = word.lower()
    if key in stopwords() or key in _root_words():
        return True
    return bool(_AFFIXED.match(key)) and stem(key) != key and stem(key) in _root_words()


def place_names(text: str) -> list[str]:
    """Places named after a marker ("Kabupaten Bengkalis", "Provinsi Jawa Timur"), in order."""
    found: list[str] = []
    for m in _PLACE_AFTER_MARKER.finditer(text):
        first = m.group(1)
        if len(first) < 3 or first.lower() in PERSON_TITLES or first.lower() in stopwords():
            continue
        second = _NEXT_CAP.match(text, m.end())
        if second and (second.group(1).lower() in _PLACE_SECOND or first.lower() in _PLACE_FIRST):
            found.append(f"{first} {second.group(1)}")
        elif first.lower() not in _PLACE_FIRST:
            found.append(first)
    return found


def acronyms(text: str) -> list[str]:
    """Institution-like acronyms of 3-8 characters ("KPK", "LAMR"), every occurrence, in order.

    A run of three or more words in capitals is a shouted phrase, not acronyms; titles, ranks,
    degrees and ordinary words in capitals are left out.
    """
    cores = [t.strip("()[]{}.,;:!?\"'“”‘’/") for t in text.split()]
    shouted = [bool(_SHOUTED.fullmatch(c)) for c in cores]
    out: list[str] = []
    for k, core in enumerate(cores):
        if not _ACRONYM.fullmatch(core) or core.lower() in _NOT_INSTITUTIONS:
            continue
        if core.lower() in stopwords() or _run_length(shouted, k) >= 3:
            continue
        out.append(core)
    return out


def defined_acronyms(text: str) -> set[str]:
    """Acronyms the text defines in brackets: "Lembaga Adat Melayu Riau (LAMR)"."""
    return {m.group(1) for m in _DEFINED.finditer(text) if m.group(1).isupper()}


def person_words(text: str) -> set[str]:
    """Lower-case words of the names that follow an honorific or rank ("H. Abdul Rahman").

    A name ends at the first stopword, so "Bapak Bupati Bengkalis" names nobody.
    """
    stops = stopwords()
    out: set[str] = set()
    for m in _AFTER_TITLE.finditer(text):
        for word in words(m.group(1)):
            if word.lower() in stops or not word[0].isupper():
                break
            out.add(word.lower())
    return out


def _run_length(flags: list[bool], k: int) -> int:
    """How many consecutive True flags the k-th belongs to."""
    lo = hi = k
    while lo > 0 and flags[lo - 1]:
        lo -= 1
    while hi + 1 < len(flags) and flags[hi + 1]:
        hi += 1
    return hi - lo + 1
