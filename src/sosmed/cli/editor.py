"""A text edited in the person's $EDITOR, for `edit` and `article edit --body`."""

from __future__ import annotations

import os
import sys

import click

from sosmed.errors import InputError
from sosmed.i18n import _


def edited(text: str, option: str | None = "--text") -> str | None:
    """The text as the person left it in the editor (None: closed without saving).

    Without a terminal and without $VISUAL or $EDITOR (a script, cron), the editor click
    would pick could show nobody anything: that is refused, as is an editor that fails.
    ``option``: the command's way to give the text without an editor, if it has one.
    """
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not chosen and not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            _("tidak ada terminal untuk membuka penyunting; {how}").format(how=_how(option))
        )
    try:
        result: str | None = click.edit(text, extension=".txt")
    except click.ClickException:
        raise InputError(
            _("penyunting teks tidak bisa dibuka; {how}").format(how=_how(option))
        ) from None
    return result


def _how(option: str | None) -> str:
    if option:
        return _("beri teksnya dengan {option}").format(option=option)
    return _("jalankan di terminal, atau isi $EDITOR")
