"""Minimal HS256 JSON Web Tokens for the sandbox's emulated sessions (Bluesky).

Real three-segment base64url tokens with an ``exp`` claim, so that clients which read the
expiry from the token (as Bluesky clients do) behave as they do against a real server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any


class JWTError(ValueError):
    """The token is malformed or its signature does not match."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(claims: dict[str, Any], key: bytes, typ: str = "JWT") -> str:
    header = _b64(json.dumps({"alg": "HS256", "typ": typ}, separators=(",", ":")).encode())
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}".encode("ascii")
    signature = hmac.new(key, signing_input, hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


def decode(token: str, key: bytes) -> dict[str, Any]:
    """The claims of a token signed with ``key``; expiry is left to the caller."""
    parts = token.split(".")
    if len(parts) != 3:
        raise JWTError("not a three-segment token")
    signing_input = f"{parts[0]}.{parts[1]}".encode("ascii")
    expected = hmac.new(key, signing_input, hashlib.sha256).digest()
    try:
        given = _unb64(parts[2])
        claims = json.loads(_unb64(parts[1]))
    except (ValueError, UnicodeDecodeError) as e:
        raise JWTError("undecodable token") from e
    if not hmac.compare_digest(expected, given):
        raise JWTError("bad signature")
    if not isinstance(claims, dict):
        raise JWTError("claims are not an object")
    return claims
