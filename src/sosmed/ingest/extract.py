"""Extraction: one page (copied text or HTML) in, one ParsedArticle out, or NotAnArticle.

Both entry points refuse what is not a single story with a one-line reason: nothing at all,
binary data, a page with no story text, and an archive or category page listing several stories.
A site profile, when the office has one for the page's site, is applied around the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sosmed.errors import NotAnArticle
from sosmed.i18n import _
from sosmed.ingest.address import archive_address, headed_texts
from sosmed.ingest.bounds import opening
from sosmed.ingest.guards import check_text
from sosmed.ingest.lines import Line, classify, normalize
from sosmed.ingest.metadata import Found
from sosmed.ingest.parsed import ParsedArticle
from sosmed.ingest.plaintext import parse_plain
from sosmed.ingest.profiles import SiteFinds, find, override, prepare
from sosmed.ingest.sitename import without_site_name
from sosmed.ingest.urldate import with_url_date
from sosmed.settings import SiteProfile


@dataclass(frozen=True)
class Reading:
    """The article, and what each source said on the way: the text rules alone, the page's
    metadata source by source, and the site profile."""

    article: ParsedArticle
    text: ParsedArticle
    found: list[Found] = field(default_factory=list)
    site: SiteFinds | None = None


def parse_text(
    text: str, profile: SiteProfile | None = None, url: str | None = None
) -> ParsedArticle:
    """A page as a person copies it from a browser (plain text), read as far as its opening
    (``OPENING_CHARS``): a longer text keeps only the paragraphs that stand in it. ``url`` is
    the page's address, whose day stands in when the text states none."""
    return read_text(text, profile, url).article


def read_text(text: str, profile: SiteProfile | None = None, url: str | None = None) -> Reading:
    check_text(text)
    text = opening(text)
    _refuse_archive_copy(text, url)
    if profile is None:
        parsed = without_site_name(parse_plain(text), url)
        return Reading(with_url_date(parsed, url), parsed)
    lines = prepare(profile, text.splitlines())
    parsed = without_site_name(parse_plain("\n".join(lines)), url)
    finds = find(profile, lines)
    return Reading(with_url_date(override(parsed, finds), url), parsed, site=finds)


def _refuse_archive_copy(text: str, url: str | None) -> None:
    """A copy taken at an archive's address that shows two headlines, each with its text."""
    path = archive_address(url)
    if path is None:
        return
    lines = [Line(t, classify(t)) for t in normalize(text)]
    if headed_texts(lines) >= 2:
        raise NotAnArticle(
            _(
                "alamat {path} adalah halaman arsip atau kategori, bukan satu berita; "
                "berikan alamat satu berita"
            ).format(path=path)
        )


def parse_html(
    html: str | bytes, url: str | None = None, profile: SiteProfile | None = None
) -> ParsedArticle:
    """An HTML page: main text and metadata by trafilatura, then the same Indonesian rules."""
    return read_html(html, url, profile).article


def read_html(
    html: str | bytes, url: str | None = None, profile: SiteProfile | None = None
) -> Reading:
    from sosmed.ingest.html import read_page  # trafilatura loads slowly; only HTML needs it

    return read_page(html, url, profile)
