"""The reader's language (/bahasa): each browser may read the pages in Indonesian or English,
whatever the server was started with; the choice is kept in its session cookie."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.i18n import LANGUAGES
from sosmed.web.forms import read_form
from sosmed.web.pages.login import safe_next

SESSION_KEY = "lang"


def asked(session: object) -> str | None:
    """The language a session asked for, if any."""
    value = session.get(SESSION_KEY) if isinstance(session, dict) else None
    return value if value in LANGUAGES else None


async def choose(request: Request) -> Response:
    form = await read_form(request)
    chosen = str(form.get("lang", ""))
    if chosen in LANGUAGES:
        request.session[SESSION_KEY] = chosen
    return RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)


routes: list[BaseRoute] = [Route("/bahasa", choose, methods=["POST"])]
