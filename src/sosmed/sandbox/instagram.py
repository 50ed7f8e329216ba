"""Emulation of Instagram's Graph content publishing (container, status, ``media_publish``).

As Instagram does, the sandbox fetches ``image_url`` itself, but only from what stands for the
public internet: its own ``/_media/`` (which serves the office's processed images) and the URL
prefixes in ``IGState.public`` (``app.allow_public``). Any other address, or an image that
cannot be had there, is refused at once as Instagram refuses it (``400``, code 9004, subcode
2207052, "Only photo or video can be accepted as media type."); an image that is not a JPEG, is
over 8 MiB or has an aspect outside 4:5..1.91:1 ends the container in status ``ERROR`` with
Instagram's subcode. ``alt_text`` is kept with each image. A container reads ``IN_PROGRESS``
the first time its status is asked, then ``FINISHED``; ``media_publish`` before that is
refused, as it is on Instagram. ``sb.state["instagram"].quota_total`` (50 posts per 24 hours)
may be raised for load tests.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sosmed.sandbox import facebook as graph
from sosmed.sandbox import meta_container as meta
from sosmed.sandbox.core import Request, Response, Route, Sandbox, json_response, keep_image

PLATFORM = "instagram"
DEMO_ORDER = 3  # where its account comes in the sandbox's config (default: after these)
IG_USER_ID = "17841400000000001"
USERNAME = "diskominfo.sandbox"
TOKEN = "EAAGsbxIgToken00000000000000001"
CAPTION_MAX = 2200
IMAGE_MAX = 8 * 1024 * 1024
ASPECT = (0.8, 1.91)


@dataclass
class IGState(meta.ContainerState):
    quota_total: int = 50


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "instagram_sandbox",
        "platform": "instagram",
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"ig_user_id": IG_USER_ID},
    }
    return account, {"access_token": TOKEN}


def lift_quotas(sb: Sandbox) -> None:
    """Instagram allows 50 posts a day: lifted for load tests."""
    sb.state[PLATFORM].quota_total = 10**9


def routes(sb: Sandbox) -> list[Route]:
    st = IGState(public=meta.own_media(sb))
    sb.state[PLATFORM] = st
    return meta.user_routes(
        sb,
        st,
        user_id=IG_USER_ID,
        token=TOKEN,
        node=lambda req, oid, info: _node(sb, st, req, oid),
        edge="media",
        quota_edge="content_publishing_limit",
        create=_create_container,
        listing=_list_media,
        publish=_publish,
    )


def _params(req: Request) -> dict[str, str]:
    return graph.fields(req)


def _create_container(sb: Sandbox, st: IGState, req: Request) -> Response:
    p = _params(req)
    if len(p.get("caption", "")) > CAPTION_MAX:
        return graph.bad_param("caption: at most 2200 characters")
    if p.get("media_type", "IMAGE").upper() == "CAROUSEL":
        container, error = _carousel(st, p)
    else:
        container, error = _image(st, p)
    if error is not None:
        return error
    container_id = str(17_900_000_000_000_000 + sb.next_id())
    container.update(id=container_id, reads=0, at=datetime.now(UTC))
    with sb.lock:
        st.containers[container_id] = container
    return json_response({"id": container_id})


def _image(st: IGState, p: dict[str, str]) -> tuple[dict[str, Any], Response | None]:
    url = p.get("image_url")
    if not url:
        return {}, graph.bad_param("image_url is required for an image container")
    data = meta.fetch_public(st, url)
    if data is None:
        return {}, meta.download_failed(url)
    container: dict[str, Any] = {
        "kind": "IMAGE",
        "image_url": url,  # what was fetched, for the tests to see
        "caption": p.get("caption", ""),
        "item": p.get("is_carousel_item", "false").lower() == "true",
        "status": "IN_PROGRESS",
        "error": None,
    }
    facts = graph.image_facts(data)
    problem = _image_problem(data, facts)
    if problem is not None:
        container.update(status="ERROR", error=problem)
    elif facts is not None:
        container["image"] = {
            "sha256": keep_image(data),
            "width": facts[1],
            "height": facts[2],
            "alt": p.get("alt_text"),
        }
    return container, None


def _image_problem(data: bytes, facts: tuple[str, int, int] | None) -> str | None:
    if len(data) > IMAGE_MAX:
        return "Error: The image is too large; it should be less than 8 MiB (2207004)"
    if facts is None or facts[0] != "JPEG":
        return "Error: Only JPEG images can be published (2207005)"
    aspect = facts[1] / facts[2]
    if not ASPECT[0] <= aspect <= ASPECT[1]:
        return f"Error: The aspect ratio {aspect:.2f} is not supported (2207009)"
    return None


def _carousel(st: IGState, p: dict[str, str]) -> tuple[dict[str, Any], Response | None]:
    children = [c.strip() for c in p.get("children", "").split(",") if c.strip()]
    if not 2 <= len(children) <= 10:
        return {}, graph.bad_param("children: 2 to 10 carousel item containers")
    items = [st.containers.get(c) for c in children]
    if any(item is None or not item["item"] for item in items):
        return {}, graph.bad_param("children: each must be a container with is_carousel_item")
    failed = next((i["error"] for i in items if i and i["status"] == "ERROR"), None)
    container = {
        "kind": "CAROUSEL",
        "caption": p.get("caption", ""),
        "item": False,
        "children": children,
        "status": "ERROR" if failed else "IN_PROGRESS",
        "error": failed,
    }
    return container, None


def _publish(sb: Sandbox, st: IGState, req: Request) -> Response:
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return graph.server_error(-1, 2207001)
    if fault == "ratelimit":
        return _quota_error()
    if fault == "auth":
        return graph.expired()
    container_id = _params(req).get("creation_id", "")
    with sb.lock:
        container = st.containers.get(container_id)
        if container is None or container["item"]:
            return graph.bad_param("creation_id: no such container")
        if container["status"] != "FINISHED":
            return graph.graph_error(400, "Media ID is not available", 9007, 2207027)
        if meta.used(st) >= st.quota_total:
            return _quota_error()
        media = _create_media(sb, st, container)
    ok = json_response({"id": media["id"]})
    return graph.after_create(fault, ok, graph.server_error(-1, 2207001))


def _quota_error() -> Response:
    return graph.graph_error(400, "Application request limit reached", 9, 2207042)


def _create_media(sb: Sandbox, st: IGState, container: dict[str, Any]) -> dict[str, Any]:
    media_id = str(17_950_000_000_000_000 + sb.next_id())
    code = base64.urlsafe_b64encode(hashlib.sha1(media_id.encode()).digest()).decode()[:11]
    media = {
        "id": media_id,
        "caption": container["caption"],
        "at": datetime.now(UTC),
        "permalink": f"https://www.instagram.com/p/{code}/",
        "media_type": "CAROUSEL_ALBUM" if container["kind"] == "CAROUSEL" else "IMAGE",
        "container": container["id"],
    }
    st.media[media_id] = media
    container.update(status="PUBLISHED", media_id=media_id)
    parts = [st.containers[c] for c in container.get("children", [])] or [container]
    images = [part["image"] for part in parts]
    sb.ledger.add(PLATFORM, USERNAME, media_id, container["caption"], images, media["permalink"])
    return media


def _list_media(sb: Sandbox, st: IGState, req: Request) -> Response:
    try:
        since = graph.since_arg(req)
    except ValueError:
        return graph.bad_param("since: a UNIX time or an ISO 8601 time")
    limit = min(int(req.arg("limit") or 25), 100)
    with sb.lock:
        found = [m for m in st.media.values() if m["at"] >= since]
    found.sort(key=lambda m: m["at"], reverse=True)
    return json_response({"data": [_media_json(m) for m in found[:limit]], "paging": {}})


def _media_json(media: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "caption", "permalink", "media_type")
    return {k: media[k] for k in keys} | {"timestamp": graph.graph_time(media["at"])}


def _node(sb: Sandbox, st: IGState, req: Request, object_id: str) -> Response | None:
    if object_id == IG_USER_ID:
        return json_response({"id": IG_USER_ID, "username": USERNAME, "name": "Diskominfo Sandbox"})
    if object_id in st.media:
        return json_response(_media_json(st.media[object_id]))
    with sb.lock:
        container = st.containers.get(object_id)
        if container is None:
            return None
        meta.read_status(container)
        body = {"id": object_id, "status_code": container["status"]}
        body["status"] = container["error"] or container["status"].title()
    return json_response(body)
