"""Client libraries written by others, pointed at the sandbox, get what the real platforms send.

python-telegram-bot 22 (async ``Bot(token, base_url=...)``), pyTelegramBotAPI (``telebot``, via
``apihelper.API_URL``; it sends multipart ``filename=`` unquoted) and Mastodon.py
(``Mastodon(api_base_url=...)``): a text, a photo with its caption or description, reading it
back, each library's own exception on a bad token and on an over-long text, and Telegram's
refusal of a bot that may not post in its channel.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import telebot
import telegram
from mastodon import Mastodon, MastodonAPIError, MastodonUnauthorizedError
from PIL import Image
from telebot import apihelper
from tests.support.platform_demo import entries, fresh, running_sandbox
from urllib3 import fields as urllib3_fields

from sosmed.sandbox import mastodon as mastodon_emu
from sosmed.sandbox import telegram as telegram_emu
from sosmed.sandbox.core import Sandbox

CHAT = telegram_emu.DEMO_CHAT
TEXT = "<b>Bupati</b> meresmikan 😀 jembatan https://bengkaliskab.go.id/b/1 #Bengkalis"


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    with running_sandbox() as sb:
        yield sb


@pytest.fixture
def sb(box: Sandbox) -> Sandbox:
    fresh(box, "mastodon")
    return fresh(box, "telegram")


def jpeg(color: str = "red") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buf, "JPEG")
    return buf.getvalue()


# python-telegram-bot ------------------------------------------------------------------------


def ptb(sb: Sandbox, token: str = telegram_emu.DEMO_TOKEN) -> telegram.Bot:
    return telegram.Bot(token, base_url=f"{sb.base_url}/bot")


def run(sb: Sandbox, work: Any, token: str = telegram_emu.DEMO_TOKEN) -> Any:
    async def go() -> Any:
        async with ptb(sb, token) as bot:
            return await work(bot)

    return asyncio.run(go())


def test_ptb_text_comes_back_with_its_entities_in_utf16(sb: Sandbox) -> None:
    async def work(bot: telegram.Bot) -> telegram.Message:
        return await bot.send_message(CHAT, TEXT, parse_mode="HTML")

    msg = run(sb, work)
    found = {e.type: text for e, text in msg.parse_entities().items()}
    assert found == {
        "bold": "Bupati",
        "url": "https://bengkaliskab.go.id/b/1",
        "hashtag": "#Bengkalis",
    }
    assert msg.text.startswith("Bupati meresmikan 😀") and msg.sender_chat.id == msg.chat.id
    assert [e["text"] for e in entries(sb, "telegram")] == [msg.text]


def test_ptb_photo_caption_and_chat_read_back(sb: Sandbox) -> None:
    async def work(bot: telegram.Bot) -> tuple[telegram.Message, telegram.ChatFullInfo, Any]:
        sent = await bot.send_photo(CHAT, jpeg(), caption="Foto <i>jembatan</i>", parse_mode="HTML")
        me = await bot.get_me()
        return sent, await bot.get_chat(CHAT), await bot.get_chat_member(CHAT, me.id)

    sent, chat, member = run(sb, work)
    assert sent.caption == "Foto jembatan" and sent.photo[0].width == 64
    assert sent.parse_caption_entities() == {sent.caption_entities[0]: "jembatan"}
    assert chat.type == "channel" and chat.username == CHAT[1:]
    assert chat.max_reaction_count > 0 and chat.accepted_gift_types is not None
    assert member.status == "administrator" and member.can_post_messages


def test_ptb_raises_its_own_errors(sb: Sandbox) -> None:
    async def too_long(bot: telegram.Bot) -> None:
        await bot.send_message(CHAT, "a" * 4097)

    with pytest.raises(telegram.error.BadRequest, match="too long"):
        run(sb, too_long)
    with pytest.raises(telegram.error.InvalidToken):
        run(sb, too_long, token="123456:wrong")

    async def unknown(bot: telegram.Bot) -> None:
        await bot.do_api_request("noSuchMethod")

    with pytest.raises(telegram.error.EndPointNotFound):
        run(sb, unknown)
    assert entries(sb, "telegram") == []


@pytest.mark.parametrize(
    ("rights", "error", "words"),
    [
        ({"status": "left"}, telegram.error.Forbidden, "not a member of the channel chat"),
        ({"status": "member"}, telegram.error.BadRequest, "administrator rights"),
        (
            {"status": "administrator", "can_post_messages": False},
            telegram.error.BadRequest,
            "administrator rights",
        ),
    ],
)
def test_ptb_is_refused_when_the_bot_may_not_post(
    sb: Sandbox, rights: dict[str, Any], error: type[Exception], words: str
) -> None:
    telegram_emu.set_rights(sb, rights)

    async def work(bot: telegram.Bot) -> None:
        member = await bot.get_chat_member(CHAT, bot.id)
        assert member.status == rights["status"]
        await bot.send_message(CHAT, "Rapat koordinasi")

    with pytest.raises(error, match=words):
        run(sb, work)
    assert entries(sb, "telegram") == []


# pyTelegramBotAPI ---------------------------------------------------------------------------


@pytest.fixture
def tb(sb: Sandbox, monkeypatch: pytest.MonkeyPatch) -> telebot.TeleBot:
    monkeypatch.setattr(apihelper, "API_URL", sb.base_url + "/bot{0}/{1}")
    # telebot replaces urllib3's multipart header formatter for the whole process: put it back.
    name = apihelper.format_header_param_name
    if name:
        monkeypatch.setattr(urllib3_fields, name, getattr(urllib3_fields, name))
    return telebot.TeleBot(telegram_emu.DEMO_TOKEN, threaded=False)


def test_telebot_text_photo_and_chat(sb: Sandbox, tb: telebot.TeleBot) -> None:
    msg = tb.send_message(CHAT, TEXT, parse_mode="HTML")
    assert [e.type for e in msg.entities] == ["bold", "url", "hashtag"]
    photo = io.BytesIO(jpeg("blue"))
    photo.name = "foto.jpg"  # sent as filename=foto.jpg, unquoted
    sent = tb.send_photo(CHAT, photo, caption="Foto <b>jembatan</b>", parse_mode="HTML")
    assert sent.caption == "Foto jembatan" and sent.photo[0].height == 48
    assert entries(sb, "telegram")[-1]["images"][0]["width"] == 64
    chat = tb.get_chat(CHAT)
    assert chat.type == "channel" and chat.title and chat.accent_color_id is not None


def test_telebot_raises_api_telegram_exception(sb: Sandbox, tb: telebot.TeleBot) -> None:
    with pytest.raises(apihelper.ApiTelegramException) as long:
        tb.send_message(CHAT, "a" * 4097)
    assert long.value.error_code == 400 and "too long" in long.value.description
    switch = f"{sb.base_url}/_telegram/rights"
    assert requests.post(switch, json={"status": "boss"}, timeout=5).status_code == 400
    assert requests.post(switch, json={"status": "left"}, timeout=5).ok
    with pytest.raises(apihelper.ApiTelegramException) as refused:
        tb.send_message(CHAT, "Rapat koordinasi")
    assert refused.value.error_code == 403
    with pytest.raises(apihelper.ApiTelegramException) as bad:
        telebot.TeleBot("123456:wrong", threaded=False).get_me()
    assert bad.value.error_code == 401


def test_chunked_multipart_with_unquoted_parameters(sb: Sandbox) -> None:
    body = (
        b"--b0\r\nContent-Disposition: form-data; name=chat_id\r\n\r\n" + CHAT.encode() + b"\r\n"
        b"--b0\r\nContent-Disposition: form-data; name=caption\r\n\r\nFoto\r\n"
        b"--b0\r\nContent-Disposition: form-data; name=photo; filename=a.jpg\r\n"
        b"Content-Type: image/jpeg\r\n\r\n" + jpeg() + b"\r\n--b0--\r\n"
    )
    url = f"{sb.base_url}/bot{telegram_emu.DEMO_TOKEN}/sendPhoto"
    pieces = iter([body[:100], body[100:]])  # a generator: requests sends it chunked
    resp = requests.post(
        url, data=pieces, headers={"Content-Type": "multipart/form-data; boundary=b0"}
    )
    assert resp.json()["result"]["caption"] == "Foto"
    missing = requests.post(f"{sb.base_url}/bot{telegram_emu.DEMO_TOKEN}/sendNothing", timeout=5)
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


# Mastodon.py --------------------------------------------------------------------------------


def masto(sb: Sandbox, token: str = mastodon_emu.DEMO_TOKEN) -> Mastodon:
    return Mastodon(access_token=token, api_base_url=sb.base_url, request_timeout=5)


def test_mastodon_py_status_is_complete_and_reads_back(sb: Sandbox) -> None:
    api = masto(sb)
    media = api.media_post(jpeg(), mime_type="image/jpeg", description="Bupati di jembatan")
    status = api.status_post(
        "Jembatan baru #Bengkalis https://bengkaliskab.go.id/b/1", media_ids=[media]
    )
    assert [t.name for t in status.tags] == ["Bengkalis"]
    assert (status.mentions, status.emojis, status.sensitive, status.spoiler_text) == (
        [],
        [],
        False,
        "",
    )
    counts = (status.replies_count, status.reblogs_count, status.favourites_count)
    assert counts == (0, 0, 0)
    assert status.media_attachments[0].description == "Bupati di jembatan"
    assert status.media_attachments[0].preview_url and status.media_attachments[0].blurhash
    again = api.status(status.id)
    assert again.id == status.id and again.content == status.content
    assert again.account.statuses_count == 1


def test_mastodon_py_raises_its_own_errors(sb: Sandbox) -> None:
    with pytest.raises(MastodonUnauthorizedError):
        masto(sb, "wrong-token").status_post("Rapat")
    with pytest.raises(MastodonAPIError) as long:
        masto(sb).status_post("a" * 501)
    assert long.value.args[1] == 422 and "character limit" in long.value.args[3]
    assert entries(sb, "mastodon") == []


def test_mastodon_py_sees_the_instances_own_limits(sb: Sandbox) -> None:
    switch = f"{sb.base_url}/_mastodon/instance"
    assert requests.post(switch, json={"max_characters": 0}, timeout=5).status_code == 422
    assert requests.post(switch, json={"max_characters": 1000}, timeout=5).ok
    api = masto(sb)
    limits = api.instance_v2().configuration.statuses
    assert (limits.max_characters, limits.characters_reserved_per_url) == (1000, 23)
    assert api.status_post("a" * 900).id
