"""Where each field of an article came from, said so that a person knows what to check.

A value read from the page's head (its date line, its credits) is the page's own word; a value
read from the story's text (an event date, a caption recognised by its shape) is an inference,
and a person should look at it before it goes out in a government post.
"""

from __future__ import annotations

from typing import Any

from sosmed.i18n import _
from sosmed.ingest.parsed import FieldSource

FIELD_NAMES = {
    "title": "judul",
    "published_at": "tanggal",
    "place": "tempat",
    "editor": "editor",
    "reporter": "penulis",
    "photographer": "fotografer",
    "caption": "keterangan foto",
    "lead": "kalimat pembuka",
}
ORIGIN_NAMES = {
    "header": "kepala halaman",
    "body": "isi berita",
    "url": "alamat halaman",
    "html": "data HTML halaman",
    "site": "aturan situs",
    "person": "isian Anda",
}


def sources_record(sources: dict[str, FieldSource]) -> dict[str, dict[str, Any]]:
    """The sources as the database and JSON keep them."""
    return {
        name: {"origin": s.origin, "sure": s.sure} | ({"note": s.note} if s.note else {})
        for name, s in sources.items()
    }


def _note(code: object) -> str | None:
    # Codes rather than sentences are stored, so a note reads in the language of the day.
    if code == "url_date_differs":
        return _("tanggal di alamat berbeda — periksa")
    return None


def to_check(record: dict[str, Any]) -> list[str]:
    """One plain line per field a person should check, in the order fields are shown:
    "tanggal diambil dari isi berita — periksa"."""
    notes = []
    for name, label in FIELD_NAMES.items():
        entry = record.get(name)
        if not isinstance(entry, dict) or entry.get("sure", True):
            continue
        origin = ORIGIN_NAMES.get(str(entry.get("origin")), str(entry.get("origin")))
        notes.append(_note(entry.get("note")) or f"{label} diambil dari {origin} — periksa")
    return notes


def origin_note(record: dict[str, Any], name: str) -> str | None:
    """ "dari kepala halaman" for a field whose source is known, else None."""
    entry = record.get(name)
    if not isinstance(entry, dict):
        return None
    return f"dari {ORIGIN_NAMES.get(str(entry.get('origin')), str(entry.get('origin')))}"
