"""The one redaction filter: logs, stored errors, CLI output, exports and reports pass through it.

Two nets: every secret value that ``settings`` hands out is remembered and replaced wherever it
appears; and token shapes that travel in these APIs are masked even when the value is not known
(a Graph ``access_token`` in a query string, a Telegram bot token in a URL path, Bearer and
OAuth headers, JWTs).
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
_known: set[str] = set()
_lock = threading.Lock()

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # key=value in query strings, form bodies and messages
    (
        re.compile(
            r"(?i)\b((?:access_token|appsecret_proof|client_secret|refresh_token|token|"
            r"oauth_signature|oauth_token|oauth_consumer_key|api_key|password|secret)"
            r"[\"']?\s*[=:]\s*[\"']?)([^\s&\"',;}]+)"
        ),
        r"\1" + MASK,
    ),
    # Telegram: /bot<id>:<secret>/method
    (re.compile(r"(?i)(/bot)\d+:[A-Za-z0-9_-]+"), r"\1" + MASK),
    (re.compile(r"\b\d{6,12}:[A-Za-z0-9_-]{30,}\b"), MASK),
    # Authorization headers
    (re.compile(r"(?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + MASK),
    (re.compile(r'(?i)(oauth_[a-z_]+=")[^"]*(")'), r"\1" + MASK + r"\2"),
    # JWTs (Bluesky sessions)
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), MASK),
    # Facebook / Instagram long-lived tokens
    (re.compile(r"\bEA[A-Za-z0-9]{20,}\b"), MASK),
]


def remember(secret: str | None) -> None:
    """Add a secret value to the set that is always masked."""
    if secret and len(secret) >= 4:
        with _lock:
            _known.add(secret)


def redact(text: str | None) -> str:
    if not text:
        return text or ""
    with _lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, MASK)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks secrets in every record that reaches a handler it is attached to."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = redact(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_logging_filter(logger: logging.Logger | None = None) -> None:
    """Attach the filter to every handler of ``logger`` (the root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
