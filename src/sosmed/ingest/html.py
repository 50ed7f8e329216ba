"""An HTML page read into a ParsedArticle.

trafilatura finds the story's paragraphs and the page's generic metadata. It drops what these
pages print around the story (the date line, the credits, the "Teks foto" caption), so the page is
also rendered as a person would copy it, and the lines from just above the headline down to the
first paragraph are read with the same rules as a copied page. Metadata fills only what the page's
own lines did not say.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html

from sosmed.errors import NotAnArticle
from sosmed.ingest.guards import check_text, decode_page
from sosmed.ingest.listing import LISTING_MESSAGE
from sosmed.ingest.page import image_captions, looks_like_listing_page, page_lines
from sosmed.ingest.parsed import ParsedArticle, PhotoRef
from sosmed.ingest.plaintext import parse_plain
from sosmed.text.dates import offset_for

_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)\s*$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LINES_ABOVE_TITLE = 3
_TITLE_REACH = 20
_ANCHOR_WORDS = 8
_LINES_WITHOUT_TITLE = 8
_LINES_AFTER_BODY = 8
_MATCH_CHARS = 80


def parse_page(html: str | bytes, url: str | None = None) -> ParsedArticle:
    text = decode_page(html)
    check_text(text)
    tree = _load(text)
    if looks_like_listing_page(tree, url):
        raise NotAnArticle(LISTING_MESSAGE)
    doc = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_images=True, include_comments=False
    )
    body, images = _body_and_images(getattr(doc, "text", None) or "")
    if not body:
        raise NotAnArticle("no article text found in the HTML page")
    title = _clean_title(getattr(doc, "title", None))
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    titles = [t for t in (title, *headings) if t]
    copied = _copied_text(page_lines(tree), body, titles)
    parsed = parse_plain("\n".join(copied))
    return _merge(parsed, doc, tree, images, url, title)


def _load(text: str) -> lxml_html.HtmlElement:
    # The text is already decoded: an XML declaration naming an encoding would make lxml refuse it.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise NotAnArticle("the input is not a readable HTML page") from exc
    return tree


def _body_and_images(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    body: list[str] = []
    images: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        m = _IMAGE_LINE.match(line)
        if m:
            images.append((m["src"], m["alt"]))
        elif line:
            body.append(line)
    return body, images


def _clean_title(title: str | None) -> str | None:
    """The page title without the site name that many sites append."""
    if not title:
        return None
    parts = re.split(r"\s+[|–—-]\s+", title.strip())
    return max(parts, key=len) if len(parts) > 1 else title.strip()


def _copied_text(lines: list[str], body: list[str], titles: list[str]) -> list[str]:
    """The page's lines around the story: above the headline, the story, what follows it.

    The story is anchored on its first line of running text, so that whatever the page prints
    between the headline and that line (date line, credits, caption) is read too."""
    first = next((i for i, b in enumerate(body) if len(b.split()) >= _ANCHOR_WORDS), 0)
    start = _find(lines, body[first], 0, len(lines))
    if start is None:
        return [*titles[:1], *body]
    top = _title_index(lines, titles, start)
    above = lines[max(0, top - _LINES_ABOVE_TITLE) : start] if top is not None else []
    if top is None:
        above = lines[max(0, start - _LINES_WITHOUT_TITLE) : start]
    end = _find(lines, body[-1], start, len(lines))
    after = lines[end + 1 : end + 1 + _LINES_AFTER_BODY] if end is not None else []
    return [*above, *body[first:], *after]


def _find(lines: list[str], text: str, lo: int, hi: int) -> int | None:
    key = _key(text)
    for i in range(lo, hi):
        if _key(lines[i]) == key:
            return i
    return None


def _key(text: str) -> str:
    return " ".join(text.split())[:_MATCH_CHARS].casefold()


def _title_index(lines: list[str], titles: list[str], start: int) -> int | None:
    keys = {_key(t) for t in titles}
    for i in range(start - 1, max(-1, start - _TITLE_REACH), -1):
        if _key(lines[i]) in keys:
            return i
    return None


def _merge(
    parsed: ParsedArticle,
    doc: object,
    tree: lxml_html.HtmlElement,
    images: list[tuple[str, str]],
    url: str | None,
    title: str | None,
) -> ParsedArticle:
    canonical = getattr(doc, "url", None) or url
    merged = replace(
        parsed,
        title=parsed.title or title,
        canonical_url=canonical,
        photos=_photos(parsed, tree, images, canonical or url, getattr(doc, "image", None)),
    )
    return _meta_date(merged, tree, getattr(doc, "date", None)) or merged


def _photos(
    parsed: ParsedArticle,
    tree: lxml_html.HtmlElement,
    images: list[tuple[str, str]],
    base: str | None,
    og_image: str | None,
) -> list[PhotoRef]:
    """Each story image with its caption: figcaption, else the text's "Teks foto", else alt."""
    text_captions = [p.caption for p in parsed.photos if p.caption]
    figcaptions = image_captions(tree)
    if not images and og_image:
        images = [(og_image, "")]
    photos: list[PhotoRef] = []
    for i, (src, alt) in enumerate(images):
        caption = figcaptions.get(src)
        if caption is None and i < len(text_captions):
            caption = text_captions[i]
        photos.append(PhotoRef(url=_absolute(src, base), caption=caption or _alt(alt)))
    return photos or list(parsed.photos)


def _absolute(src: str, base: str | None) -> str:
    return urljoin(base, src) if base else src


def _alt(alt: str) -> str | None:
    words = alt.split()
    looks_like_file = bool(re.search(r"\.(?:jpe?g|png|gif|webp)$", alt, re.IGNORECASE))
    return alt.strip() if len(words) >= 3 and not looks_like_file else None


def _meta_date(
    parsed: ParsedArticle, tree: lxml_html.HtmlElement, day: str | None
) -> ParsedArticle | None:
    """The publication time from the page's meta tags, or trafilatura's date, where the page's
    own lines gave no date, only the event's, or the day without its time."""
    stamp = _meta_published(tree)
    if stamp is not None and _meta_adds(parsed, stamp):
        return replace(parsed, published_at=stamp, has_time=True, zone=None, date_source="header")
    if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and parsed.published_at is None:
        value = datetime.fromisoformat(day).replace(tzinfo=offset_for(None))
        return replace(parsed, published_at=value, has_time=False, zone=None, date_source="header")
    return None


def _meta_adds(parsed: ParsedArticle, stamp: datetime) -> bool:
    if parsed.published_at is None or parsed.date_source == "body":
        return True
    same_day = stamp.astimezone(parsed.published_at.tzinfo).date() == parsed.published_at.date()
    return not parsed.has_time and same_day


def _meta_published(tree: lxml_html.HtmlElement) -> datetime | None:
    for content in tree.xpath(
        "//meta[@property='article:published_time' or @itemprop='datePublished'"
        " or @name='pubdate' or @name='publishdate']/@content"
        " | //time[@itemprop='datePublished']/@datetime"
    ):
        value = _iso(str(content))
        if value is not None:
            return value
    return None


def _iso(text: str) -> datetime | None:
    if "T" not in text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=offset_for(None))
    if value.utcoffset() == timedelta(0):
        return value.astimezone(offset_for(None))  # stamped in UTC by the CMS: show office time
    return value
