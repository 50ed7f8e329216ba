"""A person's corrections of an article, worked out before anything is written. Pure.

A field a person sets is theirs: it is recorded as an edit (who, when, before, after) and
never guessed again. The content hash stays the one of the text first added, so that adding
the same source again still finds the article it became.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.text.dates import find_clock, find_date, make_date
from sosmed.text.sentences import split_sentences
from sosmed.timefmt import ZONES

# Fields of an article a person may set, with the longest value each column takes.
TEXT_FIELDS = {
    "title": 2000,
    "place": 200,
    "editor": 200,
    "reporter": 200,
    "photographer": 200,
}
# What may stand around a date and a time: a weekday, "pukul", separators.
_FILLER = re.compile(
    r"(?i)\b(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|pukul|pkl|jam|tanggal)\b|[\s,|\-–.]"
)
PERSON = "person"  # an article's date_source when a person gave the date


@dataclass(frozen=True)
class PersonDate:
    value: datetime  # aware
    offset_minutes: int


def parse_person_date(text: str, office_tz: tzinfo) -> PersonDate:
    """ "2026-12-07", "7 Desember 2026", "7 Desember 2026 09.30 WITA": a date as people type
    it, read in the office's zone unless it names WIB, WITA or WIT."""
    day = find_date(text)
    if day is None:
        raise InputError(
            _(
                "tanggal {text} tidak terbaca; tulis misalnya 2026-12-07 atau "
                "'7 Desember 2026 09.30 WITA'"
            ).format(text=repr(text))
        )
    rest = text[: day.start] + " " + text[day.end :]
    clock = find_clock(rest)
    if clock is not None:
        rest = re.sub(r"(?i)\d{1,2}[:.]\d{2}([:.]\d{2})?\s*(" + "|".join(ZONES) + r")?", " ", rest)
    if _FILLER.sub("", rest).strip():
        raise InputError(
            _("tanggal {text} tidak terbaca: ada yang lebih dari tanggal dan jam").format(
                text=repr(text)
            )
        )
    found = make_date(day, (clock[0], clock[1], clock[3]) if clock else None)
    value = found.value
    if found.zone is None:
        value = value.replace(tzinfo=None).replace(tzinfo=office_tz)
    offset = value.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    return PersonDate(value.astimezone(timezone(offset)), minutes)


def text_value(field: str, value: str) -> str | None:
    """A text field as it is stored: spaces tidied, an empty value clears the field."""
    limit = TEXT_FIELDS[field]
    tidy = " ".join(value.split())
    if len(tidy) > limit:
        raise InputError(
            _("--{field} terlalu panjang: {n} karakter, paling banyak {limit}").format(
                field=field, n=len(tidy), limit=limit
            )
        )
    return tidy or None


def body_paragraphs(text: str) -> list[str]:
    """The paragraphs of a body typed in an editor: blank lines part them."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    paragraphs = [" ".join(b.split()) for b in blocks]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise InputError(_("isi berita kosong; tidak ada yang diubah"))
    return paragraphs


def body_text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def lead_of(paragraphs: list[str]) -> str | None:
    """The first sentence of the body, as extraction takes it."""
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        if sentences:
            return sentences[0]
    return None
