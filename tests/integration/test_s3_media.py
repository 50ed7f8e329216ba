"""Photos for Instagram and Threads through an S3-compatible bucket (``[media] store = "s3"``):
a local S3 server (moto) holds them, the sandbox's Instagram and Threads fetch them from the
bucket's public address, the same photo is put there once, and refused keys leave the post
waiting for a person, not lost."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.images import photo_entry
from tests.support.net import closed_port_url
from tests.support.platforms import entries_with
from tests.support.posts import due_post
from tests.support.s3 import KEY_ID, SECRET_KEY, S3Server, s3_server
from tests.support.sandbox_process import SandboxProcess
from tests.support.world import sandbox_world

from sosmed.errors import ConfigError
from sosmed.models import PostStatus, utcnow
from sosmed.office import Office
from sosmed.office.media import check_media
from sosmed.sandbox.app import allow_public
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings, write_secret
from sosmed.store import Store

pytestmark = pytest.mark.timeout(120)
ALT = "Foto kegiatan"  # the alt text of photo_entry's photo


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    with s3_server() as server:
        yield server


def bucket_media(s3: S3Server, bucket: str, **more: Any) -> dict[str, Any]:
    return {
        "store": "s3",
        "s3_endpoint": s3.url,
        "s3_bucket": bucket,
        "s3_public_url": s3.public_prefix(bucket),
        **more,
    }


World = tuple[Settings, Store, Sandbox, str]


@pytest.fixture
def world(home: Path, s3: S3Server) -> Iterator[World]:
    bucket = s3.bucket()
    with sandbox_world(home, {"media": bucket_media(s3, bucket)}) as (settings, store, sb):
        write_secret(settings, "media", "s3_access_key_id", KEY_ID)
        write_secret(settings, "media", "s3_secret_access_key", SECRET_KEY)
        allow_public(sb, s3.public_prefix(bucket))  # the bucket stands for the internet
        yield settings, store, sb, bucket


def fetched(sb: Sandbox, platform: str) -> list[str]:
    """Every image URL the emulated platform fetched for a container."""
    return [str(c["image_url"]) for c in sb.state[platform].containers.values() if "image_url" in c]


def test_instagram_and_threads_fetch_the_photo_from_the_bucket_put_there_once(
    world: World, s3: S3Server, home: Path
) -> None:
    settings, store, sb, bucket = world
    photo = photo_entry(home, sb.base_url)  # its own "url" is the sandbox's: not used
    key = f"sosmed/{photo['sha256']}.jpg"
    office = Office(settings, store)

    ig = due_post(store, "instagram_sandbox", "instagram", utcnow(), photos=[photo])
    assert office.publish_now(ig, "siti").status == PostStatus.published

    assert s3.keys(bucket) == [key]
    head = s3.client().head_object(Bucket=bucket, Key=key)
    assert head["ContentType"] == "image/jpeg" and head["ContentLength"] == photo["bytes"]
    assert fetched(sb, "instagram") == [s3.public_prefix(bucket) + key]
    [entry] = entries_with(sb, "instagram", store.get_post(ig).text)
    assert [(i["sha256"], i["alt"]) for i in entry["images"]] == [
        (photo["sha256"], "Foto kegiatan")
    ]

    # Mark the object: a second upload of the same photo would replace it, mark and all.
    s3.client().copy_object(
        Bucket=bucket,
        Key=key,
        CopySource={"Bucket": bucket, "Key": key},
        Metadata={"uji": "pertama"},
        MetadataDirective="REPLACE",
        ContentType="image/jpeg",
    )
    th = due_post(store, "threads_sandbox", "threads", utcnow(), photos=[photo])
    assert office.publish_now(th, "siti").status == PostStatus.published

    assert s3.keys(bucket) == [key]
    assert s3.client().head_object(Bucket=bucket, Key=key)["Metadata"] == {"uji": "pertama"}
    assert fetched(sb, "threads") == [s3.public_prefix(bucket) + key]
    [entry] = entries_with(sb, "threads", store.get_post(th).text)
    assert [(i["sha256"], i["alt"]) for i in entry["images"]] == [
        (photo["sha256"], "Foto kegiatan")
    ]


def test_refused_keys_are_one_line_and_the_post_waits_to_be_sent_again(
    world: World, s3: S3Server, home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings, store, sb, bucket = world
    caplog.set_level(logging.DEBUG)
    photo = photo_entry(home, sb.base_url)
    office = Office(settings, store)
    post_id = due_post(store, "instagram_sandbox", "instagram", utcnow(), photos=[photo])

    s3.require_keys(True)  # our keys are not among the ones it issued
    try:
        after = office.publish_now(post_id, "siti")
    finally:
        s3.require_keys(False)

    assert after.status == PostStatus.scheduled and after.attempts == 0
    error = str(after.last_error)
    assert "menolak kunci akses (InvalidAccessKeyId)" in error and "media set-secret" in error
    assert "\n" not in error and SECRET_KEY not in error
    assert s3.keys(bucket) == [] and fetched(sb, "instagram") == []
    assert entries_with(sb, "instagram", after.text) == []
    assert SECRET_KEY not in caplog.text

    # The keys put right, the same post goes out (sent now, or at its next try).
    again = office.publish_now(post_id, "siti")
    assert again.status == PostStatus.published
    assert s3.keys(bucket) == [f"sosmed/{photo['sha256']}.jpg"]


def test_an_unreachable_bucket_is_a_try_that_comes_again(home: Path, s3: S3Server) -> None:
    closed = closed_port_url()
    media = bucket_media(s3, "foto") | {"s3_endpoint": closed, "s3_public_url": f"{closed}/foto/"}
    with sandbox_world(home, {"media": media}) as (settings, store, sb):
        write_secret(settings, "media", "s3_access_key_id", KEY_ID)
        write_secret(settings, "media", "s3_secret_access_key", SECRET_KEY)
        photo = photo_entry(home, sb.base_url)
        post_id = due_post(store, "threads_sandbox", "threads", utcnow(), photos=[photo])
        after = Office(settings, store).publish_now(post_id, "siti")
        assert after.status == PostStatus.scheduled and after.next_try_at is not None
        assert "tidak terjangkau" in str(after.last_error) and "dicoba lagi" in str(
            after.last_error
        )
        assert fetched(sb, "threads") == []


def test_media_check_writes_reads_back_and_judges_the_public_address(
    home: Path, s3: S3Server
) -> None:
    def office(bucket: str, **more: Any) -> Office:
        settings = write_config(home, {"media": bucket_media(s3, bucket, **more)})
        write_secret(settings, "media", "s3_access_key_id", KEY_ID)
        write_secret(settings, "media", "s3_secret_access_key", SECRET_KEY)
        return Office(Settings.load(home))

    public = s3.bucket()
    rows = {r.what: r for r in check_media(office(public))}
    assert rows["bucket"].ok and rows["publik"].ok
    assert not rows["alamat"].ok and "127.0.0.1" in rows["alamat"].detail
    assert s3.keys(public) == []  # the test object is gone again

    private = s3.bucket(public_policy=False)
    rows = {r.what: r for r in check_media(office(private))}
    assert rows["bucket"].ok and not rows["publik"].ok
    assert "HTTP 403" in rows["publik"].detail and 's3_acl = "public-read"' in rows["publik"].detail
    rows = {r.what: r for r in check_media(office(private, s3_acl="public-read"))}
    assert rows["publik"].ok

    rows = {r.what: r for r in check_media(office(f"{private}-tidak-ada"))}
    assert not rows["bucket"].ok and "tidak ada" in rows["bucket"].detail and "publik" not in rows


@pytest.mark.parametrize(
    ("media", "says"),
    [
        ({"store": "s3"}, 'store = "s3" memerlukan s3_bucket dan s3_public_url'),
        (
            {"store": "s3", "s3_bucket": "foto", "s3_public_url": "foto.example.go.id/"},
            "s3_public_url 'foto.example.go.id/' bukan alamat http(s)",
        ),
        ({"store": "awan"}, "media.store"),
    ],
)
def test_an_incomplete_bucket_setting_is_one_clear_line(
    home: Path, media: dict[str, Any], says: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        write_config(home, {"media": media})
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_missing_keys_are_named_when_the_account_is_made(home: Path, s3: S3Server) -> None:
    bucket = s3.bucket()
    accounts = [
        {
            "name": "humas_ig",
            "platform": "instagram",
            "api_base": s3.url,
            "options": {"ig_user_id": "17841400000000001"},
        }
    ]
    settings = write_config(home, {"media": bucket_media(s3, bucket), "accounts": accounts})
    write_secret(settings, "humas_ig", "access_token", "EAAG-bukan-token-sungguhan")
    (row,) = Office(Settings.load(home)).check_accounts()
    assert row["ok"] is False
    assert "memerlukan rahasia" in str(row["error"])
    assert "SOSMED_MEDIA_S3_ACCESS_KEY_ID" in str(row["error"])


def test_an_intranet_bucket_address_is_refused_for_a_real_account(home: Path) -> None:
    media = {
        "store": "s3",
        "s3_bucket": "foto",
        "s3_public_url": "http://10.1.2.3/foto/",
        "public_base_url": "https://8.8.8.8/media/",  # not the one used with a bucket
    }
    accounts = [
        {"name": "humas_ig", "platform": "instagram", "options": {"ig_user_id": "1784"}},
        {"name": "humas_threads", "platform": "threads", "options": {"threads_user_id": "1"}},
    ]
    settings = write_config(home, {"media": media, "accounts": accounts})
    for account in ("humas_ig", "humas_threads"):
        write_secret(settings, account, "access_token", "EAAG-bukan-token-sungguhan")
    rows = Office(Settings.load(home)).check_accounts()
    assert [r["ok"] for r in rows] == [False, False]
    for row, title in zip(rows, ("Instagram", "Threads"), strict=True):
        assert f"{title} mengambil sendiri" in row["error"]
        assert "media.s3_public_url (http://10.1.2.3/foto/)" in row["error"]


@pytest.mark.slow
def test_the_commands_as_an_office_uses_them(
    sandbox_home: tuple[Path, Callable[..., SandboxProcess]], s3: S3Server
) -> None:
    # `sosmed sandbox --public-url` stands the bucket on the internet; the keys are given
    # with `media set-secret`; `media check` tells what it found; `publish` sends the post.
    home, start = sandbox_home
    bucket = s3.bucket()
    sb = start(public=(s3.public_prefix(bucket),))
    config = tomllib.loads((home / "sosmed.toml").read_text())
    config["media"] |= bucket_media(s3, bucket)
    settings = write_config(home, config)
    for field, value in (("s3_access_key_id", KEY_ID), ("s3_secret_access_key", SECRET_KEY)):
        saved = run_cli(home, "media", "set-secret", field, stdin=f"{value}\n".encode())
        assert saved.returncode == 0, saved.stderr
        assert value not in saved.stdout + saved.stderr

    checked = run_cli(home, "media", "check")
    assert checked.returncode == 1  # 127.0.0.1 is no address Instagram can reach
    assert f"ok bucket: bucket {bucket} menerima foto" in checked.stdout
    assert "ok publik:" in checked.stdout
    assert "gagal alamat: media.s3_public_url" in checked.stderr
    assert SECRET_KEY not in checked.stdout + checked.stderr

    store = Store.open_url(settings.database_url)
    try:
        photo = photo_entry(home, sb.url)
        post_id = due_post(store, "instagram_sandbox", "instagram", utcnow(), photos=[photo])
    finally:
        store.close()
    published = run_cli(home, "publish", str(post_id))
    assert published.returncode == 0, published.stderr
    assert s3.keys(bucket) == [f"sosmed/{photo['sha256']}.jpg"]
    [entry] = [e for e in sb.ledger() if e["platform"] == "instagram"]
    assert entry["images"][0]["sha256"] == photo["sha256"]
