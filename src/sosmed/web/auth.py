"""Who is signed in, and what they may do.

The session cookie (signed by Starlette's SessionMiddleware) holds the person's id and a stamp
of their password hash: a person disabled, or whose password changed, is signed out on their
next request. Pages call :func:`require` with an action of
:data:`sosmed.office.people.ACTIONS`; the application turns its exceptions into the login page
(GET), 401 (any other method) or 403.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sosmed.office.people import PersonView, may

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection, Request

Person = PersonView
SESSION_ID = "pid"
SESSION_STAMP = "stamp"


class NotSignedIn(Exception):
    """No one (or no longer anyone) is signed in."""


class Forbidden(Exception):
    """The person signed in may not do this."""

    def __init__(self, person: Person, action: str) -> None:
        super().__init__(action)
        self.person, self.action = person, action


def load_person(conn: HTTPConnection) -> Person | None:
    """The person of the session, read from the database (blocking: called in a thread)."""
    from sosmed.office.people import People
    from sosmed.web.office_access import office_for

    pid = conn.session.get(SESSION_ID)
    if not isinstance(pid, int):
        return None
    person = People(office_for(conn)).get(pid)  # type: ignore[arg-type]
    if person is None or conn.session.get(SESSION_STAMP) != person.stamp:
        return None
    return person


def sign_in(request: Request, person: Person) -> None:
    """Start a fresh session for ``person`` (nothing of the anonymous one is kept but a new
    CSRF token)."""
    from sosmed.web.csrf import new_token

    request.session.clear()
    request.session[SESSION_ID] = person.id
    request.session[SESSION_STAMP] = person.stamp
    new_token(request.session)


def sign_out(request: Request) -> None:
    request.session.clear()


def current_person(request: Request) -> Person | None:
    """The person signed in for this request, as the guard found them."""
    person = request.scope.get("sosmed.person")
    return person if isinstance(person, PersonView) else None


def require(request: Request, action: str) -> Person:
    """The person signed in, when their role may do ``action``; else NotSignedIn or
    Forbidden."""
    person = current_person(request)
    if person is None:
        raise NotSignedIn()
    if not may(person.role, action):
        raise Forbidden(person, action)
    return person


E = TypeVar("E", bound=Callable[..., Any])


def requires(action: str) -> Callable[[E], E]:
    """A page endpoint that first calls :func:`require` with ``action`` (sync or async), and
    says so (``endpoint.sosmed_action``): the security tests find every route's action there
    and prove that a role without it gets 403."""

    def wrap(endpoint: E) -> E:
        if inspect.iscoroutinefunction(endpoint):

            @functools.wraps(endpoint)
            async def guarded_async(request: Request, *args: Any, **kwargs: Any) -> Any:
                require(request, action)
                return await endpoint(request, *args, **kwargs)

            guarded: Any = guarded_async
        else:

            @functools.wraps(endpoint)
            def guarded_sync(request: Request, *args: Any, **kwargs: Any) -> Any:
                require(request, action)
                return endpoint(request, *args, **kwargs)

            guarded = guarded_sync
        guarded.sosmed_action = action
        return guarded

    return wrap
