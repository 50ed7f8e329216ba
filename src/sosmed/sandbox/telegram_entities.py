"""Telegram's HTML parse mode as the Bot API applies it: the text a reader sees and its
``entities`` (bold, italic, text_link, ...) with offsets and lengths in UTF-16 code units, plus
the entities Telegram finds by itself in any text (url, email, mention, hashtag, bot_command).

Unknown or unbalanced tags are a 400 ``can't parse entities``, as on Telegram.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "span", "tg-spoiler", "tg-emoji", "blockquote",
}  # fmt: skip
KINDS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
    "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler", "span": "spoiler", "code": "code", "pre": "pre",
    "blockquote": "blockquote", "a": "text_link", "tg-emoji": "custom_emoji",
}  # fmt: skip
NO_AUTO = {"code", "pre", "text_link", "text_mention"}  # no entity is found inside these
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")
_ATTR = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_AUTO = [
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]'}]")),
    ("email", re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{4,31}\b")),
    ("hashtag", re.compile(r"(?<![\w#&])#\w*[^\W\d]\w*")),
    ("bot_command", re.compile(r"(?<![\w/])/[A-Za-z][A-Za-z0-9_]{0,31}\b(?!/)")),
]


class EntityError(ValueError):
    """The HTML text cannot be parsed the way Telegram parses it."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """The text a reader sees: tags removed, entities decoded; EntityError when Telegram refuses."""
    return parse_html_entities(text)[0]


def parse_html_entities(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The text a reader sees and its entities (sorted as Telegram sorts them)."""
    out: list[str] = []
    stack: list[tuple[str, dict[str, str], int]] = []
    entities: list[dict[str, Any]] = []
    offset, pos = 0, 0
    while (lt := text.find("<", pos)) != -1:
        part = _text_part(text[pos:lt])
        out.append(part)
        offset += utf16_len(part)
        m = _TAG.match(text, lt)
        if not m or m.group(2).lower() not in ALLOWED_TAGS:
            name = m.group(2) if m else text[lt + 1 : lt + 8]
            raise EntityError(f'Unsupported start tag "{name}" at byte offset {lt}')
        name = m.group(2).lower()
        if m.group(1) != "/":
            stack.append((name, _attrs(m.group(3), name, lt), offset))
        else:
            if not stack or stack[-1][0] != name:
                raise EntityError(f'Unmatched end tag at byte offset {lt}, expected "</{name}>"')
            _close(stack.pop(), offset, entities, stack)
        pos = m.end()
    part = _text_part(text[pos:])
    out.append(part)
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    plain = "".join(out)
    return plain, sort_entities([*entities, *auto_entities(plain, entities)])


def _text_part(part: str) -> str:
    # Only the entities Telegram knows are decoded; a bare "&" or ">" stays as written.
    return _ENTITY.sub(lambda m: unescape(m.group(0)), part)


def _attrs(raw: str, name: str, offset: int) -> dict[str, str]:
    attrs = {
        m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(raw)
    }
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    return attrs


def _close(
    opened: tuple[str, dict[str, str], int],
    end: int,
    entities: list[dict[str, Any]],
    stack: list[tuple[str, dict[str, str], int]],
) -> None:
    name, attrs, start = opened
    if end <= start or (name == "a" and not attrs.get("href")):
        return
    entity: dict[str, Any] = {"offset": start, "length": end - start, "type": KINDS[name]}
    if name == "a":
        entity["url"] = attrs["href"]
    elif name == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    elif name == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    elif name == "code" and stack and stack[-1][0] == "pre":
        language = attrs.get("class", "").removeprefix("language-")
        if language:  # <pre><code class="language-x">: one pre entity with its language
            stack[-1][1]["language"] = language
            return
    if name == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    entities.append(entity)


def auto_entities(plain: str, explicit: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """What Telegram finds by itself: links, addresses, @names, #tags, /commands."""
    blocked = [
        (e["offset"], e["offset"] + e["length"]) for e in explicit or [] if e["type"] in NO_AUTO
    ]
    found: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _AUTO:
        for m in pattern.finditer(plain):
            start = utf16_len(plain[: m.start()])
            end = start + utf16_len(m.group(0))
            if any(a < end and start < b for a, b in [*blocked, *taken]):
                continue
            taken.append((start, end))
            found.append({"offset": start, "length": end - start, "type": kind})
    return found


def sort_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))
