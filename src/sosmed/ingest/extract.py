"""Extraction: one page (copied text or HTML) in, one ParsedArticle out, or NotAnArticle.

Both entry points refuse what is not a single story with a one-line reason: nothing at all,
binary data, a page with no story text, and an archive or category page listing several stories.
"""

from __future__ import annotations

from sosmed.ingest.guards import check_text
from sosmed.ingest.parsed import ParsedArticle
from sosmed.ingest.plaintext import parse_plain


def parse_text(text: str) -> ParsedArticle:
    """A page as a person copies it from a browser (plain text)."""
    check_text(text)
    return parse_plain(text)


def parse_html(html: str | bytes, url: str | None = None) -> ParsedArticle:
    """An HTML page: main text and metadata by trafilatura, then the same Indonesian rules."""
    from sosmed.ingest.html import parse_page  # trafilatura loads slowly; only HTML needs it

    return parse_page(html, url)
