"""An X account on the Free access level under faults, through real `sosmed daemon --once`
processes: Free may not read, so no read-back request is ever made; every post whose answer
was lost goes to a person in the tick after, and nothing is posted twice."""

from __future__ import annotations

import tomllib
import uuid
from collections import Counter
from pathlib import Path

import tomli_w
from tests.support.daemon import daemon_once
from tests.support.posts import posts_by_id
from tests.support.world import sandbox_world

from sosmed.models import Post, utcnow
from sosmed.sandbox import x as x_emu
from sosmed.sandbox.core import Faults
from sosmed.settings import Settings
from sosmed.store import Store

POSTS = 12
FAST = {"reconcile_after_seconds": 0, "lease_seconds": 30, "max_attempts": 3, "batch": 50}


def free_x(home: Path) -> Settings:
    config = tomllib.loads((home / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["options"] = {"access": "free"}
            acc["timeout"] = 1.0
    (home / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    return Settings.load(home)


def seed(store: Store, n: int) -> list[int]:
    now = utcnow()
    ids = []
    with store.session() as s:
        from sosmed.models import Article

        for i in range(n):
            art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["Uji."])
            s.add(art)
            s.flush()
            post = Post(
                article_id=art.id or 0,
                account="x_sandbox",
                platform="x",
                text=f"Kabar Pemkab nomor {i} ({uuid.uuid4().hex[:8]}) #Uji",
                status="scheduled",
                scheduled_at=now,
                approved_by="uji",
                approved_at=now,
            )
            s.add(post)
            s.flush()
            ids.append(post.id or 0)
    return ids


def test_free_x_under_faults_reads_nothing_and_hands_doubt_to_a_person(tmp_path: Path) -> None:
    with sandbox_world(tmp_path, {"daemon": FAST}) as (_, store, sb):
        free_x(tmp_path)
        sb.state["x"].access = "free"
        sb.hang_seconds = 2.0
        sb.faults = Faults(spec="x:after:0.3,x:reset:0.3,x:hang:0.2", seed=20261207)
        ids = seed(store, POSTS)

        first = daemon_once(tmp_path, timeout=120)
        assert first.returncode in (0, 1), first.stderr
        after_first = posts_by_id(store)
        doubtful = [i for i in ids if after_first[i].status == "in_doubt"]
        assert doubtful, "the faults left no post in doubt"

        sb.faults = Faults()
        second = daemon_once(tmp_path, timeout=120)  # the next tick
        assert second.returncode in (0, 1), second.stderr
        posts = posts_by_id(store)
        statuses = Counter(posts[i].status for i in ids)

        for i in doubtful:
            assert posts[i].status == "needs_review", (i, posts[i].status)
            assert "Free" in (posts[i].last_error or "")
        assert statuses["in_doubt"] == 0 and statuses["scheduled"] == 0, statuses
        assert set(statuses) <= {"published", "needs_review"}, statuses
        # Free may not read: not one timeline request in either run.
        assert (x_emu.USER_ID, "timeline") not in sb.state["x"].windows
        texts = Counter(e["text"] for e in sb.ledger.snapshot() if e["platform"] == "x")
        assert not [t for t, n in texts.items() if n > 1], "posted twice"
        published = {posts[i].text for i in ids if posts[i].status == "published"}
        assert published <= set(texts)
        print("statuses", dict(statuses), "in doubt after the first run", len(doubtful))


def test_free_x_past_its_day_limit_waits_for_the_24_hour_reset(tmp_path: Path) -> None:
    from datetime import timedelta

    from sosmed.publish.publisher import Publisher

    with sandbox_world(tmp_path) as (_, store, sb):
        settings = free_x(tmp_path)
        sb.state["x"].access = "free"
        sb.state["x"].day_limit = 2
        ids = seed(store, 3)
        report = Publisher(store, settings, worker="t").tick()
        assert len(report.published) == 2 and len(report.retried) == 1
        (waiting,) = report.retried
        post = store.get_post(waiting)
        assert post.status == "scheduled" and post.attempts == 0  # a rate limit is no try
        (state,) = [st for st in store.account_states() if st.account == "x_sandbox"]
        assert state.not_before is not None
        assert state.not_before - utcnow() > timedelta(hours=23)  # X's 24-hour reset
        assert set(ids) == {*report.published, waiting}
