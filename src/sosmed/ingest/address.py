"""An archive's address: a day, month or year, a category, tag, label or author, an index.

The common content systems of government sites print these the same way: WordPress
(``/2021/05/``, ``/category/berita/``, ``?cat=1``, ``/page/2/``), Blogger (``/2017/07``,
``/search/label/Berita``), Joomla and hand-made portals (``/index.php/berita/kategori/3``,
``/indeks-berita``, ``/topik-pilihan``). A story's own address goes on past these with its slug or
number: ``/2019/10/walikota-tinjau-jalan/``, ``/archives/584/judul/``, ``/arsip-berita/1158-...``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sosmed.ingest.lines import Kind, Line, is_title_like

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTH = re.compile(r"^(?:0?[1-9]|1[0-2])$")
_DAY = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])$")
_PAGE_TAIL = re.compile(r"/(?:page|halaman|hal)/\d+$")
# A segment naming the kind of list, followed by at most the list's own name.
_LIST_KINDS = frozenset(
    ("category", "categories", "kategori", "tag", "tags", "label", "topik", "author", "penulis")
)
# A last segment that is itself an index of stories.
_INDEX_NAMES = re.compile(
    r"^(?:arsip|archives?|indeks|index|semua|kumpulan|daftar|topik)(?:[-_](?:berita|news|pilihan|"
    r"artikel|kategori))?$"
    # a section's front page: "/berita", "/berita-terkini", "/news"
    r"|^(?:berita|news|artikel|blog|posts?)(?:[-_](?:terkini|terbaru|utama|daerah|pilihan))?$"
    # search results: "/search?q=…", "/pencarian"
    r"|^(?:search|cari|pencarian)$"
)
_ARCHIVE_QUERY = re.compile(
    r"(?:^|&)(?:(?:page|halaman|paged)=\d+|(?:cat|tag|category_name|s)=\w)", re.IGNORECASE
)


def archive_address(url: str | None) -> str | None:
    """The path of an archive's address (as printed to a person), None for any other."""
    if not url:
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    if _ARCHIVE_QUERY.search(parts.query):
        return f"{path}?{parts.query}"  # the query is what names the archive ("/?cat=1")
    trimmed = _PAGE_TAIL.sub("", path.lower().rstrip("/"))
    segments = [s for s in trimmed.split("/") if s and s != "index.php"]
    if not segments:
        return path if _PAGE_TAIL.search(path.lower().rstrip("/")) else None
    if _is_date_archive(segments) or _INDEX_NAMES.match(segments[-1]):
        return path
    if segments[-1] in _LIST_KINDS or (len(segments) >= 2 and segments[-2] in _LIST_KINDS):
        return path
    return None


def _is_date_archive(segments: list[str]) -> bool:
    """``/2021/``, ``/2021/05/`` or ``/blog/2022/08/29/``: a year with its month (and day) and
    nothing after it. A year alone counts only as the whole path: ``/berita/baca/2019`` is a
    story's number."""
    if len(segments) == 1:
        return bool(_YEAR.match(segments[0]))
    for size in (2, 3):
        tail = segments[-size:]
        dated = len(tail) == size and _YEAR.match(tail[0]) and _MONTH.match(tail[1])
        if dated and (size == 2 or _DAY.match(tail[2])):
            return True
    return False


# Lines a story block may put between its headline and its text (date, author, category).
_BLOCK_GAP = 2
_MIN_HEADLINE_WORDS = 4
_HEADER_KINDS = frozenset({Kind.DATE, Kind.TIME, Kind.CREDIT, Kind.CRUFT, Kind.CAPTION})


def headed_texts(lines: list[Line]) -> int:
    """How many headlines have running text of their own under them (past at most a date or an
    author line): at an archive's address, two make a list of stories."""
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line.text in seen or not is_title_like(line):
            continue
        if len(line.text.split()) < _MIN_HEADLINE_WORDS:
            continue
        for nxt in lines[i + 1 : i + 2 + _BLOCK_GAP]:
            if nxt.kind is Kind.PROSE:
                seen.add(line.text)
                break
            if nxt.kind not in _HEADER_KINDS:
                break
    return len(seen)
