"""Mastodon's entities as a 4.3 server serializes them: Account, MediaAttachment and Status with
every field and its real default (``[]``, ``false``, ``""``, ``0``, ``null``), and the status
``content`` as Mastodon renders it (paragraphs, line breaks, links, hashtags)."""

from __future__ import annotations

import html
import re
import time
from datetime import UTC, datetime
from typing import Any

URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'}]")
TAG = re.compile(r"(?<![^\s(])#(\w*[^\W\d]\w*)")
# A flat grey picture's blurhash: clients draw it while the photo loads.
BLURHASH = "L6PZfSi_.AyE_3t7t7R**0o#DgR4"
APPLICATION = {"name": "sosmed", "website": None}


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def account(base: str, acc: dict[str, Any], statuses: int = 0) -> dict[str, Any]:
    """The Account entity (as verify_credentials and a status's ``account`` carry it)."""
    name = acc["username"]
    missing = f"{base}/avatars/original/missing.png"
    return {
        "id": acc["id"],
        "username": name,
        "acct": name,
        "display_name": "Humas Kabupaten (sandbox)",
        "locked": False,
        "bot": False,
        "discoverable": True,
        "indexable": True,
        "group": False,
        "created_at": "2024-01-01T00:00:00.000Z",
        "note": "",
        "url": f"{base}/@{name}",
        "uri": f"{base}/users/{name}",
        "avatar": missing,
        "avatar_static": missing,
        "header": f"{base}/headers/original/missing.png",
        "header_static": f"{base}/headers/original/missing.png",
        "followers_count": 0,
        "following_count": 0,
        "statuses_count": statuses,
        "last_status_at": datetime.now(UTC).date().isoformat() if statuses else None,
        "hide_collections": None,
        "noindex": False,
        "emojis": [],
        "roles": [],
        "fields": [],
    }


def media(
    base: str, media_id: str, width: int, height: int, description: str | None
) -> dict[str, Any]:
    """A MediaAttachment for an uploaded photo (``url`` is None while it is processed)."""
    small_w, small_h = _fit(width, height, 640)
    path = f"{base}/system/media_attachments/files/{media_id}"
    return {
        "id": media_id,
        "type": "image",
        "url": f"{path}/original/photo.jpg",
        "preview_url": f"{path}/small/photo.jpg",
        "remote_url": None,
        "preview_remote_url": None,
        "text_url": None,
        "meta": {
            "original": _size(width, height),
            "small": _size(small_w, small_h),
            "focus": {"x": 0.0, "y": 0.0},
        },
        "description": description,
        "blurhash": BLURHASH,
    }


def _fit(width: int, height: int, most: int) -> tuple[int, int]:
    scale = min(1.0, (most * most / max(1, width * height)) ** 0.5)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _size(width: int, height: int) -> dict[str, Any]:
    return {
        "width": width,
        "height": height,
        "size": f"{width}x{height}",
        "aspect": width / max(1, height),
    }


def status(
    base: str,
    status_id: str,
    text: str,
    author: dict[str, Any],
    attachments: list[dict[str, Any]],
    params: dict[str, Any],
) -> dict[str, Any]:
    """A Status as the server answers its author (with the viewer's own flags)."""
    name = author["username"]
    return {
        "id": status_id,
        "created_at": iso(time.time()),
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "sensitive": str(params.get("sensitive", "")).lower() in ("true", "1"),
        "spoiler_text": str(params.get("spoiler_text") or ""),
        "visibility": params.get("visibility") or "public",
        "language": params.get("language"),
        "uri": f"{base}/users/{name}/statuses/{status_id}",
        "url": f"{base}/@{name}/{status_id}",
        "replies_count": 0,
        "reblogs_count": 0,
        "favourites_count": 0,
        "edited_at": None,
        "favourited": False,
        "reblogged": False,
        "muted": False,
        "bookmarked": False,
        "pinned": False,
        "content": render(text, base),
        "filtered": [],
        "reblog": None,
        "application": APPLICATION,
        "account": author,
        "media_attachments": attachments,
        "mentions": [],
        "tags": tags(text, base),
        "emojis": [],
        "card": None,
        "poll": None,
    }


def tags(text: str, base: str) -> list[dict[str, str]]:
    """The status's hashtags, once each, as written the first time."""
    seen: dict[str, str] = {}
    for m in TAG.finditer(URL.sub(" ", text)):
        seen.setdefault(m.group(1).lower(), m.group(1))
    return [{"name": name, "url": f"{base}/tags/{key}"} for key, name in seen.items()]


def render(text: str, base: str) -> str:
    """The status ``content`` Mastodon would serve: paragraphs, line breaks, links, hashtags."""
    paragraphs = [p for p in re.split(r"\n{2,}", text.strip()) if p]
    return "".join(
        f"<p>{'<br />'.join(_line(ln, base) for ln in p.split(chr(10)))}</p>" for p in paragraphs
    )


def _line(line: str, base: str) -> str:
    out, pos = [], 0
    tokens = sorted([*URL.finditer(line), *TAG.finditer(line)], key=lambda t: t.start())
    for token in tokens:
        if token.start() < pos:
            continue
        out.append(html.escape(line[pos : token.start()]))
        out.append(_link(token.group(0), base))
        pos = token.end()
    out.append(html.escape(line[pos:]))
    return "".join(out)


def _link(token: str, base: str) -> str:
    if token.startswith("#"):
        tag = html.escape(token[1:])
        return (
            f'<a href="{base}/tags/{tag.lower()}" class="mention hashtag" rel="tag">'
            f"#<span>{tag}</span></a>"
        )
    scheme, rest = token.split("://", 1)
    shown, hidden = html.escape(rest[:30]), html.escape(rest[30:])
    ellipsis = "ellipsis" if hidden else ""
    return (
        f'<a href="{html.escape(token)}" target="_blank" rel="nofollow noopener" translate="no">'
        f'<span class="invisible">{scheme}://</span><span class="{ellipsis}">{shown}</span>'
        f'<span class="invisible">{hidden}</span></a>'
    )
