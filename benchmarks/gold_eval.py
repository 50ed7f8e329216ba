"""Agreement of extraction with gold labels.

Usage: python benchmarks/gold_eval.py ARTICLES_DIR GOLD_DIR [--quiet]

ARTICLES_DIR holds NAME.txt (a page as copied from a browser) or NAME.html; GOLD_DIR holds
NAME.json with the fields compared below ("kind": "listing" means the page must be refused).
Prints per-field and overall agreement, then every mismatch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from sosmed.errors import NotAnArticle
from sosmed.ingest.extract import parse_html, parse_text
from sosmed.ingest.parsed import ParsedArticle

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


def parse_file(path: Path) -> ParsedArticle:
    if path.suffix.lower() in (".html", ".htm"):
        return parse_html(path.read_bytes())
    return parse_text(path.read_text(encoding="utf-8", errors="replace"))


class Tally:
    """Agreement counts per field, and a line for each disagreement."""

    def __init__(self) -> None:
        self.scores: dict[str, list[int]] = {f: [0, 0] for f in (*FIELDS, "kind")}
        self.misses: list[str] = []

    def add(self, page: str, name: str, want: Any, got: Any, ok: bool | None = None) -> None:
        agree = want == got if ok is None else ok
        self.scores[name][1] += 1
        if agree:
            self.scores[name][0] += 1
        else:
            self.misses.append(f"{page} {name}:\n    gold: {want!r}\n    got:  {got!r}")

    def overall(self) -> tuple[int, int]:
        fields = [v for k, v in self.scores.items() if k != "kind"]
        return sum(ok for ok, _ in fields), sum(n for _, n in fields)


def evaluate(articles: Path, gold_dir: Path) -> Tally:
    tally = Tally()
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        page = _page_for(articles, gold_path.stem)
        if page is not None:
            _score_page(page, gold, tally)
    return tally


def _page_for(articles: Path, stem: str) -> Path | None:
    for ext in (".txt", ".html", ".htm"):
        candidate = articles / f"{stem}{ext}"
        if candidate.exists():
            return candidate
    return None


def _score_page(page: Path, gold: dict[str, Any], tally: Tally) -> None:
    listing = gold.get("kind") == "listing"
    try:
        got = predicted(parse_file(page))
    except NotAnArticle as exc:
        tally.add(page.name, "kind", listing, f"refused: {exc}", ok=listing)
        return
    tally.add(page.name, "kind", listing, "parsed as an article", ok=not listing)
    if not listing:
        for name in FIELDS:
            tally.add(page.name, name, gold.get(name), got[name])


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 2:
        print("usage: gold_eval.py ARTICLES_DIR GOLD_DIR [--quiet]", file=sys.stderr)
        return 2
    tally = evaluate(Path(paths[0]), Path(paths[1]))
    for name, (ok, n) in tally.scores.items():
        print(f"{name:16} {ok:3d}/{n:<3d} {100 * ok / n if n else 0:6.1f}%")
    ok, n = tally.overall()
    print(f"{'fields overall':16} {ok:3d}/{n:<3d} {100 * ok / n if n else 0:6.1f}%")
    if "--quiet" not in argv:
        print(f"\nmismatches ({len(tally.misses)}):")
        for miss in tally.misses:
            print(miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
