"""Agreement of extraction with gold labels, grouped by site so that rules can be judged on
sites they were not written for.

Usage: python benchmarks/gold_eval.py ARTICLES_DIR GOLD_DIR [--folds K] [--quiet]
       [--mismatches all|dev|held-out|foldK|none]
       python benchmarks/gold_eval.py CORPUS_DIR ...   (its articles/ and gold/)

ARTICLES_DIR holds NAME.txt (a page as copied from a browser) or NAME.html; GOLD_DIR holds
NAME.json with the fields compared below ("kind": "listing" means the page must be refused).
Each page is read with the gold ``url`` as its address, as ``sosmed add FILE --url URL`` does.

A field the gold states (non-null) is right, wrong (another value: the worst case, as it would
reach a post) or missed (None). A field the gold leaves null is either left null or invented,
and an invented value counts as a wrong one. Pages are grouped by site (the host of the gold
``url``; a page without one is its own site). Sites are split once, by a hash of the host, into
a development half and a held-out half: rules are written looking only at the development
half's mismatches, and the held-out half says how they carry over. ``--folds K`` also splits
the sites into K folds by the same hash and prints a line per fold.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sosmed.errors import NotAnArticle
from sosmed.ingest.parsed import ParsedArticle
from sosmed.ingest.sources import parse_bytes

FIELDS = (
    "title",
    "published_date",
    "published_time",
    "tz",
    "place",
    "editor",
    "reporter",
    "photographer",
    "photo_caption",
    "first_sentence",
)


def predicted(article: ParsedArticle) -> dict[str, Any]:
    at = article.published_at
    return {
        "title": article.title,
        "published_date": at.strftime("%Y-%m-%d") if at else None,
        "published_time": at.strftime("%H:%M") if at and article.has_time else None,
        "tz": article.zone,
        "place": article.place,
        "editor": article.credits.editor,
        "reporter": article.credits.reporter,
        "photographer": article.credits.photographer,
        "photo_caption": next((p.caption for p in article.photos if p.caption), None),
        "first_sentence": article.lead,
    }


def parse_file(path: Path, url: str | None = None) -> ParsedArticle:
    """The page read as ``sosmed add FILE --url URL`` reads it, with the gold's address."""
    return parse_bytes(path.read_bytes(), path.name, url)


def site_of(stem: str, gold: dict[str, Any]) -> str:
    """The host a page came from; a page without an address is a site of its own."""
    url = gold.get("url")
    if not url:
        return f"page:{stem}"
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _bucket(site: str) -> int:
    return int(hashlib.sha256(site.encode()).hexdigest()[:8], 16)


def is_development(site: str) -> bool:
    """The fixed half of the sites whose mismatches may be looked at while writing rules."""
    return _bucket(site) % 2 == 0


def fold_of(site: str, folds: int) -> int:
    return (_bucket(site) // 2) % folds


@dataclass
class PageResult:
    stem: str
    site: str
    listing: bool
    refused: bool
    reason: str = ""
    # name -> (gold, got)
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class Score:
    """Counts over a set of pages."""

    pages: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    invented: int = 0
    empty_ok: int = 0
    listings: int = 0
    listings_refused: int = 0
    articles: int = 0
    articles_refused: int = 0
    per_field: dict[str, list[int]] = field(
        default_factory=lambda: {f: [0, 0, 0, 0] for f in FIELDS}  # right wrong missed invented
    )

    @property
    def stated(self) -> int:
        return self.right + self.wrong + self.missed

    def add(self, page: PageResult) -> None:
        self.pages += 1
        if page.listing:
            self.listings += 1
            self.listings_refused += page.refused
            return
        self.articles += 1
        if page.refused:
            self.articles_refused += 1
        for name, (want, got) in page.fields.items():
            slot = _outcome(want, got)
            if slot is None:
                self.empty_ok += 1
                continue
            self.per_field[name][slot] += 1
            if slot == 0:
                self.right += 1
            elif slot == 1:
                self.wrong += 1
            elif slot == 2:
                self.missed += 1
            else:
                self.invented += 1


def _outcome(want: Any, got: Any) -> int | None:
    """0 right, 1 wrong, 2 missed, 3 invented, None when both are empty."""
    if want is None:
        return None if got is None else 3
    if got is None:
        return 2
    return 0 if want == got else 1


def evaluate(articles: Path, gold_dir: Path) -> list[PageResult]:
    results = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        page = _page_for(articles, gold_path.stem)
        if page is not None:
            results.append(_score_page(page, gold_path.stem, gold))
    return results


def _page_for(articles: Path, stem: str) -> Path | None:
    for ext in (".txt", ".html", ".htm"):
        candidate = articles / f"{stem}{ext}"
        if candidate.exists():
            return candidate
    return None


def _score_page(page: Path, stem: str, gold: dict[str, Any]) -> PageResult:
    listing = gold.get("kind") == "listing"
    result = PageResult(stem=stem, site=site_of(stem, gold), listing=listing, refused=False)
    try:
        got = predicted(parse_file(page, gold.get("url")))
    except NotAnArticle as exc:
        result.refused, result.reason = True, str(exc)
        got = dict.fromkeys(FIELDS)
    if not listing:
        result.fields = {name: (gold.get(name), got[name]) for name in FIELDS}
    return result


def score(results: Iterable[PageResult]) -> Score:
    total = Score()
    for page in results:
        total.add(page)
    return total


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


HEADER = (
    f"{'pages':22} {'n':>3} {'right':>12} {'wrong':>5} {'missed':>6} {'invent':>6} "
    f"{'wrong+inv':>9} {'lists refused':>13} {'arts refused':>12}"
)


def row(label: str, s: Score) -> str:
    return (
        f"{label:22} {s.pages:3d} {s.right:3d}/{s.stated:<3d}{_pct(s.right, s.stated)} "
        f"{s.wrong:5d} {s.missed:6d} {s.invented:6d} {s.wrong + s.invented:9d} "
        f"{f'{s.listings_refused}/{s.listings}':>13} {f'{s.articles_refused}/{s.articles}':>12}"
    )


def report(results: list[PageResult], folds: int) -> list[str]:
    new = [r for r in results if r.stem >= "100"]
    dev = [r for r in results if is_development(r.site)]
    held = [r for r in results if not is_development(r.site)]
    lines = [
        HEADER,
        row("all", score(results)),
        row("100-163", score(new)),
        row("development half", score(dev)),
        row("held-out half", score(held)),
        row("held-out 100-163", score(r for r in held if r.stem >= "100")),
    ]
    for k in range(folds):
        lines.append(
            row(f"fold {k + 1}/{folds}", score(r for r in results if fold_of(r.site, folds) == k))
        )
    total = score(results)
    lines += ["", f"{'field':16} {'right':>5} {'wrong':>5} {'missed':>6} {'invent':>6}"]
    for name, (ok, bad, missed, inv) in total.per_field.items():
        lines.append(f"{name:16} {ok:5d} {bad:5d} {missed:6d} {inv:6d}")
    return lines


def mismatches(results: list[PageResult], which: str, folds: int = 1) -> list[str]:
    if which.startswith("fold"):
        # "fold2": the pages of one fold, to study one fold and check the others
        k = int(which.removeprefix("fold") or 0) - 1
        chosen_fold = [r for r in results if fold_of(r.site, folds) == k]
        return _mismatch_lines(chosen_fold)
    chosen = {
        "all": results,
        "dev": [r for r in results if is_development(r.site)],
        "held-out": [r for r in results if not is_development(r.site)],
    }.get(which, [])
    return _mismatch_lines(chosen)


def _mismatch_lines(chosen: list[PageResult]) -> list[str]:
    out = []
    for page in chosen:
        if page.refused != page.listing:
            verdict = f"refused: {page.reason}" if page.refused else "parsed as an article"
            want_kind = "listing" if page.listing else "article"
            out.append(f"{page.stem} [{page.site}] kind: want {want_kind}, {verdict}")
        for name, (want, got) in page.fields.items():
            if not page.refused and want != got:
                out.append(
                    f"{page.stem} [{page.site}] {name}:\n    gold: {want!r}\n    got:  {got!r}"
                )
    return out


def main(argv: list[str]) -> int:
    paths, folds, which, i = [], 5, "dev", 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--folds" and i + 1 < len(argv):
            folds, i = int(argv[i + 1]), i + 1
        elif arg == "--mismatches" and i + 1 < len(argv):
            which, i = argv[i + 1], i + 1
        elif arg == "--quiet":
            which = "none"
        elif not arg.startswith("--"):
            paths.append(arg)
        i += 1
    if len(paths) == 1:
        paths = [str(Path(paths[0]) / "articles"), str(Path(paths[0]) / "gold")]
    if len(paths) != 2 or folds < 1:
        print(
            "usage: gold_eval.py CORPUS_DIR | ARTICLES_DIR GOLD_DIR [--folds K] [--quiet] "
            "[--mismatches all|dev|held-out|foldK|none]",
            file=sys.stderr,
        )
        return 2
    results = evaluate(Path(paths[0]), Path(paths[1]))
    print("\n".join(report(results, folds)))
    dev_sites = sorted({r.site for r in results if is_development(r.site)})
    print(f"\ndevelopment sites ({len(dev_sites)}): {' '.join(dev_sites)}")
    for k in range(folds):
        fold_sites = sorted({r.site for r in results if fold_of(r.site, folds) == k})
        print(f"fold {k + 1} sites ({len(fold_sites)}): {' '.join(fold_sites)}")
    found = mismatches(results, which, folds)
    if found:
        print(f"\nmismatches ({which}, {len(found)}):")
        print("\n".join(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
