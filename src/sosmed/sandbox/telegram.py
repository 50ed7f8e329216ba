"""Emulation of the Telegram Bot API for one bot that posts to one public channel.

``/bot<token>/<method>`` with parameters in the query string, a form, JSON or multipart with
``attach://`` names; ``{"ok": ...}`` envelopes whose ``error_code`` equals the HTTP status;
HTML parse mode checked as strictly as Telegram does (unknown or unbalanced tags are a 400) and
answered with the message's ``entities`` (``telegram_entities``); lengths counted in UTF-16 units
after entity parsing (4096 for a message, 1024 for a caption); the objects in full
(``telegram_objects``); an unknown method answered ``{"ok": false, "error_code": 404,
"description": "Not Found"}``.

The bot's membership of the channel is modelled: ``POST /_telegram/rights`` with
``{"status": "member"}`` (or ``"left"``, ``"kicked"``, ``"restricted"``, ``"creator"``, or
``"administrator"`` with ``"can_post_messages": false``) makes every send answer as Telegram
does to such a bot (403 ``Forbidden: bot is not a member of the channel chat``, 400 ``Bad
Request: need administrator rights in the channel chat``) and ``getChatMember`` tell it.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from sosmed.sandbox import telegram_objects as objects
from sosmed.sandbox.bluesky import image_record
from sosmed.sandbox.core import Hang, Request, Reset, Response, Route, Sandbox, json_response, route
from sosmed.sandbox.telegram_entities import EntityError as EntityError  # the tests' names
from sosmed.sandbox.telegram_entities import auto_entities, parse_html_entities, utf16_len
from sosmed.sandbox.telegram_entities import parse_html as parse_html

PLATFORM = "telegram"
DEMO_ORDER = 4  # where its account comes in the sandbox's config (default: after these)
DEMO_TOKEN = "7012345678:AAHsandboxDemoTokenForHumasKab0123456789"
DEMO_CHAT = "@humas_sandbox"
RETRY_AFTER = 7
TEXT_MAX = 4096
CAPTION_MAX = 1024
DELETE_WINDOW = 48 * 3600  # seconds: a bot deletes a channel message only this soon after
ADMIN = {"status": "administrator", "can_post_messages": True}


@dataclass
class Form:
    """A call's parameters (query, form, JSON or multipart) and its uploaded files by name."""

    fields: dict[str, str]
    files: dict[str, bytes]


def _form(req: Request) -> Form:
    query = {k: v[0] for k, v in req.query.items()}
    if not req.headers.get("content-type", "").startswith("multipart/form-data"):
        return Form({**req.params(), **query}, {})
    fields, files = {}, {}
    for upload in req.uploads():
        if upload.filename:
            files[upload.name] = upload.data
        else:
            fields[upload.name] = upload.data.decode("utf-8", "replace")
    return Form({**fields, **query}, files)


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "telegram_sandbox",
        "platform": PLATFORM,
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"chat_id": DEMO_CHAT},
    }
    return account, {"bot_token": DEMO_TOKEN}


def state(sb: Sandbox) -> dict[str, Any]:
    with sb.lock:
        return sb.state.setdefault(
            PLATFORM,
            {
                "bots": {DEMO_TOKEN: {"id": 7012345678, "username": "humas_sandbox_bot"}},
                "chats": {
                    DEMO_CHAT: {
                        "id": -1001234567890,
                        "title": "Humas Kabupaten (sandbox)",
                        "rights": dict(ADMIN),  # the bot's membership of the channel
                    }
                },
                "calls": {},
                # message id -> (channel name, send time): what deleteMessage may find
                "messages": {},
            },
        )


def set_rights(sb: Sandbox, rights: dict[str, Any], chat: str = DEMO_CHAT) -> None:
    """Make the bot what ``rights`` says in the channel (``{"status": "member"}``...)."""
    if rights.get("status", "administrator") not in objects.STATUSES:
        raise ValueError(f"status must be one of {', '.join(objects.STATUSES)}")
    with sb.lock:
        state(sb)["chats"][chat]["rights"] = {**ADMIN, **rights}


def _error(code: int, description: str, **parameters: Any) -> Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    headers = {}
    if parameters:
        body["parameters"] = parameters
        if "retry_after" in parameters:
            headers["Retry-After"] = str(parameters["retry_after"])
    return json_response(body, code, headers)


def _ok(result: Any) -> Response:
    return json_response({"ok": True, "result": result})


def routes(sb: Sandbox) -> list[Route]:
    def handle(req: Request, m: re.Match[str]) -> Response:
        st = state(sb)
        bot = st["bots"].get(m.group("token"))
        if bot is None:
            return _error(401, "Unauthorized")
        method = m.group("method") or ""
        with sb.lock:
            st["calls"][method] = st["calls"].get(method, 0) + 1
        handler = _METHODS.get(method.lower())
        if handler is None:
            return _error(404, "Not Found")
        return handler(sb, _form(req), bot)

    def rights(req: Request, m: re.Match[str]) -> Response:
        try:
            set_rights(sb, dict(req.json() or {}))
        except (TypeError, ValueError) as e:
            return json_response({"error": str(e)}, 400)
        return json_response(state(sb)["chats"][DEMO_CHAT]["rights"])

    pattern = r"/bot(?P<token>[^/]+)(?:/(?P<method>[^/]*))?/?"
    return [
        route("GET", pattern, handle),
        route("POST", pattern, handle),
        route("POST", r"/_telegram/rights", rights),
    ]


def _get_me(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    return _ok(objects.user(bot))


def _get_chat(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    return _ok(objects.chat_full(*found))


def _get_chat_member(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    user_id = form.fields.get("user_id", "")
    if not user_id.lstrip("-").isdigit():
        return _error(400, "Bad Request: invalid user_id specified")
    rights = found[1]["rights"]
    if int(user_id) == bot["id"]:
        return _ok(objects.member(bot, rights))
    if objects.refusal(rights) is not None:
        return _error(400, "Bad Request: member list is inaccessible")
    return _error(400, "Bad Request: user not found")


def _chat(sb: Sandbox, chat_id: str | None) -> tuple[str, dict[str, Any]] | None:
    for name, chat in state(sb)["chats"].items():
        if chat_id in (name, str(chat["id"])):
            return name, chat
    return None


Text = tuple[str, list[dict[str, Any]]]  # what a reader sees, and its entities


def _refused(sb: Sandbox, form: Form) -> Response | None:
    """The answer to a send that Telegram refuses before reading it: no chat, no right."""
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    refusal = objects.refusal(found[1]["rights"])
    return _error(*refusal) if refusal else None


def _send_message(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    if refused := _refused(sb, form):
        return refused
    try:
        text = _visible(form.fields.get("text", ""), form.fields.get("parse_mode"))
    except EntityError as e:
        return _error(400, f"Bad Request: can't parse entities: {e}")
    if not text[0].strip():
        return _error(400, "Bad Request: message text is empty")
    if utf16_len(text[0]) > TEXT_MAX:
        return _error(400, "Bad Request: message is too long")
    return _create(sb, form, text, [])


def _send_photo(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    if refused := _refused(sb, form):
        return refused
    photo = form.files.get("photo")
    if photo is None:
        return _error(400, "Bad Request: there is no photo in the request")
    try:
        caption = _visible(form.fields.get("caption", ""), form.fields.get("parse_mode"))
    except EntityError as e:
        return _error(400, f"Bad Request: can't parse entities: {e}")
    if utf16_len(caption[0]) > CAPTION_MAX:
        return _error(400, "Bad Request: message caption is too long")
    return _create(sb, form, caption, [photo])


def _send_media_group(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    if refused := _refused(sb, form):
        return refused
    uploads = form.files
    try:
        media = json.loads(form.fields.get("media", ""))
    except ValueError:
        return _error(400, "Bad Request: can't parse media JSON object")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        return _error(400, "Bad Request: wrong number of media items (must be 2-10)")
    photos, captions = [], []
    for item in media:
        ref = str(item.get("media", ""))
        if item.get("type") != "photo" or not ref.startswith("attach://"):
            return _error(400, "Bad Request: wrong type of the media item")
        if ref[len("attach://") :] not in uploads:
            return _error(400, "Bad Request: wrong file identifier/HTTP URL specified")
        photos.append(uploads[ref[len("attach://") :]])
        try:
            captions.append(_visible(item.get("caption") or "", item.get("parse_mode")))
        except EntityError as e:
            return _error(400, f"Bad Request: can't parse entities: {e}")
    if any(utf16_len(c[0]) > CAPTION_MAX for c in captions):
        return _error(400, "Bad Request: message caption is too long")
    return _create(sb, form, captions[0], photos, group=True)


def _visible(text: str, parse_mode: str | None) -> Text:
    if (parse_mode or "").upper() == "HTML":
        return parse_html_entities(text)
    return text, auto_entities(text)


def _create(
    sb: Sandbox, form: Form, text: Text, photos: list[bytes], group: bool = False
) -> Response:
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return _error(500, "Internal Server Error")
    if fault == "ratelimit":
        return _error(429, f"Too Many Requests: retry after {RETRY_AFTER}", retry_after=RETRY_AFTER)
    if fault == "auth":
        return _error(401, "Unauthorized")
    messages = _record(sb, found, text, photos)
    if fault == "after":
        return _error(502, "Bad Gateway")
    if fault == "hang":
        raise Hang()
    if fault == "reset":
        raise Reset()
    return _ok(messages if group else messages[0])


def _record(
    sb: Sandbox, found: tuple[str, dict[str, Any]], text: Text, photos: list[bytes]
) -> list[dict[str, Any]]:
    name, chat = found
    with sb.lock:  # an album's messages have consecutive ids, as in a Telegram channel
        ids = [sb.next_id() for _ in photos or [b""]]
    now = int(time.time())
    with sb.lock:
        state(sb)["messages"].update({i: (name, now) for i in ids})
    in_chat = objects.chat(name, chat)
    messages = []
    for i, message_id in enumerate(ids):
        words, entities = text if i == 0 else ("", [])
        photo = _photo_size(photos[i]) if photos else None
        msg = objects.message(message_id, now, in_chat, words, entities, photo)
        if len(photos) > 1:
            msg["media_group_id"] = str(ids[0])
        messages.append(msg)
    images = [image_record(p, None) for p in photos]
    url = f"https://t.me/{name[1:]}/{ids[0]}"
    sb.ledger.add(PLATFORM, name, str(ids[0]), text[0], images, url, message_ids=ids)
    return messages


def _photo_size(data: bytes) -> dict[str, Any]:
    info = image_record(data, None)
    file_id = f"sandbox-{info['sha256'][:24]}"
    size = {"width": info["width"], "height": info["height"], "file_size": len(data)}
    return {"file_id": file_id, "file_unique_id": info["sha256"][:12], **size}


def _delete_message(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    return _delete(sb, form, [form.fields.get("message_id", "")], single=True)


def _delete_messages(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    try:
        ids = [str(i) for i in json.loads(form.fields.get("message_ids") or "[]")]
    except ValueError:
        return _error(400, "Bad Request: can't parse message identifiers list")
    if not 1 <= len(ids) <= 100:
        return _error(400, "Bad Request: too many message identifiers specified")
    return _delete(sb, form, ids, single=False)


def _delete(sb: Sandbox, form: Form, given: list[str], single: bool) -> Response:
    """Telegram's rules: a message of the chat, sent less than 48 hours ago, by a bot that is
    an admin allowed to delete. deleteMessages skips the ones it cannot find."""
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    if not all(i.isdigit() for i in given):
        return _error(400, "Bad Request: message identifier is not specified")
    if found[1]["rights"].get("status", "administrator") != "administrator":
        return _error(400, "Bad Request: message can't be deleted")
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return _error(500, "Internal Server Error")
    messages = state(sb)["messages"]
    with sb.lock:
        mine = [int(i) for i in given if messages.get(int(i), ("",))[0] == found[0]]
        if single and not mine:
            return _error(400, "Bad Request: message to delete not found")
        if any(time.time() - messages[i][1] > DELETE_WINDOW for i in mine):
            return _error(400, "Bad Request: message can't be deleted")
        for i in mine:
            del messages[i]
    for entry in sb.ledger.snapshot():
        ids = entry.get("message_ids") or []
        if entry["platform"] == PLATFORM and ids and not any(i in messages for i in ids):
            sb.ledger.remove(PLATFORM, entry["remote_id"])
    if fault == "after":
        return _error(502, "Bad Gateway")
    return _ok(True)


_METHODS = {
    "getme": _get_me,
    "getchat": _get_chat,
    "getchatmember": _get_chat_member,
    "sendmessage": _send_message,
    "sendphoto": _send_photo,
    "sendmediagroup": _send_media_group,
    "deletemessage": _delete_message,
    "deletemessages": _delete_messages,
}
