"""Emulation of X's API v2 for tweepy and the v2 media endpoints.

Served under any host (tweepy signs for ``https://api.twitter.com``, media calls for
``https://api.x.com``): OAuth 1.0a signatures are checked against both. Every answer carries
``x-rate-limit-limit/remaining/reset`` for a 15-minute window per user and endpoint; errors are
RFC 7807 problems as X sends them. ``sb.state["x"].post_limit`` (100 like X) may be raised for
load tests; ``sb.state["x"].access = "free"`` makes it an app on X's Free level, which may post
but whose timeline reads are refused with X's ``403 client-not-enrolled`` problem. Every
create also carries X's 24-hour user limit (``x-user-limit-24hour-limit/remaining/reset``):
17 posts a day on Free (:mod:`sosmed.sandbox.x_access`); past it a create is a 429.

The 280 check is the sandbox's own reading of X's rules (:func:`weighted_length`), not the
publisher's count, so that a publisher that miscounts is refused here as X would refuse it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import grapheme

from sosmed.sandbox import x_access
from sosmed.sandbox.core import Request, Response, Route, Sandbox, json_response, keep_image, route
from sosmed.sandbox.engagement import tweet_lookup
from sosmed.sandbox.facebook import after_create, image_facts
from sosmed.sandbox.oauth1 import Verifier

PLATFORM = "x"
DEMO_ORDER = 1  # where its account comes in the sandbox's config (default: after these)
WINDOW = 900
CONSUMER_KEY = "sbxConsumerKey0001"
CONSUMER_SECRET = "sbx-consumer-secret-0001"
USER_ID = "1500000000000000001"
ACCESS_TOKEN = f"{USER_ID}-sbxAccessToken0001"
ACCESS_SECRET = "sbx-access-secret-0001"
USERNAME = "diskominfo_sbx"
MEDIA_MAX = 5_000_000
ALLOWED_FIELDS = {"text", "media", "reply", "quote_tweet_id", "poll", "reply_settings"}
_URL = re.compile(r"https?://\S+")
TEXT_MAX = 280
TOO_LONG = (
    "Your Tweet text is too long. For more information on how Twitter determines text length "
    "see https://github.com/twitter/twitter-text."
)
LINK_WEIGHT = 23
# A link as X finds one, with or without its scheme, up to a space; punctuation that ends a
# sentence is not part of it.
_END = r"(?=[.,;:!?)\]'\"]*(?:\s|$))"
_SCHEMED = re.compile(r"https?://[\w-]+(?:\.[\w-]+)+(?:[/?#:]\S*?)?" + _END)
_LINKISH = re.compile(
    r"(?:https?://\S+?|(?<![\w@.$#/-])(?:[\w-]+\.)+(?P<tld>[A-Za-z]{2,})(?:[/?#:]\S*?)?)" + _END
)
# The domains that make a bare name a link for X: every ASCII country domain (so "M.Si" in a
# title is a link, "S.Pd" is not) and the oldest generic ones; a rarer generic one is counted
# as at most 23, never more.
_BARE_TLD_NAMES = """
zw zm za yt ye ws wf vu vn vi vg ve vc va uz uy us um uk ug ua tz tw tv tt tr tp to tn tm tl tk
tj th tg tf td tc sz sy sx sv su st ss sr so sn sm sl sk sj si sh sg se sd sc sb sa rw ru rs ro
re qa py pw pt ps pr pn pm pl pk ph pg pf pe pa om nz nu nr np no nl ni ng nf ne nc na mz my mx
mw mv mu mt ms mr mq mp mo mn mm ml mk mh mg mf me md mc ma ly lv lu lt ls lr lk li lc lb la kz
ky kw kr kp kn km ki kh kg ke jp jo jm je it is ir iq io in im il ie id hu ht hr hn hm hk gy gw
gu gt gs gr gq gp gn gm gl gi gh gg gf ge gd gb ga fr fo fm fk fj fi eu et es er eh eg ee ec dz
do dm dk dj de cz cy cx cw cv cu cr co cn cm cl ck ci ch cg cf cd cc ca bz by bw bv bt bs br bq
bo bn bm bl bj bi bh bg bf be bd bb ba az ax aw au at as ar aq ao an am al ai ag af ae ad ac
com net org info biz gov edu mil int
"""
_BARE_TLDS = frozenset(_BARE_TLD_NAMES.split())
_LIGHT = re.compile("[\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


@dataclass
class XState:
    post_limit: int = 100
    users: dict[str, dict[str, str]] = field(default_factory=dict)  # access token -> user
    tweets: list[dict[str, Any]] = field(default_factory=list)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    windows: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    verifier: Verifier = field(default_factory=lambda: Verifier({}, {}))
    # The app's access level: "free" may post but not read timelines.
    access: str = "pay-per-use"
    # Each user's 24-hour create window: (start, creates so far); None lifts the day limit.
    days: dict[str, tuple[float, int]] = field(default_factory=dict)
    day_limit: int | None = None  # None: DAY_LIMITS[access]


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {"name": "x_sandbox", "platform": "x", "api_base": base_url, "timeout": 5.0}
    secrets = {
        "consumer_key": CONSUMER_KEY,
        "consumer_secret": CONSUMER_SECRET,
        "access_token": ACCESS_TOKEN,
        "access_token_secret": ACCESS_SECRET,
    }
    return account, secrets


def lift_quotas(sb: Sandbox) -> None:
    """X allows 100 posts per 15 minutes: lifted for load tests."""
    sb.state[PLATFORM].post_limit = 10**9
    sb.state[PLATFORM].day_limit = 10**9


def routes(sb: Sandbox) -> list[Route]:
    st = XState()
    st.verifier.consumers[CONSUMER_KEY] = CONSUMER_SECRET
    st.verifier.tokens[ACCESS_TOKEN] = ACCESS_SECRET
    st.users[ACCESS_TOKEN] = {"id": USER_ID, "username": USERNAME, "name": "Diskominfo Sandbox"}
    sb.state[PLATFORM] = st

    def guarded(endpoint: str, limit: int | None, handler: Any) -> Any:
        return lambda req, m: _guarded(sb, st, endpoint, limit, handler, req, m)

    return [
        route("POST", r"/2/tweets", guarded("tweets", None, _create)),
        route("POST", r"/2/media/upload", guarded("upload", 500, _upload)),
        route("POST", r"/2/media/metadata", guarded("metadata", 500, _metadata)),
        route("GET", r"/2/users/me", guarded("me", 75, _me)),
        route("GET", r"/2/users/(?P<id>\d+)/tweets", guarded("timeline", 900, _timeline)),
        route("GET", r"/2/tweets/(?P<id>\d+)", guarded("lookup", 900, tweet_lookup)),
    ]


def problem(
    status: int, title: str, detail: str, kind: str = "about:blank", **extra: Any
) -> Response:
    body = {"title": title, "detail": detail, "type": kind, "status": status, **extra}
    resp = json_response(body, status)
    resp.headers["Content-Type"] = "application/problem+json"
    return resp


def _guarded(
    sb: Sandbox, st: XState, endpoint: str, limit: int | None, handler: Any, req: Request, m: Any
) -> Response:
    token, reason = st.verifier.verify(req)
    if token is None:
        return problem(401, "Unauthorized", "Unauthorized", reason=reason)
    user = st.users[token]
    cap = st.post_limit if limit is None else limit
    with sb.lock:
        start, used = st.windows.get((user["id"], endpoint), (time.time(), 0))
        if time.time() - start >= WINDOW:
            start, used = time.time(), 0
        st.windows[(user["id"], endpoint)] = (start, used + 1)
    headers = _limit_headers(cap, cap - used - 1, int(start + WINDOW))
    if used >= cap:
        resp = problem(429, "Too Many Requests", "Too Many Requests")
        headers["x-rate-limit-remaining"] = "0"
    else:
        resp = handler(sb, st, req, m, user)
    resp.headers.update({k: v for k, v in headers.items() if k not in resp.headers})
    return resp


def _limit_headers(limit: int, remaining: int, reset: int) -> dict[str, str]:
    return {
        "x-rate-limit-limit": str(limit),
        "x-rate-limit-remaining": str(max(0, remaining)),
        "x-rate-limit-reset": str(reset),
    }


def _invalid(detail: str) -> Response:
    kind = "https://api.twitter.com/2/problems/invalid-request"
    errors = [{"message": detail}]
    return problem(400, "Invalid Request", detail, kind, errors=errors)


def _create(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    """A create, under the user's 24-hour limit (see :mod:`sosmed.sandbox.x_access`)."""
    day, over = x_access.count_create(sb, st.days, user["id"], _day_limit(st))
    resp = problem(429, "Too Many Requests", "Too Many Requests") if over else None
    resp = resp or _create_post(sb, st, req, m, user)
    resp.headers.update(day)
    return resp


def _day_limit(st: XState) -> int:
    return st.day_limit if st.day_limit is not None else x_access.DAY_LIMITS.get(st.access, 10_000)


def _create_post(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return problem(503, "Service Unavailable", "Service Unavailable")
    if fault == "ratelimit":
        resp = problem(429, "Too Many Requests", "Too Many Requests")
        resp.headers.update(_limit_headers(st.post_limit, 0, int(time.time()) + 60))
        return resp
    if fault == "auth":
        return problem(401, "Unauthorized", "Unauthorized")
    if not req.headers.get("content-type", "").startswith("application/json"):
        return _invalid("Requests with bodies must have content-type of application/json.")
    body = req.json()
    error = _check_tweet(st, body, user)
    if error is not None:
        return error
    with sb.lock:
        if any(t["user"] == user["id"] and t["text"] == body["text"] for t in st.tweets):
            return problem(
                403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."
            )
        tweet = _store(sb, st, body, user)
    data = {"id": tweet["id"], "text": tweet["text"], "edit_history_tweet_ids": [tweet["id"]]}
    ok = json_response({"data": data}, 201)
    return after_create(fault, ok, problem(503, "Service Unavailable", "Service Unavailable"))


def _too_long(text: str) -> Response:
    """X's answer to a text over its limit: 400, an invalid-request problem naming ``text``."""
    kind = "https://api.twitter.com/2/problems/invalid-request"
    errors = [{"parameters": {"text": [text]}, "message": TOO_LONG}]
    detail = "One or more parameters to your request was invalid."
    return problem(400, "Invalid Request", detail, kind, errors=errors)


def _check_tweet(st: XState, body: Any, user: dict[str, str]) -> Response | None:
    if not isinstance(body, dict) or set(body) - ALLOWED_FIELDS:
        return _invalid("The request body is not valid for this endpoint.")
    text = body.get("text")
    ids = (body.get("media") or {}).get("media_ids") or []
    if not isinstance(text, str) or (not text.strip() and not ids):
        return _invalid("text: a post needs text or media.")
    if not 0 <= len(ids) <= 4 or any(
        st.media.get(str(i), {}).get("user") != user["id"] for i in ids
    ):
        return _invalid("media.media_ids: 1 to 4 ids of media uploaded by this user.")
    if weighted_length(text) > TEXT_MAX:
        return _too_long(text)
    to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
    if to is not None and not any(t["id"] == str(to) for t in st.tweets):
        return _invalid("reply.in_reply_to_tweet_id: no post with this id.")
    return None


def weighted_length(text: str) -> int:
    """X's weighted length, by rules kept here and never stricter than X's own count.

    NFC, line breaks as one; a code point in X's light ranges weighs 1, any other 2; a
    grapheme of several code points (an emoji sequence, a flag, a keycap) at most 2; a link
    with a scheme and a dotted host 23, as its t.co address; a bare name 23 when its last
    label is a domain X knows. Where these simple rules cannot tell (a name that may not be a
    link, a cluster that may not be an emoji) they count less, never more.
    """
    text = re.sub(r"\r\n|\r", "\n", unicodedata.normalize("NFC", text))
    total, last = 0, 0
    for m in _LINKISH.finditer(text):
        total += _clusters_weight(text[last : m.start()])
        link, tld = m.group(), (m.group("tld") or "").lower()
        if _SCHEMED.fullmatch(link) or tld in _BARE_TLDS:
            total += LINK_WEIGHT
        else:
            total += min(LINK_WEIGHT, _clusters_weight(link))
        last = m.end()
    return total + _clusters_weight(text[last:])


def _clusters_weight(text: str) -> int:
    total = 0
    for cluster in grapheme.graphemes(text):
        weight = sum(1 if _LIGHT.match(ch) else 2 for ch in cluster)
        total += weight if len(cluster) == 1 else min(2, weight)
    return total


def _store(sb: Sandbox, st: XState, body: dict[str, Any], user: dict[str, str]) -> dict[str, Any]:
    tweet_id = str(1_800_000_000_000_000_000 + sb.next_id())
    media = [st.media[str(i)] for i in (body.get("media") or {}).get("media_ids") or []]
    tweet = {"id": tweet_id, "user": user["id"], "text": body["text"], "at": datetime.now(UTC)}
    tweet["reply_to"] = str((body.get("reply") or {}).get("in_reply_to_tweet_id") or "") or None
    st.tweets.append(tweet)
    images = [{k: md[k] for k in ("sha256", "width", "height", "alt")} for md in media]
    url = f"https://x.com/{user['username']}/status/{tweet_id}"
    reply = {"in_reply_to": tweet["reply_to"]} if tweet["reply_to"] else {}
    sb.ledger.add(PLATFORM, user["username"], tweet_id, body["text"], images, url, **reply)
    return tweet


def _upload(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    data, category = _media_payload(req)
    if data is None or not category:
        return _invalid("media and media_category are required.")
    facts = image_facts(data)
    if facts is None or len(data) > MEDIA_MAX:
        return _invalid("media: an image (JPEG, PNG, GIF, WEBP) of at most 5 MB.")
    fmt, width, height = facts
    media_id = str(1_900_000_000_000_000_000 + sb.next_id())
    record = {"user": user["id"], "sha256": keep_image(data), "width": width}
    record.update(height=height, alt=None)
    with sb.lock:
        st.media[media_id] = record
    image = {"image_type": f"image/{fmt.lower()}", "w": width, "h": height}
    out = {"id": media_id, "media_key": f"3_{media_id}", "size": len(data)}
    out.update(expires_after_secs=86400, image=image)
    return json_response({"data": out})


def _media_payload(req: Request) -> tuple[bytes | None, str | None]:
    if req.headers.get("content-type", "").startswith("multipart/form-data"):
        parts = {u.name: u for u in req.uploads()}
        media = parts.get("media")
        category = parts.get("media_category")
        return (media.data if media else None), (category.data.decode() if category else None)
    body = req.json()
    if not isinstance(body, dict) or not isinstance(body.get("media"), str):
        return None, None
    try:
        return base64.b64decode(body["media"], validate=True), body.get("media_category")
    except ValueError:
        return None, None


def _metadata(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    body = req.json()
    media_id = str(body.get("id")) if isinstance(body, dict) else ""
    alt = ((body or {}).get("metadata") or {}).get("alt_text", {}).get("text")
    if media_id not in st.media or st.media[media_id]["user"] != user["id"]:
        return _invalid("id: no media with this id.")
    if not isinstance(alt, str) or len(alt) > 1000:
        return _invalid("metadata.alt_text.text: at most 1000 characters.")
    with sb.lock:
        st.media[media_id]["alt"] = alt
    return json_response({"data": {"id": media_id, "associated_metadata": True}})


def _me(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    return json_response(
        {"data": {"id": user["id"], "name": user["name"], "username": user["username"]}}
    )


def _timeline(sb: Sandbox, st: XState, req: Request, m: Any, user: dict[str, str]) -> Response:
    if st.access == "free":
        return x_access.not_enrolled(CONSUMER_KEY)
    size = int(req.arg("max_results") or 10)
    if not 5 <= size <= 100:
        return _invalid("max_results: between 5 and 100.")
    try:
        start = _time(req.arg("start_time"))
    except ValueError:
        return _invalid("start_time: an RFC 3339 time.")
    with sb.lock:
        found = [t for t in st.tweets if t["user"] == m.group("id") and t["at"] >= start]
    found.reverse()
    offset = int(req.arg("pagination_token") or 0)
    page = found[offset : offset + size]
    meta: dict[str, Any] = {"result_count": len(page)}
    if page:
        meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
    if offset + size < len(found):
        meta["next_token"] = str(offset + size)
    fields = (req.arg("tweet.fields") or req.arg("post.fields") or "").split(",")
    body: dict[str, Any] = {"meta": meta}
    if page:
        body["data"] = [
            _as_read(t, "created_at" in fields, "referenced_tweets" in fields) for t in page
        ]
    return json_response(body)


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _as_read(tweet: dict[str, Any], with_time: bool, with_refs: bool) -> dict[str, Any]:
    """A post as X returns it: URLs wrapped in t.co links, ``& < >`` as HTML entities."""
    text = html.escape(_URL.sub(_tco, tweet["text"]), quote=False)
    out = {"id": tweet["id"], "text": text, "edit_history_tweet_ids": [tweet["id"]]}
    if with_time:
        out["created_at"] = tweet["at"].strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if with_refs and tweet.get("reply_to"):
        out["referenced_tweets"] = [{"type": "replied_to", "id": tweet["reply_to"]}]
    return out


def _tco(m: re.Match[str]) -> str:
    digest = hashlib.sha1(m.group(0).encode()).digest()
    return "https://t.co/" + base64.urlsafe_b64encode(digest).decode()[:10]
