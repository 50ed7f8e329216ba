"""Extractive summary: the article's most central sentences, weighted toward the lead.

News puts the essentials first, so a sentence's place in the article is the strongest single
signal; LexRank centrality (TF-IDF cosine over stemmed content words) lets a sentence further
down win when the whole article keeps coming back to it. Quotations and fragments (a dateline
alone, a date, a sign-off) are weak summary material. Every sentence returned is a sentence of
the article exactly as the splitter gave it: the stemmer only feeds the similarity.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache

from sosmed.text.keywords import content_terms, words
from sosmed.text.sentences import split_sentences

# Weights of the blend, chosen on a development sample and kept round to avoid fitting it.
POSITION_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.5
POSITION_DECAY = 0.5  # prior of the k-th candidate: exp(-decay * k)
QUOTE_FACTOR = 0.5  # a sentence that opens with a quotation mark
DUPLICATE_SIMILARITY = 0.7  # cosine above which a sentence repeats a better one
DUPLICATE_FACTOR = 0.2
MIN_WORDS = 5
DAMPING = 0.85

_QUOTE_OPENERS = "\"“”'‘’«»"
_NOT_MATERIAL = re.compile(
    r"^\W*(?:baca\s+juga|berita\s+(?:lainnya|terkait)|editor|reporter|rep|penulis|pewarta|"
    r"fotografer|foto|teks\s+foto|sumber|tulis\s+komentar|bagikan)\b",
    re.IGNORECASE,
)
_DATE_WORDS = re.compile(
    r"\b(?:senin|selasa|rabu|kamis|jum'?at|jum’at|sabtu|minggu|ahad|januari|februari|maret|april|"
    r"mei|juni|juli|agustus|september|oktober|november|desember|pukul|wib|wita|wit|"
    r"dibaca|kali)\b|\d+",
    re.IGNORECASE,
)

Vector = dict[str, float]


@dataclass(frozen=True)
class RankedSentence:
    """A sentence of the article: ``index`` is its place among all the article's sentences."""

    index: int
    text: str
    score: float


def article_sentences(paragraphs: list[str]) -> list[str]:
    """All sentences of the article, in order."""
    return [s for p in paragraphs for s in split_sentences(p)]


def is_summary_material(sentence: str) -> bool:
    """False for fragments, date lines, credit lines, labels ("Diwakili …:") and page cruft."""
    if len(words(sentence)) < MIN_WORDS or _NOT_MATERIAL.match(sentence):
        return False
    if sentence.rstrip().endswith(":"):
        return False
    return len(words(_DATE_WORDS.sub(" ", sentence))) >= 2


def rank_sentences(paragraphs: list[str]) -> list[RankedSentence]:
    """The article's summary-worthy sentences, best first (ties: earlier first).

    Fragments, date lines and credit lines are left out. Composing asks once per platform, so
    the ranking of the last few articles is kept.
    """
    return list(_ranked(tuple(paragraphs)))


@lru_cache(maxsize=64)
def _ranked(paragraphs: tuple[str, ...]) -> tuple[RankedSentence, ...]:
    sentences = article_sentences(list(paragraphs))
    candidates = [(i, s) for i, s in enumerate(sentences) if is_summary_material(s)]
    if not candidates:  # a very short text: its fragments are all there is
        candidates = list(enumerate(sentences))
    if not candidates:
        return ()
    sim = _similarities(_tfidf([content_terms(s) for _, s in candidates]))
    scores = _blend([s for _, s in candidates], _lexrank(sim))
    scores = _demote_repeats(scores, sim)
    ranked = [RankedSentence(i, s, sc) for (i, s), sc in zip(candidates, scores, strict=True)]
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.index)))


def summarize(paragraphs: list[str], n: int = 3) -> list[str]:
    """The ``n`` best sentences of the article, in article order, each verbatim."""
    best = rank_sentences(paragraphs)[: max(n, 0)]
    return [r.text for r in sorted(best, key=lambda r: r.index)]


def _blend(sentences: list[str], centrality: list[float]) -> list[float]:
    top = max(centrality) or 1.0
    out: list[float] = []
    for k, (sentence, c) in enumerate(zip(sentences, centrality, strict=True)):
        score = POSITION_WEIGHT * math.exp(-POSITION_DECAY * k) + CENTRALITY_WEIGHT * c / top
        if sentence.lstrip()[:1] in _QUOTE_OPENERS:
            score *= QUOTE_FACTOR
        out.append(score)
    return out


def _tfidf(docs: list[list[str]]) -> list[Vector]:
    df: dict[str, int] = {}
    for terms in docs:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    n = len(docs)
    vectors: list[Vector] = []
    for terms in docs:
        vec: Vector = {}
        for t in terms:
            vec[t] = vec.get(t, 0.0) + 1.0
        vectors.append({t: tf * (math.log(n / df[t]) + 1.0) for t, tf in vec.items()})
    return vectors


def _cosine(a: Vector, b: Vector, norms: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum([w * b[t] for t, w in a.items() if t in b])
    return dot / norms if dot else 0.0


def _similarities(vectors: list[Vector]) -> list[list[float]]:
    n = len(vectors)
    norms = [math.sqrt(sum(w * w for w in v.values())) for v in vectors]
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sim[i][j] = sim[j][i] = _cosine(vectors[i], vectors[j], norms[i] * norms[j])
    return sim


def _lexrank(sim: list[list[float]], iterations: int = 60) -> list[float]:
    """Continuous LexRank: PageRank over the cosine-similarity graph."""
    n = len(sim)
    out_weight = [sum(row) or 1.0 for row in sim]
    # Column i: the share of each sentence's weight that flows to sentence i.
    columns = [[sim[j][i] / out_weight[j] for j in range(n)] for i in range(n)]
    rank = [1.0 / n] * n
    base = (1 - DAMPING) / n
    for _ in range(iterations):
        new = [base + DAMPING * sum(map(operator.mul, col, rank)) for col in columns]
        done = max(map(abs, map(operator.sub, new, rank))) < 1e-6
        rank = new
        if done:
            break
    return rank


def _demote_repeats(scores: list[float], sim: list[list[float]]) -> list[float]:
    """A sentence that mostly repeats a better-scored one (a title echoed in the body) sinks."""
    out = list(scores)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    for pos, i in enumerate(order):
        if any(sim[i][j] > DUPLICATE_SIMILARITY for j in order[:pos]):
            out[i] = scores[i] * DUPLICATE_FACTOR
    return out
