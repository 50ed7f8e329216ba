"""Work on an article's text alone, with no office behind it: its paragraphs, its summary."""

from __future__ import annotations


def body_paragraphs(text: str) -> list[str]:
    """The body paragraphs of a plain-text article: header, credits and page cruft left out."""
    from sosmed.ingest.extract import parse_text

    return parse_text(text).paragraphs


def summarize(paragraphs: list[str], n: int) -> list[str]:
    """The ``n`` best sentences of the paragraphs, in article order, verbatim."""
    from sosmed.compose.summary import summarize as top_sentences

    return top_sentences(paragraphs, n)
