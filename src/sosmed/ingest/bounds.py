"""How much of an input is read: a file over the size limit is refused by its size alone,
and extraction reads a text only as far as its opening."""

from __future__ import annotations

from pathlib import Path

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.ingest.slim import BULKY_FROM, refuse_bulky_page

MAX_INPUT_BYTES = 5_000_000
# Everything extraction decides (headline, dates, credits, listing or story, the lead, the
# summary) is settled in a text's opening; a story runs to a few thousand words. A copied text
# of megabytes is read only this far, so its cost stays that of a long article.
OPENING_CHARS = 100_000


def refuse_too_large(path: Path) -> None:
    """InputError for a file over ``MAX_INPUT_BYTES``, told from its size before anything is
    read or any heavy module is loaded; any other problem is left to the reading."""
    try:
        size = path.stat().st_size
    except OSError:
        return
    if size > MAX_INPUT_BYTES:
        raise InputError(
            _("{what} berukuran {size} byte; batasnya {cap}").format(
                what=path, size=f"{size:,}", cap=f"{MAX_INPUT_BYTES:,}"
            )
        )


def read_file(path: Path) -> bytes:
    """The file's bytes; a file over the limit, or an HTML page with too much markup
    (slim.py), is refused before the modules that read and store articles (and the database's
    models) are loaded."""
    refuse_too_large(path)
    _refuse_bulky_page(path)
    from sosmed.ingest.sources import read_file as read

    return read(path)


def _refuse_bulky_page(path: Path) -> None:
    try:
        if path.stat().st_size <= BULKY_FROM:
            return
        data = path.read_bytes()
    except OSError:  # told by the reading, with its own message
        return
    refuse_bulky_page(data)


def opening(text: str) -> str:
    """The first ``OPENING_CHARS`` characters of ``text``, cut at a line break."""
    if len(text) <= OPENING_CHARS:
        return text
    cut = text.rfind("\n", 0, OPENING_CHARS)
    return text[: cut if cut > 0 else OPENING_CHARS]
