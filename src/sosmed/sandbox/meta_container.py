"""What the Instagram and Threads emulations share: Meta's container publishing on the Graph.

Both keep containers and posts per user, fetch ``image_url`` only from what stands for the
public internet, move a container from ``IN_PROGRESS`` to ``FINISHED`` on its second status read
and count a daily quota. One copy keeps the two emulations answering alike where the real
services do; each platform module keeps its own limits, fields and errors.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sosmed.sandbox import facebook as graph
from sosmed.sandbox.core import Request, Response, Route, Sandbox, json_response, route

Handler = Callable[[Sandbox, Any, Request], Response]


@dataclass
class ContainerState:
    quota_total: int = 0
    containers: dict[str, dict[str, Any]] = field(default_factory=dict)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    # URL prefixes that the platform's fetcher can reach: they stand for the public internet.
    public: list[str] = field(default_factory=list)


def own_media(sb: Sandbox) -> list[str]:
    """The sandbox's own ``/_media/``, which serves the office's processed images."""
    return [f"http://{host}:{sb.port}/_media/" for host in ("127.0.0.1", "localhost")]


def user_routes(
    sb: Sandbox,
    st: ContainerState,
    *,
    user_id: str,
    token: str,
    node: graph.NodeReader,
    edge: str,
    quota_edge: str,
    create: Handler,
    listing: Handler,
    publish: Handler,
) -> list[Route]:
    """The user's container, list, publish and quota routes, behind the shared Graph token."""
    shared = graph.graph_state(sb)
    shared.tokens[token] = {"owner": user_id, "type": "USER", "app_secret": graph.APP_SECRET}
    shared.nodes.append(node)

    def h(fn: Handler) -> Any:
        def handler(req: Request, m: Any) -> Response:
            info = graph.authorize(sb, req)
            if isinstance(info, Response):
                return info
            if m.group("id") != user_id or info["owner"] != user_id:
                return graph.no_object(m.group("id"))
            return fn(sb, st, req)

        return graph.versioned(handler)

    base = graph.V + r"/(?P<id>\d+)"
    return [
        route("POST", base + f"/{edge}", h(create)),
        route("GET", base + f"/{edge}", h(listing)),
        route("POST", base + f"/{edge}_publish", h(publish)),
        route("GET", base + f"/{quota_edge}", h(limit)),
    ]


def fetch_public(st: ContainerState, url: str) -> bytes | None:
    public = any(url.startswith(prefix) for prefix in st.public)
    return graph.fetch(url) if public else None


def download_failed(url: str) -> Response:
    """Instagram's answer when its servers cannot download ``image_url``."""
    error = {
        "message": "Only photo or video can be accepted as media type.",
        "type": "OAuthException",
        "code": 9004,
        "error_subcode": 2207052,
        "is_transient": False,
        "error_user_title": (
            "Media download has failed. The media URI doesn't meet our requirements."
        ),
        "error_user_msg": f"The media could not be fetched from this URI: {url}. Please check the "
        "limitations section in our development document for more information: "
        "https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/"
        "ig-user/media#creating",
        "fbtrace_id": secrets.token_urlsafe(8),
    }
    return json_response({"error": error}, 400)


def read_status(container: dict[str, Any]) -> None:
    """Counts a status read: the first finds the container busy, as the services often do."""
    container["reads"] += 1
    if container["status"] == "IN_PROGRESS" and container["reads"] > 1:
        container["status"] = "FINISHED"


def used(st: ContainerState) -> int:
    day_ago = datetime.now(UTC) - timedelta(days=1)
    return sum(1 for m in st.media.values() if m["at"] > day_ago)


def limit(sb: Sandbox, st: ContainerState, req: Request) -> Response:
    with sb.lock:
        count = used(st)
    config = {"quota_total": st.quota_total, "quota_duration": 86400}
    return json_response({"data": [{"quota_usage": count, "config": config}]})
