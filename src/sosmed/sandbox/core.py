"""The sandbox's frame: an HTTP server on loopback, a router, the ledger, fault injection and
slow requests.

Each platform's emulation lives in ``sandbox/<platform>.py`` and provides
``routes(sb: Sandbox) -> list[Route]`` and ``demo_account(base_url) -> (account, secrets)``, and
``lift_quotas(sb)`` where it has posting quotas; ``app.py`` finds every such module itself. An
emulation imports nothing from the publishers or compose: it checks them, by its own rules.
A handler receives a :class:`Request` and returns a :class:`Response`; to emulate a hang or a
reset *after* the platform has created the post, it raises :class:`Hang` or :class:`Reset`.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import socket
import struct
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sosmed.sandbox.http_body import BadBody, parse_multipart, read_body
from sosmed.sandbox.http_body import Upload as Upload  # where the emulations import it from
from sosmed.sandbox.reads import Reads

FAULT_KINDS = ("before", "after", "hang", "reset", "ratelimit", "auth")
_IMAGES: OrderedDict[str, bytes] = OrderedDict()
_IMAGES_MAX = 300  # the timeline page shows recent images; older ones fall out
_images_lock = threading.Lock()


def keep_image(data: bytes) -> str:
    """Remember an uploaded image so the timeline page can show it; return its sha256."""
    digest = hashlib.sha256(data).hexdigest()
    with _images_lock:
        _IMAGES[digest] = data
        _IMAGES.move_to_end(digest)
        while len(_IMAGES) > _IMAGES_MAX:
            _IMAGES.popitem(last=False)
    return digest


def kept_image(digest: str) -> bytes | None:
    with _images_lock:
        return _IMAGES.get(digest)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    # The URL the client meant (scheme://host/path?query), rebuilt for signature checks.
    url: str = ""
    _uploads: list[Upload] | None = field(default=None, repr=False)

    def arg(self, name: str, default: str | None = None) -> str | None:
        """A parameter from the query string or a form / multipart / JSON body."""
        if name in self.query:
            return self.query[name][0]
        return self.params().get(name, default)

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def params(self) -> dict[str, str]:
        ctype = self.headers.get("content-type", "")
        if ctype.startswith("application/x-www-form-urlencoded"):
            return dict(urllib.parse.parse_qsl(self.body.decode("utf-8", "replace")))
        if ctype.startswith("multipart/form-data"):
            return {
                u.name: u.data.decode("utf-8", "replace") for u in self.uploads() if not u.filename
            }
        if ctype.startswith("application/json"):
            data = self.json()
            if isinstance(data, dict):
                return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
        return {}

    def uploads(self) -> list[Upload]:
        if self._uploads is None:
            self._uploads = self._parse_uploads()
        return self._uploads

    def _parse_uploads(self) -> list[Upload]:
        return parse_multipart(self.headers.get("content-type", ""), self.body)


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    h = {"Content-Type": "application/json; charset=utf-8", **(headers or {})}
    return Response(status, json.dumps(obj, ensure_ascii=False).encode(), h)


class Hang(Exception):
    """Hold the connection silent for the sandbox's hang time, then drop it."""


class Reset(Exception):
    """Drop the connection with a TCP reset, sending no answer."""


Handler = Callable[[Request, "re.Match[str]"], Response]


@dataclass
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler


def route(method: str, pattern: str, handler: Handler) -> Route:
    return Route(method.upper(), re.compile(pattern + r"\Z"), handler)


class Faults:
    """Which fault (if any) the next create on a platform suffers.

    ``rate`` draws a mixed kind at that probability, reproducibly from ``seed``; ``spec``
    ("x:after,telegram:reset:0.5,*:ratelimit:0.1") forces kinds per platform at a rate
    (1.0 when omitted).
    """

    def __init__(self, rate: float = 0.0, spec: str = "", seed: int | None = None) -> None:
        self.rate = rate
        self.rules = parse_fault_spec(spec)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def draw(self, platform: str) -> str | None:
        with self._lock:
            for plat, kind, rate in self.rules:
                if plat in (platform, "*") and self._rng.random() < rate:
                    return kind
            if self.rate and self._rng.random() < self.rate:
                return self._rng.choice(FAULT_KINDS)
        return None


def parse_fault_spec(spec: str) -> list[tuple[str, str, float]]:
    rules = []
    for item in filter(None, (s.strip() for s in spec.split(","))):
        parts = item.split(":")
        if len(parts) not in (2, 3) or parts[1] not in FAULT_KINDS:
            raise ValueError(
                f"fault {item!r}: expected PLATFORM:KIND[:RATE] with KIND one of {FAULT_KINDS}"
            )
        rate = float(parts[2]) if len(parts) == 3 else 1.0
        rules.append((parts[0], parts[1], rate))
    return rules


def parse_slow_spec(items: list[str]) -> list[tuple[re.Pattern[str], float]]:
    """``["POST .*/photos=1.5"]``: a request whose ``METHOD /path`` the regex finds waits that
    many seconds before it is handled (a slow upload, a slow platform); the first match wins."""
    rules = []
    for item in items:
        pattern, sep, seconds = item.rpartition("=")
        try:
            if not sep or not pattern:
                raise ValueError("expected REGEX=SECONDS")
            delay = float(seconds)
            if not 0 <= delay <= 3600:
                raise ValueError("seconds must be between 0 and 3600")
            rules.append((re.compile(pattern), delay))
        except (ValueError, re.error) as e:
            raise ValueError(f"slow {item!r}: {e}") from None
    return rules


class Ledger:
    """Every post the sandbox created and that is still online, in order. Nothing is ever
    merged; a post leaves only when its platform's delete endpoint deletes it, and is then kept
    in ``removed``."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.removed: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(
        self,
        platform: str,
        account: str,
        remote_id: str,
        text: str,
        images: list[dict[str, Any]] | None = None,
        url: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        entry = {
            "platform": platform,
            "account": account,
            "remote_id": remote_id,
            "url": url,
            "text": text,
            "images": images or [],
            "time": datetime.now(UTC).isoformat(),
            **extra,
        }
        with self._lock:
            self.entries.append(entry)
        return entry

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.entries)

    def remove(self, platform: str, remote_id: str) -> dict[str, Any] | None:
        """Take a deleted post out (into ``removed``); None when it is not online."""
        with self._lock:
            for i, entry in enumerate(self.entries):
                if entry["platform"] == platform and entry["remote_id"] == remote_id:
                    gone = self.entries.pop(i)
                    self.removed.append({**gone, "removed": datetime.now(UTC).isoformat()})
                    return gone
        return None


class Sandbox:
    """The shared state of all emulated platforms plus the server that exposes them."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: Faults | None = None,
        media_dir: Path | None = None,
        hang_seconds: float = 35.0,
        slow: list[tuple[re.Pattern[str], float]] | None = None,
    ) -> None:
        self.ledger = Ledger()
        self.reads = Reads()
        # The public's simulated counters: drawn from the seed, grown with the post's age on
        # the sandbox's clock, which ``clock_offset`` moves forward (``POST /_clock``).
        self.seed = 0
        self.clock_offset = timedelta(0)
        # Platforms whose token lacks the insights (read) scope (``POST /_insights``).
        self.no_insights: set[str] = set()
        self.faults = faults or Faults()
        self.media_dir = media_dir
        self.hang_seconds = hang_seconds
        self.slow = slow or []  # (regex on "METHOD /path", seconds): see parse_slow_spec
        self.state: dict[str, Any] = {}  # per-platform emulation state, keyed by platform
        self.lock = threading.RLock()
        self._ids = 10_000_000
        self.routes: list[Route] = []
        self._server = _Server((host, port), _RequestHandler)
        self._server.sandbox = self
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def now(self) -> datetime:
        return datetime.now(UTC) + self.clock_offset

    def next_id(self) -> int:
        with self.lock:
            self._ids += 1
            return self._ids

    def add_routes(self, routes: list[Route]) -> None:
        self.routes.extend(routes)

    def dispatch(self, req: Request) -> Response:
        for r in self.routes:
            if r.method == req.method and (m := r.pattern.match(req.path)):
                return r.handler(req, m)
        return json_response({"error": f"no such endpoint {req.method} {req.path}"}, 404)

    def start(self) -> Sandbox:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def hang(self) -> None:
        self._stop.wait(self.hang_seconds)

    def delay(self, req: Request) -> None:
        """Hold a request that a ``slow`` rule names, before handling it."""
        line = f"{req.method} {req.path}"
        for pattern, seconds in self.slow:
            if pattern.search(line):
                self._stop.wait(seconds)
                return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    sandbox: Sandbox

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (its timeout during a "hang" fault) is expected, not news.
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Small writes must not wait for delayed ACKs (about 40 ms a request otherwise).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the ledger is the record; per-request noise helps nobody

    def _handle(self) -> None:
        try:
            body = read_body(self.rfile, self.headers)
        except BadBody:
            self.send_error(400)
            return
        parts = urllib.parse.urlsplit(self.path)
        host = self.headers.get("Host", "")
        req = Request(
            method=self.command,
            path=parts.path,
            query=urllib.parse.parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            url=f"http://{host}{self.path}",
        )
        sb = self.server.sandbox
        sb.delay(req)
        try:
            resp = sb.dispatch(req)
        except Hang:
            sb.hang()
            self.close_connection = True
            return
        except Reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        except Exception as e:  # an emulation bug must show as a 500, not kill the server
            resp = json_response({"error": f"sandbox error: {type(e).__name__}: {e}"}, 500)
        self._send(resp)

    def _send(self, resp: Response) -> None:
        self.send_response(resp.status)
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle
