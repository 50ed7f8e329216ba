"""The sandbox against client libraries written by others, not by us.

sosmed's publishers and the sandbox were written from the same reading of the documentation; a
client library that others wrote and that runs against the real platforms every day checks the
sandbox from outside: atproto (Bluesky, following the session's DID document to the PDS),
tweepy (X), facebook-sdk (Facebook Page) and plain ``requests`` for Instagram's container
flow. tweepy and facebook-sdk reach the sandbox through the URL-rewriting session, as sosmed's
own publishers do; atproto takes the sandbox's address as its entryway.
"""

from __future__ import annotations

import io
import time
import uuid
from typing import Any

import facebook
import pytest
import requests
import tweepy
from atproto import Client
from atproto_client.exceptions import BadRequestError, UnauthorizedError
from PIL import Image
from tests.support.platforms import entries_with, make_image

from sosmed.platforms.base import make_session
from sosmed.sandbox import bluesky as bsky_emu
from sosmed.sandbox import facebook as fb_emu
from sosmed.sandbox import instagram as ig_emu
from sosmed.sandbox import x as x_emu
from sosmed.sandbox.core import Sandbox

GRAPH = "https://graph.facebook.com"
VERSION = "v23.0"


def unique(words: str) -> str:
    return f"{words} {uuid.uuid4().hex[:8]}"


def jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 90)).save(out, "JPEG")
    return out.getvalue()


# -- Bluesky: atproto ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bsky_client(sandbox: Sandbox) -> Client:
    client = Client(base_url=sandbox.base_url)
    client.login(bsky_emu.DEMO_HANDLE, bsky_emu.DEMO_PASSWORD)
    return client


def test_atproto_follows_the_did_document_to_the_pds(sandbox: Sandbox, bsky_client: Client) -> None:
    assert bsky_client.me is not None and bsky_client.me.handle == bsky_emu.DEMO_HANDLE
    session = bsky_client.export_session_string()
    assert f"{sandbox.base_url}{bsky_emu.PDS_PATH}" in session
    text = unique("Pemkab membuka pendaftaran beasiswa")
    post = bsky_client.send_post(text)
    rkey = post.uri.rsplit("/", 1)[1]
    got = bsky_client.get_post(rkey, bsky_emu.DEMO_DID)
    assert got.value.text == text and got.uri == post.uri
    assert len(entries_with(sandbox, "bluesky", text)) == 1


def test_atproto_sends_an_image_with_its_alt_text(sandbox: Sandbox, bsky_client: Client) -> None:
    text = unique("Foto peresmian jembatan")
    bsky_client.send_image(text, image=jpeg(), image_alt="Bupati menggunting pita")
    [entry] = entries_with(sandbox, "bluesky", text)
    assert [i["alt"] for i in entry["images"]] == ["Bupati menggunting pita"]


def test_atproto_raises_its_own_errors(sandbox: Sandbox, bsky_client: Client) -> None:
    with pytest.raises(UnauthorizedError):
        Client(base_url=sandbox.base_url).login(bsky_emu.DEMO_HANDLE, "sala-hkat-asan-d123")
    with pytest.raises(BadRequestError) as caught:
        bsky_client.send_post("kata " * 70)
    assert caught.value.response is not None
    assert caught.value.response.content.error == "InvalidRequest"


def test_the_entryway_refuses_repository_writes(sandbox: Sandbox, bsky_client: Client) -> None:
    # A client that stayed at the entryway instead of following the DID document.
    stay = Client(base_url=sandbox.base_url)
    stay.login(session_string=bsky_client.export_session_string())
    stay.update_base_url(sandbox.base_url)
    with pytest.raises(BadRequestError) as caught:
        stay.com.atproto.repo.create_record(
            {
                "repo": bsky_emu.DEMO_DID,
                "collection": "app.bsky.feed.post",
                "record": {"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2026"},
            }
        )
    assert caught.value.response is not None
    assert caught.value.response.content.error == "ExpiredToken"


# -- X: tweepy ----------------------------------------------------------------------------


def tweepy_client(sandbox: Sandbox, consumer_secret: str = x_emu.CONSUMER_SECRET) -> Any:
    client = tweepy.Client(
        consumer_key=x_emu.CONSUMER_KEY,
        consumer_secret=consumer_secret,
        access_token=x_emu.ACCESS_TOKEN,
        access_token_secret=x_emu.ACCESS_SECRET,
    )
    client.session = make_session(
        ("https://api.twitter.com", "https://api.x.com"), sandbox.base_url
    )
    return client


def test_tweepy_creates_a_tweet_and_meets_x_errors(sandbox: Sandbox) -> None:
    client = tweepy_client(sandbox)
    text = unique("Jadwal vaksinasi keliling")
    created = client.create_tweet(text=text, user_auth=True)
    assert created.data["text"] == text and created.data["id"]
    with pytest.raises(tweepy.BadRequest) as long:
        client.create_tweet(text=unique("Panjang") + " kata" * 60, user_auth=True)
    assert long.value.response.status_code == 400
    assert any("Your Tweet text is too long" in m for m in long.value.api_messages)
    with pytest.raises(tweepy.Unauthorized):
        tweepy_client(sandbox, "bukan-rahasia").create_tweet(text=unique("x"), user_auth=True)
    assert len(entries_with(sandbox, "x", text)) == 1


# -- Facebook Page: facebook-sdk -----------------------------------------------------------


def graph_api(sandbox: Sandbox, token: str = fb_emu.PAGE_TOKEN) -> Any:
    session = make_session((GRAPH,), sandbox.base_url)
    api = facebook.GraphAPI(access_token=token, version="3.1", session=session, timeout=5)
    api.version = VERSION  # facebook-sdk 3.1.0 refuses newer versions at construction
    return api


def test_facebook_sdk_posts_reads_and_meets_graph_errors(sandbox: Sandbox, tmp_path: Any) -> None:
    api = graph_api(sandbox)
    text = unique("Pengumuman CPNS")
    post = api.put_object(fb_emu.PAGE_ID, "feed", message=text)
    assert api.get_object(post["id"])["message"] == text
    caption = unique("Foto rapat koordinasi")
    photo = api.put_photo(
        image=io.BytesIO(jpeg()), album_path=f"{fb_emu.PAGE_ID}/photos", message=caption
    )
    assert photo["post_id"]
    assert len(entries_with(sandbox, "facebook", caption)) == 1
    with pytest.raises(facebook.GraphAPIError) as caught:
        graph_api(sandbox, "EAAG-bukan-token").put_object(fb_emu.PAGE_ID, "feed", message="x")
    assert caught.value.code == 190


# -- Instagram: the container flow with plain requests ---------------------------------------


def graph(sandbox: Sandbox, method: str, path: str, **params: str) -> requests.Response:
    session = make_session((GRAPH,), sandbox.base_url)
    headers = {"Authorization": f"Bearer {ig_emu.TOKEN}"}
    url = f"{GRAPH}/{VERSION}/{path}"
    if method == "POST":
        return session.post(url, data=params, headers=headers, timeout=5)
    return session.get(url, params=params, headers=headers, timeout=5)


def test_instagram_container_then_media_publish_keeps_alt_text(sandbox: Sandbox) -> None:
    image = make_image(sandbox)
    caption = unique("Pasar murah di alun-alun")
    made = graph(
        sandbox,
        "POST",
        f"{ig_emu.IG_USER_ID}/media",
        image_url=str(image.public_url),
        caption=caption,
        alt_text="Warga antre membeli beras",
    )
    assert made.status_code == 200, made.text
    container = made.json()["id"]
    for _ in range(5):
        status = graph(sandbox, "GET", container, fields="status_code").json()["status_code"]
        if status == "FINISHED":
            break
        time.sleep(0.05)
    assert status == "FINISHED"
    published = graph(sandbox, "POST", f"{ig_emu.IG_USER_ID}/media_publish", creation_id=container)
    assert published.status_code == 200 and published.json()["id"]
    [entry] = entries_with(sandbox, "instagram", caption)
    assert [i["alt"] for i in entry["images"]] == ["Warga antre membeli beras"]


def test_instagram_cannot_download_from_an_intranet(sandbox: Sandbox) -> None:
    refused = graph(
        sandbox,
        "POST",
        f"{ig_emu.IG_USER_ID}/media",
        image_url="http://10.1.2.3/media/foto.jpg",
        caption=unique("Tidak terkirim"),
    )
    error = refused.json()["error"]
    assert refused.status_code == 400
    assert (error["code"], error["error_subcode"]) == (9004, 2207052)
    assert error["message"] == "Only photo or video can be accepted as media type."
