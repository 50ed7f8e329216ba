"""Telling an archive or category page (several stories) from one article.

A single story has one beginning. An archive shows several: a second dateline further down, a
"read more" link per story, a headline-and-date pair per story, page numbers at the foot. A
block of headlines *before* a story (a sidebar) does not make a listing: the story after it is
still one article.
"""

from __future__ import annotations

import re

from sosmed.i18n import N_, _
from sosmed.ingest.dateline import Dateline, opens_another_story, read_dateline
from sosmed.ingest.lines import Kind, Line
from sosmed.ingest.repeats import printed_again, repeated_tag
from sosmed.ingest.teasers import cut_teasers
from sosmed.text.dates import WEEKDAY
from sosmed.text.sentences import word_set

LISTING_MESSAGE = N_(
    "halaman ini memuat beberapa berita (arsip atau kategori); berikan alamat satu berita saja"
)


def listing_message(seen: str) -> str:
    """The refusal, naming what was seen: "... (3 judul berita di halaman ini); ..."."""
    return _("halaman ini memuat beberapa berita ({seen}); berikan alamat satu berita saja").format(
        seen=seen
    )


_READ_MORE = re.compile(
    r"(?:^|\s)(?:baca\s+selengkapnya|selengkapnya|read\s+more|continue\s+reading|"
    r"lanjut(?:kan)?\s+membaca|baca\s+lebih\s+lanjut)\b\s*[»›>.…]*\s*$|\[(?:…|\.\.\.)\]\s*$",
    re.IGNORECASE,
)
_PAGINATION = re.compile(
    r"^(?:[«‹<]\s*)?(?:\d+\s+){2,}(?:…|\.\.\.)?\s*\d*\s*(?:[»›>]|next|berikutnya|selanjutnya)?\s*$"
    r"|^(?:halaman|page)\s+\d+\s+(?:dari|of)\s+\d+$"
    r"|^(?:older|newer)\s+(?:posts|entries)|^(?:muat|tampilkan)\s+lebih\s+banyak$",
    re.IGNORECASE,
)
_DATED_OPENER = re.compile(rf"^{WEEKDAY}\s*,?\s*\(?\s*\d{{1,2}}/\d{{1,2}}/\d{{2,4}}", re.I)
_MIN_HEADLINE_WORDS = 4
_TAIL = 80
_READ_MORE_CUES = ("selengkap", "read more", "continue", "membaca", "lebih lanjut", "[")
_TEASER_END = re.compile(r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])\s*$")
_META = frozenset({Kind.TIME, Kind.BULLET, Kind.CRUFT, Kind.CREDIT, Kind.CAPTION})
_ARCHIVE_HEADING = re.compile(
    r"^(?:(?:category|tag|author|monthly|daily|yearly)\s+archives?|archives?\s+(?:for|of)\b"
    r"|arsip(?:\s+(?:kategori|bulanan|harian|tahunan|berita|penulis|tag))?\b"
    r"|posts?\s+(?:from|in|tagged|by)\b|indeks\s+berita|index\s+berita|topik\s+pilihan"
    r"|kumpulan\s+berita|semua\s+berita|daftar\s+berita)",
    re.IGNORECASE,
)
_POST_STAMP = re.compile(
    r"^(?:diposting|dipost|diposkan|dipostkan|posted)\s+(?:oleh|by)\s+\S.{0,40}?\s+(?:di|at|pada)\s+"
    r"\d{1,2}[.:]\d{2}"
    r"|^(?:diposting|dipublikasikan|posted)\s+(?:pada|on)\s+.{6,30}?\s+(?:oleh|by)\s+\S",
    re.IGNORECASE,
)
_HEADING_REACH = 6
# Paragraphs a page may print between its headline and the story's dateline.
_HEADER_PARAGRAPHS = 2
_TOLD_PARAGRAPHS = 2
# Lines a story block may put between its headline and its text (date, author, category).
_BLOCK_GAP = 3
_MIN_STORY_HEADLINE_WORDS = 5
_MIN_STORY_WORDS = 15
_CAPITAL_SHARE = 0.75
# Words a capitalised headline still prints in lower case.
_LOWER_IN_HEADLINES = word_set(
    """
    untuk dengan pada dalam bagi oleh dari tentang sebagai antara atau serta hingga sampai
    menuju terhadap melalui kepada
    """
)
_MIN_CAPITALISED_LETTERS = 4
_PUNCTUATION = "\"'“”‘’()[],.:;!?-–—0123456789"


def looks_like_listing(lines: list[Line], body_start: int) -> bool:
    return listing_evidence(lines, body_start) is not None


def listing_evidence(
    lines: list[Line], body_start: int, whole: list[Line] | None = None
) -> str | None:
    """What shows that the page holds several stories, in a person's words; None for one story.

    ``lines`` ends where the first story's tail begins (comments, related items); ``whole`` is
    the page before that cut, where a blog archive's later posts are."""
    posts = _post_stamps(whole if whole is not None else lines)
    if posts >= 2:
        return _("{n} tanda “diposting oleh” pada berita yang berbeda di halaman ini").format(
            n=posts
        )
    body = lines[body_start:]
    blocks = _unit_count(lines, _story_block_starts(lines))
    heading = _archive_heading(lines[: max(_HEADING_REACH, body_start + 1)])
    if heading is not None:
        headlines = max(blocks, _headline_count(lines))
        if headlines >= 2:
            return _("judul arsip “{heading}” dan {n} judul berita").format(
                heading=heading, n=headlines
            )
    if blocks >= 2:
        return _("{n} judul berita, masing-masing dengan isinya, di halaman ini").format(n=blocks)
    cut = cut_teasers(lines, body_start)
    if cut >= 2:
        return _("{n} cuplikan berita terpotong di halaman ini").format(n=cut)
    if _second_story_opens(body):
        return _("pembuka berita kedua (nama tempat dan tanda pisah) di tengah halaman")
    # Links, dated headlines and teasers around one long story are its related items.
    end = _main_story_end(lines, body_start)
    if _is_long_story(lines[body_start:end]):
        lines = lines[body_start:end]
    links = _read_more_links(lines)
    if links >= 2:
        return _("{n} tautan “selengkapnya” di halaman ini").format(n=links)
    dated = _headline_date_blocks(lines)
    if dated >= 2:
        return _("{n} judul berita bertanggal di halaman ini").format(n=dated)
    teasers = _teasers(lines)
    if teasers >= 2:
        return _("{n} cuplikan berita terpotong di halaman ini").format(n=teasers)
    if _has_pagination(lines) and _has_story_markers(lines):
        return _("nomor halaman arsip dan beberapa tanggal berita")
    return None


def _post_stamps(lines: list[Line]) -> int:
    """Blog posts' own bylines ("Diposting oleh Admin di 20.13", "Posted on 3 May 2022 by
    admin"), counted once per story: a copy that prints one article's byline twice has no
    story text between the two."""
    count, text_since = 0, True
    for line in lines:
        if _POST_STAMP.match(line.text) and len(line.text) <= _TAIL:
            count += text_since
            text_since = False
        elif line.kind is Kind.PROSE and len(line.text.split()) >= _MIN_STORY_WORDS:
            text_since = True
    return count


def _main_story_end(lines: list[Line], start: int) -> int:
    """Where the first story's unbroken run of text ends: at a date line, or a headline that
    is not a subheading (one that leads straight into more full text)."""
    for i in range(start + 1, len(lines)):
        if lines[i].kind is Kind.DATE:
            return i
        if _is_headline(lines[i]) and not (i + 1 < len(lines) and _full_text(lines[i + 1])):
            return i
    return len(lines)


def _full_text(line: Line) -> bool:
    tail = line.text[-_TAIL:]
    return (
        line.kind is Kind.PROSE
        and len(line.text.split()) >= _MIN_STORY_WORDS
        and not (_READ_MORE.search(tail) or _TEASER_END.search(tail))
    )


def cut_short(text: str) -> bool:
    """A teaser: text that ends in a "read more" link or an ellipsis."""
    tail = text[-_TAIL:]
    return bool(_READ_MORE.search(tail) or _TEASER_END.search(tail))


def _is_long_story(run: list[Line]) -> bool:
    """A story told rather than teased: more than one paragraph, two paragraphs' worth of
    words, and none cut short with a "read more" or an ellipsis (as every teaser is)."""
    prose = [ln.text for ln in run if ln.kind is Kind.PROSE]
    if any(_READ_MORE.search(t[-_TAIL:]) or _TEASER_END.search(t[-_TAIL:]) for t in prose):
        return False
    words = sum(len(t.split()) for t in prose)
    return len(prose) >= _TOLD_PARAGRAPHS and words >= _TOLD_PARAGRAPHS * _MIN_STORY_WORDS


def _archive_heading(lines: list[Line]) -> str | None:
    """An archive's heading, printed above the first story (after the site's menus)."""
    for line in lines:
        if line.kind is not Kind.PROSE and _ARCHIVE_HEADING.match(line.text):
            return line.text
    return None


def _headline_count(lines: list[Line]) -> int:
    return len({ln.text for ln in lines if _is_story_headline(ln)})


def _unit_count(lines: list[Line], starts: list[int]) -> int:
    """How many stories the headline-and-text units make. Under an article told in several
    paragraphs, units of a single paragraph each are its related items (teasers), not more
    stories; an archive's first unit is as short as the rest, or its later ones run long."""
    if len(starts) < 2:
        return len(starts)
    bounds = [*starts[1:], len(lines)]
    sizes = [_paragraph_count(lines[i + 1 : end]) for i, end in zip(starts, bounds, strict=True)]
    if sizes[0] >= 2 and all(n == 1 for n in sizes[1:]):
        return 1
    if sizes[0] == 1 and _header_before_story(lines, starts):
        return len(starts) - 1
    return len(starts)


def _header_before_story(lines: list[Line], starts: list[int]) -> bool:
    """The first unit is the page's headline with one paragraph under it (a photo caption, a
    standfirst) that opens no story, and the next unit's text opens with a dateline: the story
    starts there. An archive's stories open alike, all with a dateline or none."""
    first, second = (_first_paragraph(lines, i) for i in starts[:2])
    return first is not None and second is not None and _header_paragraph(first, second)


def _header_paragraph(first: str, second: str) -> bool:
    return not _opens_story(first) and _opens_story(second)


def _header_paragraphs(paragraphs: list[str]) -> int:
    """How many paragraphs stand before the first one that opens with a dateline, when they are
    few enough to be a standfirst and a caption (0 otherwise)."""
    for i, text in enumerate(paragraphs[: _HEADER_PARAGRAPHS + 1]):
        if _opens_story(text):
            return i
    return 0


def _first_paragraph(lines: list[Line], start: int) -> str | None:
    return next((ln.text for ln in lines[start + 1 :] if ln.kind is Kind.PROSE), None)


def _paragraph_count(run: list[Line]) -> int:
    return sum(1 for ln in run if ln.kind is Kind.PROSE)


def _story_blocks(lines: list[Line]) -> int:
    return len(_story_block_starts(lines))


def _story_block_starts(lines: list[Line]) -> list[int]:
    """Headlines, each followed (past at most a date, author or category line) by its own run
    of story text. One article has one. A subheading inside a story follows running text and
    leads straight into more of it; a new story's headline follows the end of the last one
    (a source line, a sign-off), carries its own date or category, or its text opens with a
    dateline."""
    seen: set[str] = set()
    starts: list[int] = []
    for i, line in enumerate(lines):
        if line.text in seen or not _is_story_headline(line):
            continue
        opened = _block_text(lines, i)
        if opened is None:
            continue
        gap, text = opened
        follows_text = i > 0 and lines[i - 1].kind is Kind.PROSE
        if not seen or gap or not follows_text or _opens_story(text) or _capitals(text):
            seen.add(line.text)
            starts.append(i)
    return starts


def _block_text(lines: list[Line], i: int) -> tuple[bool, str] | None:
    """(whether meta lines stand between, the text) of the running text under headline ``i``."""
    for j in range(i + 1, min(len(lines), i + 2 + _BLOCK_GAP)):
        nxt = lines[j]
        if nxt.kind is Kind.PROSE:
            # A teaser cut short is a related item's, counted (with its own rule) as such.
            return (j > i + 1, nxt.text) if _full_text(nxt) else None
        if nxt.kind not in _META and nxt.kind is not Kind.DATE:
            return None
    return None


def _is_story_headline(line: Line) -> bool:
    """A headline as a news page prints one: five words or more, nearly all capitalised."""
    if line.kind is not Kind.SHORT or line.text.endswith((":", "?", "!")):
        return False
    words = line.text.split()
    if len(words) < _MIN_STORY_HEADLINE_WORDS:
        return False
    long_words = [
        w
        for w in words
        if len(w.strip(_PUNCTUATION)) >= _MIN_CAPITALISED_LETTERS
        and w.lower() not in _LOWER_IN_HEADLINES
    ]
    if not long_words:
        return False
    capital = sum(1 for w in long_words if w.lstrip("“\"'(")[:1].isupper())
    return capital / len(long_words) >= _CAPITAL_SHARE


def is_headline_list(lines: list[Line]) -> bool:
    """Many headlines or dates and no running text: a listing that shows no excerpts."""
    headlines = [ln for ln in lines if _is_headline(ln)]
    dates = [ln for ln in lines if ln.kind is Kind.DATE]
    return len(headlines) >= 3 or len(dates) >= 2


def _second_story_opens(body: list[Line]) -> bool:
    paragraphs = [ln.text for ln in body if ln.kind is Kind.PROSE]
    dated = sum(1 for p in paragraphs if _DATED_OPENER.match(p))
    if dated >= 3:
        return True
    if repeated_tag(paragraphs):
        return True
    # A paragraph or two before the page's first dateline are the headline's standfirst and
    # photo caption: the story starts at the dateline, and a second one must open after it.
    lead = _header_paragraphs(paragraphs)
    places = {found.place for found in map(_strict, paragraphs[lead : lead + 1]) if found}
    for i, text in enumerate(paragraphs[lead + 1 :], start=lead + 1):
        if printed_again(paragraphs[:i], text):
            continue  # the same story copied twice (a teaser, then the full text) is one story
        if opens_another_story(text):
            return True
        found = _strict(text)
        # "Rombongan Gubernur - Wakil Gubernur ..." reads like a dateline too; a story's own is
        # printed in capitals or repeats a place already used for one.
        if (
            found
            and any(_opens_story(p) for p in paragraphs[:i])
            and (found.place in places or (found.place or "").isupper() or _capitals(text))
        ):
            return True
    return False


def _strict(paragraph: str) -> Dateline | None:
    return read_dateline(paragraph, strict=True)


def _capitals(paragraph: str) -> bool:
    head = paragraph.split(" ", 1)[0].strip(",-–—")
    return len(head) >= 3 and head.isupper()


def _opens_story(paragraph: str) -> bool:
    return read_dateline(paragraph, strict=True) is not None or bool(_DATED_OPENER.match(paragraph))


def _read_more_links(lines: list[Line]) -> int:
    """Lines that end with a "read more" link (or an elided "[…]")."""
    count = 0
    for ln in lines:
        tail = ln.text[-_TAIL:]
        lowered = tail.lower()
        if any(cue in lowered for cue in _READ_MORE_CUES) and _READ_MORE.search(tail):
            count += 1
    return count


def _has_pagination(lines: list[Line]) -> bool:
    return any(len(ln.text) <= _TAIL and _PAGINATION.match(ln.text) for ln in lines)


def _headline_date_blocks(lines: list[Line]) -> int:
    """Headline, date line, running text: one story each (related teasers under a story told
    in several paragraphs are not counted)."""
    if sum(1 for ln in lines if ln.kind is Kind.DATE) < 2:
        return 0
    starts = [
        i
        for i, line in enumerate(lines)
        if _is_headline(line) and _dated_story_follows(lines, i + 1)
    ]
    return _unit_count(lines, starts)


def _dated_story_follows(lines: list[Line], start: int) -> bool:
    kinds = [ln.kind for ln in lines[start : start + 8] if ln.kind not in _META]
    return kinds[:2] == [Kind.DATE, Kind.PROSE]


def _teasers(lines: list[Line]) -> int:
    """Excerpts cut short with an ellipsis, each under its own headline."""
    return sum(
        1
        for i, line in enumerate(lines)
        if line.kind is Kind.PROSE
        and line.text.endswith(("...", "…", "]"))
        and _TEASER_END.search(line.text[-_TAIL:])
        and any(_is_headline(ln) for ln in lines[max(0, i - 2) : i])
    )


def _is_headline(line: Line) -> bool:
    text = line.text
    return (
        line.kind in (Kind.SHORT, Kind.BULLET)
        and len(text.split()) >= _MIN_HEADLINE_WORDS
        and not text.endswith(":")
    )


def _has_story_markers(lines: list[Line]) -> bool:
    dates = sum(1 for ln in lines if ln.kind is Kind.DATE)
    return dates >= 2 or _read_more_links(lines) >= 1
