"""Post templates: Jinja2 in a sandbox, one default per platform, overridable per account.

The defaults ship in the package (``sosmed/data/templates/<platform>.j2``; the copies in
``config/templates/`` document them). An account's ``template`` names a file, relative to the
home, holding the office's house style. Templates are plain text, so nothing is escaped
unless the template asks: ``{{ title | e }}`` escapes for Telegram's HTML. Article text is data:
it is inserted, never evaluated, and the sandbox keeps a template from reaching Python
internals, files (there is no loader: no ``include``, ``import`` or ``extends``) and values too
big to hold (``'x' * 10**9``). Whatever goes wrong in a template is a ConfigError naming it.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from datetime import datetime, timedelta, timezone
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import StrictUndefined, Template, TemplateError, UndefinedError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.libwords import os_reason, template_reason
from sosmed.platforms.registry import platform_class
from sosmed.settings import Account, Settings
from sosmed.timefmt import date_long

# The largest string or list a template may build by repetition, and the largest power.
MAX_REPEAT = 100_000
MAX_EXPONENT = 64
# What a faulty template raises besides TemplateError (the sandbox's range cap is an
# OverflowError, a missing loader a TypeError).
_TEMPLATE_FAULTS = (TemplateError, ArithmeticError, LookupError, TypeError, ValueError)
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def escape_html(value: Any) -> str:
    """Telegram's HTML mode needs only ``& < >`` (and ``"`` inside attributes) escaped."""
    return html.escape("" if value is None else str(value), quote=True).replace("&#x27;", "'")


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, which also refuses to build huge values by ``*`` and ``**``."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(_("pangkat di atas {n} ditolak").format(n=MAX_EXPONENT))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(n, int)
                if sized and len(seq) * n > MAX_REPEAT:
                    raise SecurityError(_("nilai di atas {n} butir ditolak").format(n=MAX_REPEAT))
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    env = _Sandbox(
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        undefined=StrictUndefined,
    )
    env.filters["e"] = escape_html
    env.filters["escape"] = escape_html
    return env


_ENV = _environment()


def default_template_source(platform: str) -> str:
    """sosmed's own template for the platform, else the one its class brings (a plugin's)."""
    path = resources.files("sosmed") / "data" / "templates" / f"{platform}.j2"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    brought = platform_class(platform).default_template
    if brought is None:
        raise ConfigError(
            _("tidak ada template bawaan untuk platform {name}").format(name=repr(platform))
        )
    return brought


@cache
def _compiled(source: str, name: str) -> Template:
    try:
        return _ENV.from_string(source)
    except _TEMPLATE_FAULTS as e:
        where = template_reason(e)
        said = _kind(e) + (f" ({where})" if where else "")
        raise ConfigError(_("template {name}: {error}").format(name=name, error=said)) from e


def template_for(account: Account, settings: Settings) -> Template:
    """The account's own template if it names one, else the platform's default."""
    if not account.template:
        return _compiled(default_template_source(account.platform), f"{account.platform}.j2")
    path = Path(account.template).expanduser()
    path = path if path.is_absolute() else settings.home / path
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(
            _("akun {name}: template {path} tidak bisa dibaca ({error})").format(
                name=repr(account.name), path=path, error=os_reason(e)
            )
        ) from e
    return _compiled(source, str(path))


def _kind(error: BaseException) -> str:
    """What went wrong in a template, in a word a person knows (not the exception's class)."""
    if isinstance(error, UndefinedError):
        return _("nama tidak dikenal")
    if isinstance(error, SecurityError):
        return _("ditolak demi keamanan")
    if isinstance(error, TemplateError):
        return _("tulisan template salah")
    return _("nilai tidak cocok")


def render(template: Template, context: dict[str, Any]) -> str:
    """The template's output, with trailing spaces and runs of blank lines removed."""
    try:
        text = template.render(**context)
    except _TEMPLATE_FAULTS as e:
        where = _(" di {name}").format(name=template.name) if template.name else ""
        raise ConfigError(
            _("galat template{where}: {kind}: {error}").format(
                where=where, kind=_kind(e), error=template_reason(e)
            )
        ) from e
    text = _TRAILING_SPACE.sub("\n", text.replace("\r\n", "\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def indonesian_date(moment: datetime | None, tz: ZoneInfo, offset_minutes: int | None) -> str:
    """``Kamis, 26 September 2019`` in the zone the article stated, else the office's."""
    if moment is None:
        return ""
    zone = timezone(timedelta(minutes=offset_minutes)) if offset_minutes is not None else tz
    return date_long(moment, zone)


def with_utm(url: str | None, utm: dict[str, str], account: Account) -> str | None:
    """The article link with the account's UTM parameters (``{platform}``, ``{account}``)."""
    if not url or not utm:
        return url
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    added = {}
    for key, value in utm.items():
        name = key if key.startswith("utm_") else f"utm_{key}"
        added[name] = value.replace("{platform}", account.platform).replace(
            "{account}", account.name
        )
    query = [(k, v) for k, v in query if k not in added] + list(added.items())
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
