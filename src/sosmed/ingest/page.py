"""An HTML page's own structure: its lines as a browser copy gives them, and figure captions.
(The marks of an archive page are read in cards.py.)"""

from __future__ import annotations

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
