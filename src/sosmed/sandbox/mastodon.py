"""Emulation of a Mastodon instance's client API for one account.

Instance information (v1 and v2, with and without the trailing slash) whose ``configuration``
comes from ``sb.st["mastodon"]`` (``max_characters``, ``url_length``, ``max_media``,
``image_size_limit``, ``description_limit``); media v2 with ``description`` (answering 202 and
then 206 / 200 to polls when ``async_media`` is set); statuses with ``Idempotency-Key`` (the same
key from the same account within an hour returns the first status and creates nothing); the
account's statuses with HTML ``content`` as Mastodon renders it; ``X-RateLimit-*`` headers and
Mastodon's ``{"error": ...}`` bodies. ``POST /_mastodon/instance`` with ``{"max_characters":
1000}`` (or any of the limits above) changes what the instance allows while it runs.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from datetime import datetime
from typing import Any

import grapheme

from sosmed.sandbox import mastodon_objects as objects
from sosmed.sandbox.bluesky import image_record, sniff_mime
from sosmed.sandbox.core import (
    Hang,
    Request,
    Reset,
    Response,
    Route,
    Sandbox,
    Upload,
    json_response,
    route,
)

PLATFORM = "mastodon"
DEMO_ORDER = 5  # where its account comes in the sandbox's config (default: after these)
DEMO_TOKEN = "sandbox-mastodon-token-3f9a1c7e5b2d4a6c8e0f"
DEMO_ACCOUNT_ID = "109500000000000001"
IDEMPOTENCY_SECONDS = 3600
RATE_LIMIT, RATE_WINDOW = 300, 300
SUPPORTED = ("image/jpeg", "image/png", "image/gif", "image/webp")
_iso = objects.iso


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "mastodon_sandbox",
        "platform": PLATFORM,
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"instance": "https://mastodon.sandbox.test"},
    }
    return account, {"access_token": DEMO_TOKEN}


def state(sb: Sandbox) -> dict[str, Any]:
    with sb.lock:
        return sb.state.setdefault(
            PLATFORM,
            {
                "accounts": {DEMO_TOKEN: {"id": DEMO_ACCOUNT_ID, "username": "humas_sandbox"}},
                "max_characters": 500,
                "url_length": 23,
                "max_media": 4,
                "image_size_limit": 16_777_216,
                "description_limit": 1500,
                "async_media": False,
                "media": {},
                "statuses": {},
                "idempotency": {},
                "hits": {},
                "calls": {},
            },
        )


def _base(req: Request) -> str:
    parts = urllib.parse.urlsplit(req.url)
    return f"{parts.scheme}://{parts.netloc}"


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return json_response({"error": message}, status, headers)


def _rate_headers(sb: Sandbox, token: str) -> dict[str, str]:
    now = time.time()
    with sb.lock:
        hits = [t for t in state(sb)["hits"].get(token, []) if t > now - RATE_WINDOW] + [now]
        state(sb)["hits"][token] = hits
    return {
        "X-RateLimit-Limit": str(RATE_LIMIT),
        "X-RateLimit-Remaining": str(max(0, RATE_LIMIT - len(hits))),
        "X-RateLimit-Reset": _iso(hits[0] + RATE_WINDOW),
    }


def routes(sb: Sandbox) -> list[Route]:
    def authed(fn: Any) -> Any:
        def handler(req: Request, m: re.Match[str]) -> Response:
            auth = req.headers.get("authorization", "")
            token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else ""
            account = state(sb)["accounts"].get(token)
            if account is None:
                return _error(401, "The access token is invalid")
            resp: Response = fn(sb, req, m, account)
            resp.headers = {**_rate_headers(sb, token), **resp.headers}
            return resp

        return handler

    def public(fn: Any) -> Any:
        return lambda req, m: fn(sb, req)

    return [
        route("POST", r"/_mastodon/instance", public(_set_limits)),
        route("GET", r"/api/v1/instance/?", public(_instance_v1)),
        route("GET", r"/api/v2/instance/?", public(_instance_v2)),
        route("GET", r"/api/v1/accounts/verify_credentials", authed(_verify)),
        route("GET", r"/api/v1/accounts/(?P<id>\d+)/statuses", authed(_account_statuses)),
        route("POST", r"/api/v2/media", authed(_upload_media)),
        route("GET", r"/api/v1/media/(?P<id>\d+)", authed(_get_media)),
        route("POST", r"/api/v1/statuses", authed(_post_status)),
        route("GET", r"/api/v1/statuses/(?P<id>\d+)", authed(_get_status)),
    ]


def _configuration(st: dict[str, Any]) -> dict[str, Any]:
    return {
        "statuses": {
            "max_characters": st["max_characters"],
            "max_media_attachments": st["max_media"],
            "characters_reserved_per_url": st["url_length"],
        },
        "media_attachments": {
            "supported_mime_types": list(SUPPORTED),
            "description_limit": st["description_limit"],
            "image_size_limit": st["image_size_limit"],
            "image_matrix_limit": 33_177_600,
        },
    }


LIMITS = ("max_characters", "url_length", "max_media", "image_size_limit", "description_limit")


def _set_limits(sb: Sandbox, req: Request) -> Response:
    """Change the instance's limits: ``{"max_characters": 1000, ...}``; answers them all."""
    data = req.json()
    if not isinstance(data, dict) or not set(data) <= set(LIMITS):
        return _error(422, f"expected an object with some of {', '.join(LIMITS)}")
    figures = {k: v for k, v in data.items() if isinstance(v, int) and v > 0}
    if len(figures) != len(data):
        return _error(422, "each limit is a positive whole number")
    with sb.lock:
        state(sb).update(figures)
    return json_response({k: state(sb)[k] for k in LIMITS})


def _instance_v1(sb: Sandbox, req: Request) -> Response:
    host = urllib.parse.urlsplit(req.url).netloc
    body = {"uri": host, "title": "Mastodon (sandbox)", "version": "4.3.0"}
    return json_response({**body, "configuration": _configuration(state(sb))})


def _instance_v2(sb: Sandbox, req: Request) -> Response:
    host = urllib.parse.urlsplit(req.url).netloc
    body: dict[str, Any] = {"domain": host, "title": "Mastodon (sandbox)", "version": "4.3.0"}
    body["api_versions"] = {"mastodon": 2}
    return json_response({**body, "configuration": _configuration(state(sb))})


def _account_entity(
    sb: Sandbox, req: Request, account: dict[str, Any], new: int = 0
) -> dict[str, Any]:
    """The account, its statuses counted (``new``: one being created now)."""
    with sb.lock:
        mine = sum(1 for s in state(sb)["statuses"].values() if s["account"]["id"] == account["id"])
    return objects.account(_base(req), account, mine + new)


def _verify(sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]) -> Response:
    source = {"privacy": "public", "sensitive": False, "language": "id", "note": "", "fields": []}
    source.update(follow_requests_count=0, hide_collections=None, discoverable=True, indexable=True)
    return json_response({**_account_entity(sb, req, account), "source": source})


def _upload_media(sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]) -> Response:
    st = state(sb)
    parts = {u.name: u for u in req.uploads()}
    file: Upload | None = parts.get("file")
    alt = parts.get("description")
    description = alt.data.decode("utf-8", "replace") if alt and alt.data else None
    if file is None or sniff_mime(file.data) not in SUPPORTED:
        return _error(422, "Validation failed: File content type is invalid, File is invalid")
    if len(file.data) > st["image_size_limit"]:
        return _error(422, "Validation failed: File file size must be less than 16 MB")
    if description and len(description) > st["description_limit"]:
        return _error(422, "Validation failed: Description is too long")
    media_id = str(sb.next_id())
    info = image_record(file.data, description)
    media = {
        **objects.media(_base(req), media_id, info["width"], info["height"], description),
        "_account": account["id"],
        "_info": info,
        "_polls_left": 1 if st["async_media"] else 0,
    }
    with sb.lock:
        st["media"][media_id] = media
    return json_response(_media_entity(media), 202 if media["_polls_left"] else 200)


def _media_entity(media: dict[str, Any]) -> dict[str, Any]:
    entity = {k: v for k, v in media.items() if not k.startswith("_")}
    if media["_polls_left"] > 0:
        entity["url"] = None
    return entity


def _get_media(sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]) -> Response:
    with sb.lock:
        media = state(sb)["media"].get(m.group("id"))
        if media is None or media["_account"] != account["id"]:
            return _error(404, "Record not found")
        processing = media["_polls_left"] > 0
        entity = _media_entity(media)
        media["_polls_left"] = max(0, media["_polls_left"] - 1)
    return json_response(entity, 206 if processing else 200)


def _status_params(req: Request) -> tuple[str, list[str], dict[str, str]]:
    body = (
        req.json() if req.headers.get("content-type", "").startswith("application/json") else None
    )
    if isinstance(body, dict):
        ids = body.get("media_ids") or []
        return str(body.get("status") or ""), [str(i) for i in ids], body
    form = urllib.parse.parse_qs(req.body.decode("utf-8", "replace"))
    flat = {k: v[0] for k, v in form.items()}
    return flat.get("status", ""), form.get("media_ids[]", []), flat


def _post_status(sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]) -> Response:
    st = state(sb)
    key = req.headers.get("idempotency-key")
    if key and (earlier := _replay(sb, account["id"], key)) is not None:
        return json_response(earlier)
    text, media_ids, params = _status_params(req)
    problem = _invalid_status(sb, account, text, media_ids)
    if problem:
        return _error(422, problem)
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return Response(503, b"<html><body><h1>503 Service Unavailable</h1></body></html>")
    if fault == "ratelimit":
        reset = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": _iso(time.time() + 60)}
        return _error(429, "Too many requests", reset)
    if fault == "auth":
        return _error(401, "The access token is invalid")
    status = _create_status(sb, req, account, text, media_ids, params)
    if key:
        with sb.lock:
            st["idempotency"][(account["id"], key)] = (status["id"], time.time())
    if fault == "after":
        return Response(504, b"<html><body><h1>504 Gateway Time-out</h1></body></html>")
    if fault == "hang":
        raise Hang()
    if fault == "reset":
        raise Reset()
    return json_response(status)


def _replay(sb: Sandbox, account_id: str, key: str) -> dict[str, Any] | None:
    st = state(sb)
    with sb.lock:
        found = st["idempotency"].get((account_id, key))
        if found and time.time() - found[1] < IDEMPOTENCY_SECONDS:
            return dict(st["statuses"][found[0]])
    return None


def status_length(text: str, url_length: int) -> int:
    return grapheme.length(objects.URL.sub("x" * url_length, text))


def _invalid_status(
    sb: Sandbox, account: dict[str, Any], text: str, media_ids: list[str]
) -> str | None:
    st = state(sb)
    if not text.strip() and not media_ids:
        return "Validation failed: Text can't be blank"
    if status_length(text, st["url_length"]) > st["max_characters"]:
        return f"Validation failed: Text character limit of {st['max_characters']} exceeded"
    if len(media_ids) > st["max_media"]:
        return f"Cannot attach more than {st['max_media']} files"
    with sb.lock:
        for media_id in media_ids:
            media = st["media"].get(media_id)
            if media is None or media["_account"] != account["id"] or media.get("_attached"):
                return "Validation failed: Media attachments is invalid"
            if media["_polls_left"] > 0:
                return (
                    "Cannot attach files that have not finished processing. Try again in a moment!"
                )
    return None


def _create_status(
    sb: Sandbox,
    req: Request,
    account: dict[str, Any],
    text: str,
    media_ids: list[str],
    params: dict[str, Any],
) -> dict[str, Any]:
    st = state(sb)
    status_id = str(sb.next_id())
    base = _base(req)
    author = _account_entity(sb, req, account, new=1)
    with sb.lock:
        media = [st["media"][i] for i in media_ids]
        for item in media:
            item["_attached"] = True
        attached = [_media_entity(item) for item in media]
        status = objects.status(base, status_id, text, author, attached, params)
        st["statuses"][status_id] = status
    images = [item["_info"] for item in media]
    sb.ledger.add(PLATFORM, account["username"], status_id, text, images, status["url"])
    return status


def _public(status: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in status.items() if not k.startswith("_")}


def _get_status(sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]) -> Response:
    from sosmed.sandbox.engagement import simulated

    if PLATFORM in sb.no_insights:  # a token without read:statuses
        sb.reads.add(PLATFORM, m.group("id"), req.path, refused=True)
        return _error(403, "This action is outside the authorized scopes")
    with sb.lock:
        status = state(sb)["statuses"].get(m.group("id"))
    if not status:
        return _error(404, "Record not found")
    at = datetime.fromisoformat(status["created_at"].replace("Z", "+00:00"))
    c = simulated(sb, PLATFORM, status["id"], at)
    sb.reads.add(PLATFORM, status["id"], req.path)
    counts = {"favourites_count": c["likes"], "reblogs_count": c["shares"]}
    return json_response(_public(status) | counts | {"replies_count": c["comments"]})


def _account_statuses(
    sb: Sandbox, req: Request, m: re.Match[str], account: dict[str, Any]
) -> Response:
    if m.group("id") != account["id"]:
        return json_response([])
    limit = max(1, min(40, int(req.arg("limit") or 20)))
    max_id = int(req.arg("max_id") or 0)
    with sb.lock:
        mine = sorted(state(sb)["statuses"].values(), key=lambda s: int(s["id"]), reverse=True)
    if max_id:
        mine = [s for s in mine if int(s["id"]) < max_id]
    return json_response([_public(s) for s in mine[:limit]])
