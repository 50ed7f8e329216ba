"""The language people read: Indonesian first, English on request, from one catalogue.

Messages are written in Indonesian where they are made and marked with ``_()``; the English
catalogue (``locale/en/LC_MESSAGES/sosmed.po``, compiled to ``sosmed.mo`` beside it) gives each
one's English. A message missing from the catalogue shows in Indonesian, never as nothing.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT = "id"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "sosmed"

_language = DEFAULT
_catalogue: gettext.NullTranslations = gettext.NullTranslations()
# The language one reader asked for, for the work done for them alone (a web request, and the
# threads it hands work to): it wins over the process's language. None: no such reader.
_asked: ContextVar[str | None] = ContextVar("sosmed_language", default=None)


def _from_locale(value: str) -> str | None:
    """``en_US.UTF-8`` → ``en``; ``C``/``POSIX``/unknown → None (no preference)."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
    return code if code in LANGUAGES else None


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for: ``--lang`` on the command line, then ``SOSMED_LANG``, then the
    locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``); Indonesian when none names a known one."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return _from_locale(argv[i + 1]) or DEFAULT
        if arg.startswith("--lang="):
            return _from_locale(arg.split("=", 1)[1]) or DEFAULT
    if environ.get("SOSMED_LANG"):
        return _from_locale(environ["SOSMED_LANG"]) or DEFAULT
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return _from_locale(environ[name]) or DEFAULT
    return DEFAULT


def set_language(language: str) -> None:
    """Speak ``language`` ("id" or "en") from now on in this process."""
    global _language, _catalogue
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language
    if language == DEFAULT:
        _catalogue = gettext.NullTranslations()
    else:
        _catalogue = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
        )


def language() -> str:
    """The language spoken here: the reader's (:func:`speaking`), else the process's."""
    return _asked.get() or _language


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Speak ``language`` in this context (and the threads it hands work to) until the block
    ends, whatever the process speaks; None or an unknown code leaves the process's."""
    token = _asked.set(language if language in LANGUAGES else None)
    try:
        yield
    finally:
        _asked.reset(token)


def _current() -> gettext.NullTranslations:
    asked = _asked.get()
    return _catalogue if asked is None else _catalogue_of(asked)


def setup(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Choose and set the language from the command line and environment; return it."""
    import sys

    chosen = choose(
        sys.argv[1:] if argv is None else argv, os.environ if environ is None else environ
    )
    set_language(chosen)
    return chosen


def _(message: str) -> str:
    """``message`` (written in Indonesian) in the language spoken here."""
    return _current().gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is made (a table, a module constant) and
    leave it in Indonesian; ``_()``, :func:`translated` or :func:`in_language` translates it
    where it is shown."""
    return message


def translated(message: str) -> str:
    """A message marked with :func:`N_` (or a stored one), in the language spoken here."""
    return _current().gettext(message)


@functools.cache
def _catalogue_of(language: str) -> gettext.NullTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True)


def in_language(message: str, language: str | None) -> str:
    """``message`` in ``language`` whatever this process speaks: for a text that has its own
    reader (a report asked for in English, the office's alerts); None means this process's."""
    if language is None:
        return _(message)
    return _catalogue_of(language).gettext(message)
