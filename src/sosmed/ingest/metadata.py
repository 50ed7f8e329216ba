"""What an HTML page says about itself, source by source: JSON-LD, OpenGraph, meta names, the
article's own ``<time>``, its figure caption, and the date in its address.

Each reader is a pure function over a parsed page and returns a :class:`Found` (empty when the
source says nothing). The readers never guess: a ``<time>`` in a sidebar or a related-posts list
belongs to another story and is passed over, and two article times that disagree give none.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from sosmed.ingest.credits import split_caption
from sosmed.text.dates import offset_for
from sosmed.timefmt import ZONES

_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle"}
)
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})(?:/(?P<d>\d{1,2}))?(?:/|$)")
_META_DATES = ("pubdate", "publishdate", "date", "dc.date.issued", "dcterms.issued")
# Class or id words of the parts of a page that hold other stories or no story at all.
_CHROME_WORD = re.compile(
    r"sidebar|widget|related|terkait|terkini|terbaru|populer|popular|recent|lainnya|"
    r"baca-?juga|footer|comment|komentar|yarpp|trending|^menu|^nav",
    re.IGNORECASE,
)
_CHROME_HEADING = re.compile(
    r"^\s*(?:(?:berita|artikel|postingan|tulisan|info)\s+)?"
    r"(?:terkait|terkini|terbaru|lainnya|populer|pilihan|sebelumnya|selanjutnya)\b"
    r"|^\s*(?:baca\s+juga|related|recent|popular|arsip|kategori)\b",
    re.IGNORECASE,
)
_CHROME_TAGS = frozenset({"aside", "nav"})
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_TITLE_BOX = re.compile(r"head|title|judul", re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    """A date one source gives: aware, with or without the time of day, or only the month."""

    value: datetime
    has_time: bool
    month_only: bool = False
    # "WIB" / "WITA" / "WIT" when the stamp carried its offset: its instant holds in any office.
    zone: str | None = None


@dataclass(frozen=True)
class Found:
    """What one source says about the page; None where it says nothing."""

    source: str
    title: str | None = None
    date: Stamp | None = None
    author: str | None = None
    image: str | None = None
    caption: str | None = None

    def __bool__(self) -> bool:
        return any((self.title, self.date, self.author, self.image, self.caption))


def read_all(tree: lxml_html.HtmlElement, url: str | None) -> list[Found]:
    """Every source's findings, most trusted first."""
    return [
        read_jsonld(tree),
        read_opengraph(tree),
        read_headline(tree),
        read_meta_names(tree),
        read_time(tree),
        read_figure(tree),
        read_url(url),
    ]


def read_headline(tree: lxml_html.HtmlElement) -> Found:
    """The page's first ``<h1>`` that is not the site's name linking home."""
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        links = " ".join(" ".join(a.text_content() for a in h1.iter("a")).split())
        if text and links != text and not in_chrome(h1):
            return Found("h1", title=text)
    return Found("h1")


def read_jsonld(tree: lxml_html.HtmlElement) -> Found:
    """The first NewsArticle / Article / BlogPosting of the page's JSON-LD (also in ``@graph``)."""
    nodes = list(_ld_nodes(tree))
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    for node in nodes:
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if _ARTICLE_TYPES.intersection(t for t in types if isinstance(t, str)):
            return Found(
                "JSON-LD",
                title=_text(node.get("headline") or node.get("name")),
                date=parse_stamp(_text(node.get("datePublished"))),
                author=_name(node.get("author"), by_id),
                image=_image(node.get("image"), by_id),
            )
    return Found("JSON-LD")


def _ld_nodes(tree: lxml_html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue  # a broken block is common (a CMS plugin's typo); the others still count
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph", []))


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _name(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v, by_id) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        ref = by_id.get(value.get("@id", "")) if "name" not in value else None
        return _text((ref or value).get("name"))
    return _text(value)


def _image(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    if isinstance(value, list):
        return _image(value[0], by_id) if value else None
    if isinstance(value, dict):
        ref = by_id.get(value.get("@id", "")) if "url" not in value else None
        node = ref or value
        return _text(node.get("url") or node.get("contentUrl"))
    return _text(value)


def read_opengraph(tree: lxml_html.HtmlElement) -> Found:
    props = _metas(tree, "property")
    return Found(
        "OpenGraph",
        title=strip_site_name(props.get("og:title"), props.get("og:site_name")),
        date=parse_stamp(props.get("article:published_time")),
        image=props.get("og:image"),
        caption=props.get("og:image:alt"),
    )


def read_meta_names(tree: lxml_html.HtmlElement) -> Found:
    names = _metas(tree, "name")
    dates = (parse_stamp(names.get(n)) for n in _META_DATES)
    return Found("meta", date=next((d for d in dates if d), None), author=names.get("author"))


def _metas(tree: lxml_html.HtmlElement, attr: str) -> dict[str, str]:
    """``<meta attr=… content=…>`` by lower-cased name; the first of each name counts."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get(attr) or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value:
            found.setdefault(key, value)
    return found


def read_time(tree: lxml_html.HtmlElement) -> Found:
    """The article's own ``<time datetime>``: near its headline, never in a sidebar."""
    times = [
        t for t in tree.iter("time") if t.get("datetime") and not _modified(t) and not in_chrome(t)
    ]
    marked = [t for t in times if t.get("itemprop") == "datePublished" or _published_class(t)]
    scope = _article_scope(tree)
    near = [t for t in times if scope is not None and _inside(t, scope)]
    for group in (marked, near, times):
        stamps = {s for s in (parse_stamp(t.get("datetime")) for t in group) if s}
        if len({s.value.date() for s in stamps}) == 1:
            return Found("time", date=max(stamps, key=lambda s: s.has_time))
        if stamps:
            return Found("time")  # the article's times disagree: no date rather than a guess
    return Found("time")


def _modified(el: lxml_html.HtmlElement) -> bool:
    """The day the post was last edited, which is not the day it was published."""
    words = (el.get("class") or "").lower()
    return el.get("itemprop") == "dateModified" or "updated" in words or "modified" in words


def _published_class(el: lxml_html.HtmlElement) -> bool:
    words = (el.get("class") or "").lower()
    return "published" in words or "entry-date" in words


def _article_scope(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The element that holds the headline and its story: the headline's ``<article>``, else
    the headline's grandparent."""
    h1 = next((h for h in tree.iter("h1") if not in_chrome(h)), None)
    if h1 is None:
        return None
    for parent in h1.iterancestors():
        if parent.tag == "article":
            return parent
    up = h1.getparent()
    return up.getparent() if up is not None and up.getparent() is not None else up


def _inside(el: lxml_html.HtmlElement, scope: lxml_html.HtmlElement) -> bool:
    return any(a is scope for a in el.iterancestors())


def in_chrome(el: lxml_html.HtmlElement) -> bool:
    """Inside a sidebar, menu, footer, comment or related-stories block."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if is_chrome(node):
            return True
    return False


def is_chrome(node: lxml_html.HtmlElement) -> bool:
    """A sidebar, menu, page footer, comment or related-stories block itself."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag == "footer":  # an article's own footer may carry its credits
        return not any(a.tag == "article" for a in node.iterancestors())
    return tag in _CHROME_TAGS or _chrome_words(node) or _chrome_heading(node)


def without_chrome(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """A copy of the page with its furniture taken out, so that no other story's date or
    headline reaches the text rules."""
    page = copy.deepcopy(tree)
    body = page.find("body")
    for node in list(body.iter() if body is not None else ()):
        if node is not body and isinstance(node.tag, str) and is_chrome(node):
            node.drop_tree()  # keeps the text that follows it
    return page


def _chrome_words(node: lxml_html.HtmlElement) -> bool:
    words = _words(node).split()
    # "has-sidebar" on a page wrapper says the page has one, not that this is it.
    return any(_CHROME_WORD.search(w) for w in words if not w.startswith(("has-", "with-")))


def _chrome_heading(node: lxml_html.HtmlElement) -> bool:
    """A block whose own heading says it holds other stories ("Berita Terkini"), also when the
    heading sits in a title box (``<div class="panel-heading"><h4>``)."""
    first = _first_child(node)
    if first is not None and first.tag not in _HEADINGS and _TITLE_BOX.search(_words(first)):
        first = _first_child(first)
    if first is None or first.tag not in _HEADINGS:
        return False
    return bool(_CHROME_HEADING.match(first.text_content() or ""))


def _first_child(node: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    return next((c for c in node if isinstance(c.tag, str)), None)


def _words(node: lxml_html.HtmlElement) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def read_figure(tree: lxml_html.HtmlElement) -> Found:
    """The photo caption of the article's first figure, without its "Teks foto:" label."""
    for fig in tree.iter("figure"):
        if in_chrome(fig):
            continue
        text = " ".join(" ".join(fig.xpath(".//figcaption//text()")).split())
        if text:
            labelled = split_caption(text)
            caption = labelled[1] if labelled and labelled[1] else text
            return Found("figcaption", caption=caption, image=_first(fig.xpath(".//img/@src")))
    return Found("figcaption")


def _first(values: list[Any]) -> str | None:
    return str(values[0]) if values else None


def read_url(url: str | None) -> Found:
    """``/2018/06/13/`` gives the day, ``/2018/06/`` the month, in the office's zone."""
    m = _URL_DATE.search(urlsplit(url).path) if url else None
    if m is None:
        return Found("URL")
    try:
        day = datetime(int(m["y"]), int(m["m"]), int(m["d"] or 1), tzinfo=offset_for(None))
    except ValueError:
        return Found("URL")  # /2018/13/ is a number in an address, not a date
    return Found("URL", date=Stamp(day, has_time=False, month_only=m["d"] is None))


def parse_stamp(text: str | None) -> Stamp | None:
    """An ISO 8601 date or date-time; a CMS's UTC stamp is shown in the office's zone."""
    if not text:
        return None
    raw = text.strip().replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    has_time = len(raw) > 10
    if value.tzinfo is None:
        return Stamp(value.replace(tzinfo=offset_for(None)), has_time)
    if value.utcoffset() == timedelta(0):
        value = value.astimezone(offset_for(None))  # stamped in UTC by the CMS
    return Stamp(value, has_time, zone=zone_of(value))


def zone_of(value: datetime) -> str | None:
    offset = value.utcoffset()
    return next((name for name, off in ZONES.items() if off == offset), None)


def strip_site_name(title: str | None, site: str | None) -> str | None:
    """ "Judul - Pemkab X" without the " - Pemkab X" the site adds to every page."""
    if not title or not site:
        return title
    for sep in (" - ", " | ", " – ", " — ", " :: "):
        if title.endswith(sep + site):
            return title[: -len(sep + site)].strip()
    return title
