"""Lines at the top of a copy that read like running text but are not the story's: a site's
welcome ticker or address above the headline, and a headline closed by a full stop."""

from __future__ import annotations

from sosmed.ingest.dateline import starts_with_dateline
from sosmed.ingest.lines import Kind, Line, is_title_like
from sosmed.text.sentences import split_sentences

# How far below a lone sentence of site furniture the page's headline may stand (menu lines).
_CHROME_REACH = 8
_CHROME_SENTENCES = 2
_DATE_REACH = 2
_MAX_HEADLINE_WORDS = 20
# A headline capitalises nearly all its longer words; running text does not.
_LONG_WORD = 4
_HEADLINE_CAPITALS = 0.75
_PUNCTUATION = "\"'“”‘’()[],.:;!?-–—"


def chrome_over_headline(lines: list[Line], i: int) -> bool:
    """A lone sentence at the top of the page, above the page's first headline and its date
    line (past menu lines): site furniture, as a story's text starts under its headline."""
    if any(ln.kind is Kind.DATE for ln in lines[:i]):
        return False
    if i + 1 < len(lines) and lines[i + 1].kind is Kind.PROSE:
        return False
    text = lines[i].text
    if len(split_sentences(text)) > _CHROME_SENTENCES or starts_with_dateline(text):
        return False
    for j in range(i + 1, min(len(lines) - 1, i + 1 + _CHROME_REACH)):
        if lines[j].kind is Kind.PROSE:
            return False
        if is_title_like(lines[j]) and _next_is_date(lines, j):
            return True
    return False


def _next_is_date(lines: list[Line], j: int) -> bool:
    following = [ln for ln in lines[j + 1 : j + 1 + _DATE_REACH] if ln.kind is not Kind.CRUFT]
    return bool(following) and following[0].kind is Kind.DATE


def headline_over_dateline(lines: list[Line], i: int) -> bool:
    """A headline closed by a full stop, straight above the paragraph that opens with the
    story's dateline: capitalised as headlines are, one sentence, not too long."""
    text = lines[i].text
    if i + 1 >= len(lines) or lines[i + 1].kind is not Kind.PROSE:
        return False
    if len(text.split()) > _MAX_HEADLINE_WORDS or len(split_sentences(text)) > 1:
        return False
    if starts_with_dateline(text) or not starts_with_dateline(lines[i + 1].text):
        return False
    long_words = [w for w in text.split() if len(w.strip(_PUNCTUATION)) >= _LONG_WORD]
    capital = sum(1 for w in long_words if w.lstrip("“\"'(")[:1].isupper())
    return bool(long_words) and capital / len(long_words) >= _HEADLINE_CAPITALS
