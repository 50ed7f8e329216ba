"""X's access levels as the sandbox emulates them: what Free may not do and how X says so,
and the 24-hour user limit every create carries."""

from __future__ import annotations

import hashlib
import time

from sosmed.sandbox.core import Response, Sandbox, json_response

DAY = 86_400
# Posts a user may create in 24 hours, by the app's access level.
DAY_LIMITS = {"free": 17, "basic": 100, "pro": 100, "pay-per-use": 10_000}


def count_create(
    sb: Sandbox, days: dict[str, tuple[float, int]], user_id: str, limit: int
) -> tuple[dict[str, str], bool]:
    """Count one create against the user's 24-hour window: X's headers for the answer, and
    whether the limit was already reached (X counts refused creates too)."""
    with sb.lock:
        start, used = days.get(user_id, (time.time(), 0))
        if time.time() - start >= DAY:
            start, used = time.time(), 0
        days[user_id] = (start, used + 1)
    headers = {
        "x-user-limit-24hour-limit": str(limit),
        "x-user-limit-24hour-remaining": str(max(0, limit - used - 1)),
        "x-user-limit-24hour-reset": str(int(start + DAY)),
    }
    return headers, used >= limit


def not_enrolled(consumer_key: str) -> Response:
    """X's answer to a read that the app's access level (Free) does not include: a 403
    problem of type client-forbidden, reason client-not-enrolled, as X sends it (no
    ``status`` member; the app's client id first)."""
    body = {
        "client_id": str(int(hashlib.sha1(consumer_key.encode()).hexdigest()[:7], 16)),
        "detail": (
            "When authenticating requests to the Twitter API v2 endpoints, you must use keys "
            "and tokens from a Twitter developer App that is attached to a Project. You can "
            "create a project via the developer portal."
        ),
        "registration_url": "https://developer.twitter.com/en/docs/projects/overview",
        "title": "Client Forbidden",
        "required_enrollment": "Appropriate Level of API Access",
        "reason": "client-not-enrolled",
        "type": "https://api.twitter.com/2/problems/client-forbidden",
    }
    resp = json_response(body, 403)
    resp.headers["Content-Type"] = "application/problem+json"
    return resp
