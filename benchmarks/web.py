"""Time of the workspace's Antrian page (the week's calendar) with many posts in one week.

    python benchmarks/web.py [--posts 1000] [--other 0] [--repeat 20] [--home PATH]

Makes a home (a temporary one, or --home, which must be empty or absent) in WITA with six
accounts and ``--posts`` posts in this office week (a mix of scheduled, published, failed,
missed, in doubt and needs review, each with its own article), plus 50 drafts waiting for a
time, and ``--other`` posts spread over the half-year around it. Then prints the median (and
slowest) time of:

- the week's read through the office (office/week.py: one bounded query for the week, one for
  the posts without a time),
- the whole page rendered in-process (the read and Jinja2),
- ``GET /antrian`` through a real HTTP request to uvicorn on loopback, signed in.

The goal: under 200 ms for 1,000 posts.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
import tomli_w
import uvicorn
from sqlalchemy import insert

from sosmed.models import Article, Post
from sosmed.office import Office
from sosmed.office import week as week_desk
from sosmed.office.people import People, PersonView
from sosmed.schedule.week import monday_of, week_span
from sosmed.settings import Settings
from sosmed.web.app import create_app

ACCOUNTS = [
    ("humas_x", "x"),
    ("humas_fb", "facebook"),
    ("humas_ig", "instagram"),
    ("kanal_tg", "telegram"),
    ("humas_masto", "mastodon"),
    ("humas_bsky", "bluesky"),
]
STATUSES = [
    ("scheduled", 60),
    ("published", 25),
    ("failed", 5),
    ("missed", 4),
    ("in_doubt", 3),
    ("needs_review", 3),
]
SLOTS = ["07:00", "08:00", "10:00", "12:00", "14:00", "16:00", "19:00", "20:30"]
PASSWORD = "kata-sandi-benchmark-1"
SECRET = "kunci-benchmark-" + "0" * 40


def make_home(home: Path, posts: int, other: int = 0, seed: int = 7) -> Settings:
    home.mkdir(parents=True, exist_ok=True)
    config = {
        "timezone": "Asia/Makassar",
        "accounts": [{"name": n, "platform": p, "slots": {"times": SLOTS}} for n, p in ACCOUNTS],
    }
    (home / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    settings = Settings.load(home)
    office = Office(settings)
    try:
        _fill(office, settings, posts, other, random.Random(seed))
        People(office).add("Bench Staf", "staf", PASSWORD)
    finally:
        office.close()
    return settings


def _fill(office: Office, settings: Settings, posts: int, other: int, rnd: random.Random) -> None:
    tz = settings.tz
    monday = monday_of(datetime.now(tz).date())
    start, _end = week_span(monday, tz)
    now = datetime.now(UTC)
    statuses = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]
    articles, rows = [], []
    for n in range(posts + 50 + other):
        articles.append(
            {
                "id": n + 1,
                "content_hash": f"{n:064x}",
                "title": f"Bupati meninjau jembatan desa nomor {n} di kecamatan {n % 9}",
                "source": "file",
                "paragraphs": [],
                "field_sources": {},
            }
        )
        account, platform = ACCOUNTS[n % len(ACCOUNTS)]
        day, slot = rnd.randrange(7), rnd.choice(SLOTS)
        if n >= posts + 50:  # another week, half a year either side
            day += 7 * rnd.choice([w for w in range(-26, 27) if w])
        hours, minutes = (int(x) for x in slot.split(":"))
        when = (start + timedelta(days=day, hours=hours, minutes=minutes)).astimezone(UTC)
        status = "draft" if posts <= n < posts + 50 else rnd.choices(statuses, weights)[0]
        rows.append(
            {
                "article_id": n + 1,
                "account": account,
                "platform": platform,
                "text": f"Pemkab meninjau jembatan desa {n}. " * 6 + "#Pembangunan",
                "hashtags": [],
                "photos": [],
                "status": status,
                "scheduled_at": when if status != "draft" else None,
                "published_at": when if status == "published" else None,
                "last_error": "Rejected: 403 Forbidden" if status == "failed" else None,
                "attempts": 1 if status != "scheduled" else 0,
                "fence": 0,
                "created_at": now,
                "updated_at": now,
            }
        )
    with office.store.engine.begin() as conn:
        conn.execute(insert(Article), articles)
        conn.execute(insert(Post), rows)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median ms, slowest ms, the last result) of ``repeat`` calls after one warm-up."""
    result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times), result


def in_process(settings: Settings, repeat: int) -> None:
    from starlette.requests import Request

    from sosmed.web.pages.queue import week_context
    from sosmed.web.render import page

    app = create_app(settings, secret_key=SECRET)
    person = PersonView(id=1, name="Bench Staf", role="staf", created_at=None, disabled=False)
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/antrian",
        "query_string": b"",
        "headers": [],
        "session": {},
        "app": app,
        "sosmed.person": person,
    }
    request = Request(scope)
    office = app.state.offices.get()
    monday = monday_of(datetime.now(settings.tz).date())
    read_ms, read_max, view = timed(lambda: week_desk.week_view(office, monday), repeat)
    print(f"week read (office):          median {read_ms:7.1f} ms  max {read_max:7.1f} ms")
    print(f"  posts in the week: {view.week.count}, rows: {len(view.week.rows)}")

    def whole() -> Any:
        return page(request, "queue.html", **week_context(request))

    ms, slowest, answer = timed(whole, repeat)
    print(f"page in-process (read+html): median {ms:7.1f} ms  max {slowest:7.1f} ms")
    print(f"  page size: {len(answer.body) / 1024:.0f} KiB")
    app.state.offices.close()


def over_http(settings: Settings, repeat: int) -> None:
    app = create_app(settings, secret_key=SECRET)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    try:
        client = requests.Session()
        form = client.get(base + "/masuk").text
        token = form.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        signed = client.post(
            base + "/masuk",
            data={"name": "Bench Staf", "password": PASSWORD, "csrf_token": token},
            allow_redirects=False,
        )
        assert signed.status_code == 303, signed.text

        def get() -> requests.Response:
            answer = client.get(base + "/antrian", allow_redirects=False)
            assert answer.status_code == 200, answer.status_code
            return answer

        ms, slowest, answer = timed(get, repeat)
        print(f"GET /antrian over HTTP:      median {ms:7.1f} ms  max {slowest:7.1f} ms")
        entries = answer.text.count('<li class="post st-')
        print(f"  {entries} entries on the page (with the 50 drafts waiting for a time)")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument(
        "--other", type=int, default=0, help="posts in other weeks (the read must stay bounded)"
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--home", type=Path, help="an empty directory for the home")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp) / "home"
        if home.exists() and any(home.iterdir()):
            parser.error(f"{home} is not empty")
        t0 = time.perf_counter()
        settings = make_home(home, args.posts, args.other)
        took = time.perf_counter() - t0
        print(f"home with {args.posts} posts in one week, {args.other} in others: {took:.1f} s")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"machine: {os.cpu_count()} CPUs, load average {load} (other work slows every figure)"
        )
        in_process(settings, args.repeat)
        over_http(settings, args.repeat)


if __name__ == "__main__":
    main()
