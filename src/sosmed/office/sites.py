"""Site profiles as an office sees them: the configured ones, and a page read source by source
so that an office can see which source found what, and fix its own profile without code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sosmed.i18n import N_, _
from sosmed.settings import Settings, SiteProfile

if TYPE_CHECKING:
    from sosmed.ingest.extract import Reading
    from sosmed.ingest.metadata import Found, Stamp
    from sosmed.ingest.parsed import ParsedArticle

# Labels in Indonesian, marked for the catalogue and translated where a reading is shown.
ORIGINS = {
    "header": N_("baris tanggal halaman"),
    "body": N_("isi berita"),
    "url": N_("alamat halaman"),
    "html": N_("metadata HTML"),
    "site": N_("profil situs"),
    "person": N_("petugas"),
}
FIELDS = {
    "title": N_("Judul"),
    "published_at": N_("Tanggal terbit"),
    "place": N_("Tempat"),
    "editor": N_("Editor"),
    "reporter": N_("Reporter"),
    "photographer": N_("Fotografer"),
    "caption": N_("Keterangan foto"),
    "photo": N_("Foto"),
}
_SOURCES = {
    "JSON-LD": N_("JSON-LD"),
    "OpenGraph": N_("OpenGraph"),
    "meta": N_("meta name"),
    "time": N_("elemen <time>"),
    "figcaption": N_("figcaption"),
    "URL": N_("alamat (URL)"),
}
TEXT = N_("aturan teks")
SITE = N_("profil situs")


def site_rows(settings: Settings) -> list[dict[str, Any]]:
    """The configured profiles, one dict each."""
    return [p.model_dump(exclude_defaults=True) for p in settings.config.sites]


def try_site(settings: Settings, target: str, url: str | None) -> dict[str, Any]:
    """Read ``target`` (an address, or a file copied from ``url``) as `sosmed add` would, and
    say for each field what every source found and which value was kept."""
    from sosmed.ingest.profiles import profile_for

    data, page_url = _load(settings, target, url)
    profile = profile_for(settings.config.sites, page_url)
    reading = _read(data, target, page_url, profile)
    return {
        "url": page_url,
        "profile": profile.host if profile else None,
        "fields": explain(reading),
    }


def _load(settings: Settings, target: str, url: str | None) -> tuple[bytes, str | None]:
    if target.startswith(("http://", "https://")):
        from sosmed.ingest.fetch import FetchPolicy, fetch

        page = fetch(target, FetchPolicy.from_settings(settings))
        return page.body, page.url
    from sosmed.ingest.sources import read_file

    return read_file(Path(target)), url


def _read(data: bytes, what: str, url: str | None, profile: SiteProfile | None) -> Reading:
    from sosmed.ingest.extract import read_html, read_text
    from sosmed.ingest.sources import decode_text, looks_html

    if looks_html(data):
        return read_html(data, url, profile)
    return read_text(decode_text(data, what), profile, url)


def explain(reading: Reading) -> list[dict[str, Any]]:
    """Per field: each source's finding (None where it found nothing), the value kept and
    where it came from."""
    found = {f.source: f for f in reading.found}
    site = reading.site
    text, article = reading.text, reading.article
    rows = {
        "title": [(_SOURCES[s], _attr(found, s, "title")) for s in ("JSON-LD", "OpenGraph")]
        + [(TEXT, text.title), (SITE, site.title if site else None)],
        "published_at": [
            (_SOURCES[s], _stamp(getattr(found.get(s), "date", None)))
            for s in ("JSON-LD", "OpenGraph", "meta", "time", "URL")
        ]
        + [(TEXT, _when(text)), (SITE, _stamp_of(site.date) if site and site.date else None)],
        "place": [(TEXT, text.place)],
        "editor": _credit(text, site, "editor"),
        "reporter": [(_SOURCES[s], _attr(found, s, "author")) for s in ("JSON-LD", "meta")]
        + _credit(text, site, "reporter"),
        "photographer": _credit(text, site, "photographer"),
        "caption": [(_SOURCES[s], _attr(found, s, "caption")) for s in ("OpenGraph", "figcaption")]
        + [(TEXT, next((p.caption for p in text.photos if p.caption), None))],
        "photo": [(_SOURCES[s], _attr(found, s, "image")) for s in ("JSON-LD", "OpenGraph")],
    }
    return [_row(name, pairs, article) for name, pairs in rows.items()]


def _attr(found: dict[str, Found], source: str, name: str) -> str | None:
    f = found.get(source)
    value = getattr(f, name, None) if f else None
    return str(value) if value else None


def _credit(text: ParsedArticle, site: Any, role: str) -> list[tuple[str, str | None]]:
    return [(TEXT, getattr(text.credits, role)), (SITE, site.credits.get(role) if site else None)]


def _row(name: str, pairs: list[tuple[str, str | None]], article: ParsedArticle) -> dict[str, Any]:
    from sosmed.ingest.parsed import FieldSource

    value = _kept(name, article)
    source = article.sources.get(name)
    if name == "photo" and value:
        from_meta = any(v == value for _s, v in pairs)
        source = FieldSource("html" if from_meta else "body", True)
    return {
        "field": name,
        "label": _(FIELDS[name]),
        "found": [{"source": _(s), "value": v} for s, v in pairs],
        "value": value,
        "origin": _(ORIGINS.get(source.origin, source.origin)) if source and value else None,
        "sure": source.sure if source and value else None,
    }


def _kept(name: str, article: ParsedArticle) -> str | None:
    if name == "published_at":
        return _when(article)
    if name in ("title", "place"):
        return getattr(article, name)
    if name in ("editor", "reporter", "photographer"):
        return getattr(article.credits, name)
    first = article.photos[0] if article.photos else None
    if name == "caption":
        return first.caption if first else None
    return (first.url or first.path) if first else None


def _when(article: ParsedArticle) -> str | None:
    if article.published_at is None:
        return None
    return _format(article.published_at, article.has_time, article.zone)


def _stamp(stamp: Stamp | None) -> str | None:
    if stamp is None:
        return None
    if stamp.month_only:
        return stamp.value.strftime("%Y-%m") + _(" (bulan saja)")
    return _format(stamp.value, stamp.has_time, stamp.zone)


def _stamp_of(found: Any) -> str:
    return _format(found.value, found.has_time, found.zone)


def _format(value: datetime, has_time: bool, zone: str | None) -> str:
    if not has_time:
        return value.strftime("%Y-%m-%d")
    from sosmed.timefmt import zone_abbr

    # "+0700" read as WIB, as every time a person reads; a zone with letters of its own keeps them.
    return value.strftime("%Y-%m-%d %H:%M ") + (zone or zone_abbr(value))
