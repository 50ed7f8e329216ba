"""Telling an HTML archive, category or "indeks berita" page from one article, by its markup.

An archive shows several stories, each a linked headline (and an excerpt or the whole story);
an article shows one story, and its headline links nowhere. Headlines in a sidebar, a menu, a
footer or a related-stories block belong to the page's furniture and are not counted, so an
article with "Berita Terkini" beside it or "Berita Terkait" under it stays an article.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from sosmed.i18n import _
from sosmed.ingest.address import archive_address
from sosmed.ingest.metadata import in_chrome

_READ_MORE = re.compile(
    r"^\s*(?:baca\s+selengkapnya|selengkapnya|read\s+more|continue\s+reading|"
    r"lanjut(?:kan)?\s+membaca)\b",
    re.IGNORECASE,
)
_MIN_HEADLINE_WORDS = 4
_STORY_WORDS = 120
_MANY = 3


def listing_reason(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    """Why the page is a list of stories (one line, naming what was seen), or None."""
    # A page saved from a browser still names its own address in its canonical link.
    for address in (url, *tree.xpath("//link[@rel='canonical']/@href")[:1]):
        path = archive_address(str(address or ""))
        if path is not None:
            return _(
                "alamat {path} adalah halaman arsip atau kategori, bukan satu berita; "
                "berikan alamat satu berita"
            ).format(path=path)
    headlines = story_headlines(tree)
    stories = story_blocks(tree)
    if (len(headlines) >= _MANY and stories == 0) or (len(headlines) >= 2 and stories >= 2):
        return _listing(_("{n} judul berita di halaman ini").format(n=len(headlines)))
    more = _read_more_links(tree)
    if more >= _MANY:
        return _listing(_("{n} tautan “selengkapnya” di halaman ini").format(n=more))
    return None


def _listing(seen: str) -> str:
    return _(
        "halaman ini daftar berita, bukan satu berita: {seen}; berikan alamat satu berita"
    ).format(seen=seen)


def story_headlines(tree: lxml_html.HtmlElement) -> list[str]:
    """Headlines that link to a story, outside the page's furniture; an index's list items too."""
    found: list[str] = []
    for heading in tree.xpath("//h1|//h2|//h3|//h4|//li"):
        links = heading.xpath(".//a[@href]")
        if len(links) != 1 or in_chrome(heading):
            continue
        text = " ".join(links[0].text_content().split())
        whole = " ".join(heading.text_content().split())
        if len(text.split()) < _MIN_HEADLINE_WORDS:
            continue
        if heading.tag != "li" or _mostly(text, whole):
            found.append(text)
    return list(dict.fromkeys(found))


def _mostly(link: str, whole: str) -> bool:
    """A list item that is a headline (and perhaps its date), not a sentence with a link."""
    return len(link) >= 0.6 * len(whole)


def story_blocks(tree: lxml_html.HtmlElement) -> int:
    """Elements whose own paragraphs make a whole story."""
    count = 0
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        words = sum(len(p.text_content().split()) for p in parent if p.tag == "p")
        if words >= _STORY_WORDS and not in_chrome(parent):
            count += 1
    return count


def _read_more_links(tree: lxml_html.HtmlElement) -> int:
    return sum(
        1 for a in tree.iter("a") if _READ_MORE.match(a.text_content() or "") and not in_chrome(a)
    )
