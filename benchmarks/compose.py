"""How fast articles are composed for six accounts (one per platform).

    python benchmarks/compose.py [ARTICLES_DIR] [--repeat N] [--photo FILE]

ARTICLES_DIR holds plain-text articles (``*.txt``, as a Humas site shows them); the default is
the repository's test fixtures. Each article is stored in a fresh SQLite home, composed once
(first time: ranking, hashtags, photo variants made), then ``--repeat`` more times (warm: the
drafts are composed again, photo variants come from their cache). Prints the median warm time
per article for all six platforms, the first-time figures, and articles per minute on one core
(this process uses one).
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tomli_w

from sosmed.compose.build import compose_article
from sosmed.errors import SosmedError
from sosmed.models import Article, Photo
from sosmed.platforms.names import platform_names
from sosmed.settings import Settings
from sosmed.store import Store

PLATFORMS = platform_names()

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"


def parse(text: str) -> Article:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Article(
        url=f"https://www.example.go.id/berita/baca/{digest[:8]}/judul-berita",
        content_hash=digest,
        source="file",
        **_fields(text),
    )


def _fields(text: str) -> dict[str, Any]:
    try:
        from sosmed.ingest.extract import parse_text
    except ImportError:  # an installation without the extractor: blank-line paragraphs
        blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
        return {"title": blocks[0] if blocks else "", "paragraphs": blocks[1:]}
    p = parse_text(text)
    return {
        "title": p.title,
        "paragraphs": p.paragraphs,
        "place": p.place,
        "lead": p.lead,
        "published_at": p.published_at,
        "editor": p.credits.editor,
        "reporter": p.credits.reporter,
        "photographer": p.credits.photographer,
    }


def make_home(root: Path) -> Settings:
    accounts: list[dict[str, Any]] = [{"name": f"humas_{p}", "platform": p} for p in PLATFORMS]
    accounts[0]["hashtags"] = ["#HumasKabupaten"]
    with (root / "sosmed.toml").open("wb") as f:
        tomli_w.dump({"accounts": accounts}, f)
    return Settings.load(root)


def timed(store: Store, settings: Settings, article_id: int) -> float:
    start = time.perf_counter()
    posts = compose_article(store, settings, article_id)
    elapsed = time.perf_counter() - start
    assert len(posts) == len(PLATFORMS)
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=15, help="warm runs per article")
    ap.add_argument("--photo", type=Path, help="a photo to attach to every article")
    args = ap.parse_args()
    files = sorted(args.articles.glob("*.txt"))
    if not files:
        print(f"no *.txt articles in {args.articles}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_home(Path(tmp))
        store = Store.open_url(settings.database_url)
        first: list[float] = []
        warm: list[float] = []
        skipped = 0
        for path in files:
            try:
                article = parse(path.read_text(encoding="utf-8"))
            except SosmedError:  # a listing page or an empty file: not an article
                skipped += 1
                continue
            photos = (
                [Photo(article_id=0, path=str(args.photo), caption="Foto")] if args.photo else []
            )
            article_id, _ = store.save_article(article, photos)
            first.append(timed(store, settings, article_id))
            runs = [timed(store, settings, article_id) for _ in range(args.repeat)]
            warm.append(statistics.median(runs) if runs else first[-1])
        store.close()
    ms = [w * 1000 for w in warm]
    print(
        f"articles: {len(warm)} from {args.articles} ({skipped} skipped: not an article),"
        " six platforms each" + (f", with photo {args.photo.name}" if args.photo else ", text only")
    )
    print(
        f"warm compose, all six platforms: median {statistics.median(ms):.1f} ms per article"
        f" (fastest article {min(ms):.1f} ms, slowest {max(ms):.1f} ms; goal < 50 ms)"
    )
    mean_first = statistics.mean(first)
    print(f"first compose: mean {mean_first * 1000:.1f} ms per article")
    print(
        f"articles per minute on one core: {60 / mean_first:.0f} first time,"
        f" {60 / statistics.mean(warm):.0f} warm"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
