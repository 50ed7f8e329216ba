"""Akun (/akun): an admin's page of the office's accounts — which secrets each has (never their
values), a credentials check, a new token, an X account's monthly budget (the same as
`sosmed accounts check`, `accounts set-secret` and `accounts budget`)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.errors import NotFound, SosmedError
from sosmed.i18n import _
from sosmed.office import account_desk
from sosmed.web.auth import requires
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.render import flash, page


def _page(request: Request, status: int = 200, **context: object) -> Response:
    cards = account_desk.cards(office_for(request))
    return page(request, "accounts.html", status, title=_("Akun"), cards=cards, **context)


@requires("accounts")
def accounts_page(request: Request) -> Response:
    return _page(request)


@requires("accounts")
async def check_account(request: Request) -> Response:
    name = request.path_params["name"]
    try:
        _fine, line = await run_in_threadpool(lambda: account_desk.check(office_for(request), name))
    except SosmedError as e:
        return await _refused(request, e)
    flash(request, line)
    return RedirectResponse("/akun", status_code=303)


@requires("accounts")
async def save_secret(request: Request) -> Response:
    form = await read_form(request)
    name = request.path_params["name"]
    field_name, value = str(form.get("field", "")), str(form.get("value", ""))
    try:
        account = await run_in_threadpool(
            lambda: account_desk.save_secret(office_for(request), name, field_name, value)
        )
    except SosmedError as e:
        return await _refused(request, e)
    flash(request, _("{field} untuk {account} disimpan").format(field=field_name, account=account))
    return RedirectResponse("/akun", status_code=303)


@requires("accounts")
async def set_budget(request: Request) -> Response:
    form = await read_form(request)
    name, amount = request.path_params["name"], str(form.get("usd", ""))
    try:
        await run_in_threadpool(lambda: account_desk.set_budget(office_for(request), name, amount))
    except SosmedError as e:
        return await _refused(request, e)
    flash(request, _("anggaran bulanan {account}: ${usd}").format(account=name, usd=amount))
    return RedirectResponse("/akun", status_code=303)


async def _refused(request: Request, e: SosmedError) -> Response:
    error, status = str(e), 404 if isinstance(e, NotFound) else 400
    return await run_in_threadpool(lambda: _page(request, status, error=error))


routes: list[BaseRoute] = [
    Route("/akun", accounts_page, methods=["GET"]),
    Route("/akun/{name}/periksa", check_account, methods=["POST"]),
    Route("/akun/{name}/rahasia", save_secret, methods=["POST"]),
    Route("/akun/{name}/anggaran", set_budget, methods=["POST"]),
]
