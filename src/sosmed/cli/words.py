"""The command-line library's own words in the language sosmed speaks: "Usage:", "Options",
"Show this message and exit.", and its usage errors.

Typer marks some of its words for the standard library's gettext (domain ``messages``); their
Indonesian is in ``locale/id/LC_MESSAGES/messages.po``, bound here. The copy of click that
Typer bundles writes the rest as plain English: the help formatter, the help option and the
usage errors are given sosmed's own wording here instead, from sosmed's catalogue.
"""

from __future__ import annotations

import gettext
import os
import re
from typing import Any

from typer._click import Context as LibraryContext
from typer._click import HelpFormatter
from typer._click.exceptions import BadParameter
from typer.core import TyperGroup

from sosmed import i18n
from sosmed.i18n import _

# The standard library's default gettext domain, the one Typer's ``gettext`` calls read.
LIBRARY_DOMAIN = "messages"


def speak(language: str) -> None:
    """Make the library's gettext calls answer in ``language`` (set by ``i18n.setup``)."""
    gettext.bindtextdomain(LIBRARY_DOMAIN, str(i18n.LOCALE_DIR))
    # The standard library's gettext takes its language from the environment only; LANGUAGE
    # comes first there and means nothing but the language of messages.
    os.environ["LANGUAGE"] = language


class Formatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Pemakaian: ") if prefix is None else prefix)


class Context(LibraryContext):
    formatter_class = Formatter


def localise(command: Any) -> None:
    """``command``'s help page in sosmed's language: its usage line and placeholders."""
    command.context_class = Context
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = _("[OPSI]")
    if isinstance(command, TyperGroup) and command.subcommand_metavar == "COMMAND [ARGS]...":
        command.subcommand_metavar = _("PERINTAH [ARGUMEN]...")


def help_text() -> str:
    return _("Tampilkan bantuan ini lalu keluar.")


def usage_message(error: Exception) -> str:
    """A usage error of the command-line library in sosmed's words."""
    kind = type(error).__name__
    if kind == "NoSuchOption":
        text = _("Tidak ada opsi {option}.").format(option=error.option_name)  # type: ignore[attr-defined]
        if error.possibilities:  # type: ignore[attr-defined]
            maybe = ", ".join(sorted(error.possibilities))  # type: ignore[attr-defined]
            text += " " + _("Mungkin maksudnya: {options}.").format(options=maybe)
        return text
    if kind == "MissingParameter":
        return _missing(error)
    if isinstance(error, BadParameter):
        return _bad_value(error)
    message = str(getattr(error, "message", error))
    for pattern, wording in _PATTERNS:
        found = pattern.match(message)
        if found:
            return wording().format(**found.groupdict())
    return _suggestion(message)


def _hint(error: Any) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(h) for h in hint)
    if error.param is not None:
        return str(error.param.get_error_hint())
    return ""


def _missing(error: Any) -> str:
    name = _hint(error)
    kind = error.param_type or (error.param.param_type_name if error.param else "")
    if kind == "argument":
        return _("Argumen {name} belum diberikan.").format(name=name)
    if kind == "option":
        return _("Opsi {name} wajib diberikan.").format(name=name)
    return _("{name} belum diberikan.").format(name=name)


def _bad_value(error: Any) -> str:
    reason = _reason(error)
    name = _hint(error) if error.param is not None or error.param_hint is not None else ""
    if not name:
        return _("Nilai tidak sah: {reason}").format(reason=reason)
    return _("Nilai {name} tidak sah: {reason}").format(name=name, reason=reason)


def _reason(error: Any) -> str:
    # Typer checks values with pydantic and keeps its error as the cause: its kind and limits
    # say what was wrong, in words of our own.
    cause = error.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    if not errors:
        return str(error.message)
    first = errors[0]
    value = first.get("input")
    limits = first.get("ctx") or {}
    reasons = {
        "int_parsing": lambda: _("{value!r} bukan bilangan bulat."),
        "int_from_float": lambda: _("{value!r} bukan bilangan bulat."),
        "float_parsing": lambda: _("{value!r} bukan angka."),
        "bool_parsing": lambda: _("{value!r} bukan ya/tidak."),
        "greater_than_equal": lambda: _("{value!r} kurang dari {ge}."),
        "greater_than": lambda: _("{value!r} harus lebih dari {gt}."),
        "less_than_equal": lambda: _("{value!r} lebih dari {le}."),
        "less_than": lambda: _("{value!r} harus kurang dari {lt}."),
    }
    wording = reasons.get(first.get("type", ""))
    if wording is None:
        return str(error.message)
    return wording().format(value=value, **limits)


_PATTERNS = [
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"),
        lambda: _("Argumen berlebih: {args}"),
    ),
    (
        re.compile(r"Option (?P<option>'.*') requires an argument\.$"),
        lambda: _("Opsi {option} perlu nilai."),
    ),
    (
        re.compile(r"Option (?P<option>'.*') requires (?P<n>\d+) arguments\.$"),
        lambda: _("Opsi {option} perlu {n} nilai."),
    ),
    (
        re.compile(r"Option (?P<option>'.*') does not take a value\.$"),
        lambda: _("Opsi {option} tidak menerima nilai."),
    ),
    (
        re.compile(r"Argument (?P<name>'.*') takes (?P<n>\d+) values\.$"),
        lambda: _("Argumen {name} perlu {n} nilai."),
    ),
]
_DID_YOU_MEAN = re.compile(r"\. Did you mean (?P<names>.*)\?$")


def _suggestion(message: str) -> str:
    # Typer adds "Did you mean …?" to the (already translated) "no such command".
    found = _DID_YOU_MEAN.search(message)
    if found is None:
        return message
    maybe = _("Mungkin maksudnya {names}?").format(names=found["names"])
    return message[: found.start()] + ". " + maybe
