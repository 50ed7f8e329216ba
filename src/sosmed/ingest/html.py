"""An HTML page read into a ParsedArticle.

trafilatura finds the story's paragraphs. It drops what these pages print around the story (the
date line, the credits, the "Teks foto" caption), so the page is also rendered as a person would
copy it, and the lines from just above the headline down to the first paragraph are read with the
same rules as a copied page. The page's own metadata (JSON-LD, OpenGraph, meta names, the
article's ``<time>``, its figure caption, the date in its address) is weighed against what those
rules found, field by field (evidence.py), and each field records where it came from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import trafilatura
from lxml import html as lxml_html

from sosmed.errors import NotAnArticle
from sosmed.i18n import _
from sosmed.ingest.cards import listing_reason
from sosmed.ingest.credits import split_caption
from sosmed.ingest.evidence import Vote, choose_date, choose_title
from sosmed.ingest.extract import Reading
from sosmed.ingest.guards import check_text, decode_page
from sosmed.ingest.metadata import Found, read_all, without_chrome
from sosmed.ingest.page import image_captions, page_lines
from sosmed.ingest.parsed import FieldSource, ParsedArticle, PhotoRef
from sosmed.ingest.plaintext import parse_plain
from sosmed.ingest.profiles import find, override, prepare
from sosmed.ingest.sitename import without_site_name
from sosmed.ingest.slim import FALLBACK_ELEMENTS, refuse_too_much_markup, slim

if TYPE_CHECKING:
    from sosmed.settings import SiteProfile

_IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)\s*$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LINES_ABOVE_TITLE = 3
_TITLE_REACH = 20
_ANCHOR_WORDS = 8
_LINES_WITHOUT_TITLE = 8
_LINES_AFTER_BODY = 8
_MATCH_CHARS = 80
# Who a CMS names as author when no person is: an account, not a reporter.
_NOT_A_PERSON = re.compile(
    r"\b(?:admin|humas|redaksi|(?:dis)?kominfo|operator|webmaster|pemkab|pemerintah|dinas|"
    r"bagian|sekretariat|protokol|kontributor|tim\b|staff?\b|user\d*)",
    re.IGNORECASE,
)
_TEXT_FIELDS = ("place", "editor", "reporter", "photographer", "lead")


def parse_page(html: str | bytes, url: str | None = None) -> ParsedArticle:
    return read_page(html, url).article


def read_page(
    html: str | bytes, url: str | None = None, profile: SiteProfile | None = None
) -> Reading:
    text = decode_page(html)
    check_text(text)
    text = slim(text)
    elements = refuse_too_much_markup(text)
    tree = _load(text)
    reason = listing_reason(tree, url)
    if reason:
        raise NotAnArticle(reason)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_images=True,
        include_comments=False,
        fast=elements > FALLBACK_ELEMENTS,
    )
    body, images = _body_and_images(getattr(doc, "text", None) or "")
    if not body:
        raise NotAnArticle(_("tidak ada teks berita di halaman HTML ini"))
    title = _clean_title(getattr(doc, "title", None))
    headings = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    titles = [t for t in (title, *headings) if t]
    lines = page_lines(without_chrome(tree))
    copied = _without_captions(_copied_text(lines, body, titles), tree)
    if profile is not None:
        copied = prepare(profile, copied)
    canonical = getattr(doc, "url", None) or url
    parsed = without_site_name(parse_plain("\n".join(copied)), canonical)
    found = read_all(tree, canonical or url)
    article = _merge(parsed, tree, images, canonical, title, found)
    if profile is None:
        return Reading(article, parsed, found)
    finds = find(profile, copied)
    return Reading(override(article, finds), parsed, found, finds)


def _load(text: str) -> lxml_html.HtmlElement:
    # The text is already decoded: an XML declaration naming an encoding would make lxml refuse it.
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise NotAnArticle(_("masukannya bukan halaman HTML yang bisa dibaca")) from exc
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


def _without_captions(lines: list[str], tree: lxml_html.HtmlElement) -> list[str]:
    """The lines without the figures' unlabelled captions: the text rules would read one as the
    story's first paragraph (a "Teks foto:" caption they know, and keep)."""
    texts = (" ".join(" ".join(f.xpath(".//text()")).split()) for f in tree.iter("figcaption"))
    drop = {_key(t) for t in texts if t and split_caption(t) is None}
    return [line for line in lines if _key(line) not in drop] if drop else lines


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
    tree: lxml_html.HtmlElement,
    images: list[tuple[str, str]],
    canonical: str | None,
    page_title: str | None,
    found: list[Found],
) -> ParsedArticle:
    by = {f.source: f for f in found}
    sources = {k: FieldSource("body", True) for k in _TEXT_FIELDS if _has(parsed, k)}
    sources.update(parsed.sources)
    article = replace(parsed, canonical_url=canonical)
    html_title = by["JSON-LD"].title or _og_title(by["OpenGraph"].title, by["h1"].title)
    text_title = parsed.title or (None if html_title else page_title)
    chosen = choose_title(text_title, html_title, page_title)
    if chosen:
        article = replace(article, title=chosen[0])
        sources["title"] = chosen[1]
    article = _date(article, found, sources)
    article = _reporter(article, by, sources)
    image = by["JSON-LD"].image or by["OpenGraph"].image
    photos, caption = _photos(parsed, tree, images, canonical, image, by["OpenGraph"].caption)
    if caption:
        sources["caption"] = caption
    return replace(article, photos=photos, sources=sources)


def _og_title(og: str | None, h1: str | None) -> str | None:
    """og:title, or the printed headline when og:title is that headline plus the site's name."""
    if og and h1 and _key(og) != _key(h1) and _key(og).startswith(_key(h1)):
        return h1
    return og or h1


def _has(parsed: ParsedArticle, name: str) -> bool:
    if name in ("place", "lead"):
        return bool(getattr(parsed, name))
    return bool(getattr(parsed.credits, name))


def _date(
    article: ParsedArticle, found: list[Found], sources: dict[str, FieldSource]
) -> ParsedArticle:
    votes, body = date_votes(article, found)
    choice = choose_date(votes, body)
    if choice is None:
        sources.pop("published_at", None)
        return replace(article, published_at=None, has_time=False, zone=None, date_source=None)
    sources["published_at"] = choice.source
    return replace(
        article,
        published_at=choice.value,
        has_time=choice.has_time,
        zone=choice.zone,
        date_source="body" if choice.source.origin == "body" else "header",
    )


def date_votes(parsed: ParsedArticle, found: list[Found]) -> tuple[list[Vote], Vote | None]:
    """The dates the text rules and the page's metadata give, as votes."""
    votes: list[Vote] = []
    body = None
    if parsed.published_at is not None:
        text = Vote(parsed.date_source or "body", parsed.published_at, parsed.has_time, parsed.zone)
        if text.origin == "header":
            votes.append(text)
        else:
            body = text
    for f in found:
        if f.date is not None:
            origin = "url" if f.source == "URL" else "html"
            d = f.date
            votes.append(Vote(origin, d.value, d.has_time, d.zone, d.month_only))
    return votes, body


def _reporter(
    article: ParsedArticle, by: dict[str, Found], sources: dict[str, FieldSource]
) -> ParsedArticle:
    """The metadata's author as reporter, when the page names none and the author is a person
    rather than the CMS account that typed the post in."""
    author = by["JSON-LD"].author or by["meta"].author
    if article.credits.reporter or not author or _NOT_A_PERSON.search(author):
        return article
    sources["reporter"] = FieldSource("html", False)
    return replace(article, credits=replace(article.credits, reporter=author))


def _photos(
    parsed: ParsedArticle,
    tree: lxml_html.HtmlElement,
    images: list[tuple[str, str]],
    base: str | None,
    meta_image: str | None,
    meta_alt: str | None,
) -> tuple[list[PhotoRef], FieldSource | None]:
    """Each story image with its caption: figcaption, else the text's "Teks foto", else the
    metadata's image description, else alt; and where the first caption came from."""
    text_captions = [p.caption for p in parsed.photos if p.caption]
    figcaptions = image_captions(tree)
    if not images and meta_image:
        images = [(meta_image, meta_alt or "")]
    photos: list[PhotoRef] = []
    origins: list[FieldSource | None] = []
    for i, (src, alt) in enumerate(images):
        caption, origin = figcaptions.get(src), FieldSource("html", True)
        if caption is None and i < len(text_captions):
            caption, origin = text_captions[i], FieldSource("body", True)
        if caption is None:
            caption, origin = _alt(alt), FieldSource("html", False)
        photos.append(PhotoRef(url=_absolute(src, base), caption=caption))
        origins.append(origin if caption else None)
    if not photos:
        return list(parsed.photos), FieldSource("body", True) if text_captions else None
    return photos, next((o for o in origins if o), None)


def _absolute(src: str, base: str | None) -> str:
    return urljoin(base, src) if base else src


def _alt(alt: str) -> str | None:
    words = alt.split()
    looks_like_file = bool(re.search(r"\.(?:jpe?g|png|gif|webp)$", alt, re.IGNORECASE))
    return alt.strip() if len(words) >= 3 and not looks_like_file else None
