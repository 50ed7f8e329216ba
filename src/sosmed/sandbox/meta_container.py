"""What the Instagram and Threads emulations share: Meta's container publishing on the Graph.

Both keep containers and posts per user, fetch ``image_url`` only from what stands for the
public internet, move a container from ``IN_PROGRESS`` to ``FINISHED`` on its second status read
and count a daily quota. One copy keeps the two emulations answering alike where the real
services do; each platform module keeps its own limits, fields and errors.
"""

from __future__ import annotations

import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

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


MAX_REDIRECTS = 3
_REDIRECTS = (301, 302, 303, 307, 308)


def fetch_public(st: ContainerState, url: str) -> bytes | None:
    """The image at ``url``, fetched as Meta's servers do, or None when they could not have it.

    Only what stands for the public internet is reached: every hop, a redirect's target too,
    must lie under one of ``st.public``, compared as the address that is really requested
    (``/_media/../_img/...`` is ``/_img/...``), never as the text that was sent.
    """
    for _ in range(MAX_REDIRECTS + 1):
        address = _requested(url)
        if address is None or not any(_under(address, prefix) for prefix in st.public):
            return None
        try:
            with requests.get(address, timeout=5, stream=True, allow_redirects=False) as r:
                if r.status_code in _REDIRECTS and r.headers.get("Location"):
                    url = urllib.parse.urljoin(address, r.headers["Location"])
                    continue
                if r.status_code != 200:
                    return None
                data = r.raw.read(graph.FETCH_MAX + 1, decode_content=True)
        except requests.RequestException:
            return None
        return data if len(data) <= graph.FETCH_MAX else None
    return None


def _requested(url: str) -> str | None:
    """The address a client really asks for: dot segments resolved, scheme and host in lower
    case; None for anything that is not an http(s) URL."""
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return str(requests.Request("GET", url).prepare().url)
    except (requests.RequestException, ValueError):
        return None


def _under(address: str, prefix: str) -> bool:
    """Whether ``address`` lies under ``prefix``: the same scheme, host and port, and a path
    that continues the prefix's own at a ``/``."""
    a, p = urllib.parse.urlsplit(address), urllib.parse.urlsplit(prefix)
    try:
        same = (a.scheme, a.hostname, a.port) == (p.scheme.lower(), p.hostname, p.port)
    except ValueError:  # a port that is not a number
        return False
    folder = p.path if p.path.endswith("/") else p.path + "/"
    return same and (a.path + "/").startswith(folder)


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
