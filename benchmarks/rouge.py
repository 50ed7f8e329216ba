"""ROUGE-1/2/L F1 of the summariser and of LEAD-3 on an IndoSum-format JSONL file.

    python benchmarks/rouge.py FILE.jsonl [-n 3] [--raw] [--one-line] [--per-article] [--cv K]

Each line holds ``paragraphs`` (paragraphs > sentences > tokens) and ``summary`` (sentences >
tokens). The article is detokenised into plain paragraphs and handed to the summariser, which
splits sentences itself, as it does for any article. LEAD-3 takes the first three sentences of
the dataset's own segmentation. ``--raw`` joins tokens with plain spaces instead of detokenising.
``--cv K`` (0: leave one out) cross-validates every candidate method (benchmarks/rouge_cv.py).
rouge-score's default tokenizer drops every non-ASCII letter, so words are split here: lower
case, on anything that is not a letter or a digit.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rouge_score.rouge_scorer import RougeScorer

from sosmed.compose import summary
from sosmed.compose.summary import summarize
from sosmed.text.sentences import split_sentences

METRICS = ("rouge1", "rouge2", "rougeL")
_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}”’]|-(?=\s*-))")
_NO_SPACE_AFTER = re.compile(r"([(\[{“‘])\s+")
_WORD = re.compile(r"[^\W_]+")


class WordTokenizer:
    """Lower-case words of letters and digits, Indonesian letters included."""

    def tokenize(self, text: str) -> list[str]:
        return _WORD.findall(text.lower())


def detokenise(tokens: list[str]) -> str:
    """Plain text from dataset tokens: punctuation back against its word, quotes paired."""
    text = " ".join(_pair_straight_quotes([t for t in tokens if t.strip()]))
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def _pair_straight_quotes(tokens: list[str]) -> list[str]:
    """Glue each '"' to the word it opens or closes (they alternate within a sentence)."""
    out: list[str] = []
    opening = True
    for k, tok in enumerate(tokens):
        if tok != '"':
            out.append(tok)
        elif opening and k + 1 < len(tokens):
            tokens[k + 1] = '"' + tokens[k + 1]
        elif out:
            out[-1] += '"'
        else:
            out.append(tok)
        opening = not opening if tok == '"' else opening
    return out


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def score_all(
    articles: list[dict[str, Any]], system: Callable[[dict[str, Any]], list[str]]
) -> dict[str, list[float]]:
    scorer = RougeScorer(list(METRICS), use_stemmer=False, tokenizer=WordTokenizer())
    out: dict[str, list[float]] = {m: [] for m in METRICS}
    for art in articles:
        reference = " ".join(detokenise(s) for s in art["summary"])
        scores = scorer.score(reference, " ".join(system(art)))
        for m in METRICS:
            out[m].append(scores[m].fmeasure)
    return out


def lead(art: dict[str, Any], n: int) -> list[str]:
    return [detokenise(s) for p in art["paragraphs"] for s in p][:n]


ONE_LINE = False  # set by --one-line: the whole article as a single line of text


def ours_text(art: dict[str, Any], raw: bool) -> list[str]:
    """The article as plain paragraphs (or one line with --one-line)."""
    join = (lambda toks: " ".join(toks)) if raw else detokenise
    paragraphs = [" ".join(join(s) for s in p) for p in art["paragraphs"]]
    return [" ".join(paragraphs)] if ONE_LINE else paragraphs


def ours(art: dict[str, Any], n: int, raw: bool) -> list[str]:
    return summarize(ours_text(art, raw), n)


def timing(articles: list[dict[str, Any]], n: int, raw: bool) -> float:
    """Median milliseconds to summarise one article, warm (stems already cached by a first pass)."""
    texts = [ours_text(art, raw) for art in articles]
    times: list[float] = []
    for paragraphs in texts:
        summary._ranked.cache_clear()  # time the ranking itself, not the memo of rankings
        start = time.perf_counter()
        summarize(paragraphs, n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("-n", type=int, default=3, help="sentences per summary (default 3)")
    ap.add_argument("--raw", action="store_true", help="join tokens with spaces, no detokenising")
    ap.add_argument("--one-line", action="store_true", help="give each article as one line")
    ap.add_argument("--per-article", action="store_true", help="print each article's figures")
    ap.add_argument(
        "--cv", type=int, metavar="K", help="cross-validate the candidates, K folds (0: LOO)"
    )
    args = ap.parse_args(argv)
    global ONE_LINE
    ONE_LINE = args.one_line
    articles = list(read_jsonl(args.file))
    if not articles:
        print(f"no articles in {args.file}", file=sys.stderr)
        return 1
    if args.cv is not None:
        from rouge_cv import cross_validate

        return cross_validate(articles, args.cv, args.n, lambda a: ours_text(a, args.raw))
    start = time.perf_counter()
    system = score_all(articles, lambda a: ours(a, args.n, args.raw))
    cold = (time.perf_counter() - start) * 1000 / len(articles)
    baseline = score_all(articles, lambda a: lead(a, 3))
    split_lead = score_all(
        articles, lambda a: split_sentences(" ".join(ours_text(a, args.raw)))[:3]
    )
    if args.per_article:
        print_per_article(articles, system, baseline)
    print(f"{len(articles)} articles, summary of {args.n} sentences")
    print(f"{'':10}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}")
    rows = (("summary", system), ("LEAD-3", baseline), ("LEAD-3*", split_lead))
    for name, figures in rows:
        print(f"{name:10}" + "".join(f"{statistics.mean(figures[m]):9.4f}" for m in METRICS))
    diff = [statistics.mean(system[m]) - statistics.mean(baseline[m]) for m in METRICS]
    print(f"{'diff':10}" + "".join(f"{d:+9.4f}" for d in diff))
    print("(LEAD-3: the dataset's sentences; LEAD-3*: the first three from our own splitter)")
    warm = timing(articles, args.n, args.raw)
    print(f"time per article: {warm:.2f} ms warm (median), {cold:.1f} ms cold (mean, with scoring)")
    return 0


def print_per_article(
    articles: list[dict[str, Any]], system: dict[str, list[float]], baseline: dict[str, list[float]]
) -> None:
    for k, art in enumerate(articles):
        mine = " ".join(f"{system[m][k]:.3f}" for m in METRICS)
        base = " ".join(f"{baseline[m][k]:.3f}" for m in METRICS)
        print(f"{art.get('id', k)[:40]:40} summary {mine}  lead {base}")


if __name__ == "__main__":
    sys.exit(main())
