"""The repository half of the sandbox's Bluesky: what the account's PDS serves, and what the
entryway (where sessions are made) answers when repository calls are sent to it instead.

A PDS serves ``uploadBlob``, ``createRecord``, ``deleteRecord``, ``getRecord`` and
``listRecords`` for the repositories it hosts. The entryway (``bsky.social``) hosts none: a
write there answers what Bluesky's entryway answers for an account whose PDS is elsewhere
(``400 ExpiredToken``, "Token audience is out of date"), a read ``400 InvalidRequest`` ("Could
not find repo"), so that a client which ignores the session's DID document is caught.
"""

from __future__ import annotations

import time
from typing import Any

import grapheme

from sosmed.sandbox import bluesky as bsky
from sosmed.sandbox.core import Hang, Request, Reset, Response, Sandbox, json_response


def upload_blob(sb: Sandbox, req: Request) -> Response:
    claims = bsky.claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    if not req.body:
        return bsky.xrpc_error(400, "InvalidRequest", "Request body is empty")
    mime = bsky.sniff_mime(req.body)
    cid = bsky.cid_of(req.body)
    with sb.lock:
        bsky.state(sb)["blobs"][cid] = {"data": req.body, "mime": mime, "did": claims["sub"]}
    blob = {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(req.body)}
    return json_response({"blob": blob})


def create_record(sb: Sandbox, req: Request) -> Response:
    claims = bsky.claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    body = req.json() or {}
    did, rkey = claims["sub"], str(body.get("rkey") or bsky.tid_now())
    if body.get("repo") not in (did, bsky.handle_of(sb, did)):
        return bsky.xrpc_error(401, "AuthenticationRequired", "Invalid did")
    if body.get("collection") != bsky.POST or not bsky.TID.match(rkey):
        return bsky.xrpc_error(400, "InvalidRequest", "Invalid collection or record key")
    record = body.get("record")
    problem = _invalid_post(sb, record)
    if problem or not isinstance(record, dict):
        return bsky.xrpc_error(
            400, "InvalidRequest", f"Invalid app.bsky.feed.post record: {problem}"
        )
    fault = sb.faults.draw(bsky.PLATFORM)
    if fault == "before":
        return bsky.xrpc_error(500, "InternalServerError", "Internal Server Error")
    if fault == "ratelimit":
        return bsky.xrpc_error(
            429, "RateLimitExceeded", "Rate Limit Exceeded", bsky.rate_headers(0)
        )
    if fault == "auth":
        return bsky.xrpc_error(400, "ExpiredToken", "Token has expired")
    created = _store_record(sb, did, rkey, record)
    if created is None:
        return bsky.xrpc_error(500, "InternalServerError", "Internal Server Error")
    if fault == "after":
        return bsky.xrpc_error(502, "UpstreamFailure", "Upstream Failure")
    if fault == "hang":
        raise Hang()
    if fault == "reset":
        raise Reset()
    return json_response({**created, "validationStatus": "valid"})


def _invalid_post(sb: Sandbox, record: Any) -> str | None:
    if not isinstance(record, dict) or record.get("$type") != bsky.POST:
        return "Record/$type must be app.bsky.feed.post"
    text = record.get("text")
    if not isinstance(text, str) or not record.get("createdAt"):
        return "Record must have the properties text and createdAt"
    if grapheme.length(text) > 300 or len(text.encode()) > 3000:
        return "Record/text must not be longer than 300 graphemes"
    for facet in record.get("facets") or []:
        index = facet.get("index", {})
        if not 0 <= index.get("byteStart", -1) < index.get("byteEnd", -1) <= len(text.encode()):
            return "Record/facets/index is outside the text"
    return _invalid_embed(sb, record.get("embed"))


def _invalid_embed(sb: Sandbox, embed: Any) -> str | None:
    if embed is None:
        return None
    images = embed.get("images") if isinstance(embed, dict) else None
    if not isinstance(images, list) or embed.get("$type") != "app.bsky.embed.images":
        return "Record/embed must be app.bsky.embed.images"
    if len(images) > 4:
        return "Record/embed/images must not have more than 4 elements"
    for image in images:
        if not isinstance(image.get("alt"), str):
            return "Record/embed/images must have the property alt"
        blob = bsky.state(sb)["blobs"].get(image.get("image", {}).get("ref", {}).get("$link"))
        if blob is None:
            return "Record/embed/images/image is not a known blob"
        if len(blob["data"]) > bsky.IMAGE_MAX_BYTES or not blob["mime"].startswith("image/"):
            return "Record/embed/images/image file size too large or not an image"
    return None


def _store_record(
    sb: Sandbox, did: str, rkey: str, record: dict[str, Any]
) -> dict[str, Any] | None:
    """Create the record; None when the key is taken (the caller answers 500, as a PDS does)."""
    st = bsky.state(sb)
    uri = f"at://{did}/{bsky.POST}/{rkey}"
    with sb.lock:
        if (did, rkey) in st["records"]:
            return None
        cid = bsky.cid_of(f"{uri}{time.time_ns()}".encode(), "bafyrei")
        st["records"][(did, rkey)] = {"uri": uri, "cid": cid, "value": record}
        images = [_ledger_image(st, i) for i in (record.get("embed") or {}).get("images", [])]
    handle = bsky.handle_of(sb, did)
    url = f"https://bsky.app/profile/{handle}/post/{rkey}"
    sb.ledger.add(
        bsky.PLATFORM, handle, uri, record["text"], images, url, facets=record.get("facets")
    )
    return {
        "uri": uri,
        "cid": cid,
        "commit": {"cid": bsky.cid_of(cid.encode(), "bafyrei"), "rev": rkey},
    }


def _ledger_image(st: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
    data = st["blobs"][image["image"]["ref"]["$link"]]["data"]
    return bsky.image_record(data, image.get("alt"))


def get_record(sb: Sandbox, req: Request) -> Response:
    did, rkey = req.arg("repo") or "", req.arg("rkey") or ""
    with sb.lock:
        found = bsky.state(sb)["records"].get((bsky.did_of(sb, did), rkey))
    if req.arg("collection") != bsky.POST or found is None:
        return bsky.xrpc_error(
            400, "RecordNotFound", f"Could not locate record: at://{did}/{bsky.POST}/{rkey}"
        )
    return json_response(found)


def list_records(sb: Sandbox, req: Request) -> Response:
    did = bsky.did_of(sb, req.arg("repo") or "")
    limit = max(1, min(100, int(req.arg("limit") or 50)))
    with sb.lock:
        mine = sorted(
            ((k[1], v) for k, v in bsky.state(sb)["records"].items() if k[0] == did), reverse=True
        )
    return json_response({"records": [v for _, v in mine[:limit]]})


def delete_record(sb: Sandbox, req: Request) -> Response:
    claims = bsky.claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    body = req.json() or {}
    did = claims["sub"]
    if body.get("repo") not in (did, bsky.handle_of(sb, did)):
        return bsky.xrpc_error(401, "AuthenticationRequired", "Invalid did")
    fault = sb.faults.draw(bsky.PLATFORM)
    if fault == "before":
        return bsky.xrpc_error(502, "UpstreamFailure", "Upstream Failure")
    rkey = str(body.get("rkey") or "")
    with sb.lock:
        # A record that is not there is deleted all the same, as a PDS answers it.
        gone = bsky.state(sb)["records"].pop((did, rkey), None)
    if gone is not None:
        sb.ledger.remove(bsky.PLATFORM, gone["uri"])
    if fault == "after":
        return bsky.xrpc_error(502, "UpstreamFailure", "Upstream Failure")
    return json_response({"commit": {"cid": bsky.cid_of(str(time.time_ns()).encode()), "rev": ""}})


def entryway_write(sb: Sandbox, req: Request) -> Response:
    """A repository write sent to the entryway: the client must use the account's PDS."""
    claims = bsky.claims_of(sb, req, "com.atproto.access")
    if isinstance(claims, Response):
        return claims
    return bsky.xrpc_error(400, "ExpiredToken", "Token audience is out of date")


def entryway_read(sb: Sandbox, req: Request) -> Response:
    repo = req.arg("repo") or ""
    return bsky.xrpc_error(400, "InvalidRequest", f"Could not find repo: {repo}")


# (method, nsid, handler at the PDS, handler at the entryway)
METHODS = (
    ("POST", "com.atproto.repo.uploadBlob", upload_blob, entryway_write),
    ("POST", "com.atproto.repo.createRecord", create_record, entryway_write),
    ("POST", "com.atproto.repo.deleteRecord", delete_record, entryway_write),
    ("GET", "com.atproto.repo.getRecord", get_record, entryway_read),
    ("GET", "com.atproto.repo.listRecords", list_records, entryway_read),
)
