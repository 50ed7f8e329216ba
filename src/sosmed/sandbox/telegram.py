"""Emulation of the Telegram Bot API for one bot that posts to one public channel.

``/bot<token>/<method>`` with parameters in the query string, a form, JSON or multipart with
``attach://`` names; ``{"ok": ...}`` envelopes whose ``error_code`` equals the HTTP status;
HTML parse mode checked as strictly as Telegram does (unknown or unbalanced tags are a 400);
lengths counted in UTF-16 units after entity parsing (4096 for a message, 1024 for a caption).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from html import unescape
from typing import Any

from sosmed.sandbox.bluesky import image_record
from sosmed.sandbox.core import Hang, Request, Reset, Response, Route, Sandbox, json_response, route

PLATFORM = "telegram"
DEMO_ORDER = 4  # where its account comes in the sandbox's config (default: after these)
DEMO_TOKEN = "7012345678:AAHsandboxDemoTokenForHumasKab0123456789"
DEMO_CHAT = "@humas_sandbox"
RETRY_AFTER = 7
TEXT_MAX = 4096
CAPTION_MAX = 1024
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "span", "tg-spoiler", "tg-emoji", "blockquote",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")


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


class EntityError(ValueError):
    """The HTML text cannot be parsed the way Telegram parses it."""


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
                "chats": {DEMO_CHAT: {"id": -1001234567890, "title": "Humas Kabupaten (sandbox)"}},
                "calls": {},
            },
        )


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """The text a reader sees: tags removed, entities decoded; EntityError when Telegram refuses."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while (lt := text.find("<", pos)) != -1:
        out.append(_text_part(text[pos:lt]))
        m = _TAG.match(text, lt)
        if not m or m.group(2).lower() not in ALLOWED_TAGS:
            name = m.group(2) if m else text[lt + 1 : lt + 8]
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {lt}')
        _balance(stack, m.group(1) == "/", m.group(2).lower(), lt)
        pos = m.end()
    out.append(_text_part(text[pos:]))
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _text_part(part: str) -> str:
    # Only the entities Telegram knows are decoded; a bare "&" or ">" stays as written.
    return _ENTITY.sub(lambda m: unescape(m.group(0)), part)


def _balance(stack: list[str], closing: bool, name: str, offset: int) -> None:
    if not closing:
        stack.append(name)
    elif not stack or stack.pop() != name:
        raise EntityError(f'Unmatched end tag at byte offset {offset}, expected "</{name}>"')


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
        method = m.group("method")
        with sb.lock:
            st["calls"][method] = st["calls"].get(method, 0) + 1
        handler = _METHODS.get(method.lower())
        if handler is None:
            return _error(404, "Not Found: method not found")
        return handler(sb, _form(req), bot)

    pattern = r"/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)"
    return [route("GET", pattern, handle), route("POST", pattern, handle)]


def _get_me(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    return _ok({"id": bot["id"], "is_bot": True, "first_name": "Humas", **bot})


def _get_chat(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    found = _chat(sb, form.fields.get("chat_id"))
    if found is None:
        return _error(400, "Bad Request: chat not found")
    name, chat = found
    return _ok({"id": chat["id"], "type": "channel", "title": chat["title"], "username": name[1:]})


def _chat(sb: Sandbox, chat_id: str | None) -> tuple[str, dict[str, Any]] | None:
    for name, chat in state(sb)["chats"].items():
        if chat_id in (name, str(chat["id"])):
            return name, chat
    return None


def _send_message(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    try:
        text = _visible(form.fields.get("text", ""), form.fields.get("parse_mode"))
    except EntityError as e:
        return _error(400, f"Bad Request: can't parse entities: {e}")
    if not text.strip():
        return _error(400, "Bad Request: message text is empty")
    if utf16_len(text) > TEXT_MAX:
        return _error(400, "Bad Request: message is too long")
    return _create(sb, form, text, [])


def _send_photo(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
    photo = form.files.get("photo")
    if photo is None:
        return _error(400, "Bad Request: there is no photo in the request")
    try:
        caption = _visible(form.fields.get("caption", ""), form.fields.get("parse_mode"))
    except EntityError as e:
        return _error(400, f"Bad Request: can't parse entities: {e}")
    if utf16_len(caption) > CAPTION_MAX:
        return _error(400, "Bad Request: message caption is too long")
    return _create(sb, form, caption, [photo])


def _send_media_group(sb: Sandbox, form: Form, bot: dict[str, Any]) -> Response:
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
    if any(utf16_len(c) > CAPTION_MAX for c in captions):
        return _error(400, "Bad Request: message caption is too long")
    return _create(sb, form, captions[0], photos, group=True)


def _visible(text: str, parse_mode: str | None) -> str:
    return parse_html(text) if (parse_mode or "").upper() == "HTML" else text


def _create(
    sb: Sandbox, form: Form, text: str, photos: list[bytes], group: bool = False
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
    sb: Sandbox, found: tuple[str, dict[str, Any]], text: str, photos: list[bytes]
) -> list[dict[str, Any]]:
    name, chat = found
    ids = [sb.next_id() for _ in photos or [b""]]
    now = int(time.time())
    chat_obj = {"id": chat["id"], "type": "channel", "title": chat["title"], "username": name[1:]}
    messages = []
    for i, message_id in enumerate(ids):
        msg: dict[str, Any] = {"message_id": message_id, "date": now, "chat": chat_obj}
        if photos:
            msg["photo"] = [_photo_size(photos[i])]
            if len(photos) > 1:
                msg["media_group_id"] = str(ids[0])
        key = "caption" if photos else "text"
        if i == 0 and text:
            msg[key] = text
        messages.append(msg)
    images = [image_record(p, None) for p in photos]
    url = f"https://t.me/{name[1:]}/{ids[0]}"
    sb.ledger.add(PLATFORM, name, str(ids[0]), text, images, url, message_ids=ids)
    return messages


def _photo_size(data: bytes) -> dict[str, Any]:
    info = image_record(data, None)
    file_id = f"sandbox-{info['sha256'][:24]}"
    size = {"width": info["width"], "height": info["height"], "file_size": len(data)}
    return {"file_id": file_id, "file_unique_id": info["sha256"][:12], **size}


_METHODS = {
    "getme": _get_me,
    "getchat": _get_chat,
    "sendmessage": _send_message,
    "sendphoto": _send_photo,
    "sendmediagroup": _send_media_group,
}
