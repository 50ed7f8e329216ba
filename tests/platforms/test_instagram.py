"""Instagram: containers, status, quota and media_publish against the sandbox, which fetches
each image_url itself as Instagram does."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from tests.support.platforms import entries_with, make_image
from tests.support.web import WebServer

from sosmed.errors import ConfigError, InDoubt, RateLimited, Rejected, Transient
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform
from sosmed.platforms.instagram import InstagramPlatform
from sosmed.sandbox import instagram as ig_sandbox
from sosmed.sandbox.app import allow_public
from sosmed.sandbox.core import Sandbox, keep_image
from sosmed.settings import Settings

pytestmark = pytest.mark.timeout(60)


def post(images: list[OutgoingImage]) -> Outgoing:
    text = f"Foto kegiatan {uuid.uuid4().hex[:10]} #Sleman"
    return Outgoing(1, "instagram_sandbox", text, images)


def armed(platform: Platform, out: Outgoing) -> Outgoing:
    return dataclasses.replace(out, armed_key=platform.arm(out))


@pytest.fixture
def ig(make_platform: Callable[[str], Platform]) -> Platform:
    return make_platform("instagram")


def test_no_public_url_is_refused_with_the_setting_to_fix(ig: Platform, sandbox: Sandbox) -> None:
    image = dataclasses.replace(make_image(sandbox), public_url=None)
    with pytest.raises(Rejected, match=r"media\.public_base_url"):
        ig.arm(post([image]))


@pytest.mark.parametrize(
    ("size", "fmt", "subcode"),
    [
        ((800, 600), "PNG", "2207005"),
        ((1000, 400), "JPEG", "2207009"),
        ((600, 800), "GIF", "2207005"),
    ],
    ids=["png", "too-wide", "gif"],
)
def test_an_image_instagram_cannot_take_ends_the_container_in_error(
    ig: Platform, sandbox: Sandbox, size: tuple[int, int], fmt: str, subcode: str
) -> None:
    out = armed(ig, post([make_image(sandbox, size=size, fmt=fmt)]))
    with pytest.raises(Rejected) as caught:
        ig.publish(out)
    assert caught.value.code == "container_error" and subcode in str(caught.value)
    assert entries_with(sandbox, "instagram", out.text) == []


@pytest.mark.parametrize(
    "where",
    ["{base}/_media/none.jpg", "http://10.1.2.3/media/a.jpg", "{base}/_img/a.jpg"],
    ids=["missing", "intranet", "not-the-media-route"],
)
def test_an_image_instagram_cannot_download_is_refused_as_instagram_does(
    ig: Platform, sandbox: Sandbox, where: str
) -> None:
    # Instagram fetches from the public internet only: the sandbox's media route stands for
    # it, and any other address is refused at once with Meta's code and subcode.
    url = where.format(base=sandbox.base_url)
    image = dataclasses.replace(make_image(sandbox), public_url=url)
    with pytest.raises(Rejected) as caught:
        ig.publish(armed(ig, post([image])))
    assert caught.value.code == "9004/2207052" and caught.value.http_status == 400
    assert "Media download has failed" in str(caught.value)


def test_only_the_address_really_requested_counts_as_public(
    ig: Platform, sandbox: Sandbox, web: WebServer
) -> None:
    # The prefixes stand for the public internet; an address that merely starts with one
    # (a dot segment, a longer folder name, a redirect elsewhere) is not under it.
    image = make_image(sandbox)
    sha = keep_image(image.path.read_bytes())  # now served at /_img/<sha>, which is not public
    allow_public(sandbox, f"{web.url}/pub")
    web.page("/pub/away.jpg", b"", 302, headers={"Location": f"{sandbox.base_url}/_img/{sha}"})
    web.page("/pub/home.jpg", b"", 302, headers={"Location": image.public_url or ""})
    web.page("/public/a.jpg", image.path.read_bytes(), ctype="image/jpeg")
    refused = [
        f"{sandbox.base_url}/_media/../_img/{sha}",
        f"{web.url}/pub/away.jpg",
        f"{web.url}/public/a.jpg",
    ]
    for url in refused:
        with pytest.raises(Rejected) as caught:
            ig.arm(post([dataclasses.replace(image, public_url=url)]))
        assert caught.value.code == "9004/2207052", url
    out = post([dataclasses.replace(image, public_url=f"{web.url}/pub/home.jpg")])
    ig.publish(armed(ig, out))  # a redirect to an address that is public is followed
    [entry] = entries_with(sandbox, "instagram", out.text)
    assert entry["images"][0]["sha256"] == sha


def test_each_photo_keeps_its_alt_text(
    ig: Platform, sandbox: Sandbox, images: Callable[[int], list[OutgoingImage]]
) -> None:
    for photos in (images(1), images(2)):  # one image container; a carousel of items
        out = post(photos)
        ig.publish(armed(ig, out))
        [entry] = entries_with(sandbox, "instagram", out.text)
        assert [i["alt"] for i in entry["images"]] == [p.alt for p in photos]


def test_the_token_travels_in_a_header_never_in_a_url(
    ig: Platform, images: Callable[[int], list[OutgoingImage]]
) -> None:
    seen: list[requests.PreparedRequest] = []
    ig.session.hooks["response"].append(lambda r, *a, **k: seen.append(r.request))
    ig.publish(armed(ig, post(images(2))))
    assert len(seen) >= 6  # two items, a carousel, status, quota, publish, permalink
    assert all(
        ig_sandbox.TOKEN not in str(r.url) and ig_sandbox.TOKEN not in str(r.body) for r in seen
    )
    assert all(r.headers["Authorization"] == f"Bearer {ig_sandbox.TOKEN}" for r in seen)


def test_find_tells_published_from_not_published(
    ig: Platform, sandbox: Sandbox, images: Callable[[int], list[OutgoingImage]]
) -> None:
    since = datetime.now(UTC) - timedelta(seconds=5)
    out = armed(ig, post(images(1)))
    assert ig.find(out, since) is None  # armed, never published
    assert ig.find(dataclasses.replace(out, armed_key=None), since) is None
    published = ig.publish(out)
    found = ig.find(out, since)
    assert found is not None and found.remote_id == published.remote_id
    assert found.url and found.url.startswith("https://www.instagram.com/p/")


def test_publishing_an_already_published_container_does_not_post_again(
    ig: Platform, sandbox: Sandbox, images: Callable[[int], list[OutgoingImage]]
) -> None:
    out = armed(ig, post(images(2)))
    first = ig.publish(out)
    again = ig.publish(out)
    assert again.remote_id == first.remote_id
    assert len(entries_with(sandbox, "instagram", out.text)) == 1


def test_a_failed_publish_can_be_retried_on_the_same_container(
    ig: Platform,
    sandbox: Sandbox,
    faults: Callable[[str], None],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    out = armed(ig, post(images(1)))
    faults("instagram:before")
    with pytest.raises(InDoubt):
        ig.publish(out)
    faults("")
    assert ig.find(out, datetime.now(UTC) - timedelta(minutes=1)) is None
    published = ig.publish(out)
    (entry,) = entries_with(sandbox, "instagram", out.text)
    assert entry["remote_id"] == published.remote_id


def test_arm_reuses_a_live_container_and_replaces_an_expired_one(
    ig: Platform, sandbox: Sandbox, images: Callable[[int], list[OutgoingImage]]
) -> None:
    out = armed(ig, post(images(1)))
    assert armed(ig, out).armed_key == out.armed_key
    assert out.armed_key is not None
    sandbox.state["instagram"].containers[out.armed_key]["status"] = "EXPIRED"
    with pytest.raises(Transient) as caught:
        ig.publish(out)
    assert caught.value.code == "container_expired"
    fresh = armed(ig, out)
    assert fresh.armed_key != out.armed_key
    published = ig.publish(fresh)
    (entry,) = entries_with(sandbox, "instagram", out.text)
    assert entry["remote_id"] == published.remote_id


@pytest.fixture
def quota(sandbox: Sandbox) -> Iterator[ig_sandbox.IGState]:
    state = sandbox.state["instagram"]
    saved = state.quota_total
    yield state
    state.quota_total = saved


def test_a_used_up_quota_is_read_before_publishing(
    ig: Platform,
    sandbox: Sandbox,
    quota: ig_sandbox.IGState,
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    ig.publish(armed(ig, post(images(1))))
    quota.quota_total = len(quota.media)  # every post so far is within the 24 hours
    out = armed(ig, post(images(1)))
    with pytest.raises(RateLimited) as caught:
        ig.publish(out)
    assert caught.value.code == "quota" and caught.value.retry_after > 0
    assert entries_with(sandbox, "instagram", out.text) == []


@pytest.mark.usefixtures("english")
def test_eleven_photos_are_refused_before_any_request(ig: Platform, sandbox: Sandbox) -> None:
    photo = make_image(sandbox)
    with pytest.raises(Rejected, match="at most 10"):
        ig.arm(post([photo] * 11))


def test_a_container_still_in_progress_after_the_wait_is_transient(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    ig = make_platform("instagram")
    ig.account.options["status_wait_seconds"] = "0"
    out = armed(ig, post([make_image(sandbox)]))
    with pytest.raises(Transient) as caught:
        ig.publish(out)
    assert caught.value.code == "container_in_progress"


def test_a_missing_option_fails_when_the_platform_is_made(sandbox_settings: Settings) -> None:
    account = next(a for a in sandbox_settings.config.accounts if a.platform == "instagram")
    bare = account.model_copy(update={"options": {}})
    with pytest.raises(ConfigError, match="ig_user_id"):
        InstagramPlatform(bare, sandbox_settings)
