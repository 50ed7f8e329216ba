"""Between what extraction understood (ParsedArticle) and what is stored (Article, Photo)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import urllib.parse
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from sosmed.ingest.parsed import ParsedArticle, PhotoRef
from sosmed.ingest.provenance import sources_record, to_check
from sosmed.models import Article, Photo, utcnow

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_\w+|ref|share)$", re.I)


def content_hash(paragraphs: list[str]) -> str:
    """Same article, same hash: case, spacing and Unicode form do not matter."""
    text = unicodedata.normalize("NFKC", " ".join(paragraphs)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(text.encode()).hexdigest()


def canonical_url(url: str | None) -> str | None:
    """The URL without fragment and tracking parameters, host lower-cased."""
    if not url:
        return None
    p = urllib.parse.urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(p.query, keep_blank_values=True)
        if not _TRACKING.match(k)
    ]
    return urllib.parse.urlunsplit(
        (p.scheme.lower(), p.netloc.lower(), p.path or "/", urllib.parse.urlencode(query), "")
    )


def localise(dt: datetime | None, zone: str | None, office_tz: ZoneInfo) -> datetime | None:
    """A page date with no stated zone is read in the office's own zone."""
    if dt is None or zone is not None:
        return dt
    return dt.replace(tzinfo=None).replace(tzinfo=office_tz)


def to_records(
    parsed: ParsedArticle,
    source: str,
    office_tz: ZoneInfo,
    url: str | None = None,
    feed_id: int | None = None,
    extra_photos: list[PhotoRef] | None = None,
    caption: str | None = None,
) -> tuple[Article, list[Photo]]:
    published = localise(parsed.published_at, parsed.zone, office_tz)
    offset = published.utcoffset() if published else None
    article = Article(
        url=canonical_url(url or parsed.canonical_url),
        content_hash=content_hash(parsed.paragraphs),
        title=parsed.title,
        published_at=published,
        published_offset=int(offset.total_seconds() // 60) if offset is not None else None,
        date_source=parsed.date_source,
        place=parsed.place,
        editor=parsed.credits.editor,
        reporter=parsed.credits.reporter,
        photographer=parsed.credits.photographer,
        paragraphs=parsed.paragraphs,
        lead=parsed.lead,
        field_sources=_field_sources(parsed, caption),
        source=source,
        feed_id=feed_id,
        fetched_at=utcnow(),
    )
    refs = list(extra_photos or []) + list(parsed.photos)
    page_caption = next((p.caption for p in parsed.photos if p.caption), None)
    photos = [
        Photo(article_id=0, url=r.url, path=r.path, caption=r.caption or caption or page_caption)
        for r in refs
        if r.url or r.path
    ]
    if not photos and (page_caption or caption) and not extra_photos:
        # A caption with no image still tells what the photo shows; keep it for alt text.
        photos = [Photo(article_id=0, caption=caption or page_caption)]
    return article, photos


def _field_sources(parsed: ParsedArticle, caption: str | None) -> dict[str, Any]:
    record = sources_record(parsed.sources)
    if caption:
        record["caption"] = {"origin": "person", "sure": True}
    return record


def published_local(article: Article) -> datetime | None:
    if article.published_at is None:
        return None
    offset = timedelta(minutes=article.published_offset or 0)
    return article.published_at.astimezone(timezone(offset))


def article_dict(
    article: Article, photos: list[Photo], duplicate_of: int | None = None
) -> dict[str, Any]:
    when = published_local(article)
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published_at": when.isoformat() if when else None,
        "date_source": article.date_source,
        "place": article.place,
        "credits": {
            "editor": article.editor,
            "reporter": article.reporter,
            "photographer": article.photographer,
        },
        "photos": [
            {k: v for k, v in (("url", p.url), ("path", p.path), ("caption", p.caption)) if v}
            | {"caption": p.caption}
            for p in photos
        ],
        "paragraphs": article.paragraphs,
        "lead": article.lead,
        "sources": article.field_sources or {},
        "check": to_check(article.field_sources or {}),
        "source": article.source,
        "duplicate_of": duplicate_of,
    }
