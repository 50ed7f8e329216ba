"""Extractive summary: the article's lead, cleaned of what is not a sentence of the story.

News puts the essentials first. On the IndoSum sample, cross-validated (``benchmarks/rouge.py
--cv``), no reordering of sentences beat the plain lead clearly: a position prior blended with
LexRank centrality won on the articles its weights were tuned on and lost on articles kept
aside. So the summary is the lead, read past what is not material (fragments, date lines,
photo captions, "Baca juga", credit lines) and past a repeat of a sentence already chosen (a
title echoed in the body), with a dateline cut from the front of the first sentence. The blend
stays as a ``Method`` for the benchmark to keep measuring against the lead.

Only the opening of an article is read (``MAX_CHARS``, ``MAX_CANDIDATES``): the summary comes
from there, and the work stays linear in the article's length, whatever its size.
"""

from __future__ import annotations

import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache

from sosmed.text.keywords import content_terms, words
from sosmed.text.sentences import split_sentences

# How much of an article is read: the summary is its lead; a sentence further down could only
# be reached by a centrality method, and none earned its place.
MAX_CHARS = 20_000
MAX_CANDIDATES = 40  # bounds the pairwise similarities (repeats, centrality) to 780 pairs
DUPLICATE_SIMILARITY = 0.7  # cosine above which a sentence repeats a better one
DUPLICATE_FACTOR = 0.2
MIN_WORDS = 5
DAMPING = 0.85


@dataclass(frozen=True)
class Method:
    """How sentences are scored: a position prior ``exp(-decay * k)`` over the k-th candidate,
    plus ``centrality`` times its LexRank centrality (0: the lead alone)."""

    name: str
    centrality: float = 0.0
    decay: float = 0.5
    quote_factor: float = 1.0  # a sentence that opens with a quotation mark
    skip_quotes: bool = False  # leave such sentences out altogether
    filtered: bool = True  # leave out fragments, date lines, captions and credit lines
    strip_dateline: bool = True


LEAD = Method("lead")
# The blend this module shipped first: weights chosen on the very sample it was judged on.
BLEND = Method("blend", centrality=0.5, decay=0.5, quote_factor=0.5)
DEFAULT = LEAD

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
# "Jakarta, CNN Indonesia -- ", "BENGKALIS, HUMAS – ", "JAKARTA (ANTARA) - ", "Suara.com - ".
_DATELINE = re.compile(
    r"^(?:[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2}\s*(?:,\s*[A-Za-z0-9][\w .&/]{0,30}?)?"
    r"\s*(?:\([^()]{1,40}\))?|[\w-]+\.(?:com|co\.id|id|net|org))\s*(?:[-–—]\s*){1,2}(?=[A-Z“\"])"
)

Vector = dict[str, float]


@dataclass(frozen=True)
class RankedSentence:
    """A sentence of the article: ``index`` is its place among all the article's sentences."""

    index: int
    text: str
    score: float


def article_sentences(paragraphs: list[str]) -> list[str]:
    """The sentences of the article's opening (its first ``MAX_CHARS`` characters), in order."""
    out: list[str] = []
    budget = MAX_CHARS
    for p in paragraphs:
        if budget <= 0:
            break
        out.extend(split_sentences(p[:budget]))
        budget -= len(p)
    return out


def is_summary_material(sentence: str) -> bool:
    """False for fragments, date lines, credit lines, labels ("Diwakili …:") and page cruft."""
    if len(words(sentence)) < MIN_WORDS or _NOT_MATERIAL.match(sentence):
        return False
    if sentence.rstrip().endswith(":"):
        return False
    return len(words(_DATE_WORDS.sub(" ", sentence))) >= 2


def without_dateline(sentence: str) -> str:
    """The sentence without a dateline at its front ("Jakarta, CNN Indonesia -- BPS …")."""
    m = _DATELINE.match(sentence)
    rest = sentence[m.end() :] if m else sentence
    return rest if len(words(rest)) >= MIN_WORDS else sentence


def rank_sentences(paragraphs: list[str], method: Method = DEFAULT) -> list[RankedSentence]:
    """The article's summary-worthy sentences, best first (ties: earlier first).

    Fragments, date lines and credit lines are left out. Composing asks once per platform, so
    the ranking of the last few articles is kept.
    """
    return list(_ranked(tuple(paragraphs), method))


def summarize(paragraphs: list[str], n: int = 3, method: Method = DEFAULT) -> list[str]:
    """The ``n`` best sentences of the article, in article order, each verbatim."""
    best = rank_sentences(paragraphs, method)[: max(n, 0)]
    return [r.text for r in sorted(best, key=lambda r: r.index)]


@lru_cache(maxsize=64)
def _ranked(paragraphs: tuple[str, ...], method: Method) -> tuple[RankedSentence, ...]:
    sentences = article_sentences(list(paragraphs))
    if sentences and method.strip_dateline:
        sentences[0] = without_dateline(sentences[0])
    candidates = [(i, s) for i, s in enumerate(sentences) if _keep(s, method)]
    if not candidates:  # a very short text: its fragments are all there is
        candidates = list(enumerate(sentences))
    candidates = candidates[:MAX_CANDIDATES]
    if not candidates:
        return ()
    sim = _similarities(_tfidf([content_terms(s) for _, s in candidates]))
    centrality = _lexrank(sim) if method.centrality else [0.0] * len(candidates)
    scores = _blend([s for _, s in candidates], centrality, method)
    scores = _demote_repeats(scores, sim)
    ranked = [RankedSentence(i, s, sc) for (i, s), sc in zip(candidates, scores, strict=True)]
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.index)))


def _keep(sentence: str, method: Method) -> bool:
    if method.filtered and not is_summary_material(sentence):
        return False
    return not (method.skip_quotes and _opens_quote(sentence))


def _opens_quote(sentence: str) -> bool:
    return sentence.lstrip()[:1] in _QUOTE_OPENERS


def _blend(sentences: list[str], centrality: list[float], method: Method) -> list[float]:
    top = max(centrality) or 1.0
    out: list[float] = []
    for k, (sentence, c) in enumerate(zip(sentences, centrality, strict=True)):
        score = math.exp(-method.decay * k) + method.centrality * c / top
        if _opens_quote(sentence):
            score *= method.quote_factor
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
