"""The one gate every request passes (an ASGI middleware inside the session middleware):

1. Anyone may open the login page and the static files; every other route needs a person
   signed in, or the answer is the login page (GET, HEAD) or 401 (any other method). Pages
   added later are covered without doing anything.
2. Every request that changes something (not GET, HEAD, OPTIONS) carries the session's CSRF
   token, as the header ``X-CSRF-Token`` or the form field ``csrf_token``, and, when the
   browser says where it comes from (Origin), comes from this site; else 403 and the page's
   code never runs. The body is read here (up to :data:`MAX_BODY`) and handed on
   unchanged.
3. Every answer carries the security headers (a strict Content-Security-Policy: no inline
   script, nothing from another origin).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sosmed.i18n import _, speaking
from sosmed.web import csrf
from sosmed.web.auth import SESSION_ID, load_person
from sosmed.web.forms import read_form
from sosmed.web.pages.language import asked

PUBLIC_PATHS = frozenset({"/masuk", "/bahasa"})
PUBLIC_PREFIXES = ("/static/", "/masuk/sekali/")
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
MAX_BODY = 32 * 1024 * 1024  # bytes: room for a 10 MB photo and the form around it
PERSON_KEY = "sosmed.person"
HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
    "cache-control": "no-store",
}


class TooLarge(Exception):
    pass


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def login_answer(scope: Scope) -> Response:
    """Where a request without a person goes: the login page (GET, HEAD), else 401."""
    if scope["method"] in ("GET", "HEAD"):
        path = scope["path"]
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + ("?" + query if query else "")
        return RedirectResponse("/masuk?next=" + quote(target, safe=""), status_code=303)
    return PlainTextResponse(_("Silakan masuk dulu."), status_code=401)


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        body = message.get("body", b"")
        size += len(body)
        if size > MAX_BODY:
            raise TooLarge()
        chunks.append(body)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: the client's own disconnect, when it comes

    return again


async def _form_token(scope: Scope, body: bytes, receive: Receive) -> str | None:
    """The form's token; HTTPException 413 when a text field is too long (said as such,
    not as a forged form)."""
    kind = Request(scope).headers.get("content-type", "")
    if not kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    request = Request(scope, _replay(body, receive))
    try:
        form = await read_form(request)
    except HTTPException as e:
        if e.status_code == 413:
            raise
        return None  # a malformed body: no token in it
    except Exception:
        return None
    try:
        value = form.get(csrf.FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


class Guard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        with speaking(asked(scope["session"])):
            await self._guarded(scope, receive, send)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        session = scope["session"]
        csrf.token_of(session)
        person = None
        if not is_public(scope["path"]):
            person = await run_in_threadpool(load_person, Request(scope))
            if person is None:
                session.pop(SESSION_ID, None)
                await login_answer(scope)(scope, receive, send)
                return
        scope[PERSON_KEY] = person
        if scope["method"] not in SAFE:
            refused = await self._check_token(scope, receive)
            if isinstance(refused, Response):
                await refused(scope, receive, send)
                return
            receive = refused
        await self.app(scope, receive, send)

    async def _check_token(self, scope: Scope, receive: Receive) -> Response | Receive:
        request = Request(scope)
        if not same_origin(request.headers.get("origin"), request.headers.get("host")):
            return _forged()
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            return _too_large()
        try:
            body = await _read_body(receive)
        except TooLarge:
            return _too_large()
        try:
            given = request.headers.get(csrf.HEADER) or await _form_token(scope, body, receive)
        except HTTPException as e:
            return PlainTextResponse(str(e.detail), status_code=e.status_code)
        if not csrf.matches(scope["session"], given):
            return _forged()
        return _replay(body, receive)


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a browser's Origin header names this site (a request without one, from a
    script-less client or an old browser, is left to the token)."""
    if not origin:
        return True
    if origin == "null" or not host:
        return False
    return urlsplit(origin).netloc.lower() == host.lower()


def _forged() -> Response:
    message = _("Formulir ini kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang.")
    return PlainTextResponse(message, status_code=403)


def _too_large() -> Response:
    mb = MAX_BODY // (1024 * 1024)
    return PlainTextResponse(
        _("Kiriman terlalu besar (lebih dari {mb} MB).").format(mb=mb), status_code=413
    )


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _v in message.get("headers", [])}
            extra: list[Any] = [
                (k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present
            ]
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return wrapped
