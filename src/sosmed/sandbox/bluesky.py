"""Emulation of a Bluesky PDS (XRPC) for one account.

Sessions are real HS256 JWTs (access and refresh, with ``exp``); ``refreshSession`` rotates
them; an expired access token answers ``400 ExpiredToken``. Lifetimes live in
``sb.st["bluesky"]`` (``access_lifetime``, ``refresh_lifetime``, seconds) and
:func:`expire_access_tokens` expires every access token issued so far, so a test can make a
client meet an expired session. ``uploadBlob`` sniffs the MIME type from the bytes as a PDS
does; ``createRecord`` validates the post (300 graphemes, 3000 bytes, four images of at most
1,000,000 bytes, facets inside the text, a TID record key) and answers a record key that
already exists with ``500 InternalServerError``, as PDSes do today.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import secrets
import time
from typing import Any

import grapheme
from PIL import Image

from sosmed.sandbox import jwt
from sosmed.sandbox.core import (
    Hang,
    Request,
    Reset,
    Response,
    Route,
    Sandbox,
    json_response,
    keep_image,
    route,
)

PLATFORM = "bluesky"
DEMO_ORDER = 6  # where its account comes in the sandbox's config (default: after these)
DEMO_HANDLE = "humas-sandbox.bsky.social"
DEMO_DID = "did:plc:sandboxhumaskab000000000"
DEMO_PASSWORD = "sand-boxd-emoh-umas"
POST = "app.bsky.feed.post"
IMAGE_MAX_BYTES = 1_000_000
RATE_LIMIT = 3000
_TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "bluesky_sandbox",
        "platform": PLATFORM,
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"handle": DEMO_HANDLE},
    }
    return account, {"app_password": DEMO_PASSWORD}


def sniff_mime(data: bytes) -> str:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def image_record(data: bytes, alt: str | None) -> dict[str, Any]:
    """What the ledger keeps of an image: its digest, its size in pixels and its alt text."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
    except Exception:  # undecodable bytes are still recorded, with no size
        width = height = 0
    return {
        "sha256": keep_image(data),
        "width": width,
        "height": height,
        "alt": alt,
    }


def expire_access_tokens(sb: Sandbox) -> None:
    """Every access token issued so far answers ExpiredToken from now on."""
    st = state(sb)
    with sb.lock:
        st["expired"].update(st["issued"])


def state(sb: Sandbox) -> dict[str, Any]:
    with sb.lock:
        return sb.state.setdefault(
            PLATFORM,
            {
                "accounts": {DEMO_HANDLE: {"did": DEMO_DID, "password": DEMO_PASSWORD}},
                "access_lifetime": 7200.0,
                "refresh_lifetime": 90 * 86400.0,
                "key": secrets.token_bytes(32),
                "issued": set(),
                "expired": set(),
                "revoked": set(),
                "blobs": {},
                "records": {},
                "calls": {},
            },
        )


def _xrpc_error(
    status: int, error: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    return json_response({"error": error, "message": message}, status, headers)


def _rate_headers(remaining: int = RATE_LIMIT - 1) -> dict[str, str]:
    return {
        "ratelimit-limit": str(RATE_LIMIT),
        "ratelimit-remaining": str(remaining),
        "ratelimit-reset": str(int(time.time()) + 300),
        "ratelimit-policy": f"{RATE_LIMIT};w=300",
    }


def _cid(data: bytes, prefix: str = "bafkrei") -> str:
    digest = base64.b32encode(hashlib.sha256(data).digest()).decode().lower().rstrip("=")
    return prefix + digest[:52]


def _issue(sb: Sandbox, did: str, handle: str) -> dict[str, Any]:
    st = state(sb)
    now = int(time.time())
    access_jti, refresh_jti = secrets.token_hex(8), secrets.token_hex(8)
    base = {"sub": did, "aud": "did:web:sandbox.bsky.social", "iat": now}
    access = {**base, "scope": "com.atproto.access", "jti": access_jti}
    access["exp"] = now + int(st["access_lifetime"])
    refresh = {**base, "scope": "com.atproto.refresh", "jti": refresh_jti}
    refresh["exp"] = now + int(st["refresh_lifetime"])
    with sb.lock:
        st["issued"].add(access_jti)
    return {
        "accessJwt": jwt.encode(access, st["key"], "at+jwt"),
        "refreshJwt": jwt.encode(refresh, st["key"], "refresh+jwt"),
        "handle": handle,
        "did": did,
        "active": True,
    }


def _claims(sb: Sandbox, req: Request, scope: str) -> dict[str, Any] | Response:
    """The bearer token's claims, or the PDS's answer to a missing or bad token."""
    st = state(sb)
    header = req.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        return _xrpc_error(401, "AuthenticationRequired", "Authentication Required")
    try:
        claims = jwt.decode(header[len("Bearer ") :], st["key"])
    except jwt.JWTError:
        return _xrpc_error(400, "InvalidToken", "Token could not be verified")
    if claims.get("scope") != scope:
        return _xrpc_error(400, "InvalidToken", "Bad token scope")
    with sb.lock:
        expired = claims.get("jti") in st["expired"] or claims.get("exp", 0) < time.time()
        revoked = claims.get("jti") in st["revoked"]
    if expired:
        return _xrpc_error(400, "ExpiredToken", "Token has expired")
    if revoked:
        return _xrpc_error(400, "ExpiredToken", "Token has been revoked")
    return claims


def _handle_of(sb: Sandbox, did: str) -> str:
    for handle, acct in state(sb)["accounts"].items():
        if acct["did"] == did:
            return str(handle)
    return did


def routes(sb: Sandbox) -> list[Route]:
    def xrpc(method: str, nsid: str, fn: Any) -> Route:
        def handler(req: Request, m: re.Match[str]) -> Response:
            st = state(sb)
            with sb.lock:
                st["calls"][nsid] = st["calls"].get(nsid, 0) + 1
            resp: Response = fn(sb, req)
            resp.headers = {**_rate_headers(), **resp.headers}
            return resp

        return route(method, "/xrpc/" + re.escape(nsid), handler)

    return [
        xrpc("POST", "com.atproto.server.createSession", _create_session),
        xrpc("POST", "com.atproto.server.refreshSession", _refresh_session),
        xrpc("GET", "com.atproto.server.getSession", _get_session),
        xrpc("GET", "app.bsky.actor.getProfile", _get_profile),
        xrpc("POST", "com.atproto.repo.uploadBlob", _upload_blob),
        xrpc("POST", "com.atproto.repo.createRecord", _create_record),
        xrpc("GET", "com.atproto.repo.getRecord", _get_record),
        xrpc("GET", "com.atproto.repo.listRecords", _list_records),
    ]


def _create_session(sb: Sandbox, req: Request) -> Response:
    body = req.json() or {}
    ident, password = str(body.get("identifier", "")), str(body.get("password", ""))
    for handle, acct in state(sb)["accounts"].items():
        if ident in (handle, acct["did"]) and secrets.compare_digest(password, acct["password"]):
            return json_response(_issue(sb, acct["did"], handle))
    return _xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")


def _refresh_session(sb: Sandbox, req: Request) -> Response:
    claims = _claims(sb, req, "com.atproto.refresh")
    if isinstance(claims, Response):
        return claims
    with sb.lock:
        state(sb)["revoked"].add(claims.get("jti"))
    return json_response(_issue(sb, claims["sub"], _handle_of(sb, claims["sub"])))


def _get_session(sb: Sandbox, req: Request) -> Response:
    claims = _claims(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    did = claims["sub"]
    return json_response({"handle": _handle_of(sb, did), "did": did, "active": True})


def _get_profile(sb: Sandbox, req: Request) -> Response:
    claims = _claims(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    actor = req.arg("actor") or claims["sub"]
    for handle, acct in state(sb)["accounts"].items():
        if actor in (handle, acct["did"]):
            return json_response({"did": acct["did"], "handle": handle, "displayName": "Humas"})
    return _xrpc_error(400, "InvalidRequest", "Profile not found")


def _upload_blob(sb: Sandbox, req: Request) -> Response:
    claims = _claims(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    if not req.body:
        return _xrpc_error(400, "InvalidRequest", "Request body is empty")
    mime = sniff_mime(req.body)
    cid = _cid(req.body)
    with sb.lock:
        state(sb)["blobs"][cid] = {"data": req.body, "mime": mime, "did": claims["sub"]}
    blob = {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(req.body)}
    return json_response({"blob": blob})


def _create_record(sb: Sandbox, req: Request) -> Response:
    claims = _claims(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    body = req.json() or {}
    did, rkey = claims["sub"], str(body.get("rkey") or _tid_now())
    if body.get("repo") not in (did, _handle_of(sb, did)):
        return _xrpc_error(401, "AuthenticationRequired", "Invalid did")
    if body.get("collection") != POST or not _TID.match(rkey):
        return _xrpc_error(400, "InvalidRequest", "Invalid collection or record key")
    record = body.get("record")
    problem = _invalid_post(sb, record)
    if problem or not isinstance(record, dict):
        return _xrpc_error(400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}")
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return _xrpc_error(500, "InternalServerError", "Internal Server Error")
    if fault == "ratelimit":
        return _xrpc_error(429, "RateLimitExceeded", "Rate Limit Exceeded", _rate_headers(0))
    if fault == "auth":
        return _xrpc_error(400, "ExpiredToken", "Token has expired")
    created = _store_record(sb, did, rkey, record)
    if created is None:
        return _xrpc_error(500, "InternalServerError", "Internal Server Error")
    if fault == "after":
        return _xrpc_error(502, "UpstreamFailure", "Upstream Failure")
    if fault == "hang":
        raise Hang()
    if fault == "reset":
        raise Reset()
    return json_response({**created, "validationStatus": "valid"})


def _invalid_post(sb: Sandbox, record: Any) -> str | None:
    if not isinstance(record, dict) or record.get("$type") != POST:
        return "Record/$type must be app.bsky.feed.post"
    text = record.get("text")
    if not isinstance(text, str) or not record.get("createdAt"):
        return "Record must have the properties text and createdAt"
    if grapheme.length(text) > 300 or len(text.encode()) > 3000:
        return "Record/text must not be longer than 300 graphemes"
    for facet in record.get("facets") or []:
        index = facet.get("index", {})
        if not 0 <= index.get("byteStart", -1) < index.get("byteEnd", -1) <= len(text.encode()):
            return "Record/facets/index is outside the text"
    return _invalid_embed(sb, record.get("embed"))


def _invalid_embed(sb: Sandbox, embed: Any) -> str | None:
    if embed is None:
        return None
    images = embed.get("images") if isinstance(embed, dict) else None
    if not isinstance(images, list) or embed.get("$type") != "app.bsky.embed.images":
        return "Record/embed must be app.bsky.embed.images"
    if len(images) > 4:
        return "Record/embed/images must not have more than 4 elements"
    for image in images:
        if not isinstance(image.get("alt"), str):
            return "Record/embed/images must have the property alt"
        blob = state(sb)["blobs"].get(image.get("image", {}).get("ref", {}).get("$link"))
        if blob is None:
            return "Record/embed/images/image is not a known blob"
        if len(blob["data"]) > IMAGE_MAX_BYTES or not blob["mime"].startswith("image/"):
            return "Record/embed/images/image file size too large or not an image"
    return None


def _store_record(
    sb: Sandbox, did: str, rkey: str, record: dict[str, Any]
) -> dict[str, Any] | None:
    """Create the record; None when the key is taken (the caller answers 500, as a PDS does)."""
    st = state(sb)
    uri = f"at://{did}/{POST}/{rkey}"
    with sb.lock:
        if (did, rkey) in st["records"]:
            return None
        cid = _cid(f"{uri}{time.time_ns()}".encode(), "bafyrei")
        st["records"][(did, rkey)] = {"uri": uri, "cid": cid, "value": record}
        images = [_ledger_image(st, i) for i in (record.get("embed") or {}).get("images", [])]
    handle = _handle_of(sb, did)
    url = f"https://bsky.app/profile/{handle}/post/{rkey}"
    sb.ledger.add(PLATFORM, handle, uri, record["text"], images, url, facets=record.get("facets"))
    return {"uri": uri, "cid": cid, "commit": {"cid": _cid(cid.encode(), "bafyrei"), "rev": rkey}}


def _ledger_image(st: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
    data = st["blobs"][image["image"]["ref"]["$link"]]["data"]
    return image_record(data, image.get("alt"))


def _get_record(sb: Sandbox, req: Request) -> Response:
    did, rkey = req.arg("repo") or "", req.arg("rkey") or ""
    with sb.lock:
        found = state(sb)["records"].get((_did_of(sb, did), rkey))
    if req.arg("collection") != POST or found is None:
        return _xrpc_error(
            400, "RecordNotFound", f"Could not locate record: at://{did}/{POST}/{rkey}"
        )
    return json_response(found)


def _list_records(sb: Sandbox, req: Request) -> Response:
    did = _did_of(sb, req.arg("repo") or "")
    limit = max(1, min(100, int(req.arg("limit") or 50)))
    with sb.lock:
        mine = sorted(
            ((k[1], v) for k, v in state(sb)["records"].items() if k[0] == did), reverse=True
        )
    return json_response({"records": [v for _, v in mine[:limit]]})


def _did_of(sb: Sandbox, repo: str) -> str:
    acct = state(sb)["accounts"].get(repo)
    return str(acct["did"]) if acct else repo


def _tid_now() -> str:
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    n = (time.time_ns() // 1000) << 10 | secrets.randbelow(1024)
    return "".join(alphabet[(n >> (60 - 5 * i)) & 31] for i in range(13))
