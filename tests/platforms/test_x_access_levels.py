"""The sandbox's X access levels, met by tweepy (a client others wrote): Free may post but not
read, with X's own 403 client-not-enrolled problem, and every create carries X's 24-hour user
limit, which stops Free at 17 posts a day."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import tweepy

from sosmed.platforms.base import make_session
from sosmed.sandbox import x as x_emu
from sosmed.sandbox import x_access
from sosmed.sandbox.app import build
from sosmed.sandbox.core import Sandbox

DAY_HEADERS = (
    "x-user-limit-24hour-limit",
    "x-user-limit-24hour-remaining",
    "x-user-limit-24hour-reset",
)


@pytest.fixture
def free(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox of its own whose X app is on the Free level."""
    sb = build(media_dir=tmp_path / "media").start()
    sb.state["x"].access = "free"
    try:
        yield sb
    finally:
        sb.stop()


def client(sb: Sandbox) -> Any:
    c = tweepy.Client(
        consumer_key=x_emu.CONSUMER_KEY,
        consumer_secret=x_emu.CONSUMER_SECRET,
        access_token=x_emu.ACCESS_TOKEN,
        access_token_secret=x_emu.ACCESS_SECRET,
        return_type=requests.Response,
    )
    c.session = make_session(("https://api.twitter.com", "https://api.x.com"), sb.base_url)
    return c


def test_free_may_post_and_see_itself_but_not_read_its_timeline(free: Sandbox) -> None:
    c = client(free)
    created = c.create_tweet(text=f"Pasar murah {uuid.uuid4().hex[:6]}", user_auth=True)
    assert created.status_code == 201
    assert c.get_me(user_auth=True).json()["data"]["id"] == x_emu.USER_ID
    with pytest.raises(tweepy.Forbidden) as caught:
        c.get_users_tweets(x_emu.USER_ID, user_auth=True)
    body = caught.value.response.json()
    assert caught.value.response.status_code == 403
    assert body["reason"] == "client-not-enrolled"
    assert body["type"] == "https://api.twitter.com/2/problems/client-forbidden"
    assert body["title"] == "Client Forbidden" and "status" not in body
    assert "attached to a Project" in body["detail"] and body["client_id"].isdigit()


def test_every_create_tells_the_day_limit_and_free_stops_at_17(free: Sandbox) -> None:
    c = client(free)
    seen = []
    for i in range(17):
        answer = c.create_tweet(text=f"Kabar {i} {uuid.uuid4().hex[:6]}", user_auth=True)
        seen.append({h: answer.headers[h] for h in DAY_HEADERS})
    assert {s["x-user-limit-24hour-limit"] for s in seen} == {"17"}
    assert [int(s["x-user-limit-24hour-remaining"]) for s in seen] == list(range(16, -1, -1))
    with pytest.raises(tweepy.TooManyRequests) as caught:
        c.create_tweet(text=f"Satu lagi {uuid.uuid4().hex[:6]}", user_auth=True)
    headers = caught.value.response.headers
    assert headers["x-user-limit-24hour-remaining"] == "0"
    assert int(headers["x-user-limit-24hour-reset"]) == int(seen[0]["x-user-limit-24hour-reset"])
    assert len(free.state["x"].tweets) == 17


def test_pay_per_use_has_a_larger_day(tmp_path: Path) -> None:
    sb = build(media_dir=tmp_path / "media").start()
    try:
        answer = client(sb).create_tweet(text=f"Hari {uuid.uuid4().hex[:6]}", user_auth=True)
    finally:
        sb.stop()
    assert answer.headers["x-user-limit-24hour-limit"] == str(x_access.DAY_LIMITS["pay-per-use"])
