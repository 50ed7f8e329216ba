"""What X's answers mean: its errors in the error tree, its texts as it gives them back.

Errors, by HTTP status and X's problem type (never by message text alone):

==================================================  ====================  ====================
answer                                              POST /2/tweets        media, reads
==================================================  ====================  ====================
429 (``x-rate-limit-reset`` / 24-hour reset)        RateLimited           RateLimited
401; 403 of type ``oauth1-permissions``             AuthError             AuthError
403 "duplicate content" (or v1.1 code 187)          Rejected(duplicate)   Rejected(duplicate)
402 credits; 400 (text too long); other 4xx         Rejected              Rejected
5xx; read timeout; reset; unreadable answer         InDoubt               Transient
connection refused; connect timeout                 Transient             Transient
==================================================  ====================  ====================
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

import requests

from sosmed.errors import AuthError, PlatformError, RateLimited, Rejected
from sosmed.platforms import _http

RATE_LIMIT_WAIT = 900.0  # X's window is 15 minutes


def replied_to(tweet: Any, tweet_id: str) -> bool:
    """Whether ``tweet`` (as tweepy reads it) is a reply to ``tweet_id``."""
    refs = getattr(tweet, "referenced_tweets", None) or []
    return any(r.type == "replied_to" and str(r.id) == tweet_id for r in refs)


def permalink(username: str | None, tweet_id: str) -> str:
    """The post's address; X also serves it without the username."""
    return f"https://x.com/{username or 'i'}/status/{tweet_id}"


_URL = re.compile(r"https?://\S+")


def match_key(text: str) -> str:
    """The text as X would give it back, reduced to what survives: no URLs, entities undone."""
    plain = unicodedata.normalize("NFC", html.unescape(text))
    return " ".join(_URL.sub(" ", plain).split()).casefold()


def _problem(body: dict[str, Any]) -> tuple[str, str, Any]:
    """(detail, type, code) from a v2 problem or a v1.1-style ``errors`` list."""
    detail = str(body.get("detail") or body.get("title") or "")
    errors = body.get("errors")
    code = None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        code = first.get("code")
        # X's own words on the field it refused ("Your Tweet text is too long...") say more
        # than the problem's generic detail.
        detail = str(first.get("message") or first.get("detail") or "") or detail
    return detail, str(body.get("type") or ""), code


def x_error(response: requests.Response, *, create: bool) -> PlatformError:
    """Map an X error answer to the error tree (see the module docstring)."""
    status = response.status_code
    detail, kind, code = _problem(_http.json_body(response))
    text = _http.message("x", status, code, detail or response.reason)
    if status == 429 or code == 88:
        return RateLimited(text, retry_after=_wait(response), http_status=status, code="429")
    if status == 401 or code in (32, 89) or kind.endswith("oauth1-permissions"):
        return AuthError(text, http_status=status, code=str(code or status))
    if (status == 403 and "duplicate" in detail.lower()) or code == 187:
        return Rejected(text, http_status=status, code="duplicate")
    if status >= 500:
        return _http.server_error("x", status, code, detail, create=create)
    return Rejected(text, http_status=status, code=str(code or status))


def _wait(response: requests.Response) -> float:
    headers = dict(response.headers)
    lower = {k.lower(): v for k, v in headers.items()}
    if lower.get("x-user-limit-24hour-remaining") == "0" and "x-user-limit-24hour-reset" in lower:
        headers = {"x-rate-limit-reset": lower["x-user-limit-24hour-reset"]}
    return _http.retry_after(headers, RATE_LIMIT_WAIT)
