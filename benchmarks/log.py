"""Time of `sosmed log` over a large post log: the library call and the installed command.

    python benchmarks/log.py [--n 1000000] [--db PATH] [--repeat 5] [--export]

Fills an SQLite file (a temporary one, or --db; an existing file with at least N attempts is
reused) with N attempts over 90 days, six accounts and a realistic mix of outcomes, written
with executemany; then prints the median time of the default view (newest 200), of filtered
views, of the CSV export of the last 7 days (all rows with --export), and of the same views
through the `sosmed` command, next to the command's bare start-up time.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sosmed.attempts import LogFilter
from sosmed.log.export import write_csv
from sosmed.models import utcnow
from sosmed.store import Store

ACCOUNTS = [
    ("humas-fb", "facebook"),
    ("humas-x", "x"),
    ("humas-ig", "instagram"),
    ("kanal-tg", "telegram"),
    ("humas-masto", "mastodon"),
    ("humas-bsky", "bluesky"),
]
# outcome, error class, message, weight
OUTCOMES = [
    ("published", None, None, 80),
    ("retry", "RateLimited", "RateLimited: 429 Too Many Requests", 6),
    ("retry", "Transient", "Transient: 503 Service Unavailable", 5),
    ("failed", "Rejected", "Rejected: Status is a duplicate.", 2),
    ("failed", "AuthError", "AuthError: token expired", 1),
    ("in_doubt", "InDoubt", "InDoubt: read timed out", 3),
    ("reconciled_published", None, None, 2),
    ("needs_review", "CannotTell", "CannotTell: no read-back", 1),
]
SQL_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a naive UTC datetime in SQLite
SOSMED = str(Path(sys.executable).parent / "sosmed")


def _ts(dt: datetime) -> str:
    return dt.astimezone(UTC).replace(tzinfo=None).strftime(SQL_TIME)


def _attempt_rows(n: int, n_posts: int, now: datetime) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(7)
    weights = [w for *_, w in OUTCOMES]
    start, step = now - timedelta(days=90), timedelta(days=90) / n
    for i in range(n):
        post = rng.randrange(n_posts) + 1
        account, platform = ACCOUNTS[(post - 1) % 6]
        outcome, cls, msg, _ = rng.choices(OUTCOMES, weights)[0]
        at = start + step * i
        url = f"https://{platform}.example/p/{post}" if "published" in outcome else None
        done = _ts(at + timedelta(seconds=1))
        head = (post, account, platform, 1, "bench:1", "publish", _ts(at), done)
        yield (*head, outcome, None, cls, msg, None, url)


def fill(db: Path, n: int) -> None:
    """Create the schema, then N attempts (and the posts and articles they belong to)."""
    Store.open_url(f"sqlite:///{db}").close()
    n_posts = max(n // 5, 6)
    now = utcnow()
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    with con:
        con.executemany(
            "INSERT INTO article (id, content_hash, paragraphs, source)"
            " VALUES (?, ?, '[]', 'file')",
            ((a, f"h{a}") for a in range(1, n_posts // 6 + 2)),
        )
        con.executemany(
            "INSERT INTO post (id, article_id, account, platform, text, hashtags, photos, status,"
            " attempts, fence) VALUES (?, ?, ?, ?, 'teks', '[]', '[]', 'published', 1, 1)",
            ((p, (p - 1) // 6 + 1, *ACCOUNTS[(p - 1) % 6]) for p in range(1, n_posts + 1)),
        )
        con.executemany(
            "INSERT INTO attempt (post_id, account, platform, fence, worker, kind, started_at,"
            " finished_at, outcome, http_status, error_class, message, remote_id, remote_url)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _attempt_rows(n, n_posts, now),
        )
    con.execute("ANALYZE")
    con.close()


def count(db: Path) -> int:
    try:
        con = sqlite3.connect(db)
        try:
            return int(con.execute("SELECT count(*) FROM attempt").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


VIEWS: dict[str, tuple[list[str], Callable[[datetime], LogFilter]]] = {
    "default (newest 200)": ([], lambda now: LogFilter()),
    "--account humas-fb": (["--account", "humas-fb"], lambda now: LogFilter(account="humas-fb")),
    "--status failed": (["--status", "failed"], lambda now: LogFilter(outcome="failed")),
    "--status needs_review": (
        ["--status", "needs_review"],
        lambda now: LogFilter(outcome="needs_review"),
    ),
    "--since 7d --account kanal-tg --status in_doubt": (
        ["--since", "7d", "--account", "kanal-tg", "--status", "in_doubt"],
        lambda now: LogFilter(
            since=now - timedelta(days=7), account="kanal-tg", outcome="in_doubt"
        ),
    ),
}


def bench_library(db: Path, repeat: int, export_all: bool) -> None:
    t = time.perf_counter()
    store = Store.open_url(f"sqlite:///{db}")
    print(f"  open the store (with the migration check)  {time.perf_counter() - t:8.3f} s")
    now = utcnow()
    for name, (_, make) in VIEWS.items():
        secs, rows = median_time(lambda m=make: store.log_rows(m(now), 200), repeat)
        print(f"  {name:<45} {secs:8.4f} s  ({len(rows)} rows)")  # type: ignore[arg-type]
    tz = datetime.now().astimezone().tzinfo or UTC
    for label, f in [("export CSV, --since 7d", LogFilter(since=now - timedelta(days=7)))] + (
        [("export CSV, all", LogFilter())] if export_all else []
    ):
        t = time.perf_counter()
        n = write_csv(store.iter_log(f), tz, io.StringIO())
        secs = time.perf_counter() - t
        print(f"  {label:<45} {secs:8.3f} s  ({n} rows, {n / secs:,.0f} rows/s)")
    store.close()


# Runs the command inside one process and reports how long the imports took apart from the
# command itself: the wall time of a new process mixes both, and the imports dominate.
SPLIT = """
import contextlib, io, sys, time
t0 = time.perf_counter()
from sosmed.cli.main import main
t1 = time.perf_counter()
sys.argv = ["sosmed", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main()
print(t1 - t0, time.perf_counter() - t1)
"""


def bench_cli(home: Path, repeat: int) -> None:
    def run(*args: str) -> float:
        secs, _ = median_time(
            lambda: subprocess.run(
                [SOSMED, "--home", str(home), *args], check=True, capture_output=True
            ),
            repeat,
        )
        return secs

    def split(*args: str) -> tuple[float, float]:
        runs = [
            subprocess.run(
                [sys.executable, "-c", SPLIT, "--home", str(home), *args],
                check=True, capture_output=True, text=True,
            ).stdout.split()
            for _ in range(repeat)
        ]  # fmt: skip
        return (
            statistics.median(float(r[0]) for r in runs),
            statistics.median(float(r[1]) for r in runs),
        )

    print(f"  sosmed --version (start-up floor)             {run('--version'):8.3f} s")
    for name, (args, _) in VIEWS.items():
        imports, command = split("log", *args)
        print(
            f"  sosmed log {name:<34} {run('log', *args):8.3f} s"
            f"  (in one process: imports {imports:.3f} s + command {command:.3f} s)"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="attempts in the log")
    ap.add_argument("--db", type=Path, help="SQLite file to fill or reuse (default: temporary)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    ap.add_argument("--export", action="store_true", help="also time a CSV export of all rows")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.db.parent if args.db else Path(tmp)
        db = args.db or home / "sosmed.db"
        if count(db) < args.n:
            db.unlink(missing_ok=True)
            t = time.perf_counter()
            fill(db, args.n)
            print(f"filled {db} with {args.n:,} attempts in {time.perf_counter() - t:.1f} s")
        print(f"{count(db):,} attempts in {db}; load average {os.getloadavg()[0]:.1f}")
        print("library (Store.log_rows / iter_log):")
        bench_library(db, args.repeat, args.export)
        if db.name == "sosmed.db":
            config = home / "sosmed.toml"
            if not config.exists():  # the command serves a home made by `sosmed init` only
                config.write_text('timezone = "Asia/Jakarta"\n', encoding="utf-8")
            print(f"command (wall time, new process each run; home {home}):")
            bench_cli(home, args.repeat)
        else:
            print("command: skipped (the command reads HOME/sosmed.db; name the --db file so)")


if __name__ == "__main__":
    main()
