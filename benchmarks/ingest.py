"""Articles per second for ingesting articles (parse + store) on one core.

    python benchmarks/ingest.py DIR [--repeat N]

Every *.txt (copied text) and *.html (a saved page) file in DIR is parsed and stored into a
fresh SQLite database; with --repeat the set is ingested N times with a varying line so that
each copy is a new article.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sosmed.errors import NotAnArticle
from sosmed.ingest.extract import parse_html, parse_text
from sosmed.ingest.sources import add_bytes
from sosmed.settings import Config, Settings
from sosmed.store import Store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, help="a folder of articles (*.txt, *.html)")
    ap.add_argument("--repeat", type=int, default=20, help="ingest the set this many times")
    args = ap.parse_args()
    files = sorted([*args.dir.glob("*.txt"), *args.dir.glob("*.html")])
    if not files:
        print(f"no *.txt or *.html files in {args.dir}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    parse_times = []
    for f, t in zip(files, texts, strict=True):
        parse = parse_html if f.suffix == ".html" else parse_text
        start = time.perf_counter()
        with contextlib.suppress(NotAnArticle):
            parse(t)
        parse_times.append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        settings = Settings(home, Config(), home / "sosmed.toml")
        store = Store.open_url(settings.database_url)
        stored = refused = 0
        start = time.perf_counter()
        for i in range(args.repeat):
            for t in texts:
                data = (t + f"\n\nSalinan {i}.\n").encode()
                try:
                    add_bytes(store, settings, data, "benchmark")
                    stored += 1
                except NotAnArticle:
                    refused += 1
        elapsed = time.perf_counter() - start
        store.close()
    n = stored + refused
    print(f"files: {len(files)}, ingested: {stored}, refused (listings): {refused}")
    print(f"parse only: median {statistics.median(parse_times) * 1000:.2f} ms per article")
    rate = n / elapsed
    print(f"parse + store: {rate:.0f} articles per second ({1000 / rate:.2f} ms each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
