"""Work on an article's text alone, with no office behind it: its paragraphs, its summary."""

from __future__ import annotations

# The summary comes from an article's opening, so only that much is parsed: a text of many
# megabytes costs no more than its first pages (extraction reads no further either).
from sosmed.ingest.bounds import OPENING_CHARS, opening

__all__ = ["OPENING_CHARS", "body_paragraphs", "opening", "summarize"]


def body_paragraphs(text: str) -> list[str]:
    """The body paragraphs of a plain-text article's opening: header and page cruft left out."""
    from sosmed.ingest.extract import parse_text

    return parse_text(opening(text)).paragraphs


def summarize(paragraphs: list[str], n: int) -> list[str]:
    """The ``n`` best sentences of the paragraphs, in article order, verbatim."""
    from sosmed.compose.summary import summarize as top_sentences

    return top_sentences(paragraphs, n)
