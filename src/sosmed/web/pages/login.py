"""Signing in (/masuk) and out (/keluar)."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.i18n import _
from sosmed.office.people import People
from sosmed.web.auth import current_person, sign_in, sign_out
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.ratelimit import LoginLimiter
from sosmed.web.render import page


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never another host)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target:
        return "/"
    return target


async def login_form(request: Request) -> Response:
    if current_person(request) is not None:
        return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    return page(request, "login.html", next=safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    form = await read_form(request)
    name, password = str(form.get("name", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")))
    limiter: LoginLimiter = request.app.state.login_limiter
    address = request.client.host if request.client else "?"
    wait = limiter.wait(name, address)
    if wait > 0:
        minutes = max(1, round(wait / 60))
        error = _("Terlalu banyak percobaan masuk. Coba lagi dalam {n} menit.").format(n=minutes)
        return page(request, "login.html", 429, error=error, name=name, next=target)
    person = await run_in_threadpool(lambda: People(office_for(request)).sign_in(name, password))
    if person is None:
        limiter.failed(name, address)
        error = _("Nama atau kata sandi salah.")
        return page(request, "login.html", 401, error=error, name=name, next=target)
    limiter.succeeded(name)
    sign_in(request, person)
    return RedirectResponse(target, status_code=303)


async def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/masuk", status_code=303)


routes: list[BaseRoute] = [
    Route("/masuk", login_form, methods=["GET"]),
    Route("/masuk", login, methods=["POST"]),
    Route("/keluar", logout, methods=["POST"]),
]
