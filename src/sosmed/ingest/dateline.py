"""The dateline that opens a story: ``BENGKALIS, HUMAS –``, ``Samarinda -``, ``JAKARTA (ANTARA) -``.

Three shapes are read: a place (capitals or title case, one to three words) with an optional desk
and bracket before a dash; a place joined to a desk by a hyphen and closed by a full stop
(``Bengkayang-informasi publik.``); and a short all-capitalised opener ending in a full stop
(``Pasuruan Kota Madinah.``: the city and its slogan), whose first word is the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sosmed.text.sentences import word_set

_PLACE_WORD = r"[A-Z][A-Za-z'’.]*"
_DASHED = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})\s*"
    r"(?:,\s*(?P<desk>[A-Za-z0-9][\w .&/]{0,30}?)\s*)?"
    r"(?:\(\s*(?P<paren>[^()]{1,40})\)\s*)?[-–—]+\s+(?=\S)"
)
# Capitals run straight into the dash: "SAMARINDA—Pemprov Kaltim ...".
_TIGHT = re.compile(r"^(?P<place>[A-Z]{3,}(?:\s[A-Z]{3,}){0,2})(?:\s*[–—]\s*|\s+-)(?=[A-Z“\"])")
_HYPHEN_DESK = re.compile(r"^(?P<place>[A-Z][a-z]+)-[a-z][a-z ]{2,30}\.\s+(?=[A-Z“\"])")
_MOTTO = re.compile(r"^(?P<place>[A-Z][a-z]{2,})(?:\s+[A-Z][a-z]+){2,3}\.\s+(?=[A-Z“\"])")
# Words that open ordinary sentences, never a place.
_NOT_PLACES = word_set(
    """
    Bupati Wabup Wakil Gubernur Wali Walikota Kepala Ketua Sekretaris Camat Kapolres Dandim
    Pemkab Pemkot Pemprov Pemerintah Dinas Badan Bagian Rapat Acara Kegiatan Dalam Pada Hal
    Selain Sementara Menurut Ini Itu Para Sebanyak
    """
)


@dataclass(frozen=True)
class Dateline:
    place: str
    rest: str  # the paragraph without the dateline


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
        if place.split()[0] in _NOT_PLACES:
            continue
        return Dateline(place=_title(place), rest=paragraph[m.end() :].strip())
    return None


def opens_another_story(paragraph: str) -> bool:
    """A dateline that only a story's first line carries: a desk named (``BENGKALIS, HUMAS -``,
    ``JAKARTA (ANTARA) -``, ``Bengkayang-informasi publik.``). Further down a page, it starts
    the next story of a listing."""
    if _HYPHEN_DESK.match(paragraph):
        return True
    m = _DASHED.match(paragraph)
    return bool(m and (m["desk"] or m["paren"]) and m["place"].split()[0] not in _NOT_PLACES)


def starts_with_dateline(paragraph: str) -> bool:
    return read_dateline(paragraph) is not None


def _title(place: str) -> str:
    if place.isupper():
        return " ".join(w.capitalize() for w in place.split())
    return place
