"""People racing the daemon, step by step: the interleavings that once sent a post twice.

Each test drives the product's own functions in the order a real run produced them, with the
real platform clients talking HTTP to a sandbox on loopback, and counts what the sandbox
created. A worker's claim is taken by hand (claim_due + arm) and its send completed later,
so the person's command lands exactly between the two.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select
from tests.support.clock import Clock
from tests.support.images import photo_entry
from tests.support.posts import due_post
from tests.support.world import sandbox_world

from sosmed.errors import InvalidTransition, PostInFlight, PostMoved
from sosmed.models import Attempt, Post, utcnow
from sosmed.publish.now import publish_now
from sosmed.publish.publisher import Publisher
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings
from sosmed.store import Store
from sosmed.store.guard import Seen
from sosmed.store.publishing import Claimed

LEASE = timedelta(seconds=120)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Store, Sandbox]]:
    with sandbox_world(tmp_path, {"daemon": {"lease_seconds": int(LEASE.total_seconds())}}) as w:
        yield w


def just_due() -> datetime:
    return utcnow() - timedelta(seconds=1)


def on_platform(sb: Sandbox, store: Store, post_id: int) -> int:
    text = store.get_post(post_id).text
    return sum(1 for e in sb.ledger.entries if e["text"].strip() == text.strip())


def claim(publisher: Publisher, post_id: int) -> Claimed:
    """The daemon's first step: the post is now publishing under its fence."""
    (claimed,) = publisher.store.claim_due(
        publisher.worker, publisher.clock(), publisher.lease, 10, [post_id]
    )
    return claimed


def claim_and_arm(publisher: Publisher, post_id: int) -> Claimed:
    """The daemon's first two steps (and then it died): publishing, its attempt armed."""
    claimed = claim(publisher, post_id)
    assert publisher.store.arm(claimed, "publish", publisher.clock()) is not None
    return claimed


class PausingStore:
    """The store as a worker sees it, with a pause (another worker's steps) run just before
    the worker confirms its claim — after its uploads, before its creating request."""

    def __init__(self, store: Store, pause: Callable[[], None]) -> None:
        self._store, self._pause = store, pause

    def confirm(self, claimed: Claimed, until: datetime) -> None:
        self._pause()
        self._store.confirm(claimed, until)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_publish_while_the_daemon_sends_leaves_one_message(world) -> None:  # type: ignore[no-untyped-def]
    """The reported sequence on Telegram: publish_now read the post as scheduled, the daemon
    claimed and armed it, then publish_now's schedule_now ran. It must not requeue it."""
    settings, store, sb = world
    pid = due_post(store, "telegram_sandbox", "telegram", just_due())
    seen = Seen.of(store.get_post(pid))  # what `sosmed publish` read first
    daemon = Publisher(store, settings, worker="daemon")
    claimed = store.claim_due(daemon.worker, utcnow(), daemon.lease, 10, [pid])[0]

    with pytest.raises(PostInFlight, match=f"post {pid} sedang dikirim oleh daemon daemon"):
        store.schedule_now(pid, "siti", utcnow(), seen)
    assert store.get_post(pid).status == "publishing"
    # The whole command, with no wait: it says the daemon is sending, and sends nothing.
    with pytest.raises(PostInFlight):
        publish_now(store, settings, pid, "siti", wait=0)
    assert daemon.publish_claimed(claimed) == "published"
    assert on_platform(sb, store, pid) == 1
    assert store.get_post(pid).status == "published"


def test_publish_waits_for_the_daemons_send_and_reports_it(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, sb = world
    pid = due_post(store, "telegram_sandbox", "telegram", just_due())
    daemon = Publisher(store, settings, worker="daemon")
    claimed = claim(daemon, pid)
    result: dict[str, Post] = {}
    person = threading.Thread(
        target=lambda: result.update(post=publish_now(store, settings, pid, "siti", wait=60))
    )
    person.start()
    time.sleep(0.5)  # the person's command is waiting on the daemon
    assert person.is_alive()
    assert daemon.publish_claimed(claimed) == "published"
    person.join(60)
    assert result["post"].status == "published"
    assert result["post"].remote_id == store.get_post(pid).remote_id
    assert on_platform(sb, store, pid) == 1
    with Session(store.engine) as s:
        sends = s.exec(select(Attempt).where(Attempt.post_id == pid, Attempt.kind == "publish"))
        assert [a.worker for a in sends] == ["daemon"]


@pytest.mark.parametrize(
    "command",
    ["cancel", "edit", "approve", "schedule", "resolve", "retry", "unschedule", "restore"],
)
def test_person_commands_refuse_a_post_in_flight(world, command: str) -> None:  # type: ignore[no-untyped-def]
    settings, store, sb = world
    pid = due_post(store, "mastodon_sandbox", "mastodon", just_due())
    daemon = Publisher(store, settings, worker="daemon")
    claimed = claim(daemon, pid)
    before = store.get_post(pid)
    act = {
        "cancel": lambda: store.cancel_post(pid, "siti", now=utcnow()),
        "edit": lambda: store.edit_post(pid, "Teks baru #Uji", "siti", now=utcnow()),
        "approve": lambda: store.approve_post(pid, "siti", now=utcnow()),
        "schedule": lambda: store.schedule_posts(
            [pid], utcnow(), False, "siti", settings, now=utcnow()
        ),
        "resolve": lambda: store.resolve(pid, "siti", utcnow(), None),
        "retry": lambda: store.retry_post(pid, "siti", utcnow(), now=utcnow()),
        "unschedule": lambda: store.unschedule_post(pid, "siti", now=utcnow()),
        "restore": lambda: store.restore_post(pid, "siti", now=utcnow()),
    }[command]
    with pytest.raises(PostInFlight, match="sedang dikirim"):
        act()
    after = store.get_post(pid)
    assert (after.status, after.fence, after.text) == (before.status, before.fence, before.text)
    assert daemon.publish_claimed(claimed) == "published"
    assert on_platform(sb, store, pid) == 1


def test_cancel_refuses_a_post_that_may_be_online(world) -> None:  # type: ignore[no-untyped-def]
    _settings, store, _sb = world
    pid = due_post(store, "telegram_sandbox", "telegram", just_due(), status="needs_review")
    with pytest.raises(InvalidTransition, match="mungkin sudah tayang"):
        store.cancel_post(pid, "siti", now=utcnow())
    assert store.get_post(pid).status == "needs_review"
    post = store.resolve(pid, "siti", utcnow(), None, cancel=True)
    assert post.status == "cancelled"


def test_resolve_waits_for_a_running_reconciliation_and_fences_it(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, _sb = world
    pid = due_post(store, "x_sandbox", "x", just_due(), status="in_doubt")
    checker = Publisher(store, settings, worker="daemon")
    (claimed,) = store.claim_in_doubt(checker.worker, utcnow(), checker.lease, 10, [pid])
    with pytest.raises(PostInFlight, match="sedang dicek"):
        store.resolve(pid, "siti", utcnow(), "https://x.com/humas/status/1")
    checker.store.release(claimed, utcnow())
    store.resolve(pid, "siti", utcnow(), "https://x.com/humas/status/1")
    # A reconciliation that began before the person's word cannot overwrite it.
    assert checker.reconcile_claimed(claimed) == "stale"
    assert store.get_post(pid).status == "published"


def test_an_edit_from_a_stale_view_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    _settings, store, _sb = world
    pid = due_post(store, "x_sandbox", "x", just_due())
    seen = Seen.of(store.get_post(pid))
    store.edit_post(pid, "Suntingan pertama #Uji", "budi", now=utcnow())
    with pytest.raises(PostMoved, match="berubah sejak dilihat"):
        store.edit_post(pid, "Suntingan kedua #Uji", "siti", seen, now=utcnow())
    assert store.get_post(pid).text == "Suntingan pertama #Uji"


def test_a_paused_owner_never_sends_after_its_claim_moved_on(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Owner A claims, arms and uploads a post's photos, then stalls past its lease (a slow
    upload, SIGSTOP). B sweeps the post; it is read back only after the grace. When A wakes,
    its confirmation before the creating request fails: A sends nothing, and B sends once."""
    settings, store, sb = world
    pid = due_post(store, "facebook_sandbox", "facebook", just_due())
    photos = [photo_entry(tmp_path, sb.base_url, f"p{i}.jpg") for i in range(2)]
    with Session(store.engine) as s:
        row = s.get(Post, pid)
        assert row is not None
        row.photos = photos
        s.add(row)
        s.commit()
    clock = Clock()
    b = Publisher(store, settings, worker="b", clock=clock)
    seen: dict[str, Any] = {}

    def pause() -> None:  # A is stopped here; B works on
        clock.now += b.lease + timedelta(seconds=1)
        seen["report"] = b.tick()
        seen["status"] = store.get_post(pid).status
        seen["uploads"] = len(sb.ledger.entries)

    a = Publisher(PausingStore(store, pause), settings, worker="a", clock=clock)  # type: ignore[arg-type]
    assert a.publish_claimed(claim(a, pid)) == "stale"  # A woke: claim moved on, nothing sent
    assert seen["report"].swept == [pid] and seen["status"] == "in_doubt"
    assert not seen["report"].published  # not read back within the grace
    assert on_platform(sb, store, pid) == 0

    clock.now += b.sweep_grace + timedelta(seconds=1)
    b.tick()  # read back: absent → scheduled; then sent
    b.tick()
    assert store.get_post(pid).status == "published"
    assert on_platform(sb, store, pid) == 1
    with Session(store.engine) as s:
        outcomes = [a.outcome for a in s.exec(select(Attempt).where(Attempt.post_id == pid))]
    assert "stale" in outcomes  # A's attempt, finished as not applied


def test_found_absent_after_the_lateness_limit_is_missed_not_sent(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, sb = world
    pid = due_post(store, "x_sandbox", "x", just_due())
    clock = Clock()
    dead = Publisher(store, settings, worker="dead", clock=clock)
    claim_and_arm(dead, pid)  # then the daemon died
    clock.now += dead.max_lateness + timedelta(minutes=1)
    fresh = Publisher(store, settings, worker="fresh", clock=clock)
    fresh.tick()
    clock.now += fresh.sweep_grace + timedelta(seconds=1)
    report = fresh.tick()
    post = store.get_post(pid)
    assert post.status == "missed" and report.missed == [pid]
    assert on_platform(sb, store, pid) == 0


def test_publish_n_settles_only_post_n(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, sb = world
    mine = due_post(store, "mastodon_sandbox", "mastodon", just_due())
    other = due_post(store, "bluesky_sandbox", "bluesky", just_due())
    with Session(store.engine) as s:  # another post: its daemon died mid-send long ago
        row = s.get(Post, other)
        assert row is not None
        row.status, row.lease_owner = "publishing", "dead"
        row.lease_until = utcnow() - timedelta(hours=1)
        row.scheduled_at = utcnow() - timedelta(hours=12)
        s.add(row)
        s.commit()
    post = publish_now(store, settings, mine, "siti")
    assert post.status == "published" and on_platform(sb, store, mine) == 1
    untouched = store.get_post(other)
    assert (untouched.status, untouched.lease_owner) == ("publishing", "dead")


def test_a_backlog_that_never_empties_still_hands_back_to_the_tick(world) -> None:  # type: ignore[no-untyped-def]
    """publish_due stops claiming at ``until``, so the daemon's next tick sweeps dead owners'
    posts and beats its heartbeat even while posts keep falling due."""
    settings, store, sb = world
    ids = [due_post(store, "mastodon_sandbox", "mastodon", just_due()) for _ in range(4)]
    clock = Clock()
    start = clock.now
    ticking = Publisher(store, settings, worker="busy", clock=clock)
    ticking.settings.config.daemon.batch = 1

    def later() -> datetime:
        clock.now += timedelta(seconds=10)
        return clock.now

    ticking.clock = later
    report = ticking.publish_due(until=start + timedelta(seconds=25))
    assert 1 <= len(report.published) < len(ids)
    assert sum(on_platform(sb, store, i) for i in ids) == len(report.published)
