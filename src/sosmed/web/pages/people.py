"""Orang (/orang): the people who sign in and their roles; an admin adds someone, changes a
role or a password, or disables someone (the same as `sosmed users`)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.errors import NotFound, SosmedError
from sosmed.i18n import _
from sosmed.office.people import ROLES, People
from sosmed.web.auth import current_person, requires
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.render import flash, page

HISTORY = 20  # changes shown under the list


def _page(request: Request, status: int = 200, **context: object) -> Response:
    from sosmed.timefmt import short_form

    office = office_for(request)
    people = People(office)
    history = [
        (short_form(at, office.settings.tz) if at else "—", who, what)
        for at, who, what in people.history(HISTORY)
    ]
    return page(
        request,
        "people.html",
        status,
        title=_("Orang"),
        people=people.list(),
        roles=ROLES,
        history=history,
        **context,
    )


@requires("users")
def people_page(request: Request) -> Response:
    return _page(request)


@requires("users")
async def add_person(request: Request) -> Response:
    form = await read_form(request)
    name, role = str(form.get("name", "")), str(form.get("role", ""))
    password = str(form.get("password", ""))
    me = current_person(request)
    actor = me.name if me is not None else None
    try:
        person = await run_in_threadpool(
            lambda: People(office_for(request)).add(name, role, password, actor)
        )
    except SosmedError as e:
        error = str(e)
        return await run_in_threadpool(lambda: _page(request, 400, error=error, name=name))
    done = _("{name} ditambahkan sebagai {role}").format(name=person.name, role=_(person.role))
    return _done(request, done)


@requires("users")
async def change_person(request: Request) -> Response:
    form = await read_form(request)
    name, what = request.path_params["name"], str(form.get("what", ""))
    me = current_person(request)
    actor = me.name if me is not None else None
    people = People(office_for(request))

    def act() -> str:
        if me is not None and me.name.lower() == name.lower() and what in ("disable", "role"):
            raise SosmedError(_("Anda tidak bisa menonaktifkan atau mengubah peran sendiri."))
        if what == "disable":
            return _("{name} dinonaktifkan").format(name=people.disable(name, actor).name)
        if what == "enable":
            return _("{name} diaktifkan lagi").format(name=people.enable(name, actor).name)
        if what == "role":
            p = people.set_role(name, str(form.get("role", "")), actor)
            return _("peran {name} sekarang {role}").format(name=p.name, role=_(p.role))
        if what == "password":
            p = people.change_password(name, str(form.get("password", "")), actor)
            return _("kata sandi {name} diganti").format(name=p.name)
        raise SosmedError(_("Tidak ada perubahan yang diminta."))

    try:
        done = await run_in_threadpool(act)
    except SosmedError as e:
        error, status = str(e), 404 if isinstance(e, NotFound) else 400
        return await run_in_threadpool(lambda: _page(request, status, error=error))
    return _done(request, done)


def _done(request: Request, message: str) -> Response:
    flash(request, message)
    return RedirectResponse("/orang", status_code=303)


routes: list[BaseRoute] = [
    Route("/orang", people_page, methods=["GET"]),
    Route("/orang", add_person, methods=["POST"]),
    Route("/orang/{name}", change_person, methods=["POST"]),
]
