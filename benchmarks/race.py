"""People's commands racing the daemon: duplicates, posts lost, posts stuck, bad refusals.

    python benchmarks/race.py [WORK_DIR] [--seconds 600] [--posts 300] [--postgres URL]
                              [--daemons 2] [--fault-rate 0.2] [--seed 1] [--staff 1]

A `sosmed sandbox` process (faults at --fault-rate), real `sosmed daemon` processes (one on
SQLite; with --postgres, --daemons of them in a fresh schema of that database), N posts due
over the run, and people running `sosmed publish / cancel / edit / schedule / resolve` on the
posts that are due or being sent, for --seconds. Then faults off, the daemons drain, and the
sandbox ledger is matched to the posts. Prints the figures (and, for each duplicate, the post's
history: what went online, each attempt, each person's command) and exits 1 when a count that
must be 0 is not. WORK_DIR (default: a temporary folder, removed) keeps the home, the daemon
logs, commands.jsonl (every command, its exit code and stderr) and result.json.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' harness

from tests.support.race import MUST_BE_ZERO, Race, RaceConfig


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """The PostgreSQL URL with a schema of its own, dropped afterwards."""
    from sqlalchemy import text

    from sosmed.store.engine import make_engine

    schema = f"race_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", nargs="?", type=Path, help="keep everything here (default: temp)")
    ap.add_argument("--seconds", type=float, default=600, help="how long people act")
    ap.add_argument("--posts", type=int, default=300, help="posts due over the run")
    ap.add_argument("--postgres", metavar="URL", help="PostgreSQL instead of SQLite")
    ap.add_argument("--daemons", type=int, default=None, help="daemons (PostgreSQL: default 2)")
    ap.add_argument("--fault-rate", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--staff", type=int, default=1, help="people acting at the same time")
    ap.add_argument("--lease", type=int, default=60, help="daemon.lease_seconds")
    ap.add_argument("--timeout", type=float, default=2.0, help="each account's request timeout")
    args = ap.parse_args()
    daemons = args.daemons or (2 if args.postgres else 1)
    if not args.postgres and daemons != 1:
        ap.error("one daemon per SQLite file: use --postgres URL for several")

    def run(work: Path, url: str | None) -> int:
        config = RaceConfig(
            seconds=args.seconds,
            posts=args.posts,
            database_url=url,
            daemons=daemons,
            fault_rate=args.fault_rate,
            seed=args.seed,
            staff=args.staff,
            request_timeout=args.timeout,
            hang_seconds=args.timeout + 1.0,
            lease_seconds=args.lease,
        )
        result = Race(config, work).run()
        print(result.report())
        failed = result.failures()
        if failed:
            print(f"FAILED: {failed} (must be 0: {', '.join(MUST_BE_ZERO)})")
            return 1
        print("OK: every count that must be 0 is 0")
        return 0

    with tempfile.TemporaryDirectory(prefix="sosmed-race-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.postgres:
            with fresh_schema(args.postgres) as url:
                return run(work, url)
        return run(work, None)


if __name__ == "__main__":
    sys.exit(main())
