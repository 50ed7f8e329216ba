"""Log (/log): every publishing attempt, newest first, with filters (dates, account, outcome)
and their CSV export (/log.csv); one post's story (/log/post/{id})."""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.log.rows import OUTCOMES
from sosmed.office.workspace import log_csv, log_filter, log_page, post_page
from sosmed.web.auth import requires
from sosmed.web.office_access import office_for
from sosmed.web.render import page

LIMITS = (50, 200, 1000)
FIELDS = ("dari", "sampai", "akun", "hasil")


def _fields(request: Request) -> dict[str, str]:
    return {k: request.query_params.get(k, "").strip() for k in FIELDS}


def _limit(request: Request) -> int:
    value = request.query_params.get("baris", "200")
    return int(value) if value.isdigit() and int(value) in LIMITS else 200


@requires("read")
def log(request: Request) -> Response:
    office = office_for(request)
    fields = _fields(request)
    error = None
    try:
        f = log_filter(office, fields["dari"], fields["sampai"], fields["akun"], fields["hasil"])
        view = log_page(office, f, _limit(request))
    except InputError as e:
        error, view = str(e), None
    query = request.url.query
    return page(
        request,
        "log.html",
        400 if error else 200,
        title=_("Log"),
        fields=fields,
        view=view,
        error=error,
        outcomes=OUTCOMES,
        limits=LIMITS,
        limit=_limit(request),
        accounts=[a.name for a in office.settings.config.accounts],
        csv_href="/log.csv" + ("?" + query if query else ""),
    )


@requires("read")
def log_export(request: Request) -> Response:
    office = office_for(request)
    fields = _fields(request)
    f = log_filter(office, fields["dari"], fields["sampai"], fields["akun"], fields["hasil"])
    local = office.now().astimezone(office.settings.tz)
    name = f"log-sosmed-{datetime.strftime(local, '%Y-%m-%d')}.csv"
    return StreamingResponse(
        log_csv(office, f),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@requires("read")
def post_story(request: Request) -> Response:
    view = post_page(office_for(request), request.path_params["post_id"])
    title = _("Post {id}").format(id=view.post_id)
    return page(request, "post_story.html", title=title, view=view)


routes: list[BaseRoute] = [
    Route("/log", log, methods=["GET"]),
    Route("/log.csv", log_export, methods=["GET"]),
    Route("/log/post/{post_id:int}", post_story, methods=["GET"]),
]
