"""A Bluesky session as sosmed keeps it: its tokens, its handle, and the PDS that holds the
account's repository (from the DID document ``createSession`` returns). Pure."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

REFRESH_MARGIN = 300.0  # seconds before the access token's exp


def jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim of a JWT, read without verifying it (the server does that)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


def pds_endpoint(body: dict[str, Any]) -> str | None:
    """The ``#atproto_pds`` service endpoint of a session's DID document, or None. Pure."""
    doc = body.get("didDoc")
    services = doc.get("service") if isinstance(doc, dict) else None
    did = str(body.get("did") or "")
    for service in services if isinstance(services, list) else []:
        if not isinstance(service, dict) or service.get("id") not in (
            "#atproto_pds",
            f"{did}#atproto_pds",
        ):
            continue
        if service.get("type") == "AtprotoPersonalDataServer":
            endpoint = service.get("serviceEndpoint")
            return endpoint.rstrip("/") if isinstance(endpoint, str) else None
    return None


@dataclass(frozen=True)
class Session:
    access: str
    refresh: str
    did: str
    handle: str
    pds: str  # where the account's repository lives: every request but createSession

    @classmethod
    def from_answer(cls, body: dict[str, Any], pds: str) -> Session:
        return cls(body["accessJwt"], body["refreshJwt"], body["did"], body["handle"], pds)

    def fresh(self, now: float) -> bool:
        exp = jwt_expiry(self.access)
        return exp is None or exp - now > REFRESH_MARGIN
