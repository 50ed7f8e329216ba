"""Hashtags from an article: its places, institutions, programmes and events.

Candidates come only from shapes that name those things (a dateline, "Kabupaten X", an acronym
the text defines or repeats, a known programme, "Hari Jadi ke-505 Bengkalis", a capitalised
name that opens with an institution's head word, "Dinas Kesehatan", or is made of ordinary
words, "Pekan Imunisasi Nasional"), never from free keyword extraction, which on these pages
happily returns the editor's and reporter's names. A credited person's name is refused
outright; names that follow an honorific ("H.", "Drs.", "Bapak") are kept out as well, and so
is a capitalised run of words that are not ordinary words ("Eman Ahmed"): that is how a
person's name looks. A single ordinary word is never a tag ("#Layanan", "#KEGIATAN" shouted)
unless a dateline, a place marker or the list of programmes vouches for it. Tags are
CamelCase, diacritics folded, never stemmed.

Only the article's opening is read (``MAX_CHARS``, as for the summary): its tags are named
there, and the work stays linear in the article's length.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sosmed.text.keywords import (
    acronyms,
    dateline_place,
    defined_acronyms,
    is_common_word,
    names,
    person_words,
    place_names,
    words,
)
from sosmed.text.stopwords import stopwords

MAX_TAG_LENGTH = 30
MAX_CHARS = 20_000  # of the article's body read for tags
TITLE_BONUS = 1.0
EVENT, PROGRAMME, DATELINE, INSTITUTION, HEADED, PLACE, NAME = 3.0, 3.0, 2.5, 2.0, 1.9, 1.5, 1.4
# Evidence enough for a tag that is one ordinary word ("Siak", "Medan", "Posyandu").
_VOUCHED = (EVENT, PROGRAMME, DATELINE, PLACE)

# Programmes, institutions and events worth a tag whatever their spelling in the text.
_CURATED: tuple[tuple[str, str], ...] = (
    ("StranasPK", r"stranas\s*pk|strategi nasional pencegahan korupsi"),
    ("PencegahanKorupsi", r"pencegahan korupsi"),
    ("KPK", r"komisi pemberantasan korupsi|kpk"),
    ("Musrenbang", r"musrenbang\w*|musyawarah perencanaan pembangunan"),
    ("LAMR", r"lembaga adat melayu riau|lamr"),
    ("MTQ", r"musabaqah tilawatil qur.?an|mtq"),
    ("Posyandu", r"posyandu"),
    ("Stunting", r"stunting"),
    ("Vaksinasi", r"vaksinasi"),
    ("Covid19", r"covid[- ]?19"),
    ("Pilkada", r"pilkada"),
    ("Pemilu", r"pemilu"),
    ("UMKM", r"umkm"),
    ("BUMDes", r"bumdes"),
    ("PKK", r"pkk"),
    ("Kominfo", r"kominfo"),
    ("HalalBihalal", r"halal\s*bi\s*halal"),
    ("PanenRaya", r"panen raya"),
    ("GotongRoyong", r"gotong royong"),
    ("SmartCity", r"smart city"),
    ("IdulFitri", r"idul\s*fitri"),
    ("IdulAdha", r"idul\s*adha"),
    ("Ramadan", r"bulan\s+(?:suci\s+)?ramadh?an|safari\s+ramadh?an|ramadh?an\s+\d{4}"),
    ("HUTRI", r"hut\s+(?:ke-?\s*\d+\s+)?ri|hari kemerdekaan"),
    ("TMMD", r"tmmd|tentara manunggal membangun desa"),
)
# One pass over the text for all of them: group k is the k-th entry.
_CURATED_RE = re.compile(
    "|".join(rf"\b(?P<t{k}>{rx})\b" for k, (_, rx) in enumerate(_CURATED)), re.IGNORECASE
)

_ORDINAL = r"(?:\s+(?i:ke)[- ]?\s*\d+)?"
_ADMIN = r"(?:\s+(?i:kabupaten|kab\.|kota|provinsi|prov\.))?"
_NAME = r"([A-Z][\w'’-]*(?:\s+(?:Utara|Selatan|Timur|Barat|Tengah|Raya|Hilir|Hulu))?)"
# Anniversaries: "Hari Jadi ke-505 Bengkalis", "HUT ke-79 Jatim", "HUT Bhayangkara".
_EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("HariJadi", re.compile(r"\b(?i:hari\s+jadi)" + _ORDINAL + _ADMIN + r"\s+" + _NAME)),
    ("HUT", re.compile(r"\bHUT" + _ORDINAL + _ADMIN + r"\s+" + _NAME)),
)
_ANNIVERSARY_BARE = re.compile(r"\b(?i:hari\s+jadi)\b")
_DOMAIN = re.compile(r"\.[a-z]{2,}\b", re.I)
# Where a CamelCase tag joins two words: "HariJadi", "HUTMagetan".
_CAMEL_JOINT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NOWHERE = 10**9  # the position of a candidate not found in the text: after all that are
_NOT_TAG_CHARS = re.compile(r"[^A-Za-z0-9_]+")


@dataclass
class _Candidate:
    tag: str
    weight: float
    first: int
    count: int = 1


def hashtags_for(
    title: str | None,
    paragraphs: list[str],
    place: str | None,
    credited: list[str],
    fixed: list[str],
    cap: int,
) -> list[str]:
    """Up to ``cap`` hashtags ("#Word"): the account's fixed tags first, then the article's."""
    ranked, people = _article_tags(title or "", tuple(paragraphs), place)
    banned = _banned_words(credited) | people
    credited_tags = {camel(name).lower() for name in credited if name}
    tags = [_fixed_tag(t) for t in fixed]
    tags += [
        "#" + tag
        for tag in ranked
        if tag.lower() not in credited_tags and not (_words_lower(tag) & banned)
    ]
    return _dedupe(tags)[: max(cap, 0)]


@lru_cache(maxsize=64)
def _article_tags(
    title: str, paragraphs: tuple[str, ...], place: str | None
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The article's tags, best first, and the words of the people it names.

    Kept per article: composing asks once per account, with the same article.
    """
    text = "\n".join([title, *paragraphs])[: len(title) + 1 + MAX_CHARS]
    place = place or (dateline_place(paragraphs[0]) if paragraphs else None)
    if place and _DOMAIN.search(place):
        place = None  # "Suara.com -": an outlet, not a place
    lead_end = len(title) + 1 + (len(paragraphs[0]) if paragraphs else 0)
    found = _candidates(text, title, place, lead_end)
    ranked = sorted(found.values(), key=lambda c: (-_score(c, title), c.first, c.tag))
    people = frozenset(person_words(text) - _words_lower(place or ""))
    return tuple(c.tag for c in ranked), people


def camel(phrase: str, *, acronyms: bool = True) -> str:
    """A CamelCase tag body: diacritics folded, only [A-Za-z0-9_].

    Short words in capitals stay as they are (KPK, DPRD) unless ``acronyms`` is False, as for a
    place written in capitals in a dateline ("DUMAI" -> "Dumai").
    """
    parts = []
    for word in words(fold(phrase)):
        for piece in word.split("-"):
            parts.append(_camel_word(piece, acronyms))
    return _NOT_TAG_CHARS.sub("", "".join(parts))


def fold(text: str) -> str:
    """``text`` with its diacritics dropped ("Café Ré" -> "Cafe Re")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _camel_word(word: str, acronyms: bool) -> str:
    if acronyms and word.isupper() and len(word) <= 5:
        return word  # an acronym: KPK, DPRD
    if word.isupper() or word.islower():
        return word.capitalize()
    return word[0].upper() + word[1:]  # already mixed: McGregor, BUMDes


def _candidates(text: str, title: str, place: str | None, lead_end: int) -> dict[str, _Candidate]:
    found: dict[str, _Candidate] = {}
    if place:
        _add(found, camel(place, acronyms=False), DATELINE, *_occurrences(text, place))
    for m in _CURATED_RE.finditer(text):
        _add(found, _CURATED[int((m.lastgroup or "t0")[1:])][0], PROGRAMME, m.start())
    _add_events(found, text, place)
    _add_institutions(found, text, title, place)
    for name in dict.fromkeys(place_names(text)):
        _add(found, camel(name, acronyms=False), PLACE, *_occurrences(text, name))
    _add_names(found, text, len(title) + 1)
    kept = {k: c for k, c in found.items() if _worth_it(c, title, lead_end)}
    return {k: c for k, c in kept.items() if not _part_of_longer_place(c, kept.values())}


def _part_of_longer_place(c: _Candidate, others: Iterable[_Candidate]) -> bool:
    """A place inside a longer one ("Solok" beside "SolokSelatan"): the longer is the place."""
    if c.weight != PLACE:
        return False
    mine = _words_lower(c.tag)
    return any(o.weight in (PLACE, DATELINE) and mine < _words_lower(o.tag) for o in others)


def _add_events(found: dict[str, _Candidate], text: str, place: str | None) -> None:
    for prefix, pattern in _EVENTS:
        for m in pattern.finditer(text):
            _add(found, prefix + camel(m.group(1)), EVENT, m.start())
    if place and not any(k.startswith("harijadi") for k in found):
        for m in _ANNIVERSARY_BARE.finditer(text):
            _add(found, "HariJadi" + camel(place), EVENT, m.start())


def _add_institutions(
    found: dict[str, _Candidate], text: str, title: str, place: str | None
) -> None:
    defined = defined_acronyms(text)
    seen = acronyms(text)
    for acronym in dict.fromkeys(seen):
        if place and acronym.lower() == place.lower():
            continue  # the dateline in capitals ("DURI –") is the place, already counted
        if acronym in defined or seen.count(acronym) > 1 or acronym in title:
            _add(found, acronym, INSTITUTION, text.find(acronym), seen.count(acronym))


def _add_names(found: dict[str, _Candidate], text: str, body: int) -> None:
    """Institutions, programmes and events by name: "Dinas Kesehatan", "Pekan Imunisasi
    Nasional". A run of words that are mostly not ordinary words is a person's name. Names are
    read in the body only: a title capitalises every word."""
    people = person_words(text)
    for name in names(text[body:]):
        parts = name.text.split()
        if {p.lower() for p in parts} & people:
            continue
        if not name.headed and 2 * sum(map(is_common_word, parts)) < len(parts):
            continue
        tag = camel(name.text)
        if any(tag.lower() in k for k, c in found.items() if c.weight == EVENT):
            continue  # "Hari Jadi" beside "HariJadiBengkalis": the event says more
        _add(found, tag, HEADED if name.headed else NAME, body + name.start)


def _occurrences(text: str, name: str) -> tuple[int, int]:
    """Where ``name`` first appears as whole words (any case), and how often."""
    hits = [m.start() for m in re.finditer(r"\b" + re.escape(name) + r"\b", text, re.I)]
    return (hits[0], len(hits)) if hits else (-1, 1)


def _add(
    found: dict[str, _Candidate], tag: str, weight: float, position: int, count: int = 1
) -> None:
    if not tag:
        return
    key = tag.lower()
    if position < 0:
        position = _NOWHERE
    old = found.get(key)
    if old is None:
        found[key] = _Candidate(tag, weight, position, count)
        return
    old.count += count
    old.first = min(old.first, position)
    if weight > old.weight:
        old.weight, old.tag = weight, tag


def _worth_it(c: _Candidate, title: str, lead_end: int) -> bool:
    if not 3 <= len(c.tag) <= MAX_TAG_LENGTH or not c.tag[:1].isalpha():
        return False
    parts = _words_lower(c.tag)
    if not parts or parts <= stopwords():
        return False
    if len(parts) == 1 and c.weight not in _VOUCHED and is_common_word(c.tag):
        return False  # "#KEGIATAN" shouted, "#Layanan": a word, not a name
    # A place or a name merely mentioned once is noise; the dateline, a repeated or titled one,
    # or an institution named in the lead, is not.
    if c.weight == HEADED and c.first < lead_end:
        return True
    return c.weight not in (PLACE, HEADED, NAME) or c.count > 1 or _mentions(title, c.tag)


def _score(c: _Candidate, title: str) -> float:
    bonus = TITLE_BONUS if _mentions(title, c.tag) else 0.0
    # Repetition counts, but only a little: a specific event named twice beats the place.
    return c.weight + bonus + min(0.5, 0.25 * math.log(c.count))


def _mentions(title: str, tag: str) -> bool:
    """Whether every word of the tag is in the title ("HariJadiBengkalis": "Hari Jadi ke-5 …")."""
    return _words_lower(tag) <= _words_lower(title)


def _split_camel(tag: str) -> str:
    return _CAMEL_JOINT.sub(" ", tag)


def _words_lower(text: str) -> set[str]:
    return {w.lower() for w in words(fold(_split_camel(text)))}


def _banned_words(credited: list[str]) -> set[str]:
    return {w for name in credited if name for w in _words_lower(name) if len(w) > 1}


def _fixed_tag(tag: str) -> str:
    body = _NOT_TAG_CHARS.sub("", fold(tag))
    return "#" + body if body and not body.isdigit() else ""


def _dedupe(tags: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    return out
