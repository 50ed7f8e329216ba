"""A one-time sign-in link, for `sosmed demo --web` only: the demo prints
/masuk/sekali/<token>, and the first visit signs its demo person in; the token then no longer
works. A workspace started by `sosmed web` has no such route."""

from __future__ import annotations

import hmac
import threading

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from sosmed.office.people import People
from sosmed.web.auth import sign_in
from sosmed.web.office_access import office_for


def once_route(token: str, name: str) -> Route:
    lock = threading.Lock()
    used = [False]

    def take(given: str) -> bool:
        with lock:
            if used[0] or not hmac.compare_digest(given.encode(), token.encode()):
                return False
            used[0] = True
            return True

    async def enter(request: Request) -> Response:
        if not take(str(request.path_params["token"])):
            return RedirectResponse("/masuk", status_code=303)
        person = await run_in_threadpool(lambda: People(office_for(request)).named(name))
        if person is None or person.disabled:
            return RedirectResponse("/masuk", status_code=303)
        sign_in(request, person)
        return RedirectResponse("/", status_code=303)

    return Route("/masuk/sekali/{token}", enter, methods=["GET"])
