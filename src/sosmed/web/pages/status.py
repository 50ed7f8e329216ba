"""Status (/status): what needs a person now, the daemon's heartbeat, account health and X
spend — what `sosmed status` shows."""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from sosmed.i18n import _
from sosmed.office.workspace import status_view
from sosmed.web.auth import requires
from sosmed.web.office_access import office_for
from sosmed.web.render import page

# Every line about one post begins "post ID" (health.next_step and its neighbours, in either
# language), which is how the page links the line to that post.
_POST_LINE = re.compile(r"post (\d+)\b", re.IGNORECASE)


def problem_post(line: str) -> int | None:
    """The post a "needs a person" line is about, or None for a line about an account or many
    posts."""
    found = _POST_LINE.match(line)
    return int(found.group(1)) if found else None


@requires("read")
def status(request: Request) -> Response:
    view = status_view(office_for(request))
    problems = [(line, problem_post(line)) for line in view.problems]
    return page(request, "status.html", title=_("Status"), view=view, problems=problems)


routes: list[BaseRoute] = [Route("/status", status, methods=["GET"])]
