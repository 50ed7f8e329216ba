"""The one redaction filter: logs, stored errors, CLI output, exports and reports pass through it.

Two nets: every secret value that ``settings`` hands out is remembered and replaced wherever it
appears, also in its URL-encoded forms; and token shapes that travel in these APIs are masked
even when the value is not known (a Graph ``access_token`` in a query string, a Telegram bot
token in a URL path, Bearer and OAuth headers, OAuth1 signatures, JWTs).

:func:`install_logging_filter` puts the filter in front of every log handler (of every logger,
added before or after) and of uncaught tracebacks, since libraries such as urllib3 and oauthlib
log request URLs and signatures at DEBUG.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
import urllib.parse
from collections.abc import Callable
from types import TracebackType
from typing import Any

MASK = "***"
_known: set[str] = set()
_longest_first: tuple[str, ...] = ()  # _known, sorted once per new secret, not per call
_lock = threading.Lock()

# Names whose value is a credential: access_token, page_token, app_secret, consumer_secret,
# app_password, oauth_signature, appsecret_proof, refreshJwt...
_NAME_ENDINGS = ("token", "secret", "password", "passwd", "signature", "proof", "jwt")
_KEY = rf"(?:[A-Za-z_]*(?:{'|'.join(_NAME_ENDINGS)})|api_?key|oauth_consumer_key|consumer_key)"
# A text holds a credential's name only if it holds one of these (lower-cased).
_KEY_WORDS = (*_NAME_ENDINGS, "apikey", "api_key", "consumer_key")
_PERCENT_VALUE = r"(?:%(?!26|2526)[0-9A-Fa-f]{2}|[A-Za-z0-9._~+/=-])+"

# Patterns that start at a credential's name: a text without any of _KEY_WORDS cannot match
# them, and checking the words is far cheaper than their backtracking (an export redacts
# every distinct post URL and error text).
_KEYED_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # key=value in query strings and form bodies; key: value in JSON and messages (where a
    # short word after the colon is prose, not a credential)
    (re.compile(rf"(?i)\b({_KEY}[\"']?\s*=\s*[\"']?)([^\s&\"',;}}\]]+)"), r"\1" + MASK),
    (re.compile(rf"(?i)\b({_KEY}[\"']?\s*:\s*[\"']?)([^\s&\"',;}}\]]{{6,}})"), r"\1" + MASK),
    # the same, percent-encoded once or twice (an OAuth1 signature base string, after %26)
    (re.compile(rf"(?i)(?<![A-Za-z_])({_KEY}(?:%3D|%253D))({_PERCENT_VALUE})"), r"\1" + MASK),
    # ('oauth_token', 'value') in a logged list of pairs
    (re.compile(rf"(?i)(\(\s*'{_KEY}'\s*,\s*')([^']*)(')"), r"\1" + MASK + r"\3"),
]
# Where each keyed pattern may start, found in the REVERSED text. Run forwards, a keyed
# pattern tries every word of a text, walks it and backs off letter by letter looking for a
# name ending, so a text full of "token" and "password" took a second per megabyte. Every
# match has a name ending right before its separator (=, :, %3D, ',), and read backwards each
# of these anchors starts with that separator, which the regex engine finds at memchr speed;
# the anchor then runs back over the name to the place where the pattern itself must start.
# The anchors may find more places than match (the pattern decides), never fewer.
_ENDINGS_BACKWARDS = "|".join(word[::-1] for word in (*_NAME_ENDINGS, "key"))
_NAME_BACKWARDS = rf"(?:{_ENDINGS_BACKWARDS})[A-Za-z_]*"
_KEYED_ANCHORS: list[re.Pattern[str]] = [
    re.compile(rf"(?i)=\s*[\"']?{_NAME_BACKWARDS}"),
    re.compile(rf"(?i):\s*[\"']?{_NAME_BACKWARDS}"),
    re.compile(rf"(?i)%(?:52)?{_NAME_BACKWARDS}"),
    re.compile(rf"(?i),\s*'{_NAME_BACKWARDS}'\s*\("),
]
# Token shapes, whatever they are called, each with a cheap test that any match must pass: a
# literal piece of the shape (in the lower-cased text for a case-blind shape), or a regex with
# a literal start, which skips through a text of megabytes far faster than the shape itself.
_SHAPES: list[tuple[re.Pattern[str], str, str | re.Pattern[str]]] = [
    # Telegram: /bot<id>:<secret>/method, and a bare bot token
    (re.compile(r"(?i)(/bot)\d+(?::|%3A)[A-Za-z0-9_-]+"), r"\1" + MASK, "/bot"),
    (
        re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b"),
        MASK,
        re.compile(r":[A-Za-z0-9_-]{30}"),
    ),
    # Authorization headers
    (re.compile(r"(?i)\b(Bearer)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + MASK, "bearer"),
    (re.compile(r"(?i)\b(Basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + MASK, "basic"),
    (re.compile(r'(?i)(oauth_[a-z_]+=")[^"]*(")'), r"\1" + MASK + r"\2", "oauth_"),
    # JWTs (Bluesky sessions)
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK, "eyj"),
    # Facebook / Instagram long-lived tokens
    (re.compile(r"\bEA[A-Za-z0-9]{20,}\b"), MASK, re.compile(r"EA[A-Za-z0-9]{20}")),
]
_SHAPE_PATTERNS: list[tuple[re.Pattern[str], str]] = [(p, r) for p, r, _ in _SHAPES]


def _forms(secret: str) -> set[str]:
    """The value as it may be written: plain, URL-encoded (once, twice, with '+')."""
    once = urllib.parse.quote(secret, safe="")
    return {secret, once, urllib.parse.quote_plus(secret), urllib.parse.quote(once, safe="")}


def remember(secret: str | None) -> None:
    """Add a secret value to the set that is always masked."""
    if secret and len(secret) >= 4:
        with _lock:
            global _longest_first
            _known.update(_forms(secret))
            _longest_first = tuple(sorted(_known, key=len, reverse=True))


def redact(text: str | None) -> str:
    if not text:
        return text or ""
    for value in _longest_first:
        if value in text:
            text = text.replace(value, MASK)
    lower = text.lower()
    if any(word in lower for word in _KEY_WORDS):
        for (pattern, repl), anchor in zip(_KEYED_PATTERNS, _KEYED_ANCHORS, strict=True):
            text = _sub_at_anchors(pattern, repl, anchor, text)
        lower = text.lower()
    for pattern, repl, needed in _SHAPES:
        if not _may_hold(needed, text, lower):
            continue
        if pattern.search(text):
            text = pattern.sub(repl, text)
            lower = text.lower()
    return text


def _sub_at_anchors(pattern: re.Pattern[str], repl: str, anchor: re.Pattern[str], text: str) -> str:
    """``pattern.sub(repl, text)``, trying the pattern only where ``anchor`` says it may start.

    The same result as ``sub``: its matches are the leftmost ones, tried in order from the end
    of the previous one, and ``match`` at a position sees the text before it (for ``\\b`` and
    the look-behind) as ``sub`` does.
    """
    size = len(text)
    starts = sorted({size - found.end() for found in anchor.finditer(text[::-1])})
    pieces: list[str] = []
    done = 0
    for start in starts:
        if start < done:
            continue
        found = pattern.match(text, start)
        if found:
            pieces += (text[done:start], found.expand(repl))
            done = found.end()
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _may_hold(needed: str | re.Pattern[str], text: str, lower: str) -> bool:
    if isinstance(needed, str):
        return needed in lower
    return needed.search(text) is not None


def scrub(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message, traceback and stack formatted and redacted, once."""
    if getattr(record, "_sosmed_redacted", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep what there is, still redacted
        message = f"{record.msg!s} {record.args!r}"
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[1] is not None:
        text = record.exc_text or "".join(traceback.format_exception(*record.exc_info)).rstrip()
        record.exc_text, record.exc_info = redact(text), None
    elif record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record.__dict__["_sosmed_redacted"] = True
    return record


class RedactingFilter(logging.Filter):
    """Masks secrets in every record that reaches a handler it is attached to."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub(record)
        return True


def _redacting_factory(
    base: Callable[..., logging.LogRecord],
) -> Callable[..., logging.LogRecord]:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub(base(*args, **kwargs))

    make._sosmed_redacting = True  # type: ignore[attr-defined]
    return make


def _redacting_excepthook(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))


def _redacting_thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread else "?"
    text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    sys.stderr.write(redact(f"Exception in thread {name}:\n{text}"))


def install_logging_filter(logger: logging.Logger | None = None) -> None:
    """Redact every log record from now on, whichever logger and handler, and crash tracebacks.

    Records are redacted as they are made (so a handler added later, on any logger, gets them
    clean); the handlers of ``logger`` (the root by default) also get the filter, for records
    made by a factory installed after this one.
    """
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "_sosmed_redacting", False):
        logging.setLogRecordFactory(_redacting_factory(factory))
    sys.excepthook = _redacting_excepthook
    threading.excepthook = _redacting_thread_hook
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


class Redactor:
    """``redact`` with a memory of the values it has seen.

    An export repeats the same account, worker and error text on thousands of rows; cleaning
    each distinct value once keeps a million-row export a matter of seconds.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.seen: dict[str, str] = {}

    def __call__(self, value: str | None) -> str | None:
        if not value:
            return value
        clean = self.seen.get(value)
        if clean is None:
            clean = redact(value)
            if len(self.seen) < self.size:
                self.seen[value] = clean
        return clean
