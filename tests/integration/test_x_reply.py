"""X's ``options.link = "reply"``: the post without its link, then the link in a reply under
it, as two steps in the attempt log; a crash between or after them never posts twice."""

from __future__ import annotations

import signal
import time
import tomllib
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from tests.support.daemon import daemon_once, settle
from tests.support.posts import due_post
from tests.support.world import sandbox_world

from sosmed.models import Article, Post, utcnow
from sosmed.office import Office
from sosmed.office.spending import post_price
from sosmed.platforms.base import Outgoing
from sosmed.platforms.registry import for_account
from sosmed.publish.publisher import Publisher
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings
from sosmed.store import Store

LINK = "https://pemkab.go.id/berita/jembatan"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Store, Sandbox]]:
    extra = {"daemon": {"reconcile_after_seconds": 0, "lease_seconds": 2, "workers": 1}}
    with sandbox_world(tmp_path, extra) as (_, store, sb):
        config = tomllib.loads((tmp_path / "sosmed.toml").read_text())
        for acc in config["accounts"]:
            if acc["platform"] == "x":
                acc["options"] = {"link": "reply"}
                acc["utm"] = {"source": "{platform}"}
        (tmp_path / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
        yield Settings.load(tmp_path), store, sb


def reply_post(store: Store) -> int:
    pid = due_post(store, "x_sandbox", "x", utcnow() - timedelta(minutes=1))
    with store.session() as s:
        post = s.get(Post, pid)
        assert post is not None
        post.text = f"Jembatan desa selesai dibangun {uuid.uuid4().hex[:6]} #Uji"
        article = s.get(Article, post.article_id)
        assert article is not None
        article.url = f"{LINK}-{pid}"
    return pid


def x_tweets(sb: Sandbox) -> list[dict[str, Any]]:
    return [e for e in sb.ledger.snapshot() if e["platform"] == "x"]


def check_once(store: Store, sb: Sandbox, pid: int) -> None:
    """The post online once, its link once, in a reply under it."""
    post = store.get_post(pid)
    tweets = x_tweets(sb)
    mains = [t for t in tweets if t["text"] == post.text]
    replies = [t for t in tweets if t.get("in_reply_to")]
    assert len(mains) == 1 and len(replies) == 1, tweets
    assert replies[0]["in_reply_to"] == mains[0]["remote_id"] == post.remote_id
    assert replies[0]["text"] == f"{LINK}-{pid}?utm_source=x"
    assert post.status == "published"


def test_the_post_goes_without_its_link_and_the_link_follows_in_a_reply(
    world: tuple[Settings, Store, Sandbox],
) -> None:
    settings, store, sb = world
    pid = reply_post(store)
    assert post_price(Office(settings, store=store), store.get_post(pid)) == 215_000
    assert Publisher(store, settings, worker="t").tick().published == [pid]
    check_once(store, sb, pid)
    attempts = store.post_attempts(pid)
    assert [(a.kind, a.outcome) for a in attempts] == [
        ("publish", "published"),
        ("reply", "published"),
    ]
    assert store.get_post(pid).attempts == 1
    assert [(r.kind, r.usd_micros) for r in store.spend_rows(pid)] == [
        ("create", 15_000),
        ("create_url", 200_000),
    ]


def test_a_post_found_online_without_its_reply_gets_the_reply_only(
    world: tuple[Settings, Store, Sandbox],
) -> None:
    settings, store, sb = world
    pid = reply_post(store)
    # The post went out and the answer was lost before its id was kept: in doubt, no id.
    online_without_reply(settings, store, pid, "in_doubt")
    publisher = Publisher(store, settings, worker="t")
    publisher.reconcile_due()
    waiting = store.get_post(pid)
    assert waiting.status == "scheduled" and waiting.remote_id
    publisher.tick()
    check_once(store, sb, pid)


def online_without_reply(settings: Settings, store: Store, pid: int, status: str) -> None:
    """The post went out (no reply yet); the store knows its id only when ``status`` is
    scheduled, as after a failed reply."""
    post = store.get_post(pid)
    plain = settings.account("x_sandbox").model_copy(update={"options": {}})
    sent = for_account(plain, settings).publish(Outgoing(pid, "x_sandbox", post.text))
    with store.session() as s:
        row = s.get(Post, pid)
        assert row is not None
        row.status, row.attempts = status, 1
        if status == "scheduled":
            row.remote_id, row.next_try_at = sent.remote_id, None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "reply_only"),
    [("after_post", False), ("after_response", False), ("after_response", True)],
)
def test_a_daemon_killed_between_or_after_the_two_posts_never_posts_twice(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path, point: str, reply_only: bool
) -> None:
    settings, store, sb = world
    pid = reply_post(store)
    if reply_only:  # the post is online, its reply failed before: this run sends the reply
        online_without_reply(settings, store, pid, "scheduled")
    crashed = daemon_once(tmp_path, env={"SOSMED_CRASHPOINT": point})
    assert crashed.returncode == -signal.SIGKILL
    assert len(x_tweets(sb)) == (1 if point == "after_post" else 2)
    time.sleep(2.2)  # the dead daemon's lease runs out
    settle(tmp_path, store, rounds=5)
    check_once(store, sb, pid)


def test_on_free_a_reply_in_doubt_goes_to_a_person_with_the_link_to_look_for(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    settings, store, _ = world
    pid = reply_post(store)
    online_without_reply(settings, store, pid, "scheduled")
    with store.session() as s:
        row = s.get(Post, pid)
        assert row is not None
        row.status = "in_doubt"  # the reply was sent and its answer lost
    config = tomllib.loads((tmp_path / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["options"] = {"link": "reply", "access": "free"}
    (tmp_path / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    Publisher(store, Settings.load(tmp_path), worker="t").reconcile_due()
    post = store.get_post(pid)
    assert post.status == "needs_review"
    assert f"ada balasan berisi \u201c{LINK}-{pid}?utm_source=x\u201d" in (post.last_error or "")
    assert f"/status/{post.remote_id}" in (post.last_error or "")
