"""Credit lines (``Editor: … - Rep: … - Foto: …``) and photo captions (``Teks foto: …``).

Only a labelled name is a credit: a name printed alone near the title (an author widget, a
login name) says nothing about who reported, so it is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sosmed.text.dates import WEEKDAY

_ROLES = {
    "editor": "editor",
    "redaktur": "editor",
    "penyunting": "editor",
    "rep": "reporter",
    "reporter": "reporter",
    "penulis": "reporter",
    "pewarta": "reporter",
    "wartawan": "reporter",
    "jurnalis": "reporter",
    "liputan": "reporter",
    "laporan": "reporter",
    "kontributor": "reporter",
    "writer": "reporter",
    "naskah": "reporter",
    "teks": "reporter",
    "foto": "photographer",
    "fotografer": "photographer",
    "pewarta foto": "photographer",
    "photo": "photographer",
    "photographer": "photographer",
}
# Labels that share a line with credits but name no one this tool records.
_OTHER_LABELS = ("sumber", "kategori", "tags", "tag", "oleh", "diposting", "dibaca", "dilihat")
_LABEL = "|".join(sorted((re.escape(k) for k in (*_ROLES, *_OTHER_LABELS)), key=len, reverse=True))
_LABEL_AT = re.compile(
    rf"(?:^|(?<=[\s|(\[/;,-]))(?P<label>(?:{_LABEL})(?:\s*/\s*(?:{_LABEL}))*)\s*[:：]\s*",
    re.IGNORECASE,
)
_CAPTION_LABEL = re.compile(
    r"(?:^|(?<=\s))(?:(?:teks|keterangan|ket\.?)\s*(?:foto|gambar|photo)|caption)\s*[:：]\s*"
    r"|^(?:image|gambar)\s*[:：]\s*"
    r"|(?:^|(?<=\s))(?:teks|keterangan|ket\.?)\s+(?:foto|gambar)\s*[-–]\s*",
    re.IGNORECASE,
)
# A caption that credits its photo at the end: "Bupati menyerahkan bantuan. (Foto: Humas)".
_CREDITED_CAPTION = re.compile(
    r"^(?P<caption>.{20,}?)\s*[(\[]\s*(?P<label>foto|photo|fotografer|dok\.?|dokumentasi)"
    r"\s*[:/.]?\s*(?P<name>[^()\[\]]{1,40})[)\]]\s*\.?$",
    re.IGNORECASE,
)
# An unlabelled caption: who is doing what, closed by the day it happened, "..., Jum'at (09/01)".
_PICTURE_DAY = re.compile(
    rf",\s*(?:{WEEKDAY})\s*,?\s*\(\s*\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\s*\)\s*\.?$",
    re.IGNORECASE,
)
_MIN_PICTURE_WORDS = 6
# A photo's credit closing a caption: "(ANTARA/Fulan)", "-(Disway Kaltim/ Azwini)-" (a
# source's name first: "(4/3)" is a day).
_PHOTO_CREDIT_END = re.compile(
    r"[\s.\-–—]*[(\[]\s*[A-Za-z][^()\[\]/]{0,39}/[^()\[\]/]{1,40}[)\]][\s.\-–—]*$"
)
_PICTURE_VERB = re.compile(
    r"\b(?:saat|ketika|sewaktu|tengah|sedang|didampingi|berfoto|foto\s+bersama|tampak)\b"
)
# Headlines capitalise nearly every word; a caption is written like a sentence.
_MIN_LOWER_SHARE = 0.4
_EDGE = " \t-–—|/,;:()[]"
_MAX_NAME_WORDS = 6
# Lower-case words a name may carry ("Ahmad bin Umar"); two other ones make a clause.
_NAME_PARTICLES = frozenset(("bin", "binti", "van", "de", "da", "al", "el", "dan", "&"))
_CLAUSE_LOWER_WORDS = 2
_MIN_CAPTION_WORDS = 4


@dataclass
class CreditLine:
    names: dict[str, str] = field(default_factory=dict)
    caption: str | None = None


def parse_credit_line(line: str) -> CreditLine | None:
    """The credits of a line made only of labelled names; None for any other line."""
    body = line.strip().strip("()[]").strip()
    if not _LABEL_AT.match(body):
        return None
    marks = list(_LABEL_AT.finditer(body))
    found = CreditLine()
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
        value = _clean(body[m.end() : end])
        roles = [_ROLES[k] for k in re.split(r"\s*/\s*", m["label"].lower()) if k in _ROLES]
        if not roles:
            continue
        if not _looks_like_name(value):
            if roles != ["photographer"]:
                return None
            if len(marks) == 1 and len(value.split()) >= _MIN_CAPTION_WORDS:
                # "Foto: Bupati menyerahkan bantuan ..." is a caption, kept as written
                found.caption = " ".join(body[m.end() : end].split())
            continue  # "Foto: dok. humas" says where the picture came from, not who took it
        for role in roles:
            found.names.setdefault(role, value)
    return found if found.names or found.caption else None


def _clean(value: str) -> str:
    """The name alone: what follows it in brackets (an office, a half-copied bracket) is not
    part of it."""
    value = " ".join(value.split())
    value = value.split("(")[0].split("[")[0]
    return value.strip(_EDGE).rstrip(".").strip()


def _looks_like_name(value: str) -> bool:
    """A name capitalises its words: "Bupati menyerahkan bantuan" is a clause (a caption)."""
    words = value.split()
    if not 0 < len(words) <= _MAX_NAME_WORDS or value.endswith(("?", "!")):
        return False
    lower = [w for w in words if w[0].islower() and w not in _NAME_PARTICLES]
    return len(lower) < _CLAUSE_LOWER_WORDS


def without_photo_credit(line: str) -> str:
    """A caption without the photo's credit closing it ("... di Turen. (MVoice/Ist).")."""
    return _PHOTO_CREDIT_END.sub("", line)


def describes_picture(line: str) -> bool:
    """A caption printed without a label: a clause about people, ending with the event's day
    (and perhaps the photo's credit after it, "(Disway Kaltim/ Azwini)")."""
    if len(line.split()) < _MIN_PICTURE_WORDS:
        return False
    return bool(_PICTURE_DAY.search(without_photo_credit(line)))


def shows_someone(line: str) -> bool:
    """A sentence-case clause about who is doing what in a picture ("Gubernur saat memberikan
    sambutan di ..."): read as a caption only right under the headline."""
    words = line.split()
    if len(words) < _MIN_PICTURE_WORDS or not _PICTURE_VERB.search(line):
        return False
    return sum(1 for w in words if w[0].islower()) / len(words) >= _MIN_LOWER_SHARE


def split_caption(line: str) -> tuple[str, str] | None:
    """(text before the label, caption) for a ``Teks foto:`` line; None for any other line."""
    lowered = line.lower()
    if not any(word in lowered for word in ("foto", "gambar", "caption", "photo", "image")):
        return None
    m = _CAPTION_LABEL.search(line)
    if m is None:
        return None
    return line[: m.start()].strip(), line[m.end() :].strip()


def split_credited_caption(line: str) -> tuple[str, str | None] | None:
    """(caption, photographer) for a caption that ends with its photo credit in brackets."""
    if not line.rstrip(" .").endswith((")", "]")):
        return None
    m = _CREDITED_CAPTION.match(line)
    if m is None:
        return None
    name = _clean(m["name"])
    photographer = name if m["label"].lower().startswith(("foto", "photo")) else None
    return m["caption"].strip(), photographer or None
