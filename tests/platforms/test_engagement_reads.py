"""Each platform reads a published post's public counters from the sandbox, through its real
client, in the platform's own shape; a token that may not read them is NotAllowed, a post that
is gone is Rejected, and the sandbox's figures grow with the post's age and follow its seed."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
import requests
from tests.support.config import PLATFORMS

from sosmed.engagement.counters import COUNTERS
from sosmed.errors import NotAllowed, Rejected
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform, Published
from sosmed.sandbox.core import Sandbox

READABLE = sorted(set(PLATFORMS) - {"telegram"})


@pytest.fixture(autouse=True)
def _scopes_back(sandbox: Sandbox) -> Iterator[None]:
    yield
    sandbox.no_insights.clear()
    sandbox.clock_offset = timedelta(0)


def _publish(platform: Platform, images: Callable[[int], list[OutgoingImage]]) -> Published:
    marker = uuid.uuid4().hex[:10]
    text = f"Uji angka publik {platform.name} {marker}: Bupati meresmikan jembatan desa."
    photos = images(1) if platform.limits.min_images else []
    out = Outgoing(1, f"{platform.name}_sandbox", text, photos, idempotency_key=marker)
    armed = dataclasses.replace(out, armed_key=platform.arm(out))
    return platform.publish(armed)


def _reads(sandbox: Sandbox, platform: str) -> int:
    return sum(1 for e in sandbox.reads.snapshot() if e["platform"] == platform)


@pytest.mark.parametrize("name", READABLE)
def test_counters_are_read_and_grow_with_age(
    name: str,
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform(name)
    published = _publish(platform, images)
    before = _reads(sandbox, name)

    first = platform.metrics(published)

    assert platform.can_report_engagement
    assert set(platform.engagement_counters) <= set(COUNTERS)
    assert set(platform.engagement_counters) <= set(first.values)
    assert first.note is None
    assert first.values["likes"] > 0
    assert _reads(sandbox, name) > before  # every read is on the sandbox's record
    sandbox.clock_offset = timedelta(days=7)
    week = platform.metrics(published)
    assert week.values["likes"] > first.values["likes"]
    assert all(week.values[k] >= first.values[k] for k in first.values)


def test_telegram_has_no_counters(make_platform: Callable[[str], Platform]) -> None:
    platform = make_platform("telegram")
    assert not platform.can_report_engagement
    assert platform.no_engagement == "tidak tersedia di API Bot"
    with pytest.raises(NotAllowed):
        platform.metrics(Published("1"))


@pytest.mark.parametrize("name", ["threads", "mastodon"])
def test_a_token_without_the_read_scope_is_not_allowed(
    name: str,
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform(name)
    published = _publish(platform, images)
    sandbox.no_insights.add(name)
    with pytest.raises(NotAllowed) as e:
        platform.metrics(published)
    assert e.value.http_status in (400, 403)


@pytest.mark.parametrize("name", ["facebook", "instagram"])
def test_without_insights_the_views_are_left_out_and_the_rest_kept(
    name: str,
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform(name)
    published = _publish(platform, images)
    sandbox.no_insights.add(name)

    counters = platform.metrics(published)

    assert counters.note == "partly"
    assert "(#10) Application does not have permission for this action" in (counters.detail or "")
    assert "views" not in counters.values and counters.values["likes"] > 0


@pytest.mark.parametrize("name", ["x", "mastodon", "bluesky", "facebook"])
def test_a_post_that_is_gone_is_rejected(
    name: str, make_platform: Callable[[str], Platform]
) -> None:
    platform = make_platform(name)
    gone = {
        "x": "1800000000099999999",
        "mastodon": "99999999",
        "bluesky": "at://did:plc:nobody/app.bsky.feed.post/3zzzzzzzzzzzz",
        "facebook": "104000000000001_99999999",
    }[name]
    with pytest.raises(Rejected):
        platform.metrics(Published(gone))


def test_x_on_free_is_not_allowed_without_a_request(
    sandbox: Sandbox, sandbox_settings: object, make_platform: Callable[[str], Platform]
) -> None:
    platform = make_platform("x")
    platform.can_read_back = False  # what options.access = "free" sets
    before = _reads(sandbox, "x")
    with pytest.raises(NotAllowed):
        platform.metrics(Published("1800000000000000001"))
    assert _reads(sandbox, "x") == before
    assert platform.read_price == 0.005 and not platform.collects_by_default


def test_the_sandbox_controls_over_http(sandbox: Sandbox) -> None:
    base = sandbox.base_url
    r = requests.post(
        f"{base}/_insights", json={"platform": "threads", "allowed": False}, timeout=5
    )
    assert r.json() == {"no_insights": ["threads"]}
    requests.post(f"{base}/_insights", json={"platform": "threads", "allowed": True}, timeout=5)
    assert sandbox.no_insights == set()
    r = requests.post(f"{base}/_clock", json={"advance_seconds": 3600}, timeout=5)
    assert r.status_code == 200 and sandbox.clock_offset == timedelta(hours=1)
    assert isinstance(requests.get(f"{base}/_reads", timeout=5).json(), list)


def test_the_simulated_public_follows_the_seed(sandbox: Sandbox) -> None:
    from datetime import UTC, datetime

    from sosmed.sandbox.engagement import simulated

    at = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # over a week old: the figures are final
    seen = {}
    for seed in (1, 2, 1):
        sandbox.seed = seed
        seen.setdefault(seed, []).append(simulated(sandbox, "mastodon", "10000042", at))
    sandbox.seed = 0
    assert seen[1][0] == seen[1][1]  # the same seed, the same public
    assert seen[1][0] != seen[2][0]
