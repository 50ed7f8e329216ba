"""Bluesky publisher against the sandbox's PDS, through the real client code."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from PIL import Image
from tests.support.net import closed_port_url
from tests.support.platform_demo import (
    entries,
    leaks,
    make_image,
    outgoing,
    platform_fixtures,
    set_fault,
)

from sosmed.errors import AuthError, CannotTell, InDoubt, RateLimited, Rejected, Transient
from sosmed.platforms.base import Outgoing, OutgoingImage
from sosmed.platforms.bluesky import (
    BlueskyPlatform,
    facets,
    jwt_expiry,
    new_tid,
    pds_endpoint,
)
from sosmed.sandbox import bluesky as emu
from sosmed.sandbox.core import Sandbox
from sosmed.settings import secret_env_name

PASSWORD = emu.DEMO_PASSWORD

Maker = Callable[..., BlueskyPlatform]


box, sb, make = platform_fixtures("bluesky", emu, BlueskyPlatform)


@pytest.fixture
def bsky(make: Maker) -> BlueskyPlatform:
    return make()


def armed(
    platform: BlueskyPlatform, text: str, images: list[OutgoingImage] | None = None
) -> Outgoing:
    item = outgoing(platform.account.name, text, images)
    return outgoing(platform.account.name, text, images, armed_key=platform.arm(item))


def calls(sb: Sandbox, nsid: str) -> int:
    return int(emu.state(sb)["calls"].get(f"com.atproto.server.{nsid}", 0))


def test_facets_sit_at_utf8_byte_offsets(sb: Sandbox, bsky: BlueskyPlatform) -> None:
    text = (
        "Bupati—Ñusa “Siak” 🌉 meresmikan: https://siakkab.go.id/berita/123. "
        "#Siak #2024 #JembatanBaru!"
    )
    item = armed(bsky, text)
    published = bsky.publish(item)
    [entry] = entries(sb, "bluesky")
    assert entry["text"] == text
    raw = text.encode("utf-8")
    spans = {
        raw[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode(): f["features"][0]
        for f in entry["facets"]
    }
    assert spans["https://siakkab.go.id/berita/123"]["uri"] == "https://siakkab.go.id/berita/123"
    assert spans["#Siak"]["tag"] == "Siak"
    assert spans["#JembatanBaru"]["tag"] == "JembatanBaru"
    assert len(spans) == 3  # "#2024" is only digits: not a tag
    record = emu.state(sb)["records"][(emu.DEMO_DID, item.armed_key)]["value"]
    assert record["langs"] == ["id"]
    assert published.remote_id == entry["remote_id"]
    assert published.url == f"https://bsky.app/profile/{emu.DEMO_HANDLE}/post/{item.armed_key}"


def test_photos_with_alt_and_aspect_ratio(
    sb: Sandbox, bsky: BlueskyPlatform, tmp_path: Path
) -> None:
    images = [
        make_image(tmp_path / "a.jpg", (160, 90), "red", "Jembatan dari udara"),
        make_image(tmp_path / "b.png", (50, 100), "blue", "Pita diguntings"),
    ]
    item = armed(bsky, "Dua foto", images)
    bsky.publish(item)
    [entry] = entries(sb, "bluesky")
    assert [(i["sha256"], i["alt"]) for i in entry["images"]] == [(i.sha256, i.alt) for i in images]
    record = emu.state(sb)["records"][(emu.DEMO_DID, item.armed_key)]["value"]
    ratios = [i["aspectRatio"] for i in record["embed"]["images"]]
    assert ratios == [{"width": 160, "height": 90}, {"width": 50, "height": 100}]
    mimes = [b["mime"] for b in emu.state(sb)["blobs"].values()]
    assert sorted(mimes) == ["image/jpeg", "image/png"]


def test_one_session_for_many_posts(sb: Sandbox, make: Maker) -> None:
    first = make()
    for n in range(3):
        first.publish(armed(first, f"Kabar {n}"))
    second = type(first)(first.account, first.settings)  # a new object, same account
    second.publish(armed(second, "Kabar 3"))
    assert calls(sb, "createSession") == 1
    assert len(entries(sb, "bluesky")) == 4


def test_expired_token_is_refreshed_once(sb: Sandbox, bsky: BlueskyPlatform) -> None:
    bsky.publish(armed(bsky, "Sebelum"))
    emu.expire_access_tokens(sb)
    bsky.publish(armed(bsky, "Sesudah"))
    assert (calls(sb, "createSession"), calls(sb, "refreshSession")) == (1, 1)
    assert [e["text"] for e in entries(sb, "bluesky")] == ["Sebelum", "Sesudah"]


def test_token_near_expiry_is_refreshed_before_use(sb: Sandbox, bsky: BlueskyPlatform) -> None:
    emu.state(sb)["access_lifetime"] = 60.0  # inside the five-minute margin
    bsky.publish(armed(bsky, "Satu"))
    assert calls(sb, "refreshSession") >= 1
    assert calls(sb, "createSession") == 1


def test_dead_refresh_token_falls_back_to_login(sb: Sandbox, bsky: BlueskyPlatform) -> None:
    emu.state(sb)["refresh_lifetime"] = -1.0  # refresh tokens are born expired
    bsky.publish(armed(bsky, "Satu"))
    emu.expire_access_tokens(sb)
    bsky.publish(armed(bsky, "Dua"))
    assert (calls(sb, "createSession"), calls(sb, "refreshSession")) == (2, 1)


@pytest.mark.parametrize(
    ("kind", "error", "created"),
    [
        ("before", InDoubt, 0),
        ("after", InDoubt, 1),
        ("hang", InDoubt, 1),
        ("reset", InDoubt, 1),
        ("ratelimit", RateLimited, 0),
        ("auth", AuthError, 0),
    ],
)
def test_each_fault_lands_in_its_class(
    sb: Sandbox, bsky: BlueskyPlatform, tmp_path: Path, kind: str, error: type, created: int
) -> None:
    bsky.check()  # log in before the faults start
    set_fault(sb, "bluesky", kind)
    image = make_image(tmp_path / "a.jpg", alt="Foto")
    with pytest.raises(error) as caught:
        bsky.publish(armed(bsky, "Pengumuman", [image]))
    assert len(entries(sb, "bluesky")) == created
    session = bsky.session_info()
    assert leaks(caught.value, PASSWORD, session.access, session.refresh) == []
    if isinstance(caught.value, RateLimited):
        assert 200 <= caught.value.retry_after <= 301
    if kind == "auth":
        assert calls(sb, "refreshSession") == 1  # one renewal, then it gives up


@pytest.mark.parametrize(("kind", "found"), [("after", True), ("reset", True), ("before", False)])
def test_find_asks_for_the_saved_key(
    sb: Sandbox, bsky: BlueskyPlatform, kind: str, found: bool
) -> None:
    set_fault(sb, "bluesky", kind)
    item = armed(bsky, "Rapat koordinasi")
    with pytest.raises(InDoubt):
        bsky.publish(item)
    set_fault(sb, "bluesky", None)
    result = bsky.find(item, datetime.now(UTC) - timedelta(minutes=1))
    created = entries(sb, "bluesky")
    assert (result is not None) == found == bool(created)
    if result is not None:
        assert result.remote_id == created[0]["remote_id"]


def test_resending_an_armed_key_never_posts_twice(sb: Sandbox, bsky: BlueskyPlatform) -> None:
    item = armed(bsky, "Sekali saja")
    bsky.publish(item)
    assert bsky.arm(item) == item.armed_key
    with pytest.raises(InDoubt):
        bsky.publish(item)
    assert len(entries(sb, "bluesky")) == 1
    assert bsky.find(item, datetime.now(UTC)) is not None


def test_find_without_a_key_cannot_tell(bsky: BlueskyPlatform) -> None:
    with pytest.raises(CannotTell):
        bsky.find(outgoing(bsky.account.name, "x"), datetime.now(UTC))


@pytest.mark.usefixtures("english")
def test_refused_before_upload(sb: Sandbox, bsky: BlueskyPlatform, tmp_path: Path) -> None:
    path = tmp_path / "noise.png"
    Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3)).save(path)
    big = make_image(tmp_path / "x.png")
    big = type(big)(path, "alt", 600, 600, "image/png", big.sha256)
    with pytest.raises(Rejected, match="1000000 bytes"):
        bsky.publish(armed(bsky, "Besar", [big]))
    with pytest.raises(Rejected, match="300"):
        bsky.publish(armed(bsky, "kata " * 70))
    assert emu.state(sb)["calls"].get("com.atproto.repo.uploadBlob", 0) == 0
    assert entries(sb, "bluesky") == []


def test_wrong_password_and_refused_connection(
    make: Maker, monkeypatch: pytest.MonkeyPatch
) -> None:
    bsky = make()
    wrong = "wron-gpas-swor-d123"
    monkeypatch.setenv(secret_env_name(bsky.account.name, "app_password"), wrong)
    with pytest.raises(AuthError) as caught:
        bsky.check()
    assert leaks(caught.value, wrong, PASSWORD) == []
    away = make(api_base=closed_port_url())
    with pytest.raises(Transient) as refused:
        away.publish(armed(away, "Pengumuman"))
    assert not isinstance(refused.value, InDoubt)


def test_check_tells_handle_and_refresh_expiry(bsky: BlueskyPlatform) -> None:
    info = bsky.check()
    assert info.identity == f"@{emu.DEMO_HANDLE}"
    assert info.expires_at is not None
    assert timedelta(days=89) < info.expires_at - datetime.now(UTC) <= timedelta(days=90)


def test_record_keys_are_sortable_tids() -> None:
    keys = [new_tid() for _ in range(50)]
    assert all(re.fullmatch(r"[234567a-j][234567a-z]{12}", k) for k in keys)
    assert keys == sorted(keys) and len(set(keys)) == 50
    assert jwt_expiry("not-a-token") is None


def test_facets_pure() -> None:
    assert facets("tanpa tautan") == []
    [tag] = facets("é #Riau.")
    assert tag["index"] == {"byteStart": 3, "byteEnd": 8}
    assert facets("lihat https://x.id/#bagian")[0]["features"][0]["uri"] == "https://x.id/#bagian"
    assert len(facets("lihat https://x.id/#bagian")) == 1


def test_writes_and_reads_go_to_the_pds_the_session_names(
    sb: Sandbox, bsky: BlueskyPlatform, tmp_path: Path
) -> None:
    session = bsky.session_info()
    assert session.pds == f"{sb.base_url}{emu.PDS_PATH}"
    image = make_image(tmp_path / "a.jpg", (160, 90), "red", "Gedung baru")
    item = armed(bsky, "Lewat PDS", [image])
    bsky.publish(item)
    assert bsky.find(item, datetime.now(UTC) - timedelta(minutes=1)) is not None
    counted = emu.state(sb)["calls"]
    assert counted["com.atproto.repo.createRecord"] == 1
    assert counted["com.atproto.repo.getRecord"] == 1
    assert not [nsid for nsid in counted if nsid.startswith("entryway:")]
    # The entryway refuses the same write, as Bluesky's does: a client that ignored the DID
    # document would fail here.
    body = {"repo": emu.DEMO_DID, "collection": "app.bsky.feed.post", "record": {}}
    refused = requests.post(
        f"{sb.base_url}/xrpc/com.atproto.repo.createRecord",
        json=body,
        headers={"Authorization": f"Bearer {session.access}"},
        timeout=5,
    )
    assert (refused.status_code, refused.json()["error"]) == (400, "ExpiredToken")
    assert len(entries(sb, "bluesky")) == 1


def test_pds_endpoint_is_read_from_the_did_document() -> None:
    doc = emu.did_doc("did:plc:abc", "a.bsky.social", "https://morel.us-east.host.bsky.network/")
    assert pds_endpoint({"did": "did:plc:abc", "didDoc": doc}) == (
        "https://morel.us-east.host.bsky.network"
    )
    doc["service"][0]["id"] = "did:plc:abc#atproto_pds"
    assert pds_endpoint({"did": "did:plc:abc", "didDoc": doc}) is not None
    doc["service"][0]["type"] = "BskyFeedGenerator"
    assert pds_endpoint({"did": "did:plc:abc", "didDoc": doc}) is None
    assert pds_endpoint({"did": "did:plc:abc"}) is None


def test_an_account_on_its_own_pds_logs_in_there(sb: Sandbox, make: Maker) -> None:
    pds = f"{sb.base_url}{emu.PDS_PATH}"
    own = make(options={"handle": emu.DEMO_HANDLE, "service": pds})
    own.publish(armed(own, "Dari PDS sendiri"))
    assert calls(sb, "createSession") == 1 and len(entries(sb, "bluesky")) == 1
    assert own.session_info().pds == pds


def test_a_pds_that_is_not_https_is_refused_for_a_real_account(bsky: BlueskyPlatform) -> None:
    real = BlueskyPlatform(bsky.account.model_copy(update={"api_base": None}), bsky.settings)
    doc = emu.did_doc(emu.DEMO_DID, emu.DEMO_HANDLE, "http://pds.example.id")
    with pytest.raises(Rejected, match="https"):
        real._pds({"did": emu.DEMO_DID, "didDoc": doc}, "https://bsky.social")
    doc = emu.did_doc(emu.DEMO_DID, emu.DEMO_HANDLE, "https://pds.example.id")
    assert real._pds({"did": emu.DEMO_DID, "didDoc": doc}, "x") == "https://pds.example.id"
