"""Telegram publisher against the sandbox's Bot API, through the real client code."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
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
from sosmed.platforms.telegram import TelegramPlatform, permalink, plan
from sosmed.sandbox import telegram as emu
from sosmed.sandbox.core import Sandbox
from sosmed.settings import secret_env_name

TOKEN = emu.DEMO_TOKEN

Maker = Callable[..., TelegramPlatform]


box, sb, make = platform_fixtures("telegram", emu, TelegramPlatform)


@pytest.fixture
def tg(make: Maker) -> TelegramPlatform:
    return make()


def calls(sb: Sandbox, method: str) -> int:
    return int(sb.state["telegram"]["calls"].get(method, 0))


def test_text_is_escaped_so_it_shows_as_written(sb: Sandbox, tg: TelegramPlatform) -> None:
    text = 'Rapat <b>penting</b> & "terbuka" untuk umum <3 https://bengkaliskab.go.id/a?b=1&c=2'
    published = tg.publish(outgoing(tg.account.name, text))
    [entry] = entries(sb, "telegram")
    assert entry["text"] == text
    assert entry["images"] == []
    assert published.remote_id == entry["remote_id"]
    assert published.url == f"https://t.me/humas_sandbox/{published.remote_id}"
    assert published.at is not None and published.at.tzinfo is not None
    assert calls(sb, "sendMessage") == 1


def test_unescaped_html_would_be_refused_by_telegram() -> None:
    with pytest.raises(emu.EntityError):
        emu.parse_html("nilai <3 dan <b>tebal")
    assert emu.parse_html("a &lt;3 &amp; <b>b</b>") == "a <3 & b"


def test_one_photo_goes_with_its_caption(sb: Sandbox, tg: TelegramPlatform, tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.jpg", (120, 80))
    tg.publish(outgoing(tg.account.name, "Foto kegiatan", [image]))
    [entry] = entries(sb, "telegram")
    assert entry["text"] == "Foto kegiatan"
    assert [(i["sha256"], i["width"], i["height"]) for i in entry["images"]] == [
        (image.sha256, 120, 80)
    ]
    assert calls(sb, "sendPhoto") == 1


def test_several_photos_make_one_album(sb: Sandbox, tg: TelegramPlatform, tmp_path: Path) -> None:
    colors = ["red", "green", "blue"]
    images = [make_image(tmp_path / f"{c}.jpg", color=c, alt=c) for c in colors]
    published = tg.publish(outgoing(tg.account.name, "Album & <galeri>", images))
    [entry] = entries(sb, "telegram")
    assert entry["text"] == "Album & <galeri>"
    assert [i["sha256"] for i in entry["images"]] == [i.sha256 for i in images]
    assert len(entry["message_ids"]) == 3
    assert published.remote_id == str(entry["message_ids"][0])
    assert calls(sb, "sendMediaGroup") == 1


def test_caption_over_1024_units_is_refused_before_sending(
    sb: Sandbox, tg: TelegramPlatform, tmp_path: Path
) -> None:
    image = make_image(tmp_path / "a.jpg")
    text = "😀" * 513  # 1026 UTF-16 units, 513 code points
    with pytest.raises(Rejected, match="1026"):
        tg.publish(outgoing(tg.account.name, text, [image]))
    tg.publish(outgoing(tg.account.name, text))  # the same text fits a message
    assert calls(sb, "sendPhoto") == 0
    assert len(entries(sb, "telegram")) == 1


def test_eleven_photos_are_refused(sb: Sandbox, tg: TelegramPlatform, tmp_path: Path) -> None:
    images = [make_image(tmp_path / f"{i}.jpg") for i in range(11)]
    with pytest.raises(Rejected):
        tg.publish(outgoing(tg.account.name, "x", images))
    assert entries(sb, "telegram") == []


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
    sb: Sandbox, tg: TelegramPlatform, tmp_path: Path, kind: str, error: type, created: int
) -> None:
    set_fault(sb, "telegram", kind)
    images = [make_image(tmp_path / "a.jpg"), make_image(tmp_path / "b.jpg")]
    with pytest.raises(error) as caught:
        tg.publish(outgoing(tg.account.name, "Pengumuman", images))
    assert len(entries(sb, "telegram")) == created
    assert leaks(caught.value, TOKEN) == []
    if isinstance(caught.value, RateLimited):
        assert caught.value.retry_after == emu.RETRY_AFTER


def test_find_cannot_tell_even_after_a_lost_answer(sb: Sandbox, tg: TelegramPlatform) -> None:
    set_fault(sb, "telegram", "after")
    item = outgoing(tg.account.name, "Pengumuman")
    with pytest.raises(InDoubt):
        tg.publish(item)
    with pytest.raises(CannotTell, match="@humas_sandbox"):
        tg.find(item, datetime.now(UTC))


def test_refused_connection_is_transient(make: Maker) -> None:
    tg = make(api_base=closed_port_url())
    with pytest.raises(Transient) as caught:
        tg.publish(outgoing(tg.account.name, "Pengumuman"))
    assert not isinstance(caught.value, InDoubt)
    assert leaks(caught.value, TOKEN) == []


def test_unknown_token_and_chat(make: Maker, monkeypatch: pytest.MonkeyPatch) -> None:
    lost = make(options={"chat_id": "@tidak_ada"})
    with pytest.raises(Rejected, match="chat not found"):
        lost.publish(outgoing(lost.account.name, "Pengumuman"))
    tg = make()
    wrong = "7012345678:AAHwrongTokenWrongTokenWrongToken12345"
    monkeypatch.setenv(secret_env_name(tg.account.name, "bot_token"), wrong)
    with pytest.raises(AuthError) as caught:
        tg.check()
    assert leaks(caught.value, wrong, TOKEN) == []


def test_check_names_the_bot_and_channel(tg: TelegramPlatform) -> None:
    info = tg.check()
    assert info.identity == "@humas_sandbox_bot"
    assert info.expires_at is None
    assert "Humas" in info.detail


def test_plan_and_permalinks_are_pure(tmp_path: Path) -> None:
    image = make_image(tmp_path / "a.jpg")
    method, fields = plan("a<b", [image, image], "@c")
    assert method == "sendMediaGroup"
    assert '"caption": "a&lt;b"' in fields["media"]
    assert plan("x", [], "@c") == (
        "sendMessage",
        {"chat_id": "@c", "text": "x", "parse_mode": "HTML"},
    )
    assert permalink("-1001234", 5) == "https://t.me/c/1234/5"
    assert permalink("12345", 5) is None
    assert hashlib.sha256(image.path.read_bytes()).hexdigest() == image.sha256


@pytest.mark.parametrize(
    ("rights", "words"),
    [
        ({"status": "member"}, "bot bukan admin kanal"),
        ({"status": "left"}, "bot bukan admin kanal"),
        ({"status": "administrator", "can_post_messages": False}, "bot tidak boleh mengirim"),
    ],
)
def test_a_bot_without_the_right_to_post_fails_the_check_and_every_send(
    sb: Sandbox, tg: TelegramPlatform, rights: dict[str, object], words: str
) -> None:
    emu.set_rights(sb, rights)
    with pytest.raises(Rejected, match=words) as checked:
        tg.check()
    assert "\n" not in str(checked.value) and "TelegramPlatform" not in str(checked.value)
    with pytest.raises(Rejected, match="bot bukan admin kanal") as sent:
        tg.publish(outgoing(tg.account.name, "Rapat koordinasi"))
    assert sent.value.http_status in (400, 403)
    assert entries(sb, "telegram") == []


@pytest.mark.parametrize("status", ["creator", "administrator"])
def test_an_admin_that_may_post_passes_the_check(
    sb: Sandbox, tg: TelegramPlatform, status: str
) -> None:
    emu.set_rights(sb, {"status": status})
    assert tg.check().identity == "@humas_sandbox_bot"
    assert calls(sb, "getChatMember") == 1


def test_accounts_check_tells_a_person_the_bot_is_no_admin(
    sb: Sandbox, tg: TelegramPlatform
) -> None:
    from sosmed.office import Office

    office = Office(tg.settings)
    emu.set_rights(sb, {"status": "member"})
    (row,) = office.check_accounts(tg.account.name)
    assert row["ok"] is False
    assert row["error"].startswith("telegram: bot bukan admin kanal @humas_sandbox")
    emu.set_rights(sb, {"status": "administrator"})
    (row,) = office.check_accounts(tg.account.name)
    assert row["ok"] is True and row["identity"] == "@humas_sandbox_bot"
