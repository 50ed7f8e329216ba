"""The post state machine, driven at random through the real store on a real SQLite file.

Hypothesis plays people (approve, edit, cancel, schedule, resolve) and workers (claim, arm,
record, defer, release, sweep, mark missed) in any order, with a clock that moves. After every
step: each post moved along an edge of ``states.TRANSITIONS`` (or stayed), its fence never went
down, and a write by an owner whose fence has moved on changed nothing at all.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    rule,
)
from sqlmodel import Session
from tests.support.config import write_config
from tests.support.posts import snapshot

from sosmed.errors import InputError, InvalidTransition, NotFound
from sosmed.models import Article, Post, utcnow
from sosmed.models import PostStatus as S
from sosmed.states import TRANSITIONS
from sosmed.store import Store
from sosmed.store.publishing import Claimed, Outcome

pytestmark = pytest.mark.slow
POSTS = 6
WORKERS = ("w1", "w2")
EXPECTED = (InvalidTransition, InputError, NotFound)
TEXTS = ("Kabar Pemkab hari ini #Uji", "Jembatan baru diresmikan", "x" * 400)  # last: too long
OUTCOMES = {
    "published": Outcome("published", "published", remote_id="r1", remote_url="https://x.com/1"),
    "retry": Outcome("scheduled", "retry", "Transient", "503 before send"),
    "failed": Outcome("failed", "failed", "Rejected", "refused"),
    "in_doubt": Outcome("in_doubt", "in_doubt", "InDoubt", "timeout after send"),
    "needs_review": Outcome("needs_review", "needs_review", "CannotTell", "no read-back"),
}


def _template_db() -> tuple[Path, list[int]]:
    """A migrated database with one article and its posts, copied for every example."""
    root = Path(tempfile.mkdtemp(prefix="sosmed-states-"))
    config = write_config(root / "home", {"accounts": [{"name": "x_humas", "platform": "x"}]})
    store = Store.open_url(config.database_url)
    with Session(store.engine) as s:
        art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["Uji."])
        s.add(art)
        s.flush()
        now = utcnow()
        # Half start due (so that workers have work from the first step), half as drafts.
        posts = [
            Post(
                article_id=art.id or 0,
                account=f"x_humas{i}",  # UNIQUE(article, account)
                platform="x",
                text=TEXTS[0],
                status="scheduled" if i % 2 else "draft",
                scheduled_at=now - timedelta(minutes=1) if i % 2 else None,
                approved_by="uji" if i % 2 else None,
            )
            for i in range(POSTS)
        ]
        s.add_all(posts)
        s.commit()
        ids = [p.id or 0 for p in posts]
    store.close()
    return root, ids


TEMPLATE, IDS = _template_db()
atexit.register(shutil.rmtree, TEMPLATE, True)


class PostStates(RuleBasedStateMachine):
    claims = Bundle("claims")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="sosmed-sm-"))
        shutil.copytree(TEMPLATE / "home", self.dir / "home")
        from sosmed.settings import Settings

        self.settings = Settings.load(self.dir / "home")
        self.store = Store.open_url(self.settings.database_url, migrate=False)
        self.now: datetime = utcnow()
        self.before = snapshot(self.store)
        self.attempts: dict[tuple[int, int, str], int | None] = {}

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # People

    @rule(pid=st.sampled_from(IDS))
    def approve(self, pid: int) -> None:
        self._expect_refusal_or_done(lambda: self.store.approve_post(pid, "uji", now=utcnow()))

    @rule(pid=st.sampled_from(IDS), now=st.integers(0, 7))
    def cancel(self, pid: int, now: int) -> None:
        if now == 0:  # rarely: a cancelled post leaves the game for good
            self._expect_refusal_or_done(lambda: self.store.cancel_post(pid, "uji", now=utcnow()))

    @rule(pid=st.sampled_from(IDS), text=st.sampled_from(TEXTS))
    def edit(self, pid: int, text: str) -> None:
        self._expect_refusal_or_done(lambda: self.store.edit_post(pid, text, "uji", now=utcnow()))

    @rule(pid=st.sampled_from(IDS), minutes=st.integers(-30, 30))
    def schedule(self, pid: int, minutes: int) -> None:
        at = self.now + timedelta(minutes=minutes)
        self._expect_refusal_or_done(
            lambda: self.store.schedule_posts([pid], at, False, "uji", self.settings, now=utcnow())
        )

    @rule(pid=st.sampled_from(IDS), minutes=st.integers(0, 30), way=st.integers(0, 2))
    def way_back(self, pid: int, minutes: int, way: int) -> None:
        """retry (failed, missed), unschedule (scheduled), restore (cancelled)."""
        at = self.now + timedelta(minutes=minutes)
        command = (
            lambda: self.store.retry_post(pid, "uji", at, now=utcnow()),
            lambda: self.store.unschedule_post(pid, "uji", now=utcnow()),
            lambda: self.store.restore_post(pid, "uji", now=utcnow()),
        )[way]
        self._expect_refusal_or_done(command)

    @rule(pid=st.sampled_from(IDS))
    def publish_now(self, pid: int) -> None:
        self._expect_refusal_or_done(lambda: self.store.schedule_now(pid, "uji", self.now))

    @rule(pid=st.sampled_from(IDS), published=st.booleans())
    def resolve(self, pid: int, published: bool) -> None:
        url = "https://x.com/humas/status/1" if published else None
        self._expect_refusal_or_done(lambda: self.store.resolve(pid, "uji", self.now, url))

    # Workers

    @rule(target=claims, worker=st.sampled_from(WORKERS), lease=st.integers(1, 120))
    def claim_due(self, worker: str, lease: int) -> Any:
        got = self.store.claim_due(worker, self.now, timedelta(seconds=lease), 10)
        self._check_claims(got)
        return multiple(*got)

    @rule(target=claims, worker=st.sampled_from(WORKERS))
    def claim_in_doubt(self, worker: str) -> Any:
        got = self.store.claim_in_doubt(worker, self.now, timedelta(seconds=60), 10)
        self._check_claims(got)
        return multiple(*got)

    @rule(claim=claims)
    def arm(self, claim: Claimed) -> None:
        stale = self._is_stale(claim)
        attempt = self.store.arm(claim, "publish", self.now, idempotency_key=f"k{claim.fence}")
        assert (attempt is None) == stale
        self.attempts[_key(claim)] = attempt
        self._count_stale(stale)

    @rule(claim=claims, outcome=st.sampled_from(sorted(OUTCOMES)))
    def record(self, claim: Claimed, outcome: str) -> None:
        stale = self._is_stale(claim)
        attempt = self.attempts.get(_key(claim))
        try:
            current = self.store.record(claim, attempt, OUTCOMES[outcome], self.now)
        except InvalidTransition:
            assert not stale  # a stale write is ignored before any check
            assert snapshot(self.store) == self.before, "a refused outcome left a trace"
            return
        assert current == (not stale)
        self._count_stale(stale)

    @rule(claim=claims, seconds=st.integers(0, 600))
    def defer(self, claim: Claimed, seconds: int) -> None:
        stale = self._is_stale(claim)
        done = self.store.defer(claim, self.now + timedelta(seconds=seconds), self.now)
        if stale:
            assert not done
        self._count_stale(stale)

    @rule(claim=claims)
    def release(self, claim: Claimed) -> None:
        stale = self._is_stale(claim)
        assert self.store.release(claim, self.now) == (not stale)
        self._count_stale(stale)

    @rule(worker=st.sampled_from(WORKERS))
    def sweep(self, worker: str) -> None:
        self.store.sweep_expired(worker, self.now)

    @rule(worker=st.sampled_from(WORKERS), hours=st.integers(1, 6))
    def mark_missed(self, worker: str, hours: int) -> None:
        self.store.mark_missed(worker, self.now, timedelta(hours=hours))

    @rule(seconds=st.integers(1, 4 * 3600))
    def time_passes(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)

    # Checks

    def _check_claims(self, got: list[Claimed]) -> None:
        for c in got:
            assert c.fence > self.before[c.post.id or 0]["fence"], "a claim did not bump the fence"

    def _is_stale(self, claim: Claimed) -> bool:
        return bool(self.store.get_post(claim.post.id or 0).fence != claim.fence)

    def _count_stale(self, stale: bool) -> None:
        if stale:
            after = snapshot(self.store)
            assert after == self.before, "a stale owner's write changed a post"
            event("a stale owner's write")

    def _expect_refusal_or_done(self, action: Any) -> None:
        try:
            action()
        except EXPECTED:
            assert snapshot(self.store) == self.before, "a refused change left a trace"

    @invariant()
    def moves_follow_the_graph(self) -> None:
        after = snapshot(self.store)
        for pid, row in after.items():
            old = self.before[pid]
            if row["status"] != old["status"]:
                allowed = TRANSITIONS[S(old["status"])]
                assert S(row["status"]) in allowed, f"post {pid}: {old['status']} → {row['status']}"
                event(f"{old['status']} → {row['status']}")
            assert row["fence"] >= old["fence"], f"post {pid}: fence went down"
        self.before = after


def _key(claim: Claimed) -> tuple[int, int, str]:
    return (claim.post.id or 0, claim.fence, claim.worker)


PostStates.TestCase.settings = settings(
    max_examples=80,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestPostStates = PostStates.TestCase
