"""Words of Indonesian news text: stems for comparing sentences, and the names it mentions.

Stems are for similarity only, never for display: Sastrawi over-stems names and content words
("Bengkalis" -> "bengkal", "pelabuhan" -> "labuh"), harmless when comparing sentences but wrong
anywhere a reader sees it. It is also slow (about 3 ms a sentence), so each word's stem is
computed once per process. Names (places after "Kabupaten", acronyms, the people after an
honorific) are returned exactly as written, for hashtags.
"""

from __future__ import annotations

import re
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
