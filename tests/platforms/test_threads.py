"""Threads: containers (text, image, carousel with alt text), the topic tag, the 500-character
count, the publishing quota and threads_publish against the sandbox, which fetches each
image_url itself as Threads does."""

from __future__ import annotations

import dataclasses
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from tests.support.platforms import entries_with, make_image

from sosmed.errors import ConfigError, InDoubt, RateLimited, Rejected
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform
from sosmed.platforms.threads import ThreadsPlatform
from sosmed.sandbox import threads as th_sandbox
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Config, Settings

pytestmark = pytest.mark.timeout(60)


def post(images: list[OutgoingImage], tail: str = "#Sleman #Jogja") -> Outgoing:
    text = f"Kegiatan Pemkab {uuid.uuid4().hex[:10]} https://slemankab.go.id/berita/1 {tail}"
    return Outgoing(1, "threads_sandbox", text, images)


def armed(platform: Platform, out: Outgoing) -> Outgoing:
    return dataclasses.replace(out, armed_key=platform.arm(out))


@pytest.fixture
def th(make_platform: Callable[[str], Platform]) -> Platform:
    return make_platform("threads")


def sent_forms(platform: Platform) -> list[tuple[str, dict[str, str]]]:
    """Every request the platform sends from now on: its path and its form or query fields."""
    seen: list[tuple[str, dict[str, str]]] = []

    def record(response: requests.Response, *args: object, **kw: object) -> None:
        request = response.request
        url = urllib.parse.urlsplit(str(request.url))
        body = request.body if isinstance(request.body, str) else ""
        fields = dict(urllib.parse.parse_qsl(body or url.query))
        seen.append((f"{request.method} {url.path}", fields))

    platform.session.hooks["response"].append(record)
    return seen


def test_a_carousel_sends_its_items_first_each_with_its_alt_text(
    th: Platform, sandbox: Sandbox, images: Callable[[int], list[OutgoingImage]]
) -> None:
    photos = images(3)
    seen = sent_forms(th)
    out = post(photos)
    published = th.publish(armed(th, out))
    creates = [f for path, f in seen if path.endswith("/threads") and path.startswith("POST")]
    assert [f["media_type"] for f in creates] == ["IMAGE"] * 3 + ["CAROUSEL"]
    assert all(f["is_carousel_item"] == "true" and "text" not in f for f in creates[:3])
    assert [f["alt_text"] for f in creates[:3]] == [p.alt for p in photos]
    assert [f["image_url"] for f in creates[:3]] == [p.public_url for p in photos]
    carousel = creates[3]
    assert carousel["text"] == out.text and len(carousel["children"].split(",")) == 3
    publishes = [f for path, f in seen if path.endswith("/threads_publish")]
    assert len(publishes) == 1  # the one creating request, with the carousel container
    (entry,) = entries_with(sandbox, "threads", out.text)
    assert entry["remote_id"] == published.remote_id
    assert [(i["alt"], i["sha256"]) for i in entry["images"]] == [(p.alt, p.sha256) for p in photos]
    assert published.url and published.url.startswith("https://www.threads.net/@")
    media = sandbox.state["threads"].media[published.remote_id]
    assert media["media_type"] == "CAROUSEL_ALBUM"


def test_the_first_hashtag_is_the_topic_tag_and_the_account_may_choose_its_own(
    th: Platform, sandbox: Sandbox
) -> None:
    out = post([])
    th.publish(armed(th, out))
    (entry,) = entries_with(sandbox, "threads", out.text)
    assert entry["topic_tag"] == "Sleman" and "#Sleman #Jogja" in entry["text"]
    th.account.options["topic_tag"] = "#PemkabSleman"
    chosen = post([])
    th.publish(armed(th, chosen))
    (entry,) = entries_with(sandbox, "threads", chosen.text)
    assert entry["topic_tag"] == "PemkabSleman"


def test_a_tag_threads_would_refuse_is_not_sent(th: Platform, sandbox: Sandbox) -> None:
    # Threads refuses a topic tag with "." or "&" or over 50 characters; the post goes without.
    assert th.topic_tag("Kabar #" + "a" * 51) == ""
    out = post([], tail="")
    th.account.options["topic_tag"] = "Dinas.Kominfo"
    th.publish(armed(th, out))
    (entry,) = entries_with(sandbox, "threads", out.text)
    assert entry["topic_tag"] is None
    # The sandbox refuses such a tag as Threads does, with Graph's code 100.
    answer = requests.post(
        f"{sandbox.base_url}/v1.0/{th_sandbox.USER_ID}/threads",
        data={"media_type": "TEXT", "text": "Uji", "topic_tag": "Humas&Protokol"},
        headers={"Authorization": f"Bearer {th_sandbox.TOKEN}"},
        timeout=5,
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == 100


def test_five_hundred_characters_with_each_emoji_counted_as_its_bytes(
    th: Platform, sandbox: Sandbox
) -> None:
    assert ThreadsPlatform.measure("Halo 👋🏽 Sleman") == len("Halo  Sleman") + 8
    assert ThreadsPlatform.measure("🇮🇩") == 8 and ThreadsPlatform.measure("é") == 1
    link = "https://slemankab.go.id/berita/" + "x" * 80
    assert ThreadsPlatform.measure(link) == len(link)  # a link counts in full
    for text in ("Jembatan 🌉 dan jalan ❤️", "Keluarga 👨‍👩‍👧 di Sleman", "Bendera 🇮🇩"):
        assert ThreadsPlatform.measure(text) == th_sandbox.text_length(text), text
    marker = uuid.uuid4().hex[:10]
    fits = marker + " " + "a" * (500 - 11 - 8) + "👍🏽"
    assert ThreadsPlatform.measure(fits) == 500
    th.publish(armed(th, Outgoing(1, "threads_sandbox", fits, [])))
    assert len(entries_with(sandbox, "threads", marker)) == 1
    with pytest.raises(Rejected) as caught:
        th.arm(Outgoing(1, "threads_sandbox", fits + "!", []))
    assert caught.value.code == "100" and "500" in str(caught.value)


@pytest.fixture
def quota(sandbox: Sandbox) -> Iterator[th_sandbox.ThreadsState]:
    state = sandbox.state["threads"]
    saved = state.quota_total
    yield state
    state.quota_total = saved


def test_a_used_up_quota_is_read_before_publishing(
    th: Platform, sandbox: Sandbox, quota: th_sandbox.ThreadsState
) -> None:
    th.publish(armed(th, post([])))
    quota.quota_total = len(quota.media)  # every post so far is within the 24 hours
    out = armed(th, post([]))
    with pytest.raises(RateLimited) as caught:
        th.publish(out)
    assert caught.value.code == "quota" and caught.value.retry_after > 0
    assert entries_with(sandbox, "threads", out.text) == []
    # Threads itself refuses threads_publish over the quota, as a rate limit.
    answer = requests.post(
        f"{sandbox.base_url}/v1.0/{th_sandbox.USER_ID}/threads_publish",
        data={"creation_id": out.armed_key},
        headers={"Authorization": f"Bearer {th_sandbox.TOKEN}"},
        timeout=5,
    )
    assert answer.status_code == 400 and answer.json()["error"]["code"] == 4
    assert entries_with(sandbox, "threads", out.text) == []


def test_a_retry_publishes_the_same_container_never_a_second_post(
    th: Platform,
    sandbox: Sandbox,
    faults: Callable[[str], None],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    since = datetime.now(UTC) - timedelta(seconds=5)
    out = armed(th, post(images(1)))
    assert armed(th, out).armed_key == out.armed_key  # a live container is armed again
    faults("threads:after")
    with pytest.raises(InDoubt):
        th.publish(out)
    faults("")
    found = th.find(out, since)
    again = th.publish(out)  # the container reads PUBLISHED: found, not published again
    (entry,) = entries_with(sandbox, "threads", out.text)
    assert found is not None and found.remote_id == again.remote_id == entry["remote_id"]


def test_an_image_threads_cannot_download_is_refused(th: Platform, sandbox: Sandbox) -> None:
    image = dataclasses.replace(make_image(sandbox), public_url="http://10.1.2.3/media/a.jpg")
    with pytest.raises(Rejected, match="Media download has failed"):
        th.arm(post([image]))
    with pytest.raises(Rejected, match=r"media\.public_base_url"):
        th.arm(post([dataclasses.replace(image, public_url=None)]))


def test_an_intranet_public_base_url_is_refused_when_the_account_is_made(
    sandbox_settings: Settings, tmp_path: Path
) -> None:
    account = next(a for a in sandbox_settings.config.accounts if a.platform == "threads")
    real = account.model_copy(update={"api_base": None})
    config = Config.model_validate({"media": {"public_base_url": "http://10.1.2.3/media"}})
    settings = Settings(tmp_path, config, tmp_path / "sosmed.toml")
    with pytest.raises(ConfigError, match=r"Threads .*10\.1\.2\.3"):
        ThreadsPlatform(real, settings)
    bare = account.model_copy(update={"options": {}})
    with pytest.raises(ConfigError, match="threads_user_id"):
        ThreadsPlatform(bare, sandbox_settings)


@pytest.mark.usefixtures("english")
def test_twenty_one_photos_are_refused_before_any_request(th: Platform, sandbox: Sandbox) -> None:
    photo = make_image(sandbox)
    seen = sent_forms(th)
    with pytest.raises(Rejected, match="at most 20"):
        th.arm(post([photo] * 21))
    assert seen == []


def test_the_token_travels_in_a_header_never_in_a_url(
    th: Platform, images: Callable[[int], list[OutgoingImage]]
) -> None:
    seen: list[requests.PreparedRequest] = []
    th.session.hooks["response"].append(lambda r, *a, **k: seen.append(r.request))
    th.publish(armed(th, post(images(2))))
    assert len(seen) >= 6  # two items, a carousel, status, quota, publish, permalink
    token = th_sandbox.TOKEN
    assert all(token not in str(r.url) and token not in str(r.body) for r in seen)
    assert all(r.headers["Authorization"] == f"Bearer {token}" for r in seen)
