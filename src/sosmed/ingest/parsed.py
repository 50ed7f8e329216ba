"""What extraction understood of one page: the value passed from parsing to storage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Credits:
    editor: str | None = None
    reporter: str | None = None
    photographer: str | None = None


@dataclass(frozen=True)
class PhotoRef:
    """A photo named by the page (``url``) or given by a person (``path``)."""

    url: str | None = None
    path: str | None = None
    caption: str | None = None


@dataclass(frozen=True)
class FieldSource:
    """Where a field's value came from, and whether a person should check it."""

    origin: str  # "header" | "body" | "url" | "html" | "site" | "person"
    sure: bool
    # Why a person should check it, when the origin alone does not say (see provenance).
    note: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    # Aware datetime in the page's own zone (offset kept). A date with no time is midnight local;
    # ``has_time`` tells them apart. None when the page states no date.
    published_at: datetime | None
    has_time: bool
    # "WIB" / "WITA" / "WIT" when the page named the zone, else None.
    zone: str | None
    # "header" (the page's date line) or "body" (a date inside the text), None when no date.
    date_source: str | None
    place: str | None
    credits: Credits
    paragraphs: list[str]
    lead: str | None
    photos: list[PhotoRef] = field(default_factory=list)
    canonical_url: str | None = None
    sources: dict[str, FieldSource] = field(default_factory=dict)
