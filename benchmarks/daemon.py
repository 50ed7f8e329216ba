"""The daemon under load: lateness, throughput and memory.

    python benchmarks/daemon.py [--posts 10000] [--spread 60] [--tick 15] [--queued 100000]
                                [--skip-memory]

1. N posts due in the same minute over the six sandbox accounts (posting windows lifted), their
   times spread evenly over --spread seconds (0: all at the same instant, a burst that measures
   raw throughput): a real `sosmed daemon` process, polling every --tick seconds, publishes
   them; prints p50 / p99 lateness (each post's due time → its attempt, armed just before the
   request) and posts per second.
2. Memory (VmRSS) of the daemon process at idle, and with Q posts queued for later.
The sandbox runs as its own process, so the daemon's figures are its own.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import requests
import tomli_w
from sqlalchemy import insert
from sqlmodel import Session, select

from sosmed.models import Article, Attempt, Post, utcnow
from sosmed.settings import Settings
from sosmed.store import Store

SOSMED = str(Path(sys.executable).parent / "sosmed")


def start_sandbox(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    config = home / "sosmed.toml"
    proc = subprocess.Popen(
        [
            SOSMED,
            "--home",
            str(home),
            "sandbox",
            "--port",
            "0",
            "--config-out",
            str(config),
            "--force",
            "--no-quotas",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        if (home / "secrets.toml").exists() and config.exists():
            base = tomllib.loads(config.read_text())["accounts"][0]["api_base"]
            try:
                requests.get(base + "/_health", timeout=1)
                return proc, base
            except requests.RequestException:
                pass
        time.sleep(0.1)
    raise RuntimeError("sandbox did not start")


def tune(home: Path, **daemon: object) -> None:
    path = home / "sosmed.toml"
    data = tomllib.loads(path.read_text())
    data.setdefault("daemon", {}).update(daemon)
    path.write_bytes(tomli_w.dumps(data).encode())


# Platforms whose posts the load leaves out: Instagram (and Threads) need public images, and a
# comparison with figures taken before a platform was added leaves the new one out too.
LEAVE_OUT = {"instagram"}


def seed(store: Store, settings: Settings, n: int, when: datetime, spread: float = 0.0) -> None:
    accounts = settings.config.accounts
    rows, per_article = [], len(accounts)
    with Session(store.engine) as s:
        arts = [
            Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["x"])
            for _ in range(n // per_article + 1)
        ]
        s.add_all(arts)
        s.flush()
        for i in range(n):
            acc = accounts[i % per_article]
            if acc.platform in LEAVE_OUT:
                continue
            rows.append(
                {
                    "article_id": arts[i // per_article].id,
                    "account": acc.name,
                    "platform": acc.platform,
                    "text": f"Kabar {i} {uuid.uuid4().hex[:8]}",
                    "hashtags": [],
                    "photos": [],
                    "status": "scheduled",
                    "scheduled_at": when + timedelta(seconds=spread * i / n),
                    "attempts": 0,
                    "fence": 0,
                }
            )
        s.execute(insert(Post), rows)
        s.commit()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def lateness(home: Path, n: int, spread: float, timeout: float) -> None:
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    due = utcnow() + timedelta(seconds=15)
    seed(store, settings, n, due, spread)
    with Session(store.engine) as s:
        total = len(s.exec(select(Post.id)).all())
        scheduled = dict(s.exec(select(Post.id, Post.scheduled_at)).all())
    daemon = subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    published = 0
    while time.monotonic() < deadline:
        time.sleep(2)
        published = store.counts_by_status().get("published", 0)
        if published >= total:
            break
    daemon.terminate()
    daemon.wait(60)
    with Session(store.engine) as s:
        rows = s.exec(
            select(Attempt.post_id, Attempt.started_at).where(Attempt.kind == "publish")
        ).all()
    lags = sorted((t - scheduled[p]).total_seconds() for p, t in rows if t is not None)
    times = [t for _, t in rows if t is not None]
    span = (max(times) - min(times)).total_seconds() if times else float("nan")
    print(f"{published} of {total} posts published (left out: {', '.join(sorted(LEAVE_OUT))})")
    how = f"spread evenly over {spread:g} s" if spread else "all due at the same instant"
    print(f"due times {how}; lateness measured from each post's own time")
    print(
        f"lateness due → request: p50 {statistics.median(lags):.2f} s, "
        f"p99 {lags[int(len(lags) * 0.99) - 1]:.2f} s, max {lags[-1]:.2f} s"
    )
    print(f"throughput: {len(lags) / span:.0f} posts per second over {span:.1f} s")
    store.close()


def memory(home: Path, queued: int) -> None:
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    daemon = subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(8)
    idle = rss_mb(daemon.pid)
    seed(store, settings, queued, utcnow() + timedelta(days=30))
    time.sleep(8)
    loaded = rss_mb(daemon.pid)
    daemon.terminate()
    daemon.wait(60)
    print(
        f"daemon memory (VmRSS): idle {idle:.0f} MB; with {queued:,} posts queued {loaded:.0f} MB"
    )
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--queued", type=int, default=100_000)
    ap.add_argument(
        "--spread", type=float, default=60, help="seconds the due times span (0: one instant)"
    )
    ap.add_argument(
        "--tick", type=float, default=15, help="daemon.publish_every_seconds (default as shipped)"
    )
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument(
        "--leave-out",
        default="instagram",
        help="platforms given no posts, comma-separated (default: instagram)",
    )
    args = ap.parse_args()
    LEAVE_OUT.clear()
    LEAVE_OUT.update(p.strip() for p in args.leave_out.split(",") if p.strip())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "load"
        home.mkdir()
        sandbox, _ = start_sandbox(home)
        try:
            tune(home, publish_every_seconds=args.tick, batch=500, workers=6)
            lateness(home, args.posts, args.spread, args.timeout)
            if not args.skip_memory:
                idle_home = Path(tmp) / "idle"
                idle_home.mkdir()
                (idle_home / "sosmed.toml").write_text((home / "sosmed.toml").read_text())
                (idle_home / "secrets.toml").write_bytes((home / "secrets.toml").read_bytes())
                (idle_home / "secrets.toml").chmod(0o600)
                memory(idle_home, args.queued)
        finally:
            sandbox.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
