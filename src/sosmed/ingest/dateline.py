"""The dateline that opens a story: ``BENGKALIS, HUMAS –``, ``Samarinda -``, ``JAKARTA (ANTARA) -``.

Three shapes are read: a place (capitals or title case, one to three words) with an optional desk
and bracket before a dash; a place joined to a desk by a hyphen and closed by a full stop
(``Bengkayang-informasi publik.``); and a short all-capitalised opener ending in a full stop
(``Pasuruan Kota Madinah.``: the city and its slogan), whose first word is the place.

Two more are read only at the start of a story's first paragraph, where nothing else is likely:
a place and date in brackets (``(Pangkalpinang - 21 Juni 2022) -``) and a place or desk closed by
a comma (``Balikpapan, Gubernur ...``, ``BIRO ADPIM, ...``). A desk is taken off the sentence but
is not a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sosmed.text.dates import WEEKDAY, find_date
from sosmed.text.sentences import word_set

_PLACE_WORD = r"[A-Z][A-Za-z'’.]*"
_DASHED = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})\s*"
    r"(?:,\s*(?P<desk>[A-Za-z0-9][\w .&/]{0,30}?)\s*)?"
    r"(?:,?\s*\(\s*(?P<paren>[^()]{1,40})\)\s*)?,?\s*[-–—]+\s+(?=\S)"
)
# Capitals run straight into the dash: "SAMARINDA—Pemprov Kaltim ...".
_TIGHT = re.compile(r"^(?P<place>[A-Z]{3,}(?:\s[A-Z]{3,}){0,2})(?:\s*[–—]\s*|\s+-)(?=[A-Z“\"])")
_HYPHEN_DESK = re.compile(r"^(?P<place>[A-Z][a-z]+)-[a-z][a-z ]{2,30}\.\s+(?=[A-Z“\"])")
_MOTTO = re.compile(r"^(?P<place>[A-Z][a-z]{2,})(?:\s+[A-Z][a-z]+){2,3}\.\s+(?=[A-Z“\"])")
_BRACKETED = re.compile(
    rf"^\(\s*(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})\s*[-–—,]\s*"
    r"(?P<date>[^()]{6,40}?)\s*\)\s*[-–—:]*\s*(?=\S)"
)
_COMMA = re.compile(
    r"^(?P<place>[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2}|[A-Z]{2,}(?:\s+[A-Z]{2,}){0,2}),\s+"
    r"(?=[A-Z“\"])"
)
# A place, then the outlet's web address in brackets, with no dash: "Semarang (kuta.desa.id)".
_PLACE_THEN_SITE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})\s*\((?P<site>[^()\s]{{3,40}})\)\s+"
    r"(?=[A-Z“\"])"
)
# A newsroom's tag joined to its region by a hyphen, closed by a comma: "MC-SINJAI, ...".
_DESK_TAG = re.compile(r"^(?P<tag>[A-Z]{2,}(?:-[A-Z]{2,})+),\s+(?=[A-Z“\"])")
# A name's title closed by a comma and a verb: "Kepala Dinas Kominfo, mengatakan".
_APPOSITION = re.compile(r"^[^,.]{3,80},\s+[a-z]")
# Newsroom desks that open a release in place of a city.
_DESKS = word_set("biro adpim humas prokopim diskominfo kominfo mc protokol setda infopublik")
# Words that open ordinary sentences, never a place.
_NOT_PLACES = word_set(
    """
    Bupati Wabup Wakil Gubernur Wali Walikota Kepala Ketua Sekretaris Camat Kapolres Dandim
    Pemkab Pemkot Pemprov Pemerintah Dinas Badan Bagian Rapat Acara Kegiatan Dalam Pada Hal
    Selain Sementara Menurut Ini Itu Para Sebanyak
    """
)


# A desk named after the dash and closed by a stop: "PALANGKA RAYA – BIRO ADPIM. Rangkaian ...".
_DESK_AFTER = re.compile(r"^(?P<desk>[A-Za-z]+(?:\s+[A-Za-z]+){0,2})\s*[.:]\s+(?=[A-Z“\"])")


_WEEKDAY = re.compile(WEEKDAY, re.IGNORECASE)
# A web address where a place would stand: "KORANPALPOS.COM", "Tribunnews.com".
_WEB_ADDRESS = re.compile(r"\w\.(?:com|net|org|id|co|news|info|web|go|or|ac|my|tv)\b", re.I)
# A name of up to four words closed by a second dash: the first dash opened an aside.
_SECOND_DASH = re.compile(r"^(?:\S+\s+){0,3}\S+\s+[-–—]+\s+[a-z]")


@dataclass(frozen=True)
class Dateline:
    place: str | None  # None for a desk (``BIRO ADPIM,``): taken off, but not a place
    rest: str  # the paragraph without the dateline
    date: str | None = None  # the date written inside a bracketed dateline, as printed


def read_dateline(paragraph: str, strict: bool = False) -> Dateline | None:
    """The place and the rest of a story's first paragraph, None when it has no dateline.

    ``strict`` leaves out the city-and-slogan opener, which only the first paragraph can be.
    """
    shapes = (_DASHED, _TIGHT, _HYPHEN_DESK) if strict else (_DASHED, _TIGHT, _HYPHEN_DESK, _MOTTO)
    for rx in shapes:
        m = rx.match(paragraph)
        if m is None:
            continue
        place = m["place"].strip(" .,")
        first = place.split()[0]
        if first in _NOT_PLACES or first.capitalize() in _NOT_PLACES:
            continue
        rest = paragraph[m.end() :].strip()
        if _aside(rest, place.isupper()):
            continue
        if _WEEKDAY.fullmatch(first) or first.lower() in _DESKS or _WEB_ADDRESS.search(place):
            # ... or the outlet's web address ("KORANPALPOS.COM-"), which is no place either
            # "Sabtu, 11 Mei 2024 –", "HUMAS –", "Humas Polres –": a day or a desk, no place
            return Dateline(place=None, rest=desk_off(rest), date=_dated(m))
        return Dateline(place=_title(place), rest=desk_off(rest), date=_dated(m))
    return None


def _aside(rest: str, capitals: bool) -> bool:
    """What follows the dash is no sentence of its own: a clause going on in lower case
    ("Penjabat Gubernur – yang baru dilantik – ...") or, after words not in capitals (which a
    dateline prints its place in), a name set off between two dashes ("Pj Bupati – Herman
    Suryatman – membuka ...")."""
    if rest[:1].islower():
        return True
    return not capitals and bool(_SECOND_DASH.match(rest))


def desk_off(rest: str) -> str:
    """The sentence after a dateline without a newsroom desk printed after the dash."""
    m = _DESK_AFTER.match(rest)
    if m and all(w.lower() in _DESKS for w in m["desk"].split()):
        return rest[m.end() :]
    return rest


def _dated(m: re.Match[str]) -> str | None:
    """The date a dateline prints in place of a desk: "Kraksaan, 10 Oktober 2025 –" or
    "SAMARINDA (12/5/2024) -"; only a full date with its year counts."""
    groups = m.groupdict()
    for part in (groups.get("desk"), groups.get("paren")):
        if part and find_date(part) is not None:
            return part
    return None


def read_opening(paragraph: str) -> Dateline | None:
    """The dateline of a story's first paragraph: the shapes above, a bracketed place and date,
    or a place or desk closed by a comma."""
    found = read_dateline(paragraph)
    if found is not None:
        return found
    m = _BRACKETED.match(paragraph)
    if m and m["place"].split()[0] not in _NOT_PLACES:
        rest = paragraph[m.end() :].strip()
        return Dateline(place=_title(m["place"].strip(" .,")), rest=rest, date=m["date"])
    m = _PLACE_THEN_SITE.match(paragraph)
    if m and _WEB_ADDRESS.search(m["site"]) and m["place"].split()[0] not in _NOT_PLACES:
        rest = paragraph[m.end() :].strip()  # "Semarang (kuta.desa.id) Empat admin ..."
        return Dateline(place=_title(m["place"]), rest=rest)
    m = _DESK_TAG.match(paragraph)
    if m and any(part.lower() in _DESKS for part in m["tag"].split("-")):
        return Dateline(place=None, rest=paragraph[m.end() :].strip())  # "MC-SINJAI, ..."
    m = _COMMA.match(paragraph)
    if m is None:
        return None
    words = m["place"].split()
    rest = paragraph[m.end() :].strip()
    if all(w.lower() in _DESKS for w in words):
        return Dateline(place=None, rest=rest)
    from sosmed.text.stopwords import stopwords  # its word list loads slowly; few pages need it

    common = stopwords()
    if words[0] in _NOT_PLACES or any(w.lower() in common for w in words):
        return None
    if _APPOSITION.match(rest):
        return None  # "Ahmad Fauzi, Kepala Dinas Kominfo, mengatakan ...": a person, not a place
    return Dateline(place=_title(m["place"]), rest=rest)


def opens_another_story(paragraph: str) -> bool:
    """A dateline that only a story's first line carries: a desk named (``BENGKALIS, HUMAS -``,
    ``JAKARTA (ANTARA) -``, ``Bengkayang-informasi publik.``). Further down a page, it starts
    the next story of a listing."""
    if _HYPHEN_DESK.match(paragraph):
        return True
    m = _DASHED.match(paragraph)
    if m is None or m["place"].split()[0] in _NOT_PLACES:
        return False
    rest = paragraph[m.end() :].strip()
    return bool(m["desk"] or m["paren"] or desk_off(rest) != rest)


def starts_with_dateline(paragraph: str) -> bool:
    return read_dateline(paragraph) is not None


def _title(place: str) -> str:
    if place.isupper():
        return " ".join(w.capitalize() for w in place.split())
    return place
