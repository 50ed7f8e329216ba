"""Status (/status): what needs a person now, the daemon's heartbeat, account health and X
spend — what `sosmed status` shows."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sosmed.i18n import _
from sosmed.office.workspace import status_view
from sosmed.web.auth import requires
from sosmed.web.office_access import office_for
from sosmed.web.render import page


@requires("read")
def status(request: Request) -> Response:
    view = status_view(office_for(request))
    return page(request, "status.html", title=_("Status"), view=view)


routes: list[BaseRoute] = [Route("/status", status, methods=["GET"])]
