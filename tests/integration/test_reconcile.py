"""Reconciling in-doubt posts against the sandbox: found, absent, no read-back, read-back down."""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w
from tests.support.clock import Clock
from tests.support.net import closed_port_url
from tests.support.posts import add_post
from tests.support.world import sandbox_world

from sosmed.models import utcnow
from sosmed.platforms.base import Outgoing
from sosmed.platforms.registry import for_account
from sosmed.publish.publisher import Publisher
from sosmed.publish.sending import READ_BACK_TRIES
from sosmed.sandbox import x as x_emu
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings
from sosmed.store import Store


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Store, Sandbox]]:
    with sandbox_world(tmp_path) as w:
        yield w


def in_doubt_post(store: Store, account: str, platform: str, text: str) -> int:
    scheduled_at = utcnow() - timedelta(minutes=1)
    return add_post(
        store,
        account,
        platform,
        status="in_doubt",
        text=text,
        scheduled_at=scheduled_at,
        attempts=1,
    )


def test_a_post_that_went_out_is_found_and_one_that_did_not_is_sent_again(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, _ = world
    text = f"Sudah terbit {uuid.uuid4().hex[:8]}"
    x = for_account(settings.account("x_sandbox"), settings)
    x.publish(Outgoing(1, "x_sandbox", text))  # what a lost answer hid from us
    found = in_doubt_post(store, "x_sandbox", "x", text)
    absent = in_doubt_post(store, "facebook_sandbox", "facebook", "Tidak pernah terkirim")
    Publisher(store, settings, worker="t").reconcile_due()
    assert store.get_post(found).status == "published" and store.get_post(found).remote_id
    assert store.get_post(absent).status == "scheduled"


def test_telegram_in_doubt_goes_to_a_person_at_once(world) -> None:  # type: ignore[no-untyped-def]
    settings, store, _ = world
    pid = in_doubt_post(store, "telegram_sandbox", "telegram", "Mungkin terkirim")
    Publisher(store, settings, worker="t").reconcile_due()
    post = store.get_post(pid)
    assert post.status == "needs_review" and "sosmed resolve" in (post.last_error or "")


def test_a_failing_read_back_is_retried_then_handed_to_a_person(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, store, _ = world
    dead = closed_port_url()
    config = tomllib.loads((tmp_path / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["api_base"] = dead
    (tmp_path / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    settings = Settings.load(tmp_path)
    pid = in_doubt_post(store, "x_sandbox", "x", "Tidak bisa dicek")
    clock = Clock()
    publisher = Publisher(store, settings, worker="t", clock=clock)
    for _ in range(READ_BACK_TRIES - 1):
        publisher.reconcile_due()
        post = store.get_post(pid)
        assert post.status == "in_doubt" and post.next_try_at and post.next_try_at > clock.now
        clock.now = post.next_try_at + timedelta(seconds=1)
    publisher.reconcile_due()
    post = store.get_post(pid)
    assert post.status == "needs_review"
    assert f"{READ_BACK_TRIES} kali pembacaan ulang gagal" in (post.last_error or "")


def test_an_x_account_on_free_access_goes_to_a_person_at_once(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, store, sb = world
    config = tomllib.loads((tmp_path / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["options"] = {"access": "free"}
    (tmp_path / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    settings = Settings.load(tmp_path)
    reads = sb.state["x"].windows.get((x_emu.USER_ID, "timeline"))
    pid = in_doubt_post(store, "x_sandbox", "x", "Mungkin terkirim lewat akses Free")
    Publisher(store, settings, worker="t").reconcile_due()
    post = store.get_post(pid)
    assert post.status == "needs_review"
    assert "Mungkin terkirim lewat akses Free" in (post.last_error or "")
    assert sb.state["x"].windows.get((x_emu.USER_ID, "timeline")) == reads  # no read
