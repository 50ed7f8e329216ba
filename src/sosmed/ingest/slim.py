"""A page's HTML without the bulk that no reading of it uses, taken out before it is parsed.

A portal's page of megabytes is mostly inline scripts, stylesheets and images inlined as base64;
parsing them, and copying the tree that holds them (trafilatura and its fallbacks copy it several
times), cost most of the time and memory of reading such a page. Nothing that reads a page looks
inside them: trafilatura deletes scripts and styles, the copied-text rendering skips them, and an
inline image is never a story photo (trafilatura takes only image addresses that name an image
file). Their elements stay, empty, so the tree keeps its shape; JSON scripts (JSON-LD, where the
page's metadata lives) stay whole.
"""

from __future__ import annotations

import re

from sosmed.errors import InputError
from sosmed.i18n import _

# What stays of a page once slimmed is the markup that carries its text: menus, lists, comment
# sections, the story. Reading costs about half a second and 30 MB per megabyte of it (the
# parsed tree is copied by each reading), so a page over this is refused rather than read in
# more than two seconds and 200 MB; an article page holds a few hundred kilobytes.
MAX_MARKUP_CHARS = 1_500_000
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html|<head|<body)", re.I)
_TAGS = re.compile(rb"<(p|div|article|h1|h2|br|span|a)\b", re.I)

_OPEN = re.compile(r"<(script|style)\b([^>]*)>|<!--", re.IGNORECASE)
_CLOSE = {
    "script": re.compile(r"</script\s*>", re.IGNORECASE),
    "style": re.compile(r"</style\s*>", re.IGNORECASE),
    "": re.compile(r"-->"),
}
_JSON_TYPE = re.compile(r"""\btype\s*=\s*["']?[^"'\s>]*json""", re.IGNORECASE)
# An inline image's payload; a short one (an icon, a placeholder pixel) is not worth the pass.
_DATA_URI = re.compile(
    r"(data:[a-z]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,)[A-Za-z0-9+/]{256,}=*", re.IGNORECASE
)


def looks_html(data: bytes) -> bool:
    head = data[:4096]
    return bool(_HTML_START.match(head)) or len(_TAGS.findall(head)) >= 3


def slim(html: str) -> str:
    """``html`` with every script (but JSON ones) and stylesheet emptied, and inline base64
    images cut to their type. Comments are passed over as the parser does, so a script tag
    written inside one is left alone."""
    out: list[str] = []
    done = 0
    pos = 0
    while found := _OPEN.search(html, pos):
        kind = (found[1] or "").lower()
        close = _CLOSE[kind].search(html, found.end())
        if close is None:  # runs to the end of the page, as the parser reads it
            break
        pos = close.end()
        if kind and not (kind == "script" and _JSON_TYPE.search(found[2] or "")):
            out += (html[done : found.end()], close[0])
            done = pos
    out.append(html[done:])
    return _DATA_URI.sub(r"\1", "".join(out))


def refuse_bulky_page(data: bytes) -> None:
    """InputError for an HTML page with too much markup, told before the modules that read
    pages are loaded. Only a page bigger than the limit can be over it."""
    if len(data) > MAX_MARKUP_CHARS and looks_html(data):
        refuse_too_much_markup(slim(data.decode("utf-8", errors="replace")))


def refuse_too_much_markup(html: str) -> None:
    """InputError for a slimmed page whose markup is over ``MAX_MARKUP_CHARS``."""
    if len(html) > MAX_MARKUP_CHARS:
        raise InputError(
            _(
                "halaman HTML ini terlalu besar untuk dibaca: tanpa skrip, gaya, dan gambar "
                "sisipan masih {size} karakter; batasnya {cap}. Salin teks beritanya dari "
                "peramban dan tambahkan sebagai teks."
            ).format(size=f"{len(html):,}", cap=f"{MAX_MARKUP_CHARS:,}")
        )
