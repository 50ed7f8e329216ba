"""Emulation of the Threads API's publishing (container, status, ``threads_publish``).

Paths as on ``graph.threads.net``: ``POST /v1.0/{user}/threads`` makes a container
(``media_type`` TEXT, IMAGE or CAROUSEL; ``text``, ``image_url``, ``alt_text``, ``topic_tag``,
``is_carousel_item``, ``children``, ``link_attachment``), ``GET /v1.0/{container}?fields=status``
reads ``IN_PROGRESS`` the first time, then ``FINISHED`` (``EXPIRED`` after 24 hours unpublished),
``POST /v1.0/{user}/threads_publish`` with ``creation_id`` publishes it (refused before it is
``FINISHED`` and once it is ``PUBLISHED``), ``GET /v1.0/{user}/threads`` lists the user's posts
(``since``, ``until``, ``limit``), ``GET /v1.0/{media}`` reads one, and
``GET /v1.0/{user}/threads_publishing_limit`` tells ``quota_usage`` of ``quota_total`` (250 in
24 hours; ``sb.state["threads"].quota_total`` may be raised for load tests). ``/me`` and
``/debug_token`` are the Graph emulation's (``facebook.py``), which this one shares.

Text: at most 500 characters, an emoji counted as its UTF-8 bytes (this emulation's own rule:
code points of the emoji blocks, variation selectors and joiners count their bytes). One
``topic_tag`` of 1-50 characters without ``.`` or ``&``. A carousel holds 2-20 items. Like
Instagram's, this Threads fetches ``image_url`` itself, only from what stands for the public
internet (its own ``/_media/`` and the prefixes given to ``app.allow_public``); an image it cannot
fetch is refused at once in Instagram's words (an approximation: Threads' own answer to it is not
documented), one that is not a JPEG or PNG, is over 8 MiB or is wider than 10:1 either way ends
its container in ``ERROR``. Faults are drawn on ``threads_publish`` only.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sosmed.sandbox import facebook as graph
from sosmed.sandbox import meta_container as meta
from sosmed.sandbox.core import Request, Response, Route, Sandbox, json_response, keep_image

PLATFORM = "threads"
DEMO_ORDER = 7  # where its account comes in the sandbox's config (default: after these)
USER_ID = "27140000000000001"
USERNAME = "diskominfo.sandbox"
TOKEN = "THAAsbxThreadsToken00000000000001"
TEXT_MAX = 500
TAG_MAX = 50
ITEMS = (2, 20)
IMAGE_MAX = 8 * 1024 * 1024
ASPECT = (0.1, 10.0)
DAY = timedelta(days=1)


@dataclass
class ThreadsState(meta.ContainerState):
    quota_total: int = 250


def demo_account(base_url: str) -> tuple[dict[str, Any], dict[str, str]]:
    account = {
        "name": "threads_sandbox",
        "platform": PLATFORM,
        "api_base": base_url,
        "timeout": 5.0,
        "options": {"threads_user_id": USER_ID},
    }
    return account, {"access_token": TOKEN}


def lift_quotas(sb: Sandbox) -> None:
    """Threads allows 250 posts a day: lifted for load tests."""
    sb.state[PLATFORM].quota_total = 10**9


def routes(sb: Sandbox) -> list[Route]:
    st = ThreadsState(public=meta.own_media(sb))
    sb.state[PLATFORM] = st
    return meta.user_routes(
        sb,
        st,
        user_id=USER_ID,
        token=TOKEN,
        node=lambda req, oid, info: _node(sb, st, req, oid, info),
        edge="threads",
        quota_edge="threads_publishing_limit",
        create=_create_container,
        listing=_list_threads,
        publish=_publish,
    )


def text_length(text: str) -> int:
    """Characters, with each emoji code point (and joiner, variation selector) as its bytes."""
    return sum(len(ch.encode()) if _emoji_part(ch) else 1 for ch in text)


def _emoji_part(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or cp in (0x200D, 0xFE0F, 0x20E3)
        or 0xE0020 <= cp <= 0xE007F
    )


def _create_container(sb: Sandbox, st: ThreadsState, req: Request) -> Response:
    p = graph.fields(req)
    kind = p.get("media_type", "").upper()
    text = p.get("text", "")
    if (length := text_length(text)) > TEXT_MAX:
        return graph.bad_param(f"text: at most {TEXT_MAX} characters ({length})")
    tag = p.get("topic_tag")
    if tag is not None and (not 0 < len(tag) <= TAG_MAX or any(c in tag for c in ".&")):
        return graph.bad_param("topic_tag: 1 to 50 characters, without '.' or '&'")
    item = p.get("is_carousel_item", "false").lower() == "true"
    if kind == "TEXT" and not item:
        container, error = _text(p)
    elif kind == "IMAGE":
        container, error = _image(st, p)
    elif kind == "CAROUSEL" and not item:
        container, error = _carousel(st, p)
    else:
        return graph.bad_param("media_type: TEXT, IMAGE or CAROUSEL")
    if error is not None:
        return error
    container_id = str(17_800_000_000_000_000 + sb.next_id())
    container.update(
        id=container_id, kind=kind, text=text, topic_tag=tag, item=item, reads=0, media_id=None
    )
    container.update(at=datetime.now(UTC))
    container.setdefault("status", "IN_PROGRESS")
    container.setdefault("error", None)
    with sb.lock:
        st.containers[container_id] = container
    return json_response({"id": container_id})


def _text(p: dict[str, str]) -> tuple[dict[str, Any], Response | None]:
    if not p.get("text", "").strip():
        return {}, graph.bad_param("text is required for a TEXT container")
    return {"link": p.get("link_attachment")}, None


def _image(st: ThreadsState, p: dict[str, str]) -> tuple[dict[str, Any], Response | None]:
    url = p.get("image_url")
    if not url:
        return {}, graph.bad_param("image_url is required for an IMAGE container")
    data = meta.fetch_public(st, url)
    if data is None:
        return {}, meta.download_failed(url)
    facts = graph.image_facts(data)
    problem = _image_problem(data, facts)
    if problem is not None or facts is None:
        return {"status": "ERROR", "error": problem or "UNKNOWN"}, None
    image = {"sha256": keep_image(data), "width": facts[1], "height": facts[2]}
    return {"image": image | {"alt": p.get("alt_text")}, "image_url": url}, None


def _image_problem(data: bytes, facts: tuple[str, int, int] | None) -> str | None:
    if len(data) > IMAGE_MAX:
        return "UNKNOWN: the image is over 8 MB"
    if facts is None or facts[0] not in ("JPEG", "PNG"):
        return "UNKNOWN: only JPEG and PNG images"
    if not ASPECT[0] <= facts[1] / facts[2] <= ASPECT[1]:
        return "INVALID_ASPEC_RATIO"
    return None


def _carousel(st: ThreadsState, p: dict[str, str]) -> tuple[dict[str, Any], Response | None]:
    children = [c.strip() for c in p.get("children", "").split(",") if c.strip()]
    if not ITEMS[0] <= len(children) <= ITEMS[1]:
        return {}, graph.bad_param(f"children: {ITEMS[0]} to {ITEMS[1]} carousel items")
    items = [st.containers.get(c) for c in children]
    if any(item is None or not item["item"] or item["media_id"] for item in items):
        return {}, graph.bad_param("children: each must be a container with is_carousel_item")
    failed = next((i["error"] for i in items if i and i["status"] == "ERROR"), None)
    status = "ERROR" if failed else "IN_PROGRESS"
    return {"children": children, "status": status, "error": failed}, None


def _publish(sb: Sandbox, st: ThreadsState, req: Request) -> Response:
    fault = sb.faults.draw(PLATFORM)
    if fault == "before":
        return graph.server_error(2)
    if fault == "ratelimit":
        return _rate_error()
    if fault == "auth":
        return graph.expired()
    container_id = graph.fields(req).get("creation_id", "")
    with sb.lock:
        container = st.containers.get(container_id)
        if container is None or container["item"]:
            return graph.bad_param("creation_id: no such container")
        _age(container)
        if container["status"] != "FINISHED":
            return graph.graph_error(400, "Media ID is not available", 9007, 2207027)
        if meta.used(st) >= st.quota_total:
            return _rate_error()
        media = _create_media(sb, st, container)
    ok = json_response({"id": media["id"]})
    return graph.after_create(fault, ok, graph.server_error(2))


def _rate_error() -> Response:
    return graph.graph_error(400, "Application request limit reached", 4)


def _age(container: dict[str, Any]) -> None:
    """A container not published within 24 hours expires, as on Threads."""
    if container["status"] != "PUBLISHED" and datetime.now(UTC) - container["at"] > DAY:
        container["status"] = "EXPIRED"


def _create_media(sb: Sandbox, st: ThreadsState, container: dict[str, Any]) -> dict[str, Any]:
    media_id = str(18_050_000_000_000_000 + sb.next_id())
    code = base64.urlsafe_b64encode(hashlib.sha1(media_id.encode()).digest()).decode()[:11]
    kinds = {"TEXT": "TEXT_POST", "IMAGE": "IMAGE", "CAROUSEL": "CAROUSEL_ALBUM"}
    media = {
        "id": media_id,
        "text": container["text"],
        "at": datetime.now(UTC),
        "permalink": f"https://www.threads.net/@{USERNAME}/post/{code}",
        "shortcode": code,
        "media_type": kinds[container["kind"]],
        "topic_tag": container["topic_tag"],
        "link_attachment_url": container.get("link"),
        "container": container["id"],
    }
    st.media[media_id] = media
    container.update(status="PUBLISHED", media_id=media_id)
    parts = [st.containers[c] for c in container.get("children", [])]
    if container["kind"] == "IMAGE":
        parts = [container]
    images = [part["image"] for part in parts]
    sb.ledger.add(
        PLATFORM,
        USERNAME,
        media_id,
        container["text"],
        images,
        media["permalink"],
        topic_tag=container["topic_tag"],
    )
    return media


def _list_threads(sb: Sandbox, st: ThreadsState, req: Request) -> Response:
    try:
        since = graph.since_arg(req)
        until_arg = req.arg("until")
        until = datetime.fromtimestamp(int(until_arg), UTC) if until_arg else None
        limit = min(int(req.arg("limit") or 25), 100)
    except ValueError:
        return graph.bad_param("since, until: UNIX times; limit: a number")
    with sb.lock:
        found = [
            m for m in st.media.values() if m["at"] >= since and (until is None or m["at"] <= until)
        ]
    found.sort(key=lambda m: m["at"], reverse=True)
    data = [_pick(_media_json(m), req) for m in found[:limit]]
    return json_response({"data": data, "paging": {}})


def _media_json(media: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "text", "permalink", "media_type", "shortcode", "topic_tag")
    out = {k: media[k] for k in keys if media.get(k) is not None}
    out.update(media_product_type="THREADS", username=USERNAME, is_quote_post=False)
    return out | {"timestamp": graph.graph_time(media["at"])}


def _pick(obj: dict[str, Any], req: Request) -> dict[str, Any]:
    """Only the ``fields`` asked for (and the id), as Graph answers."""
    wanted = {f.strip() for f in (req.arg("fields") or "").split(",") if f.strip()}
    if not wanted:
        return {"id": obj["id"]}
    return {k: v for k, v in obj.items() if k == "id" or k in wanted}


def _node(
    sb: Sandbox, st: ThreadsState, req: Request, object_id: str, info: dict[str, str]
) -> Response | None:
    if info.get("owner") != USER_ID:
        return None
    if object_id == USER_ID:
        profile = {"id": USER_ID, "username": USERNAME, "name": "Diskominfo Sandbox"}
        return json_response(_pick(profile | {"threads_biography": ""}, req))
    if object_id in st.media:
        return json_response(_pick(_media_json(st.media[object_id]), req))
    with sb.lock:
        container = st.containers.get(object_id)
        if container is None:
            return None
        _age(container)
        meta.read_status(container)
        body = {"id": object_id, "status": container["status"]}
        if container["error"]:
            body["error_message"] = container["error"]
    return json_response(_pick(body, req))
