"""The public in the sandbox: each post's counters (likes, comments, shares, views) drawn from
the sandbox's seed and the post's id, and grown with its age on the sandbox's clock, so that
the same seed gives the same figures; and the reads that serve them in each platform's shape.

Graph (Facebook, Instagram, Threads): ``GET /vNN/{id}?fields=`` answers the counter fields
(``reactions.summary(true)``, ``comments.summary(true)``, ``shares``; ``like_count``,
``comments_count``) and ``GET /vNN/{id}/insights?metric=`` the insights, refused with Graph's
``(#10) Application does not have permission for this action`` for a platform in
``sb.no_insights`` (a token without the insights scope). X's ``GET /2/tweets/:id`` and
Bluesky's ``getPosts`` are served here for their modules. Every read is written to
``sb.reads`` (``GET /_reads``): what a paid API would bill.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from sosmed.sandbox import facebook as graph
from sosmed.sandbox.core import Request, Response, Route, Sandbox, json_response, route

WEEK_HOURS = 7 * 24
INSIGHTS = {
    "facebook": ("post_media_view", "post_impressions", "post_reactions_by_type_total"),
    "instagram": ("reach", "views", "likes", "comments", "shares", "saved", "total_interactions"),
    "threads": ("views", "likes", "replies", "reposts", "quotes", "shares"),
}
NO_PERMISSION = "(#10) Application does not have permission for this action"


def simulated(sb: Sandbox, platform: str, remote_id: str, at: datetime) -> dict[str, int]:
    """The post's counters now: fixed peaks from the seed and the id, reached after a week
    (quickly at first, as posts are seen most in their first hours)."""
    d = hashlib.sha256(f"{sb.seed}:{platform}:{remote_id}".encode()).digest()
    hours = max((sb.now() - at).total_seconds() / 3600, 0.0)
    grown = min(1.0, ((hours + 1) / (WEEK_HOURS + 1)) ** 0.5)
    peaks = {
        "likes": 40 + int.from_bytes(d[0:2], "big") % 400,
        "comments": 5 + d[2] % 60,
        "shares": 2 + d[3] % 80,
        "quotes": d[4] % 10,
        "views": 800 + int.from_bytes(d[5:7], "big") % 9000,
    }
    out = {k: int(v * grown) for k, v in peaks.items()}
    out["reach"] = int(out["views"] * 0.7)
    return out


def refused(sb: Sandbox, platform: str) -> Response | None:
    """Graph's permission error when the platform's token lacks the insights scope."""
    if platform in sb.no_insights:
        return graph.graph_error(400, NO_PERMISSION, 10)
    return None


# Graph: Facebook, Instagram, Threads


def graph_routes(sb: Sandbox) -> list[Route]:
    """The counter fields of ``GET /vNN/{id}`` (answered before the platforms' own readers)
    and ``GET /vNN/{id}/insights``; made after the platforms' own routes."""
    graph.graph_state(sb).nodes.insert(0, lambda req, oid, info: _counter_fields(sb, req, oid))

    def insights(req: Request, m: Any) -> Response:
        info = graph.authorize(sb, req)
        if isinstance(info, Response):
            return info
        return _insights(sb, req, m.group("id"), info)

    return [route("GET", graph.V + r"/(?P<id>[0-9_]+)/insights", graph.versioned(insights))]


def _find(sb: Sandbox, object_id: str) -> tuple[str, str, datetime] | None:
    """(platform, owner, published at) of a post of the Graph emulations."""
    page = sb.state.get("facebook")
    for post in getattr(page, "posts", []):
        if post["id"] == object_id:
            return "facebook", graph.PAGE_ID, post["at"]
    for platform in ("instagram", "threads"):
        media = getattr(sb.state.get(platform), "media", {}).get(object_id)
        if media is not None:
            return platform, str(media.get("owner") or _owner(platform)), media["at"]
    return None


def _owner(platform: str) -> str:
    from sosmed.sandbox import instagram, threads

    return instagram.IG_USER_ID if platform == "instagram" else threads.USER_ID


def _counter_fields(sb: Sandbox, req: Request, object_id: str) -> Response | None:
    wanted = {f.split(".")[0].strip() for f in (req.arg("fields") or "").split(",")}
    if not wanted & {"reactions", "comments", "shares", "like_count", "comments_count"}:
        return None
    found = _find(sb, object_id)
    if found is None or found[0] == "threads":
        return None
    platform, _owner_id, at = found
    c = simulated(sb, platform, object_id, at)
    sb.reads.add(platform, object_id, req.path)
    body: dict[str, Any] = {"id": object_id}
    if platform == "facebook":
        if "reactions" in wanted:
            summary = {"total_count": c["likes"], "viewer_reaction": "NONE"}
            body["reactions"] = {"data": [], "summary": summary}
        if "comments" in wanted:
            summary = {"order": "ranked", "total_count": c["comments"], "can_comment": True}
            body["comments"] = {"data": [], "summary": summary}
        if "shares" in wanted and c["shares"]:  # Graph leaves it out when nobody shared
            body["shares"] = {"count": c["shares"]}
        return json_response(body)
    for name, key in (("like_count", "likes"), ("comments_count", "comments")):
        if name in wanted:
            body[name] = c[key]
    return json_response(body)


def _insights(sb: Sandbox, req: Request, object_id: str, info: dict[str, str]) -> Response:
    found = _find(sb, object_id)
    if found is None or info["owner"] != found[1]:
        return graph.no_object(object_id)
    platform, _owner_id, at = found
    if (denied := refused(sb, platform)) is not None:
        sb.reads.add(platform, object_id, req.path, refused=True)
        return denied
    metrics = [m.strip() for m in (req.arg("metric") or "").split(",") if m.strip()]
    if not metrics:
        text = "(#100) The parameter metric is required"
        return graph.graph_error(400, text, 100)
    bad = [m for m in metrics if m not in INSIGHTS[platform]]
    if bad:
        return graph.graph_error(400, "(#100) metric[0] must be one of the following values", 100)
    c = simulated(sb, platform, object_id, at)
    sb.reads.add(platform, object_id, req.path)
    value = {
        "post_media_view": c["views"],
        "post_impressions": c["views"],
        "replies": c["comments"],
        "reposts": c["shares"],
        "total_interactions": c["likes"] + c["comments"] + c["shares"],
        "saved": c["quotes"],
    }
    data = [
        {
            "name": m,
            "period": "lifetime",
            "values": [{"value": value.get(m, c.get(m, 0))}],
            "title": m.replace("_", " ").title(),
            "description": f"Lifetime {m.replace('_', ' ')}",
            "id": f"{object_id}/insights/{m}/lifetime",
        }
        for m in metrics
    ]
    return json_response({"data": data, "paging": {}} if platform == "facebook" else {"data": data})


# X and Bluesky


def tweet_lookup(sb: Sandbox, st: Any, req: Request, m: Any, user: dict[str, str]) -> Response:
    """X's ``GET /2/tweets/:id``; ``public_metrics`` when asked for. Free may not read."""
    from sosmed.sandbox import x, x_access

    if st.access == "free":
        return x_access.not_enrolled(x.CONSUMER_KEY)
    tweet_id = m.group("id")
    with sb.lock:
        tweet = next((t for t in st.tweets if t["id"] == tweet_id), None)
    sb.reads.add("x", tweet_id, req.path)
    if tweet is None:
        error = {
            "value": tweet_id,
            "detail": f"Could not find tweet with id: [{tweet_id}].",
            "title": "Not Found Error",
            "resource_type": "tweet",
            "parameter": "id",
            "resource_id": tweet_id,
            "type": "https://api.twitter.com/2/problems/resource-not-found",
        }
        return json_response({"errors": [error]})
    data: dict[str, Any] = {"id": tweet_id, "text": tweet["text"]}
    data["edit_history_tweet_ids"] = [tweet_id]
    fields = (req.arg("tweet.fields") or "").split(",")
    if "public_metrics" in fields:
        c = simulated(sb, "x", tweet_id, tweet["at"])
        data["public_metrics"] = {
            "retweet_count": c["shares"],
            "reply_count": c["comments"],
            "like_count": c["likes"],
            "quote_count": c["quotes"],
            "bookmark_count": c["quotes"] // 2,
            "impression_count": c["views"],
        }
    return json_response({"data": data})


def post_views(sb: Sandbox, st: dict[str, Any], req: Request, handle_of: Any) -> Response:
    """Bluesky's ``app.bsky.feed.getPosts``: a view of each post found (others left out)."""
    views = []
    for uri in req.query.get("uris", []):
        parts = uri.removeprefix("at://").split("/")
        if len(parts) != 3:
            continue
        with sb.lock:
            record = st["records"].get((parts[0], parts[2]))
        if record is None:
            continue
        value = record["value"]
        at = _time(value.get("createdAt"))
        c = simulated(sb, "bluesky", uri, at)
        sb.reads.add("bluesky", uri, req.path)
        author = {"did": parts[0], "handle": handle_of(sb, parts[0]), "labels": []}
        views.append(
            {
                "uri": uri,
                "cid": record["cid"],
                "author": author,
                "record": value,
                "replyCount": c["comments"],
                "repostCount": c["shares"],
                "likeCount": c["likes"],
                "quoteCount": c["quotes"],
                "indexedAt": value.get("createdAt"),
                "labels": [],
            }
        )
    return json_response({"posts": views})


def _time(value: Any) -> datetime:
    """A record's createdAt; a record without a readable one counts as new."""
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)
