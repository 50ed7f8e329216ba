"""The office: the one way in for the command line and the daemon, on real parts.

A real SQLite file, the platform sandbox and a web server on loopback; the office's clock
is the only thing set by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select
from tests.support.config import write_config
from tests.support.web import WebServer

from sosmed.daemon import Daemon
from sosmed.errors import InputError
from sosmed.models import Article, Attempt, Event, Post, utcnow
from sosmed.office import Office
from sosmed.office.accounts import platform_rows
from sosmed.sandbox.app import build, write_sandbox_config
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings

BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.html"
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>
<item><title>Pasar murah</title><link>{base}/berita/pasar-murah</link></item>
</channel></rss>"""


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Office, Sandbox]]:
    sb = build(media_dir=tmp_path / "media").start()
    write_sandbox_config(tmp_path / "sosmed.toml", sb.base_url, force=True)
    office = Office(Settings.load(tmp_path))
    yield office, sb
    office.close()
    sb.stop()


def due_post(office: Office, account: str, platform: str) -> int:
    now = utcnow()
    with Session(office.store.engine) as s:
        art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["x"])
        s.add(art)
        s.flush()
        post = Post(
            article_id=art.id or 0,
            account=account,
            platform=platform,
            text=f"Kabar Pemkab {uuid.uuid4().hex[:10]} #Uji",
            status="scheduled",
            scheduled_at=now - timedelta(seconds=1),
            approved_by="uji",
            approved_at=now,
        )
        s.add(post)
        s.commit()
        return post.id or 0


def attempts(office: Office, post_id: int) -> list[Attempt]:
    with Session(office.store.engine) as s:
        return list(s.exec(select(Attempt).where(Attempt.post_id == post_id)).all())


def test_publish_now_sends_that_post_and_leaves_another_due_one_alone(world) -> None:  # type: ignore[no-untyped-def]
    office, sb = world
    mine = due_post(office, "mastodon_sandbox", "mastodon")
    other = due_post(office, "bluesky_sandbox", "bluesky")
    post = office.publish_now(mine, "siti")
    assert post.status == "published"
    assert [e["text"].strip() for e in sb.ledger.entries] == [post.text.strip()]
    untouched = office.post(other)
    assert (untouched.status, untouched.lease_owner, untouched.attempts) == ("scheduled", None, 0)
    assert attempts(office, other) == []


def test_every_now_of_the_office_is_its_clock(world) -> None:  # type: ignore[no-untyped-def]
    office, _sb = world
    later = datetime(2031, 3, 2, 1, 0, tzinfo=UTC)  # 08:00 in Jakarta
    office.clock = lambda: later
    pid = due_post(office, "mastodon_sandbox", "mastodon")
    assert office.parse_time("now") == later
    assert office.publisher().clock() == later
    # A day before the office's now is in the past, whatever the wall clock says.
    with pytest.raises(InputError, match="sudah lewat"):
        office.schedule([pid], later - timedelta(days=1), False, False, "siti", print)
    assert office.health().counts.get("scheduled") == 1


def test_the_daemon_polls_feeds_through_the_office(
    home: Path, web: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSMED_ALLOW_PRIVATE_HOSTS", "1")
    masto = {"name": "masto", "platform": "mastodon", "options": {"instance": "https://m.id"}}
    office = Office(write_config(home, {"accounts": [masto]}))
    web.page("/berita/pasar-murah", BERITA.read_bytes())
    url = web.page("/feed", FEED.format(base=web.url), ctype="application/rss+xml")
    feed, created = office.add_feed(url, ["masto"], auto_approve=True)
    assert created
    polled_at = datetime(2031, 3, 2, 1, 0, tzinfo=UTC)
    office.clock = lambda: polled_at  # the poll, the compose and the approval: one clock
    try:
        Daemon(office).poll_feeds()
        (post,) = office.posts()
        assert (post.account, post.status) == ("masto", "approved")
        assert post.approved_by == f"feed:{feed.id}"
        assert _utc(post.approved_at) == polled_at
        assert _utc(office.feeds()[0].last_polled_at) == polled_at
        with Session(office.store.engine) as s:
            stamps = {_utc(e.at) for e in s.exec(select(Event).where(Event.post_id == post.id))}
        assert stamps == {polled_at}
    finally:
        office.close()


def test_a_secret_is_taken_only_by_the_platforms_that_use_it(
    world: tuple[Office, Sandbox],
) -> None:
    office, _ = world
    # Facebook signs its calls with app_secret when it has one; Telegram has no use for it.
    assert office.secret_account("facebook_sandbox", "app_secret") == "facebook_sandbox"
    assert office.secret_account("facebook_sandbox", "page_token") == "facebook_sandbox"
    with pytest.raises(InputError, match="bot_token"):
        office.secret_account("telegram_sandbox", "app_secret")
    rows = {r["name"]: r for r in platform_rows()}
    assert rows["facebook"]["optional_secrets"] == ["app_secret"]
    assert rows["telegram"]["optional_secrets"] == []


def _utc(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


def test_a_feed_listed_in_sosmed_toml_is_not_removed_by_a_command(home: Path) -> None:
    listed = "https://humas.example.go.id/rss"
    office = Office(write_config(home, {"feeds": [{"url": listed}], "accounts": []}))
    try:
        feed, _ = office.add_feed(listed, [], auto_approve=False)
        with pytest.raises(InputError, match=r"sosmed\.toml"):
            office.remove_feed(feed.id or 0)
        other, _ = office.add_feed("https://humas.example.go.id/lain.xml", [], False)
        office.remove_feed(other.id or 0)
        assert [f.url for f in office.feeds()] == [listed]
    finally:
        office.close()
