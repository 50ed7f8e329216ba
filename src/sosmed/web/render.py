"""Pages rendered on the server: Jinja2 with autoescape on for every template (what articles
contain shows as text), the person, the navigation, the CSRF token, and ``_`` for the
catalogue's words, in every page."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sosmed import i18n
from sosmed.i18n import N_
from sosmed.office.people import may
from sosmed.redact import redact
from sosmed.web import csrf
from sosmed.web.auth import current_person

TEMPLATES = Path(__file__).parent / "templates"
# The navigation: (path, label); a page not installed yet is still named, and answers 404.
NAV = (
    ("/antrian", N_("Antrian")),
    ("/berita", N_("Berita")),
    ("/draf", N_("Draf")),
    ("/log", N_("Log")),
    ("/laporan", N_("Laporan")),
    ("/status", N_("Status")),
)


@pass_context
def csrf_field(context: Any) -> Markup:
    """The hidden field every form sends back: ``{{ csrf_field() }}``."""
    token = context.get("csrf_token", "")
    return Markup('<input type="hidden" name="{}" value="{}">').format(csrf.FIELD, token)


def _no_secrets(value: Any) -> Any:
    # Every value a template prints passes here: a secret of sosmed.toml or the secrets file
    # (or one shaped like a token) is masked whatever brought it into the page.
    if isinstance(value, str) and not isinstance(value, Markup):
        return redact(value)
    return value


def web_link(value: object) -> str:
    """``value`` when it is an http(s) address, else "": an address from an article or a
    platform never becomes a javascript: or data: link."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_no_secrets,
    )
    env.globals["_"] = i18n.translated
    env.globals["csrf_field"] = csrf_field
    env.globals["nav"] = NAV
    env.filters["web_link"] = web_link
    env.globals["may"] = may
    return env


FLASH = "flash"


def flash(request: Request, message: str, kind: str = "ok") -> None:
    """Say ``message`` once, on the next page this browser is shown (after a form's redirect);
    ``kind`` is "ok" or "error". Kept in the signed session, never in the address."""
    said = list(request.session.get(FLASH, []))
    said.append([kind if kind in ("ok", "error") else "ok", str(message)])
    request.session[FLASH] = said[-5:]


def context_of(request: Request, **context: Any) -> dict[str, Any]:
    return {
        "request": request,
        "flashes": [tuple(f) for f in request.session.pop(FLASH, [])],
        "person": current_person(request),
        "csrf_token": csrf.token_of(request.session),
        "lang": i18n.language(),
        "path": request.url.path,
        **context,
    }


def page(
    request: Request, template_name: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """``template_name`` rendered for ``request``: base.html's navigation, the person signed in,
    ``csrf_token`` (and ``csrf_field()``), ``_``, and ``context``."""
    html = environment().get_template(template_name).render(context_of(request, **context))
    return HTMLResponse(html, status_code=status_code)


def message_page(request: Request, title: str, message: str, status_code: int) -> HTMLResponse:
    """A page that says one thing (refused, not found, too large)."""
    return page(request, "message.html", status_code, title=title, message=message)


def text(value: object) -> Markup:
    """Anything as escaped text (for a Markup built in Python)."""
    return Markup(escape(str(value)))
