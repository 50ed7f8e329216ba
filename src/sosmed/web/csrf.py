"""CSRF tokens: one random token per session, sent back by every form (a hidden field
``csrf_token``) and by every script's fetch() (the header ``X-CSRF-Token``). The guard
(:mod:`sosmed.web.guard`) checks it on every request that is not a GET, HEAD or OPTIONS.
SameSite=Strict cookies already keep other sites' forms from carrying the session; the token
is the second lock."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import MutableMapping
from typing import Any

FIELD = "csrf_token"
HEADER = "x-csrf-token"
SESSION_KEY = "csrf"


def new_token(session: MutableMapping[str, Any]) -> str:
    token = secrets.token_urlsafe(32)
    session[SESSION_KEY] = token
    return token


def token_of(session: MutableMapping[str, Any]) -> str:
    """The session's token, made when it has none."""
    token = session.get(SESSION_KEY)
    if isinstance(token, str) and token:
        return token
    return new_token(session)


def matches(session: MutableMapping[str, Any], given: str | None) -> bool:
    expected = session.get(SESSION_KEY)
    if not isinstance(expected, str) or not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())
