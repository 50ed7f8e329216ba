"""The workspace as one ASGI application: its pages, the session cookie, the guard.

Each page module (``sosmed/web/pages/<name>.py``) exposes ``routes``; :data:`PAGE_MODULES`
names them in the order they are mounted. A module named there but not installed yet is
left out (its navigation entry answers 404 until it is).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from sosmed.errors import ConfigError, InputError, NotFound, SosmedError, StorageError
from sosmed.i18n import _
from sosmed.settings import Settings
from sosmed.web.auth import Forbidden, NotSignedIn
from sosmed.web.guard import Guard, login_answer
from sosmed.web.office_access import OfficeHolder
from sosmed.web.ratelimit import LoginLimiter
from sosmed.web.render import message_page
from sosmed.web.secret import secret_key as home_secret_key
from sosmed.web.session_cookie import SessionCookies

PAGE_MODULES = (
    "login",
    "language",
    "queue",
    "articles",
    "drafts",
    "log",
    "report",
    "status",
    "accounts",
    "people",
)
STATIC = Path(__file__).parent / "static"
COOKIE = "sosmed_session"
SESSION_HOURS = 12


def page_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for name in PAGE_MODULES:
        module_name = f"sosmed.web.pages.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        routes += importlib.import_module(module_name).routes
    return routes


def _home(request: Request) -> Response:
    present = {getattr(r, "path", None) for r in request.app.routes}
    return RedirectResponse("/antrian" if "/antrian" in present else "/status", status_code=303)


async def _not_signed_in(request: Request, exc: Exception) -> Response:
    return login_answer(request.scope)


async def _forbidden(request: Request, exc: Exception) -> Response:
    return message_page(
        request, _("Tidak diizinkan"), _("Peran Anda tidak boleh melakukan ini."), 403
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return message_page(request, _("Tidak ditemukan"), _("Halaman ini tidak ada."), 404)
    return message_page(request, _("Tidak bisa"), str(exc.detail), exc.status_code)


def status_of(error: SosmedError) -> int:
    """The HTTP status of an error, in the sense of the command line's exit codes: a person's
    input (400) or a missing thing (404), configuration or storage (503), else a conflict."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InputError):
        return 400
    if isinstance(error, ConfigError | StorageError):
        return 503
    return 409


async def _sosmed_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SosmedError)
    return message_page(request, _("Tidak bisa"), str(exc), status_of(exc))


def create_app(
    settings: Settings,
    *,
    secret_key: str | None = None,
    secure_cookies: bool = False,
    login_once: tuple[str, str] | None = None,
) -> Starlette:
    """The workspace of the home ``settings`` was read from. ``secret_key`` signs the session
    cookies (the home's own key when None); ``secure_cookies``: sent over HTTPS only (behind
    a TLS reverse proxy); ``login_once``: (token, name), a link /masuk/sekali/<token> that
    signs that person in once (`sosmed demo --web`)."""
    offices = OfficeHolder(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        offices.close()

    routes: list[BaseRoute] = [
        Route("/", _home),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        *page_routes(),
    ]
    if login_once is not None:
        from sosmed.web.once import once_route

        routes.append(once_route(*login_once))
    middleware = [
        Middleware(
            SessionCookies,
            secret_key=secret_key or home_secret_key(settings.home),
            session_cookie=COOKIE,
            max_age=SESSION_HOURS * 3600,
            same_site="strict",
            https_only=secure_cookies,
        ),
        Middleware(Guard),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={
            NotSignedIn: _not_signed_in,
            Forbidden: _forbidden,
            HTTPException: _http_error,
            SosmedError: _sosmed_error,
        },
    )
    app.state.offices = offices
    app.state.settings = settings
    app.state.login_limiter = LoginLimiter()
    return app
