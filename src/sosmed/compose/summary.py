"""Extractive summary (placeholder: lead sentences; to be replaced by the ranker)."""

from __future__ import annotations

from sosmed.text.sentences import split_sentences


def summarize(paragraphs: list[str], n: int = 3) -> list[str]:
    """The ``n`` best sentences of the article, in article order, each verbatim."""
    out: list[str] = []
    for p in paragraphs:
        out.extend(split_sentences(p))
    return out[:n]
