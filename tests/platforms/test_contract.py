"""The platform contract, over every platform, through the real clients against the sandbox.

Each publish is checked against the sandbox's ledger: a post that succeeded is there exactly
once with its images (sha256, size, alt text); an error of each injected kind lands in its
class; reconciliation after an in-doubt publish agrees with what the sandbox really created.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.support.config import PLATFORMS
from tests.support.platforms import entries_with

from sosmed.errors import (
    AuthError,
    CannotTell,
    ClaimLost,
    InDoubt,
    PlatformError,
    RateLimited,
    Rejected,
)
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform, Published
from sosmed.platforms.names import platform_names
from sosmed.sandbox.core import Sandbox

pytestmark = pytest.mark.timeout(60)

FAULT_CLASSES: dict[str, type[PlatformError]] = {
    "before": InDoubt,
    "after": InDoubt,
    "hang": InDoubt,
    "reset": InDoubt,
    "ratelimit": RateLimited,
    "auth": AuthError,
}


def outgoing(platform: str, images: list[OutgoingImage]) -> tuple[Outgoing, str]:
    marker = uuid.uuid4().hex[:10]
    text = (
        f"Uji {platform} {marker}: Bupati Sleman meresmikan jembatan Sukamaju & jalan desa. "
        f"https://slemankab.go.id/berita/{marker} #Sleman"
    )
    key = f"contract-{marker}"
    return Outgoing(1, f"{platform}_sandbox", text, images, idempotency_key=key), marker


def send(platform: Platform, out: Outgoing) -> tuple[Outgoing, Published]:
    """Arm, save the key (here: keep it on the outgoing), publish: the protocol's order."""
    armed = dataclasses.replace(out, armed_key=platform.arm(out))
    return armed, platform.publish(armed)


def assert_in_ledger_once(
    sandbox: Sandbox, platform: Platform, marker: str, published: Published
) -> dict[str, Any]:
    found = entries_with(sandbox, platform.name, marker)
    assert len(found) == 1, found
    assert str(found[0]["remote_id"]) == published.remote_id
    return found[0]


def assert_images(platform: Platform, entry: dict[str, Any], images: list[OutgoingImage]) -> None:
    got = [(i["sha256"], i["width"], i["height"]) for i in entry["images"]]
    assert got == [(i.sha256, i.width, i.height) for i in images]
    if platform.limits.alt_max_length > 0:
        assert [i["alt"] for i in entry["images"]] == [i.alt for i in images]


def test_every_installed_platform_is_emulated_and_under_contract() -> None:
    # The suites run over the sandbox's platforms; a platform without an emulation would
    # escape them.
    assert sorted(PLATFORMS) == platform_names()


@pytest.mark.parametrize("name", PLATFORMS)
def test_text_only(name: str, sandbox: Sandbox, make_platform: Callable[[str], Platform]) -> None:
    platform = make_platform(name)
    out, marker = outgoing(name, [])
    if platform.limits.min_images > 0:
        with pytest.raises(Rejected):
            send(platform, out)
        assert entries_with(sandbox, name, marker) == []
        return
    _, published = send(platform, out)
    entry = assert_in_ledger_once(sandbox, platform, marker, published)
    assert entry["images"] == []
    assert published.url


@pytest.mark.parametrize("count", [1, 3], ids=["one-photo", "several-photos"])
@pytest.mark.parametrize("name", PLATFORMS)
def test_photos_with_alt_text(
    name: str,
    count: int,
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform(name)
    photos = images(count)
    out, marker = outgoing(name, photos)
    _, published = send(platform, out)
    entry = assert_in_ledger_once(sandbox, platform, marker, published)
    assert_images(platform, entry, photos)


@pytest.mark.parametrize("kind", list(FAULT_CLASSES))
@pytest.mark.parametrize("name", PLATFORMS)
def test_fault_lands_in_its_class(
    name: str,
    kind: str,
    sandbox: Sandbox,
    faults: Callable[[str], None],
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform(name)
    out, marker = outgoing(name, images(1))
    armed = dataclasses.replace(out, armed_key=platform.arm(out))
    since = datetime.now(UTC) - timedelta(seconds=5)
    faults(f"{name}:{kind}")
    with pytest.raises(FAULT_CLASSES[kind]) as caught:
        platform.publish(armed)
    faults("")
    created = entries_with(sandbox, name, marker)
    assert len(created) == (1 if kind in ("after", "hang", "reset") else 0)
    if kind == "ratelimit":
        assert isinstance(caught.value, RateLimited) and caught.value.retry_after > 0
    if kind in ("before", "after"):
        assert_reconciles(platform, armed, since, created)


def assert_reconciles(
    platform: Platform, armed: Outgoing, since: datetime, created: list[dict[str, Any]]
) -> None:
    """``find`` agrees with the sandbox: the post it names exists, a None means none does."""
    if not platform.can_read_back:  # reconciliation can only hand the post to a person
        with pytest.raises(CannotTell):
            platform.find(armed, since)
        return
    found = platform.find(armed, since)
    if created:
        assert found is not None and found.remote_id == str(created[0]["remote_id"])
    else:
        assert found is None


@pytest.mark.parametrize("name", PLATFORMS)
def test_check_gives_an_identity(name: str, make_platform: Callable[[str], Platform]) -> None:
    info = make_platform(name).check()
    assert info.identity.strip()
    assert info.identity not in ("@", "?")


@pytest.mark.parametrize("name", ["x", "facebook"])
def test_the_same_text_twice_is_refused_as_duplicate_and_posted_once(
    name: str, sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    # The platforms that refuse duplicate content say so with a code the publisher matches.
    platform = make_platform(name)
    out, marker = outgoing(name, [])
    send(platform, out)
    with pytest.raises(Rejected) as caught:
        send(platform, out)
    assert caught.value.code == "duplicate"
    assert len(entries_with(sandbox, name, marker)) == 1


@pytest.mark.parametrize("count", [0, 1, 3], ids=["text", "one-photo", "several-photos"])
@pytest.mark.parametrize("name", PLATFORMS)
def test_a_lost_claim_stops_the_creating_request(
    name: str,
    count: int,
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    """Every platform confirms its claim just before the request that creates the post (after
    uploads): when the claim moved on, nothing is created."""
    platform = make_platform(name)
    out, marker = outgoing(name, images(count))
    if count < platform.limits.min_images:
        pytest.skip(f"{name} needs a photo: no post is created without one")
    asked: list[str] = []

    def lost() -> None:
        asked.append(marker)
        raise ClaimLost("claim moved on")

    with pytest.raises(ClaimLost):
        send(platform, dataclasses.replace(out, confirm=lost))
    assert asked == [marker]
    assert entries_with(sandbox, name, marker) == []
