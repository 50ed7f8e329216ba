"""Emulation of Bluesky's XRPC for one account: the entryway and the account's own PDS.

As on Bluesky, sessions are made at the entryway (``/xrpc/...``, standing for ``bsky.social``),
whose ``createSession`` answers a DID document naming the account's PDS (service
``#atproto_pds``): here the same server under :data:`PDS_PATH`. Repository calls
(``sandbox/bluesky_repo.py``) are served there only; sent to the entryway they are refused as
Bluesky's entryway refuses them. Sessions work at both.

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

from PIL import Image

from sosmed.sandbox import jwt
from sosmed.sandbox.core import (
    Request,
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
PDS_PATH = "/_pds/bluesky"  # the account's PDS: apart from the entryway, as on Bluesky
PDS_DID = "did:web:sandbox-pds.host.bsky.network"
TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")
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


def xrpc_error(
    status: int, error: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    return json_response({"error": error, "message": message}, status, headers)


def rate_headers(remaining: int = RATE_LIMIT - 1) -> dict[str, str]:
    return {
        "ratelimit-limit": str(RATE_LIMIT),
        "ratelimit-remaining": str(remaining),
        "ratelimit-reset": str(int(time.time()) + 300),
        "ratelimit-policy": f"{RATE_LIMIT};w=300",
    }


def cid_of(data: bytes, prefix: str = "bafkrei") -> str:
    digest = base64.b32encode(hashlib.sha256(data).digest()).decode().lower().rstrip("=")
    return prefix + digest[:52]


def pds_url(sb: Sandbox, req: Request) -> str:
    """The PDS's address as a client reaches it: the host it sent this request to."""
    host = req.headers.get("host")
    return f"http://{host}{PDS_PATH}" if host else sb.base_url + PDS_PATH


def did_doc(did: str, handle: str, pds: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "alsoKnownAs": [f"at://{handle}"],
        "verificationMethod": [
            {
                "id": f"{did}#atproto",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": "zQ3shSandboxKeyNotForSigning0000000000000000000",
            }
        ],
        "service": [
            {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": pds}
        ],
    }


def _issue(sb: Sandbox, req: Request, did: str, handle: str) -> dict[str, Any]:
    st = state(sb)
    now = int(time.time())
    access_jti, refresh_jti = secrets.token_hex(8), secrets.token_hex(8)
    base = {"sub": did, "aud": PDS_DID, "iat": now}
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
        "didDoc": did_doc(did, handle, pds_url(sb, req)),
        "active": True,
    }


def claims_of(sb: Sandbox, req: Request, scope: str) -> dict[str, Any] | Response:
    """The bearer token's claims, or the PDS's answer to a missing or bad token."""
    st = state(sb)
    header = req.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        return xrpc_error(401, "AuthenticationRequired", "Authentication Required")
    try:
        claims = jwt.decode(header[len("Bearer ") :], st["key"])
    except jwt.JWTError:
        return xrpc_error(400, "InvalidToken", "Token could not be verified")
    if claims.get("scope") != scope:
        return xrpc_error(400, "InvalidToken", "Bad token scope")
    with sb.lock:
        expired = claims.get("jti") in st["expired"] or claims.get("exp", 0) < time.time()
        revoked = claims.get("jti") in st["revoked"]
    if expired:
        return xrpc_error(400, "ExpiredToken", "Token has expired")
    if revoked:
        return xrpc_error(400, "ExpiredToken", "Token has been revoked")
    return claims


def handle_of(sb: Sandbox, did: str) -> str:
    for handle, acct in state(sb)["accounts"].items():
        if acct["did"] == did:
            return str(handle)
    return did


def routes(sb: Sandbox) -> list[Route]:
    from sosmed.sandbox import bluesky_repo as repo

    def xrpc(method: str, nsid: str, fn: Any, at: str = "") -> Route:
        # A repository call refused at the entryway is counted apart from one served.
        counted = f"entryway:{nsid}" if not at and nsid.startswith("com.atproto.repo.") else nsid

        def handler(req: Request, m: re.Match[str]) -> Response:
            st = state(sb)
            with sb.lock:
                st["calls"][counted] = st["calls"].get(counted, 0) + 1
            resp: Response = fn(sb, req)
            resp.headers = {**rate_headers(), **resp.headers}
            return resp

        return route(method, re.escape(at) + "/xrpc/" + re.escape(nsid), handler)

    sessions = [
        ("POST", "com.atproto.server.createSession", _create_session),
        ("POST", "com.atproto.server.refreshSession", _refresh_session),
        ("GET", "com.atproto.server.getSession", _get_session),
        ("GET", "app.bsky.actor.getProfile", _get_profile),
        ("GET", "app.bsky.feed.getPosts", _get_posts),
    ]
    out = [xrpc(m, nsid, fn, at) for at in ("", PDS_PATH) for m, nsid, fn in sessions]
    for method, nsid, at_pds, at_entryway in repo.METHODS:
        out += [xrpc(method, nsid, at_pds, PDS_PATH), xrpc(method, nsid, at_entryway)]
    return out


def _create_session(sb: Sandbox, req: Request) -> Response:
    body = req.json() or {}
    ident, password = str(body.get("identifier", "")), str(body.get("password", ""))
    for handle, acct in state(sb)["accounts"].items():
        if ident in (handle, acct["did"]) and secrets.compare_digest(password, acct["password"]):
            return json_response(_issue(sb, req, acct["did"], handle))
    return xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")


def _refresh_session(sb: Sandbox, req: Request) -> Response:
    claims = claims_of(sb, req, "com.atproto.refresh")
    if isinstance(claims, Response):
        return claims
    with sb.lock:
        state(sb)["revoked"].add(claims.get("jti"))
    return json_response(_issue(sb, req, claims["sub"], handle_of(sb, claims["sub"])))


def _get_session(sb: Sandbox, req: Request) -> Response:
    claims = claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    did, handle = claims["sub"], handle_of(sb, claims["sub"])
    doc = did_doc(did, handle, pds_url(sb, req))
    return json_response({"handle": handle, "did": did, "didDoc": doc, "active": True})


def _get_profile(sb: Sandbox, req: Request) -> Response:
    claims = claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    actor = req.arg("actor") or claims["sub"]
    for handle, acct in state(sb)["accounts"].items():
        if actor in (handle, acct["did"]):
            return json_response({"did": acct["did"], "handle": handle, "displayName": "Humas"})
    return xrpc_error(400, "InvalidRequest", "Profile not found")


def _get_posts(sb: Sandbox, req: Request) -> Response:
    from sosmed.sandbox.engagement import post_views

    claims = claims_of(sb, req, "com.atproto.access")
    return claims if isinstance(claims, Response) else post_views(sb, state(sb), req, handle_of)


def did_of(sb: Sandbox, repo: str) -> str:
    acct = state(sb)["accounts"].get(repo)
    return str(acct["did"]) if acct else repo


def tid_now() -> str:
    alphabet = "234567abcdefghijklmnopqrstuvwxyz"
    n = (time.time_ns() // 1000) << 10 | secrets.randbelow(1024)
    return "".join(alphabet[(n >> (60 - 5 * i)) & 31] for i in range(13))
