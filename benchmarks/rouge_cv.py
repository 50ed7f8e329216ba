"""Cross-validation of the summary methods against LEAD-3 (``benchmarks/rouge.py FILE --cv K``).

A candidate's parameters are chosen on the training folds only (the best mean of ROUGE-1, -2
and -L there) and it is scored on the held-out fold; every article is held out once, so each
candidate ends with one held-out score per article. A method without parameters has nothing
to choose and is simply scored. The table gives the mean held-out F1 of each candidate, its
difference from LEAD-3 (the dataset's own first three sentences) with a 95% interval over
articles, and on how many articles it wins and loses with the two-sided sign test's p: on a
sample of twenty, a difference inside its interval is noise.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable
from typing import Any

from rouge import METRICS, lead, score_all
from sosmed.compose.summary import BLEND, LEAD, Method, summarize

Scores = dict[str, list[float]]

# name -> the grid its parameters are chosen from (one entry: nothing to choose).
CANDIDATES: dict[str, list[Method]] = {
    "lead": [Method("lead, raw", filtered=False, strip_dateline=False)],
    "lead, filtered": [Method("lead, filtered", strip_dateline=False)],
    "clean lead": [LEAD],
    "clean, no quotes": [Method("no quotes", skip_quotes=True)],
    # Weights fit on this very sample before: their rows are not held-out figures (marked *).
    "blend as shipped*": [Method("blend as shipped", 0.5, 0.5, 0.5, strip_dateline=False)],
    "blend, clean*": [BLEND],
    "blend, tuned": [
        Method(f"blend {c}/{d}/{q}", c, d, q)
        for c in (0.25, 0.5, 1.0, 2.0)
        for d in (0.1, 0.25, 0.5, 1.0)
        for q in (0.5, 1.0)
    ],
    "centrality": [Method(f"centrality {d}", 4.0, d, 1.0) for d in (0.0, 0.05, 0.1)],
}
SEED = 20240805


def folds(n: int, k: int) -> list[list[int]]:
    """``k`` folds of the article indices, shuffled once with a fixed seed (k = 0 or k >= n:
    leave one out)."""
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    k = n if k <= 0 or k >= n else k
    return [order[f::k] for f in range(k)]


def _mean(scores: Scores, idx: list[int]) -> float:
    return statistics.mean(statistics.mean(scores[m][i] for i in idx) for m in METRICS)


def held_out(grid: list[Scores], fold_list: list[list[int]], n: int) -> Scores:
    """Each article's score under the parameters the other folds chose."""
    out: Scores = {m: [0.0] * n for m in METRICS}
    for test in fold_list:
        train = [i for i in range(n) if i not in test]
        best = max(grid, key=lambda s: _mean(s, train)) if len(grid) > 1 else grid[0]
        for m in METRICS:
            for i in test:
                out[m][i] = best[m][i]
    return out


def cross_validate(
    articles: list[dict[str, Any]], k: int, n: int, text: Callable[[dict[str, Any]], list[str]]
) -> int:
    """Print the table; ``text`` gives an article's paragraphs as the summariser reads them."""
    count = len(articles)
    fold_list = folds(count, k)
    baseline = score_all(articles, lambda a: lead(a, 3))
    label = "leave-one-out" if len(fold_list) == count else f"{len(fold_list)}-fold"
    print(f"{count} articles, {label} cross-validation, summary of {n} sentences")
    print(f"{'':18}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}   diff vs LEAD-3 (95% CI), W/L")
    print(f"{'LEAD-3':18}" + "".join(f"{statistics.mean(baseline[m]):9.4f}" for m in METRICS))
    for name, methods in CANDIDATES.items():
        grid = [
            score_all(articles, lambda a, meth=meth: summarize(text(a), n, meth))
            for meth in methods
        ]
        cv = held_out(grid, fold_list, count)
        means = "".join(f"{statistics.mean(cv[m]):9.4f}" for m in METRICS)
        print(f"{name:18}{means}   " + "  ".join(_versus(cv[m], baseline[m]) for m in METRICS))
    print("(diff: held-out mean minus LEAD-3's, +- 1.96 standard errors over articles;")
    print(" W/L p: articles won/lost, sign test; *: weights once fit on this sample, not held out)")
    return 0


def _versus(mine: list[float], base: list[float]) -> str:
    d = [a - b for a, b in zip(mine, base, strict=True)]
    half = 1.96 * statistics.stdev(d) / math.sqrt(len(d)) if len(d) > 1 else 0.0
    wins, losses = sum(x > 1e-9 for x in d), sum(x < -1e-9 for x in d)
    return f"{statistics.mean(d):+.3f}±{half:.3f} {wins}/{losses} p{sign_test(wins, losses):.2f}"


def sign_test(wins: int, losses: int) -> float:
    """Two-sided p of ``wins`` against ``losses`` if either were equally likely (ties dropped)."""
    n = wins + losses
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(wins, losses) + 1)) / 2**n
    return min(1.0, 2 * tail)
