"""Telegram: a bot posts to the office's channel through the Bot API (plain ``requests``).

Account: ``options.chat_id`` is the channel (``@humas_kab``, or ``-100…`` for a private one);
secret ``bot_token`` (``SOSMED_<ACCOUNT>_BOT_TOKEN``). The bot must be an administrator of the
channel with the right to post.

Text rule: ``Outgoing.text`` is plain text. It is sent with ``parse_mode=HTML`` after escaping
``<``, ``>`` and ``&``, so a text shows exactly as written and no character in a news text can
break the message. Lengths are UTF-16 units: 4096 for a message, 1024 for a caption under
photos. A caption over 1024 is refused here (Rejected) rather than split: composing fits it.

- no photo: ``sendMessage``
- one photo: ``sendPhoto`` with the text as caption
- 2–10 photos: ``sendMediaGroup`` (an album), the caption on the first item; the post's remote
  id is the first message's id. Telegram has no alt text, so ``OutgoingImage.alt`` is unused.

Errors (the answer's ``error_code`` equals the HTTP status):

=====================================================  =================================
answer                                                 raised
=====================================================  =================================
429 (``parameters.retry_after``)                       RateLimited(retry_after)
401, 404 (token unknown or revoked)                    AuthError
400, 403 and other 4xx (chat not found, too long...)   Rejected
5xx, read timeout, reset on a send                     InDoubt
5xx, read timeout, reset on getMe / getChat            Transient
connection refused, DNS failure, connect timeout       Transient
=====================================================  =================================

A bot that is not an administrator of the channel with the right to post is refused at every
send (403 ``Forbidden: bot is not a member of the channel chat``, 400 ``Bad Request: need
administrator rights in the channel chat``): Rejected, with the fix in plain words. ``check``
finds it before any post: it asks ``getChatMember`` for the bot (getMe's id) in the channel and
accepts ``creator``, or ``administrator`` with ``can_post_messages``.

``find`` always raises CannotTell: a bot cannot read its channel's history, so an in-doubt
send needs a person to look at the channel. The token travels in the URL path: messages are
built from Telegram's own words and never from ``requests``' exception text, which holds URLs.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from sosmed.errors import (
    AuthError,
    CannotTell,
    ConfigError,
    PlatformError,
    RateLimited,
    Rejected,
)
from sosmed.i18n import N_, _
from sosmed.platforms import _http
from sosmed.platforms.base import (
    AccountInfo,
    Online,
    Outgoing,
    OutgoingImage,
    Platform,
    Published,
)
from sosmed.platforms.builtin import TelegramRules
from sosmed.settings import Account, Settings

API = "https://api.telegram.org"
SENDS = frozenset({"sendMessage", "sendPhoto", "sendMediaGroup"})
MAX_PHOTOS = 10
DEFAULT_RETRY_AFTER = 30.0
# A bot may delete a channel message only within 48 hours of sending it.
DELETE_WINDOW = timedelta(hours=48)

FormFields = dict[str, str]
Files = list[tuple[str, tuple[str, bytes, str]]]


def plan(text: str, images: list[OutgoingImage], chat_id: str) -> tuple[str, FormFields]:
    """The Bot API method and its form fields; the photos go as ``photo`` / ``photoN``. Pure."""
    body = html.escape(text, quote=False)
    if not images:
        return "sendMessage", {"chat_id": chat_id, "text": body, "parse_mode": "HTML"}
    if len(images) == 1:
        return "sendPhoto", {"chat_id": chat_id, "caption": body, "parse_mode": "HTML"}
    media: list[dict[str, str]] = [
        {"type": "photo", "media": f"attach://photo{i}"} for i in range(len(images))
    ]
    if text:
        media[0].update(caption=body, parse_mode="HTML")
    return "sendMediaGroup", {"chat_id": chat_id, "media": json.dumps(media)}


def problem(text: str, images: list[OutgoingImage], image_max_bytes: int) -> str | None:
    """Why Telegram would refuse this post, or None. Pure apart from reading file sizes."""
    if len(images) > MAX_PHOTOS:
        return _("{n} foto; satu album paling banyak {most}").format(n=len(images), most=MAX_PHOTOS)
    if not images and not text.strip():
        return _("teksnya kosong")
    length = TelegramPlatform.measure(text, bool(images))
    most = TelegramPlatform.text_limit(bool(images))
    if length > most:
        if images:
            message = _("keterangan fotonya {length} unit UTF-16; Telegram mengizinkan {most}")
        else:
            message = _("pesannya {length} unit UTF-16; Telegram mengizinkan {most}")
        return message.format(length=length, most=most)
    for image in images:
        if image.path.stat().st_size > image_max_bytes:
            return _("foto {name} lebih dari {cap} byte").format(
                name=image.path.name, cap=image_max_bytes
            )
    return None


def permalink(chat_id: str, message_id: int) -> str | None:
    """The message's address: public channels by name, private ones by their numeric id."""
    if chat_id.startswith("@"):
        return f"https://t.me/{chat_id[1:]}/{message_id}"
    if chat_id.startswith("-100") and chat_id[4:].isdigit():
        return f"https://t.me/c/{chat_id[4:]}/{message_id}"
    return None


# Telegram's words for a bot without the right to post, and what a person reads instead.
NO_RIGHTS = {
    "bot is not a member of the channel chat": N_("bot bukan admin kanal"),
    "bot was kicked from the channel chat": N_("bot bukan admin kanal"),
    # A plain member and an admin without the right get the same answer; `check` tells which.
    "need administrator rights in the channel chat": N_(
        "bot bukan admin kanal atau tidak boleh mengirim ke kanal"
    ),
}
FIX = N_("jadikan bot admin kanal dengan hak mengirim pesan (Post Messages)")


def rights_problem(member: dict[str, Any]) -> str | None:
    """What keeps the bot (its ``getChatMember`` answer) from posting in the channel. Pure."""
    status = member.get("status")
    if status == "creator" or (status == "administrator" and member.get("can_post_messages")):
        return None
    if status == "administrator":
        return _("bot tidak boleh mengirim ke kanal")
    return _("bot bukan admin kanal")


def _plain(words: str) -> str | None:
    lower = words.lower()
    return next((_(plain) for key, plain in NO_RIGHTS.items() if key in lower), None)


def classify(status: int, body: dict[str, Any], headers: Any, *, send: bool) -> PlatformError:
    """The error class of a Bot API answer, by status and ``error_code``. Pure."""
    code = body.get("error_code", status)
    words = str(body.get("description") or "")
    text = _http.message("telegram", status, code, words)
    if status in (400, 403) and (plain := _plain(words)):
        text = _http.message("telegram", status, None, f"{plain}: {_(FIX)} ({words})")
    if status == 429 or code == 429:
        wait = (body.get("parameters") or {}).get("retry_after")
        retry = float(wait) if wait else _http.retry_after(headers, DEFAULT_RETRY_AFTER)
        return RateLimited(text, retry_after=retry, http_status=status, code=str(code))
    if status in (401, 404):
        return AuthError(text, http_status=status, code=str(code))
    if 400 <= status < 500:
        return Rejected(text, http_status=status, code=str(code))
    return _http.server_error("telegram", status, code, words, create=send)


class TelegramPlatform(TelegramRules, Platform):
    summary_sentences = 3
    hosts = (API,)
    secret_fields = ("bot_token",)
    option_fields = ("chat_id",)
    can_read_back = False
    can_retract = True  # within DELETE_WINDOW of the send
    # The Bot API tells a bot no views, reactions or forwards of a channel post.
    no_engagement = N_("tidak tersedia di API Bot")

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))

    @property
    def chat_id(self) -> str:
        chat = self.account.options.get("chat_id", "").strip()
        if not chat:
            raise ConfigError(
                _(
                    "akun {name} perlu options.chat_id (kanalnya, misalnya @humas_kab, atau "
                    "id -100…-nya)"
                ).format(name=repr(self.account.name))
            )
        return chat

    def publish(self, outgoing: Outgoing) -> Published:
        why = problem(outgoing.text, outgoing.images, self.limits.image_max_bytes)
        if why:
            raise Rejected(f"telegram: {why}")
        method, fields = plan(outgoing.text, outgoing.images, self.chat_id)
        self.before_create(outgoing)
        result = self._call(method, fields, _files(outgoing.images))
        first = result[0] if isinstance(result, list) else result
        message_id = int(first["message_id"])
        at = datetime.fromtimestamp(first["date"], UTC) if first.get("date") else None
        return Published(str(message_id), permalink(self.chat_id, message_id), at)

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        raise CannotTell(
            _(
                "telegram: bot tidak bisa membaca riwayat kanalnya; cari postingnya sendiri "
                "di {chat}"
            ).format(chat=self.account.options.get("chat_id", _("kanal itu")))
        )

    def retract(self, online: Online, now: datetime) -> bool:
        """``deleteMessage`` (``deleteMessages`` for an album: its messages' ids follow the
        first one's). Past 48 hours Telegram refuses: Rejected(too_old), without asking."""
        if online.published_at is not None and now - online.published_at > DELETE_WINDOW:
            raise Rejected("telegram: sent more than 48 hours ago", code="too_old")
        first = int(online.remote_id)
        fields = {"chat_id": self.chat_id}
        if online.parts > 1:
            fields["message_ids"] = json.dumps([first + i for i in range(online.parts)])
        else:
            fields["message_id"] = str(first)
        try:
            self._call("deleteMessages" if online.parts > 1 else "deleteMessage", fields)
        except Rejected as e:
            words = str(e).lower()
            if "not found" in words:
                return False
            if "can't be deleted" in words:
                raise Rejected(str(e), http_status=e.http_status, code="cannot_delete") from None
            raise
        return True

    def check(self) -> AccountInfo:
        """The bot, its channel, and its right to post there (Rejected without it)."""
        me = self._call("getMe", {})
        chat = self._call("getChat", {"chat_id": self.chat_id})
        try:
            member = self._call("getChatMember", {"chat_id": self.chat_id, "user_id": me["id"]})
        except Rejected:  # "member list is inaccessible": the bot is no admin there
            member = {"status": "left"}
        if problem := rights_problem(member):
            raise Rejected(f"telegram: {problem} {self.chat_id}: {_(FIX)}")
        title = chat.get("title") or chat.get("username") or self.chat_id
        return AccountInfo(
            f"@{me.get('username', '')}", None, _("kanal {title}").format(title=title)
        )

    def _call(self, method: str, fields: FormFields, files: Files | None = None) -> Any:
        """One Bot API call; the ``result`` of a successful answer."""
        url = f"{API}/bot{self.secret('bot_token')}/{method}"
        send = method in SENDS
        try:
            resp = self.session.post(url, data=fields, files=files or None)
        except requests.RequestException as e:
            raise _http.network_error("telegram", e, create=send) from None
        body = _http.json_body(resp)
        if resp.status_code == 200 and body.get("ok") and "result" in body:
            return body["result"]
        if resp.status_code < 300:  # a 2xx without a result: carried out, answer unreadable
            words = "unreadable answer"
            raise _http.server_error("telegram", resp.status_code, None, words, create=send)
        raise classify(resp.status_code, body, resp.headers, send=send)


def _files(images: list[OutgoingImage]) -> Files:
    if len(images) == 1:
        image = images[0]
        return [("photo", (image.path.name, image.path.read_bytes(), image.mime))]
    return [
        (f"photo{i}", (image.path.name, image.path.read_bytes(), image.mime))
        for i, image in enumerate(images)
    ]
