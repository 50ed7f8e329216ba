"""Printing for the CLI: JSON for machines, Rich for people; everything through redaction."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.markup import escape

from sosmed.i18n import _
from sosmed.redact import redact

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    raise TypeError(f"cannot serialise {type(o).__name__}")


def print_json(obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write(redact(text) + "\n")


def fail(message: str) -> None:
    """One line on stderr: what went wrong (with brackets in it printed as they are)."""
    err_console.print(
        f"[red]{escape(_('kesalahan:'))}[/red] {escape(redact(message))}",
        markup=True,
        soft_wrap=True,
    )


def say(message: str) -> None:
    """A plain line for a person: no Rich markup read in it (``[[sites]]`` stays as written)."""
    console.print(message, markup=False)
