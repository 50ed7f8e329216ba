"""Deleting a post, as X, the Graph APIs (Facebook, Threads; Instagram refuses) and Mastodon
answer it. Telegram's ``deleteMessage`` and Bluesky's ``deleteRecord`` live with their
platforms' other methods.

A delete takes the post off the platform's own state and out of the ledger. A second delete of
the same post is answered as each platform answers a post that is not there (X 404, Graph code
100 subcode 33, Mastodon 404). Faults are drawn as for a create: ``before`` (5xx, nothing
deleted), ``after`` (deleted, then 5xx), ``hang``, ``reset``, ``ratelimit``, ``auth``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from sosmed.sandbox import facebook as graph
from sosmed.sandbox import mastodon, threads, x
from sosmed.sandbox.core import Hang, Request, Reset, Response, Route, Sandbox, json_response, route

# The answer a fault gives before anything is deleted, per kind, and the 5xx of "after".
Answers = dict[str, Callable[[], Response]]


def routes(sb: Sandbox) -> list[Route]:
    """The delete endpoints; added after every platform's own routes (they share its state)."""

    def tweet(req: Request, m: re.Match[str]) -> Response:
        return x._guarded(sb, sb.state[x.PLATFORM], "delete", 50, _x_delete, req, m)

    return [
        route("DELETE", r"/2/tweets/(?P<id>\d+)", tweet),
        route(
            "DELETE", graph.V + r"/(?P<id>[0-9_]+)", graph.versioned(lambda r, m: _graph(sb, r, m))
        ),
        route("DELETE", r"/api/v1/statuses/(?P<id>\d+)", lambda r, m: _mastodon(sb, r, m)),
    ]


def faulted(
    sb: Sandbox, platform: str, answers: Answers, delete: Callable[[], Response]
) -> Response:
    """``delete`` run under the fault the sandbox draws for ``platform``."""
    fault = sb.faults.draw(platform)
    if fault in ("before", "ratelimit", "auth"):
        return answers[fault]()
    done = delete()
    if fault == "hang":
        raise Hang()
    if fault == "reset":
        raise Reset()
    if fault == "after" and done.status < 300:
        return answers["before"]()
    return done


def _x_delete(sb: Sandbox, st: Any, req: Request, m: Any, user: dict[str, str]) -> Response:
    tweet_id = m.group("id")

    def delete() -> Response:
        with sb.lock:
            mine = [t for t in st.tweets if t["id"] == tweet_id and t["user"] == user["id"]]
            for t in mine:
                st.tweets.remove(t)
        if not mine:
            return x.problem(
                404,
                "Not Found Error",
                f"Could not find tweet with id: [{tweet_id}].",
                "https://api.twitter.com/2/problems/resource-not-found",
                resource_type="tweet",
                parameter="id",
                value=tweet_id,
            )
        sb.ledger.remove(x.PLATFORM, tweet_id)
        return json_response({"data": {"deleted": True}})

    answers: Answers = {
        "before": lambda: x.problem(503, "Service Unavailable", "Service Unavailable"),
        "ratelimit": lambda: x.problem(429, "Too Many Requests", "Too Many Requests"),
        "auth": lambda: x.problem(401, "Unauthorized", "Unauthorized"),
    }
    return faulted(sb, x.PLATFORM, answers, delete)


def _no_object(object_id: str) -> Response:
    text = (
        f"Unsupported delete request. Object with ID '{object_id}' does not exist, cannot be "
        "loaded due to missing permissions, or does not support this operation."
    )
    return graph.graph_error(400, text, 100, 33, "GraphMethodException")


def _graph(sb: Sandbox, req: Request, m: re.Match[str]) -> Response:
    """``DELETE /vNN/{id}``: a Page post (Facebook) or a Threads post; Instagram media
    cannot be deleted through the API, so it gets the "unsupported" answer."""
    info = graph.authorize(sb, req)
    if isinstance(info, Response):
        return info
    object_id, owner = m.group("id"), info["owner"]
    if owner == graph.PAGE_ID:
        platform, items = graph.PLATFORM, sb.state[graph.PLATFORM].posts
    elif owner == threads.USER_ID:
        platform, items = threads.PLATFORM, list(sb.state[threads.PLATFORM].media.values())
    else:  # Instagram's media, and anything else: the API deletes nothing
        return _no_object(object_id)

    def delete() -> Response:
        with sb.lock:
            found = [i for i in items if i["id"] == object_id]
            if found and platform == graph.PLATFORM:
                sb.state[graph.PLATFORM].posts.remove(found[0])
            elif found:
                del sb.state[threads.PLATFORM].media[object_id]
        if not found:
            return _no_object(object_id)
        sb.ledger.remove(platform, object_id)
        extra = {"deleted_id": object_id} if platform == threads.PLATFORM else {}
        return json_response({"success": True, **extra})

    answers: Answers = {
        "before": lambda: graph.server_error(),
        "ratelimit": lambda: graph.graph_error(400, "(#4) Application request limit reached", 4),
        "auth": graph.expired,
    }
    return faulted(sb, platform, answers, delete)


def _mastodon(sb: Sandbox, req: Request, m: re.Match[str]) -> Response:
    auth = req.headers.get("authorization", "")
    token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else ""
    st = mastodon.state(sb)
    account = st["accounts"].get(token)
    if account is None:
        return mastodon._error(401, "The access token is invalid")
    status_id = m.group("id")

    def delete() -> Response:
        with sb.lock:
            status = st["statuses"].get(status_id)
            mine = status is not None and status["account"]["id"] == account["id"]
            if mine:
                del st["statuses"][status_id]
        if not mine:
            return mastodon._error(404, "Record not found")
        sb.ledger.remove(mastodon.PLATFORM, status_id)
        # Mastodon answers with the deleted status (for "delete & redraft").
        return json_response(mastodon._public(status))

    reset = str(int(time.time()) + 300)
    answers: Answers = {
        "before": lambda: mastodon._error(503, "Service Unavailable"),
        "ratelimit": lambda: mastodon._error(
            429, "Too many requests", {"X-RateLimit-Reset": reset}
        ),
        "auth": lambda: mastodon._error(401, "The access token is invalid"),
    }
    return faulted(sb, mastodon.PLATFORM, answers, delete)
