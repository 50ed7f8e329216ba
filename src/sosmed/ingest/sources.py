"""Where an article comes from: a file, standard input, or a URL. Each ends in the store."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sosmed.errors import InputError, NotAnArticle
from sosmed.i18n import _
from sosmed.ingest.extract import parse_html, parse_text
from sosmed.ingest.fetch import FetchPolicy, fetch
from sosmed.ingest.parsed import ParsedArticle, PhotoRef
from sosmed.ingest.photos import checked_photo
from sosmed.ingest.profiles import profile_for
from sosmed.ingest.records import canonical_url, to_records
from sosmed.ingest.slim import looks_html
from sosmed.models import ArticleSource
from sosmed.settings import Settings, SiteProfile
from sosmed.store.articles import ArticleStore

MAX_INPUT_BYTES = 5_000_000


@dataclass(frozen=True)
class Added:
    article_id: int
    duplicate_of: int | None


def decode_text(data: bytes, what: str) -> str:
    """Text from bytes; binary input is refused with a clear message."""
    if not data.strip():
        raise NotAnArticle(_("{what} kosong").format(what=what))
    sample = data[:8192]
    if b"\x00" in sample:
        raise NotAnArticle(_("{what} berisi data biner, bukan berita").format(what=what))
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise NotAnArticle(_("{what} bukan teks").format(what=what))
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:8192])
    if printable < 0.95 * min(len(text), 8192):
        raise NotAnArticle(_("{what} berisi data biner, bukan berita").format(what=what))
    return text


def parse_bytes(
    data: bytes, what: str, url: str | None = None, profile: SiteProfile | None = None
) -> ParsedArticle:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            _("{what} berukuran {size} byte; batasnya {cap}").format(
                what=what, size=f"{len(data):,}", cap=f"{MAX_INPUT_BYTES:,}"
            )
        )
    if looks_html(data):
        return parse_html(data, url, profile)
    return parse_text(decode_text(data, what), profile, url)


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                _("{what} berukuran {size} byte; batasnya {cap}").format(
                    what=path, size=f"{size:,}", cap=f"{MAX_INPUT_BYTES:,}"
                )
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("berkas tidak ada: {path}").format(path=path)) from None
    except IsADirectoryError:
        raise InputError(_("{path} adalah folder, bukan berkas berita").format(path=path)) from None
    except PermissionError:
        raise InputError(_("{path} tidak bisa dibaca (izin ditolak)").format(path=path)) from None


def _photo_refs(photos: list[Path], caption: str | None) -> list[PhotoRef]:
    # Checked now: a photo that is no image, or too large, is refused at add, not at compose.
    return [PhotoRef(path=checked_photo(p).path, caption=caption) for p in photos]


def store_parsed(
    store: ArticleStore,
    settings: Settings,
    parsed: ParsedArticle,
    source: ArticleSource,
    url: str | None = None,
    feed_id: int | None = None,
    photos: list[Path] | None = None,
    caption: str | None = None,
) -> Added:
    article, photo_rows = to_records(
        parsed,
        source.value,
        settings.tz,
        url=url,
        feed_id=feed_id,
        extra_photos=_photo_refs(photos or [], caption),
        caption=caption,
    )
    article_id, dup = store.save_article(article, photo_rows)
    return Added(article_id, dup)


def add_bytes(
    store: ArticleStore,
    settings: Settings,
    data: bytes,
    what: str,
    url: str | None = None,
    photos: list[Path] | None = None,
    caption: str | None = None,
) -> Added:
    """A file's or standard input's content; ``url`` is the page it was copied from."""
    parsed = parse_bytes(data, what, url, profile_for(settings.config.sites, url))
    return store_parsed(store, settings, parsed, ArticleSource.file, url, None, photos, caption)


def add_url(
    store: ArticleStore,
    settings: Settings,
    url: str,
    source: ArticleSource = ArticleSource.url,
    feed_id: int | None = None,
    photos: list[Path] | None = None,
    caption: str | None = None,
) -> Added:
    page = fetch(url, FetchPolicy.from_settings(settings))
    ctype = page.content_type.lower()
    if ctype and not any(t in ctype for t in ("html", "text/plain", "xml")):
        raise NotAnArticle(
            _("{url} berisi {type}, bukan halaman web").format(url=url, type=ctype.split(";")[0])
        )
    parsed = parse_bytes(page.body, url, page.url, profile_for(settings.config.sites, page.url))
    final = canonical_url(parsed.canonical_url or page.url)
    return store_parsed(store, settings, parsed, source, final, feed_id, photos, caption)
