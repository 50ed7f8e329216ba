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
# sections, the story. Reading it costs about 30 microseconds and 2-3 KB per element (the tree
# is copied and walked by trafilatura, its fallbacks and the rules), and also grows with its
# text; a page over either limit is refused rather than read in more than two seconds and 200
# MB. An article page has a few thousand elements in a few hundred kilobytes.
MAX_MARKUP_CHARS = 1_500_000
MAX_ELEMENTS = 30_000
# Up to this many elements a page is read with trafilatura's fallbacks (readability, jusText).
# jusText looks for each short block's nearest long neighbour block by block, so a run of
# thousands of short blocks (a comment thread, a list of one-line items) costs seconds: 15,000
# took 25 s. Over it trafilatura's own extraction reads the page alone, which is what the
# fallbacks also settled on for every big page measured.
FALLBACK_ELEMENTS = 3_000
# The shortest element is three characters ("<a>"): a smaller page is under both limits.
BULKY_FROM = 3 * MAX_ELEMENTS
_ELEMENT = re.compile(r"<[A-Za-z]")
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
    pages are loaded."""
    if len(data) > BULKY_FROM and looks_html(data):
        refuse_too_much_markup(slim(data.decode("utf-8", errors="replace")))


def refuse_too_much_markup(html: str) -> int:
    """The number of elements of a slimmed page; InputError for one over ``MAX_MARKUP_CHARS``
    or ``MAX_ELEMENTS``."""
    elements = sum(1 for _ in _ELEMENT.finditer(html))
    if len(html) > MAX_MARKUP_CHARS or elements > MAX_ELEMENTS:
        raise InputError(
            _(
                "halaman HTML ini terlalu besar untuk dibaca: tanpa skrip, gaya, dan gambar "
                "sisipan masih {size} karakter dan {elements} elemen; batasnya {cap} karakter "
                "dan {max_elements} elemen. Salin teks beritanya dari peramban dan tambahkan "
                "sebagai teks."
            ).format(
                size=f"{len(html):,}",
                elements=f"{elements:,}",
                cap=f"{MAX_MARKUP_CHARS:,}",
                max_elements=f"{MAX_ELEMENTS:,}",
            )
        )
    return elements
