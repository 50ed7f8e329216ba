"""Emulation of the Graph API for a Facebook Page, and the Graph plumbing Instagram shares.

Any version prefix is accepted (facebook-sdk's default v2.8 too) and echoed in the
``facebook-api-version`` header. Every answer is JSON with a JSON content type, errors in Graph's
``{"error": {message, type, code, error_subcode, fbtrace_id}}`` shape. The token may come as an
``access_token`` query or form field or as ``Authorization: Bearer``; an ``appsecret_proof``, when
sent, must be the HMAC-SHA256 of the token under the app secret.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests
from PIL import Image

from sosmed.sandbox import core
from sosmed.sandbox.core import Request, Response, Sandbox, json_response, keep_image

PLATFORM = "facebook"
DEMO_ORDER = 2  # where its account comes in the sandbox's config (default: after these)
V = r"/v(?P<v>\d+\.\d+)"
PAGE_ID = "104000000000001"
PAGE_NAME = "Diskominfo Sandbox"
PAGE_TOKEN = "EAAGsbxPageToken0000000000000001"
APP_ID = "900000000000001"
APP_SECRET = "sbx-app-secret-0001"
FETCH_MAX = 8 * 1024 * 1024

NodeReader = Callable[[Request, str, dict[str, str]], Response | None]


@dataclass
class GraphState:
    """What Facebook and Instagram share: tokens and the readers of ``GET /vNN/{id}``."""

    tokens: dict[str, dict[str, str]] = field(default_factory=dict)  # token -> owner, type
    nodes: list[NodeReader] = field(default_factory=list)


@dataclass
class PageState:
    posts: list[dict[str, Any]] = field(default_factory=list)
    photos: dict[str, dict[str, Any]] = field(default_factory=dict)


def graph_state(sb: Sandbox) -> GraphState:
    with sb.lock:
        st = sb.state.setdefault("graph", GraphState())
    assert isinstance(st, GraphState)
    return st


def image_facts(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of an image, or None when the bytes are not one."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            return str(im.format), int(im.width), int(im.height)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def fetch(url: str) -> bytes | None:
    """Fetch an image by URL as Meta's servers do; None when it cannot be had."""
    if not url.startswith(("http://", "https://")):
        return None
    try:
        with requests.get(url, timeout=5, stream=True) as r:
            if r.status_code != 200:
                return None
            data = r.raw.read(FETCH_MAX + 1, decode_content=True)
    except requests.RequestException:
        return None
    return data if len(data) <= FETCH_MAX else None


def graph_error(
    status: int,
    message: str,
    code: int,
    subcode: int | None = None,
    kind: str = "OAuthException",
    headers: dict[str, str] | None = None,
) -> Response:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    if code in (1, 2, -1, 4, 17, 32, 613):
        error["is_transient"] = True
    error["fbtrace_id"] = secrets.token_urlsafe(8)
    return json_response({"error": error}, status, headers)


def expired() -> Response:
    text = "Error validating access token: Session has expired on Friday, 01-Jan-2027."
    return graph_error(400, text, 190, 463)


def server_error(code: int = 2, subcode: int | None = None) -> Response:
    text = "An unexpected error has occurred. Please retry your request later."
    return graph_error(500, text, code, subcode)


def no_object(object_id: str) -> Response:
    text = (
        f"Unsupported request. Object with ID '{object_id}' does not exist, cannot be loaded "
        "due to missing permissions, or does not support this operation."
    )
    return graph_error(400, text, 100, 33, "GraphMethodException")


def bad_param(text: str) -> Response:
    return graph_error(400, f"(#100) {text}", 100)


def uploads(req: Request) -> list[core.Upload]:
    """The multipart parts (the request parses them once)."""
    return req.uploads()


def fields(req: Request) -> dict[str, str]:
    """Form, multipart or JSON fields, then the query string's, as Graph merges them."""
    if req.headers.get("content-type", "").startswith("multipart/form-data"):
        body = {u.name: u.data.decode("utf-8", "replace") for u in uploads(req) if not u.filename}
    else:
        body = req.params()
    return body | {k: v[0] for k, v in req.query.items()}


def authorize(sb: Sandbox, req: Request) -> dict[str, str] | Response:
    """The token's record, or the Graph error the platform would give."""
    auth = req.headers.get("authorization", "")
    given = fields(req)
    token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else given.get("access_token")
    info = graph_state(sb).tokens.get(token or "")
    if info is None:
        return graph_error(400, "Invalid OAuth access token - Cannot parse access token", 190)
    proof = given.get("appsecret_proof")
    if proof is not None and not hmac.compare_digest(proof, appsecret_proof(token or "", info)):
        return bad_param("Invalid appsecret_proof provided in the API argument")
    return info


def appsecret_proof(token: str, info: dict[str, str]) -> str:
    return hmac.new(info["app_secret"].encode(), token.encode(), hashlib.sha256).hexdigest()


def graph_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def since_arg(req: Request) -> datetime:
    value = req.arg("since")
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    if value.isdigit():
        return datetime.fromtimestamp(int(value), UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def versioned(handler: Callable[[Request, Any], Response]) -> Callable[[Request, Any], Response]:
    def wrapped(req: Request, m: Any) -> Response:
        resp = handler(req, m)
        resp.headers.setdefault("facebook-api-version", f"v{m.group('v')}")
        return resp

    return wrapped


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "facebook_sandbox",
        "platform": "facebook",
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"page_id": PAGE_ID},
    }
    return account, {"page_token": PAGE_TOKEN, "app_secret": APP_SECRET}


def routes(sb: Sandbox) -> list[core.Route]:
    graph = graph_state(sb)
    graph.tokens[PAGE_TOKEN] = {"owner": PAGE_ID, "type": "PAGE", "app_secret": APP_SECRET}
    page = PageState()
    sb.state[PLATFORM] = page
    graph.nodes.append(lambda req, oid, info: _node(page, req, oid))

    def h(fn: Callable[..., Response]) -> Callable[[Request, Any], Response]:
        def handler(req: Request, m: Any) -> Response:
            info = authorize(sb, req)
            return info if isinstance(info, Response) else fn(sb, page, req, m, info)

        return versioned(handler)

    def node(sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]) -> Response:
        return read_node(sb, req, m.group("id"), info)

    return [
        core.route("GET", V + r"/debug_token", h(_debug_token)),
        core.route("GET", V + r"/me", h(_me)),
        core.route("POST", V + r"/(?P<id>\d+)/feed", h(_feed)),
        core.route("POST", V + r"/(?P<id>\d+)/photos", h(_photos)),
        core.route("GET", V + r"/(?P<id>\d+)/(?:published_posts|feed|posts)", h(_list)),
        core.route("GET", V + r"/(?P<id>[0-9_]+)", h(node)),
    ]


def read_node(sb: Sandbox, req: Request, object_id: str, info: dict[str, str]) -> Response:
    """``GET /vNN/{id}``: whichever emulation knows the object answers."""
    for reader in graph_state(sb).nodes:
        resp = reader(req, object_id, info)
        if resp is not None:
            return resp
    return no_object(object_id)


def _debug_token(
    sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]
) -> Response:
    target = graph_state(sb).tokens.get(req.arg("input_token") or "")
    if target is None:
        return json_response({"data": {"is_valid": False, "error": {"code": 190}}})
    data = {
        "app_id": APP_ID,
        "type": target["type"],
        "application": "sosmed sandbox",
        "data_access_expires_at": int(time.time()) + 90 * 86400,
        "expires_at": 0,
        "is_valid": True,
        "profile_id": target["owner"],
        "scopes": ["pages_manage_posts", "pages_read_engagement", "instagram_content_publish"],
    }
    return json_response({"data": data})


def _me(sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]) -> Response:
    if info["owner"] == PAGE_ID:
        return json_response({"id": PAGE_ID, "name": PAGE_NAME})
    return read_node(sb, req, info["owner"], info)


def _own(m: Any, info: dict[str, str]) -> Response | None:
    if m.group("id") != PAGE_ID:
        return no_object(m.group("id"))
    if info["owner"] != PAGE_ID:
        return graph_error(403, "(#200) The page token does not allow this action", 200)
    return None


def _fault_before(sb: Sandbox) -> tuple[str | None, Response | None]:
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return fault, server_error()
    if fault == "ratelimit":
        usage = {
            PAGE_ID: [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 5}]
        }
        headers = {"X-Business-Use-Case-Usage": json.dumps(usage)}
        return fault, graph_error(400, "(#32) Page request limit reached", 32, headers=headers)
    if fault == "auth":
        return fault, expired()
    return fault, None


def after_create(fault: str | None, ok: Response, failed: Response) -> Response:
    """The answer to a create that happened, as the drawn fault would have it arrive."""
    if fault == "after":
        return failed
    if fault == "hang":
        raise core.Hang()
    if fault == "reset":
        raise core.Reset()
    return ok


def _feed(sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]) -> Response:
    if (denied := _own(m, info)) is not None:
        return denied
    fault, early = _fault_before(sb)
    if early is not None:
        return early
    params = fields(req)
    attached, error = _attached(page, params)
    if error is not None:
        return error
    message, link = params.get("message", ""), params.get("link")
    if not message and not link and not attached:
        return bad_param("Missing message or attachment")
    with sb.lock:
        if message and page.posts and page.posts[-1]["message"] == message:
            return graph_error(400, "Duplicate status message", 506)
        if any(page.photos[p]["post_id"] for p in attached):
            return bad_param("attached_media: a photo is already attached to a post")
        post = _post(sb, page, message, link, attached)
    return after_create(fault, json_response({"id": post["id"]}), server_error())


def _attached(page: PageState, params: dict[str, str]) -> tuple[list[str], Response | None]:
    keys = [f"attached_media[{i}]" for i in range(len(params))]
    raw = [params[k] for k in keys if k in params]
    if "attached_media" in params:
        try:
            raw += [json.dumps(item) for item in json.loads(params["attached_media"])]
        except (ValueError, TypeError):
            return [], bad_param("attached_media must be an array of {media_fbid}")
    ids = []
    for item in raw:
        try:
            fbid = str(json.loads(item)["media_fbid"])
        except (ValueError, KeyError, TypeError):
            return [], bad_param('attached_media[i] must be {"media_fbid": ID}')
        photo = page.photos.get(fbid)
        if photo is None or photo["published"]:
            return [], bad_param(f"attached_media: {fbid} is not an unpublished photo of this page")
        ids.append(fbid)
    return ids, None


def _post(
    sb: Sandbox, page: PageState, message: str, link: str | None, photo_ids: list[str]
) -> dict[str, Any]:
    post_id = f"{PAGE_ID}_{sb.next_id()}"
    url = f"https://www.facebook.com/{PAGE_ID}/posts/{post_id.split('_')[1]}"
    post = {"id": post_id, "message": message, "link": link, "at": datetime.now(UTC), "url": url}
    page.posts.append(post)
    images = []
    for pid in photo_ids:
        page.photos[pid]["post_id"] = post_id
        images.append({k: page.photos[pid][k] for k in ("sha256", "width", "height", "alt")})
    sb.ledger.add(PLATFORM, PAGE_NAME, post_id, message, images, url)
    return post


def _photos(sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]) -> Response:
    if (denied := _own(m, info)) is not None:
        return denied
    params = fields(req)
    published = params.get("published", "true").lower() != "false"
    fault, early = _fault_before(sb) if published else (None, None)
    if early is not None:
        return early
    source = next((u.data for u in uploads(req) if u.name == "source"), None)
    data = source if source is not None else fetch(params.get("url", ""))
    facts = image_facts(data) if data else None
    if data is None or facts is None:
        return graph_error(400, "(#324) Requires upload file", 324)
    photo_id = str(sb.next_id())
    photo = {"sha256": keep_image(data), "width": facts[1], "height": facts[2]}
    photo.update(alt=params.get("alt_text_custom"), published=published, post_id=None)
    caption = params.get("caption") or params.get("message") or ""
    with sb.lock:
        page.photos[photo_id] = photo
        if not published:
            return json_response({"id": photo_id})
        if caption and page.posts and page.posts[-1]["message"] == caption:
            return graph_error(400, "Duplicate status message", 506)
        post = _post(sb, page, caption, None, [photo_id])
    ok = json_response({"id": photo_id, "post_id": post["id"]})
    return after_create(fault, ok, server_error())


def _list(sb: Sandbox, page: PageState, req: Request, m: Any, info: dict[str, str]) -> Response:
    if m.group("id") != PAGE_ID:
        return no_object(m.group("id"))
    try:
        since = since_arg(req)
    except ValueError:
        return bad_param("since: a UNIX time or an ISO 8601 time")
    limit = min(int(req.arg("limit") or 25), 100)
    with sb.lock:
        found = [p for p in page.posts if p["at"] >= since]
    data = [_post_json(p) for p in reversed(found)][:limit]
    return json_response({"data": data, "paging": {}})


def _post_json(post: dict[str, Any]) -> dict[str, Any]:
    out = {"id": post["id"], "created_time": graph_time(post["at"]), "permalink_url": post["url"]}
    if post["message"]:
        out["message"] = post["message"]
    return out


def _node(page: PageState, req: Request, object_id: str) -> Response | None:
    if object_id == PAGE_ID:
        return json_response({"id": PAGE_ID, "name": PAGE_NAME})
    for post in page.posts:
        if post["id"] == object_id:
            return json_response(_post_json(post))
    if object_id in page.photos:
        return json_response({"id": object_id, "alt_text_custom": page.photos[object_id]["alt"]})
    return None
