"""Reading a form, with one limit for every text field and the refusals in the reader's
language.

Starlette refuses a text field over 1 MB; an article pasted into the Berita page can be
longer, and the office's own rules (not the form reader) decide what is too long to
summarise. Files are not bound by this limit (the guard's body limit covers them).
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from sosmed.i18n import _

FIELD_LIMIT = 16 * 1024 * 1024  # bytes in one text field


def too_long() -> HTTPException:
    mb = FIELD_LIMIT // (1024 * 1024)
    return HTTPException(
        413, _("Isian formulir terlalu panjang (lebih dari {mb} MB).").format(mb=mb)
    )


def unreadable() -> HTTPException:
    return HTTPException(400, _("Formulir ini tidak bisa dibaca. Muat ulang halamannya."))


async def read_form(request: Request) -> FormData:
    """The request's form; HTTPException 413 when a text field is over the limit, 400 when
    the body is not a form that can be read (too many fields, broken multipart)."""
    try:
        return await request.form(max_part_size=FIELD_LIMIT)
    except (HTTPException, MultiPartException) as e:
        said = str(getattr(e, "detail", "") or getattr(e, "message", ""))
        raise too_long() if "maximum size" in said else unreadable() from e
