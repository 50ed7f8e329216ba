"""What each line of a copied page is: a date line, credits, a caption, furniture, or text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from sosmed.ingest.credits import (
    describes_picture,
    parse_credit_line,
    split_caption,
    split_credited_caption,
)
from sosmed.ingest.cruft import (
    bullet_text,
    is_breadcrumb,
    is_chrome,
    is_cruft,
    is_terminator,
    strip_sign_off,
)
from sosmed.ingest.dateline import read_dateline
from sosmed.text.dates import MONTH, WEEKDAY, DateMatch, find_date, find_time
from sosmed.text.sentences import split_sentences, word_set


class Kind(Enum):
    CAPTION = "caption"
    CREDIT = "credit"
    DATE = "date"
    TIME = "time"
    CRUFT = "cruft"
    TERMINATOR = "terminator"
    BULLET = "bullet"
    PROSE = "prose"
    SHORT = "short"  # a headline, a label, a kicker, a subheading


@dataclass(frozen=True)
class Line:
    text: str
    kind: Kind


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Odd spaces become plain ones; runs of plain spaces stay, as sentences are kept verbatim.
_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_DATE_LABELS = word_set(
    """
    diposting dipost diposkan diterbitkan dipublikasikan dipublish terbit terbitan published
    posted updated diperbarui diupdate update pada on tanggal tgl oleh by admin administrator
    redaksi pukul jam wib wita wit dibaca dilihat kali views
    created dibuat ditulis tayang rilis release date written modified dimodifikasi posting
    postingan diunggah diupload unggah upload dirilis
    """
)
# Labels that make the line before a date a publishing stamp ("Ditulis oleh Humas pada ...",
# "Posted by Humas on ..."), whatever name stands between them.
_STAMP_LABELS = word_set(
    """
    diposting dipost diposkan diterbitkan dipublikasikan dipublish terbit published posted
    updated diperbarui diupdate ditulis written dibuat created rilis tanggal tgl posting
    diunggah diupload dirilis
    """
)
# A date line starts with the date (or its weekday), or names a place first: "Bengkalis, 26 ...".
_DATE_START = re.compile(
    rf"^(?:{WEEKDAY}|\d|{MONTH}\s+\d|[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?,\s*(?:{WEEKDAY}|\d))",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(
    r"^(?:pukul|jam)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:WIB|WITA|WIT)?$",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"(?:dibaca|dilihat)\s*:?\s*\d[\d.,]*\s*(?:kali|x)?|\d[\d.,]*\s*(?:kali|x)?\s*(?:dibaca|dilihat)",
    re.IGNORECASE,
)
# Who published it, then the date stamp: "Humas Setda - 4 Maret 2025".
_SOURCE_THEN_DATE = re.compile(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s+[-–—]\s+")
# Who wrote or published it, a bar, then the date closing the line: "Humas Setda Kabupaten
# Sumedang | 13 Mei 2024" (every word capitalised, as names are; without the bar it may be a
# headline naming a day, "Upacara Peringatan HUT RI 17 Agustus 2025").
_BYLINE_THEN_DATE = re.compile(r"(?:[A-Z][\w.'’]*\s+){0,3}[A-Z][\w.'’]*\s*[|•·/]\s*")
# A date stamp followed by who published it: "12-11-2021 - Pengadilan Agama Lubuk Pakam".
# A writer's name with an academic degree, then the date: "ZAKY MOHAMMAD, S.Kom Selasa, 6
# November 2018 pukul 06.02 WIB" (a degree after a comma marks a person, not a headline).
_DEGREE = r"(?:[A-Z][a-z]?\.\s?)+[A-Z][A-Za-z]{0,3}\.?"
_NAME_DEGREE_THEN = re.compile(
    rf"(?:[A-Z][\w'’.]*\s+){{0,3}}[A-Z][\w'’.]*(?:,\s*{_DEGREE})+\s+(?:{WEEKDAY}\s*,?\s*)?"
)
_DATE_THEN_SOURCE = re.compile(r"^\s*[-–—|•·/]\s*(?P<source>[^.!?]{2,90})$")
_MAX_SOURCE_WORDS = 12
_SEGMENT_MARK = re.compile(r"\s[|•·/]\s")
# What opens a segment of a byline bar ("Oleh Admin | Kategori Berita | 20 Februari 2025").
_SEGMENT_LABELS = word_set("oleh by kategori category penulis author")
_MAX_LABEL_WORDS = 3
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_MAX_DATE_LINE = 140
_MAX_TITLE_WORDS = 30
_LONG_PROSE_WORDS = 25
_RUNNING_WORDS = 14
_RUNNING_LOWER_SHARE = 0.6
# After a dash, a capitalised fragment this short is a name (a site's, a page's), not a story.
_TITLE_FRAGMENT_WORDS = 10


def normalize(text: str) -> list[str]:
    """The non-blank lines of ``text``, with odd spaces and invisible characters cleaned."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    lines = (raw.strip() for raw in text.splitlines())
    return [line for line in lines if line]


def classify(text: str) -> Kind:
    if split_caption(text) is not None or split_credited_caption(text) is not None:
        return Kind.CAPTION
    if parse_credit_line(text) is not None:
        return Kind.CREDIT
    plain = bullet_text(text)
    core = plain if plain is not None else text
    if is_date_line(core):
        return Kind.DATE
    if _TIME_ONLY.match(core):
        return Kind.TIME
    if is_terminator(core):
        return Kind.TERMINATOR
    if is_cruft(core) or is_breadcrumb(core) or is_chrome(core):
        return Kind.CRUFT
    if plain is not None:
        return Kind.BULLET
    if is_prose(text):
        return Kind.PROSE
    return Kind.CAPTION if describes_picture(text) else Kind.SHORT


def is_date_line(text: str) -> bool:
    """A line that is a page's date stamp, not a sentence or a headline that names a date."""
    if len(text) > _MAX_DATE_LINE:
        return False
    day = find_date(text)
    if day is None:
        return False
    if _opens_with(text, day.start) and _names_its_source(text[day.end :]):
        return True
    if _SEGMENT_MARK.search(text) and _segmented_date_line(text):
        return True
    return _date_stamp(text, day)


def _segmented_date_line(text: str) -> bool:
    """ "Admin | 12 Mei 2022 | Berita": one segment is the date, the others are short labels."""
    parts = [p.strip() for p in _SEGMENT_MARK.split(text) if p.strip()]
    dated = [p for p in parts if (d := find_date(p)) is not None and _date_stamp(p, d)]
    others = [p for p in parts if p not in dated]
    return bool(dated) and all(_label_words(p) <= _MAX_LABEL_WORDS for p in others)


def _label_words(segment: str) -> int:
    """A segment's words past its label: "Oleh Admin Web Dispendik" names three."""
    words = segment.split()
    if words and words[0].lower().rstrip(":") in _SEGMENT_LABELS:
        words = words[1:]
    return len(words)


def _date_stamp(text: str, day: DateMatch) -> bool:
    if _BYLINE_THEN_DATE.fullmatch(text[: day.start]) and not text[day.end :].strip(" .|"):
        return True
    after = text[day.end :]
    if _NAME_DEGREE_THEN.fullmatch(text[: day.start]) and (
        not after.strip(" .|") or find_time(after) is not None
    ):
        return True
    rest = _COUNTER.sub(" ", text[: day.start] + " " + text[day.end :])
    words = [w for w in _WORD.findall(rest) if w.lower() not in _DATE_LABELS]
    words = [w for w in words if not re.fullmatch(WEEKDAY, w, re.IGNORECASE)]
    if len(words) > 3:
        return False
    lead = " ".join(
        w for w in text.split() if w.lower().strip(":,|-–•/") not in _DATE_LABELS | {""}
    )
    if _DATE_START.match(lead) or find_time(rest) is not None:
        return True
    if _SOURCE_THEN_DATE.fullmatch(text[: day.start]):
        return True
    if _COUNTER.search(text):
        return True  # "Rano Hardiana 14 September 2023 2444 kali dilihat": a page's stamp
    return any(w.lower() in _STAMP_LABELS for w in _WORD.findall(text[: day.start]))


def _opens_with(text: str, start: int) -> bool:
    """Nothing but a weekday and labels stands before the date."""
    before = [w for w in _WORD.findall(text[:start]) if w.lower() not in _DATE_LABELS]
    return all(re.fullmatch(WEEKDAY, w, re.IGNORECASE) for w in before)


def _names_its_source(after: str) -> bool:
    m = _DATE_THEN_SOURCE.match(after)
    return m is not None and len(m["source"].split()) <= _MAX_SOURCE_WORDS


def is_prose(text: str) -> bool:
    """Running text rather than a headline: it ends like a sentence, or goes on too long."""
    words = text.split()
    if len(words) >= _LONG_PROSE_WORDS or _opens_with_dateline(text):
        return True
    text = strip_sign_off(text)
    words = text.split()
    if len(words) >= 6 and text.rstrip("\"”’')").endswith((".", "…")):
        return True
    if len(words) >= _RUNNING_WORDS and _lower_share(words) >= _RUNNING_LOWER_SHARE:
        return True  # headlines capitalise most words; running text does not
    return len(words) >= 10 and len(split_sentences(text)) >= 2


def _opens_with_dateline(text: str) -> bool:
    """A dateline and a sentence after it. "Home - Official Website of West Java Province" has
    the shape of a dateline, but what follows the dash is a capitalised name with no full stop:
    a browser's page title, a site's name or a breadcrumb, not a story's first sentence."""
    found = read_dateline(text)
    if found is None:
        return False
    words = found.rest.split()
    if not words or found.rest.rstrip("\"”’')").endswith((".", "!", "?", "…", ",")):
        return True
    return len(words) >= _TITLE_FRAGMENT_WORDS or _lower_share(words) >= _RUNNING_LOWER_SHARE / 2


def _lower_share(words: list[str]) -> float:
    return sum(1 for w in words if w[0].islower()) / len(words)


def is_title_like(line: Line) -> bool:
    if line.kind is not Kind.SHORT:
        return False
    text = line.text
    words = len(text.split())
    return 2 <= words <= _MAX_TITLE_WORDS and not text.endswith((":", "-", "–", "—"))
