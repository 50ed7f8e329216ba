"""An HTML page's own structure: its lines as a browser copy gives them, figure captions, and
the marks of an archive page (several story cards, "read more" links, page numbers)."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from sosmed.ingest.credits import split_caption
from sosmed.text.sentences import word_set

_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "head", "form"})
_BLOCK = word_set(
    """
    p div h1 h2 h3 h4 h5 h6 li ul ol br tr td th table section article header footer main
    figure figcaption blockquote pre nav aside dd dt dl hr address details summary
    """
)
_READ_MORE = re.compile(
    r"^\s*(?:baca\s+selengkapnya|selengkapnya|read\s+more|continue\s+reading|"
    r"lanjut(?:kan)?\s+membaca)\b",
    re.IGNORECASE,
)
_LISTING_PATH = re.compile(
    r"/(?:category|kategori|tag|tags|label|arsip|archives?|page|halaman)(?:/|$)"
    r"|/\d{4}/\d{1,2}/?$|[?&](?:page|halaman|cat|tag)=",
    re.IGNORECASE,
)
_MANY = 3


def page_lines(tree: lxml_html.HtmlElement) -> list[str]:
    """The visible text of the page, one line per block, as a browser copy gives it."""
    out: list[str] = []
    _render(tree, out)
    lines = (" ".join(line.split()) for line in "".join(out).splitlines())
    return [line for line in lines if line]


def _render(el: lxml_html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag and tag.lower() not in _SKIP:
        block = tag.lower() in _BLOCK
        if block:
            out.append("\n")
        out.append(el.text or "")
        for child in el:
            _render(child, out)
        if block:
            out.append("\n")
    out.append(el.tail or "")


def image_captions(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Image source → caption, for images inside a <figure> with a <figcaption>."""
    found: dict[str, str] = {}
    for figure in tree.iter("figure"):
        text = " ".join(" ".join(figure.xpath(".//figcaption//text()")).split())
        if not text:
            continue
        labelled = split_caption(text)
        caption = labelled[1] if labelled and labelled[1] else text
        for src in figure.xpath(".//img/@src"):
            found.setdefault(str(src), caption)
    return found


def looks_like_listing_page(tree: lxml_html.HtmlElement, url: str | None) -> bool:
    """Several story cards, "read more" links or an archive address: not one article."""
    if url and _LISTING_PATH.search(url):
        return True
    cards = len(tree.xpath("//article"))
    read_more = sum(1 for a in tree.iter("a") if _READ_MORE.match(a.text_content() or ""))
    return cards >= _MANY or read_more >= _MANY
