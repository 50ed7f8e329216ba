"""A page as a person copies it from a browser, read into a ParsedArticle.

The copy has a head (section label, kicker, headline, date line, credits, caption: any of them,
in any order) and then the story, which starts at the first line of running text. Everything is
decided line by line: a line is kept as story text only when nothing else explains it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sosmed.errors import NotAnArticle
from sosmed.i18n import _
from sosmed.ingest.credits import (
    describes_picture,
    parse_credit_line,
    shows_someone,
    split_caption,
    split_credited_caption,
    without_photo_credit,
)
from sosmed.ingest.cruft import bullet_text, strip_sign_off
from sosmed.ingest.dateline import (
    Dateline,
    opens_another_story,
    read_dateline,
    read_opening,
    starts_with_dateline,
)
from sosmed.ingest.head import choose_title, date_lines_in_order
from sosmed.ingest.heading import chrome_over_headline, headline_over_dateline
from sosmed.ingest.lines import Kind, Line, classify, is_title_like, normalize
from sosmed.ingest.listing import (
    LISTING_MESSAGE,
    cut_short,
    is_headline_list,
    listing_evidence,
    listing_message,
)
from sosmed.ingest.parsed import Credits, FieldSource, ParsedArticle, PhotoRef
from sosmed.ingest.standfirst import (
    capitals_dateline,
    caption_or_standfirst,
    newsroom_dateline_ahead,
)
from sosmed.text.dates import FoundDate, parse_date_line, read_body_date, weekday_disagrees
from sosmed.text.sentences import split_sentences

_STORY_KINDS = frozenset({Kind.PROSE, Kind.SHORT, Kind.BULLET})
_MIN_BODY_WORDS = 12
_TIME_REACH = 2
_DATE_REACH = 2
_CAPTION_REACH = 3
_MAX_HEADLINE_WORDS = 20
_MIN_STORY_HEADLINE_WORDS = 5
# The event date is looked for where a story states it: its opening paragraphs.
_BODY_DATE_PARAGRAPHS = 2
# A date printed above the headline (weaker than one under it) is the story's only when the
# story's event falls on it or this many days before it.
_REPORTED_WITHIN_DAYS = 30


@dataclass
class _Extras:
    """What the non-story lines said: credits and captions."""

    names: dict[str, str] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)
    # False for a caption recognised by its shape alone, with no label to vouch for it.
    caption_labelled: list[bool] = field(default_factory=list)
    skip: set[int] = field(default_factory=set)


def parse_plain(text: str) -> ParsedArticle:
    lines = [Line(t, classify(t)) for t in normalize(text)]
    start = _body_start(lines)
    whole, lines = lines, _cut_tail(lines, start)
    _mark_picture_lines(lines, start)
    top, title_sure = choose_title(lines[:start])
    seen = listing_evidence(lines, start, whole)
    if seen is not None:
        raise NotAnArticle(listing_message(seen))
    lines = _cut_related(lines, start)
    extras = _read_extras(lines)
    paragraphs = _paragraphs(lines[start:], start, extras.skip)
    opening, place_origin, paragraphs = _take_dateline(lines, start, paragraphs)
    if sum(len(p.split()) for p in paragraphs) < _MIN_BODY_WORDS:
        raise NotAnArticle(_("tidak ada teks berita: halaman ini tidak memuat berita untuk dibaca"))
    found, source, sure = _published(lines, start, top, paragraphs, opening)
    title = lines[top].text if top is not None else None
    place = opening.place if opening else None
    lead = _lead(paragraphs)
    sources = {
        "title": FieldSource("header", sure=title_sure),
        "published_at": FieldSource(source or "body", sure=sure),
        "place": FieldSource(place_origin, sure=True),
        "lead": FieldSource("body", sure=True),
        **{role: FieldSource("header", sure=True) for role in extras.names},
    }
    if extras.captions:
        sources["caption"] = FieldSource("header", sure=extras.caption_labelled[0])
    values = {"title": title, "published_at": found, "place": place, "lead": lead}
    return ParsedArticle(
        title=title,
        published_at=found.value if found else None,
        has_time=bool(found and found.has_time),
        zone=found.zone if found else None,
        date_source=source,
        place=place,
        credits=Credits(**extras.names),
        paragraphs=paragraphs,
        lead=lead,
        photos=[PhotoRef(caption=c) for c in extras.captions],
        sources={k: v for k, v in sources.items() if values.get(k, True) is not None},
    )


def _mark_picture_lines(lines: list[Line], start: int) -> None:
    """Right under a headline, a sentence about who is doing what describes the photo."""
    for i in range(start):
        if lines[i].kind is not Kind.SHORT or shows_someone(lines[i].text):
            continue
        for j in range(i + 1, min(start, i + 1 + _CAPTION_REACH)):
            if lines[j].kind is Kind.SHORT and shows_someone(lines[j].text):
                lines[j] = Line(lines[j].text, Kind.CAPTION)


def _body_start(lines: list[Line]) -> int:
    """The first line of running text; a headline that ends in a full stop is passed over."""
    for i, line in enumerate(lines):
        if line.kind is not Kind.PROSE:
            continue
        if chrome_over_headline(lines, i):
            lines[i] = Line(line.text, Kind.CRUFT)  # a welcome ticker, the office's address
            continue
        if _over_the_dateline(lines, i):
            # Neither headline nor story: a caption when it reads like one, else left out.
            picture = shows_someone(line.text) or describes_picture(line.text)
            lines[i] = Line(line.text, Kind.CAPTION if picture else Kind.CRUFT)
            continue
        if not (_headline_over_date(lines, i) or headline_over_dateline(lines, i)):
            return i
        lines[i] = Line(line.text, Kind.SHORT)
    if is_headline_list(lines):
        raise NotAnArticle(_(LISTING_MESSAGE))
    raise NotAnArticle(_("tidak ada teks berita: halaman ini tidak memuat berita untuk dibaca"))


def _over_the_dateline(lines: list[Line], i: int) -> bool:
    """One sentence standing right above a paragraph that opens with a newsroom's dateline
    (``BENGKALIS, HUMAS -``): the story starts at the dateline, so the sentence is a caption
    or a standfirst."""
    text = lines[i].text
    if starts_with_dateline(text) or len(split_sentences(without_photo_credit(text))) > 1:
        return False
    if i + 1 < len(lines) and lines[i + 1].kind is Kind.PROSE:
        below = lines[i + 1].text
    elif (
        i + 2 < len(lines)
        and lines[i + 1].kind in (Kind.SHORT, Kind.CRUFT)
        and lines[i + 2].kind is Kind.PROSE
        and (shows_someone(text) or describes_picture(text))
    ):
        # A banner or a link line between a photo's caption and the story's dateline.
        below = lines[i + 2].text
    else:
        return caption_or_standfirst(text) and newsroom_dateline_ahead(lines, i)
    if opens_another_story(below):
        return True
    # A plain dateline in capitals ("KUDUS – ...") under one sentence: that sentence is the
    # photo's caption or the page's standfirst (a headline with a full stop is neither), and
    # the story starts at the dateline.
    return capitals_dateline(below) and caption_or_standfirst(text)


def _headline_over_date(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    if len(text.split()) > _MAX_HEADLINE_WORDS or len(split_sentences(text)) > 1:
        return False
    if i > 0 and _is_headline_line(lines[i - 1]):
        return False  # text right under a headline is its teaser, over the next story's date
    following = lines[i + 1 : i + 1 + _DATE_REACH]
    return any(ln.kind is Kind.DATE for ln in following) and not starts_with_dateline(text)


def _is_headline_line(line: Line) -> bool:
    return is_title_like(line) and len(line.text.split()) >= _MIN_STORY_HEADLINE_WORDS


def _cut_tail(lines: list[Line], start: int) -> list[Line]:
    for i in range(start, len(lines)):
        if lines[i].kind is Kind.TERMINATOR:
            return lines[:i]
    return lines


def _cut_related(lines: list[Line], start: int) -> list[Line]:
    """The article (a page already judged to hold one story) up to its related items or
    comments: after a story told in several paragraphs, another story's headline with its own
    date line or teaser under it, or a date line of its own (a story states its date at the
    top, a comment or a related item under its author or headline)."""
    told = 0
    for i in range(start, len(lines)):
        if told >= 2 and _next_story_head(lines, i):
            return lines[:i]
        if told >= 2 and _stamp_after_text(lines, i):
            # a comment's or a related item's date, under its author or headline
            return lines[: i if lines[i - 1].kind is Kind.PROSE else i - 1]
        told += lines[i].kind is Kind.PROSE
    return lines


def _stamp_after_text(lines: list[Line], i: int) -> bool:
    """A date line of its own (not an item of a list) once the story is under way."""
    return lines[i].kind is Kind.DATE and bullet_text(lines[i].text) is None


def _next_story_head(lines: list[Line], i: int) -> bool:
    """After running text, a headline with a date line or a teaser under it."""
    if i + 1 >= len(lines) or lines[i - 1].kind is not Kind.PROSE or not is_title_like(lines[i]):
        return False
    under = lines[i + 1]
    return under.kind is Kind.DATE or (under.kind is Kind.PROSE and cut_short(under.text))


def _read_extras(lines: list[Line]) -> _Extras:
    extras = _Extras()
    for i, line in enumerate(lines):
        if line.kind is Kind.CREDIT:
            _add_credits(extras, line.text)
        elif line.kind is Kind.CAPTION:
            _add_caption(extras, lines, i)
    return extras


def _add_credits(extras: _Extras, text: str) -> None:
    found = parse_credit_line(text)
    if found is None:
        return
    for role, name in found.names.items():
        extras.names.setdefault(role, name)
    if found.caption:
        extras.captions.append(found.caption)
        extras.caption_labelled.append(True)


def _add_caption(extras: _Extras, lines: list[Line], i: int) -> None:
    parts = split_caption(lines[i].text)
    if parts is None:
        _add_credited_caption(extras, lines[i].text)
        return
    before, caption = parts
    if before:
        _add_credits(extras, before)  # "Foto: Muzani Teks foto: ..." on one line
    if not caption and i + 1 < len(lines) and lines[i + 1].kind in _STORY_KINDS:
        caption = lines[i + 1].text  # the label alone, the caption under it
        extras.skip.add(i + 1)
    if caption:
        extras.captions.append(caption)
        extras.caption_labelled.append(True)


def _add_credited_caption(extras: _Extras, text: str) -> None:
    found = split_credited_caption(text)
    if found is None:
        extras.captions.append(text)  # a picture described without a label
        extras.caption_labelled.append(False)
        return
    caption, photographer = found
    extras.captions.append(caption)
    extras.caption_labelled.append(True)
    if photographer:
        extras.names.setdefault("photographer", photographer)


def _paragraphs(body: list[Line], offset: int, skip: set[int]) -> list[str]:
    last = max((i for i, line in enumerate(body) if _is_running(line)), default=-1)
    kept = [
        line.text
        for i, line in enumerate(body[: last + 1], start=offset)
        if line.kind in _STORY_KINDS and i not in skip
    ]
    return [p for p in (strip_sign_off(t) for t in kept) if p]


def _is_running(line: Line) -> bool:
    """Story text, or a last line cut off mid-sentence (a headline list after a story is not)."""
    if line.kind is Kind.PROSE:
        return True
    words = line.text.split()
    lower = sum(1 for w in words if w[0].islower())
    return line.kind is Kind.SHORT and len(words) > 3 and lower * 2 > len(words)


def _take_dateline(
    lines: list[Line], start: int, paragraphs: list[str]
) -> tuple[Dateline | None, str, list[str]]:
    """The story's dateline, where its place was read, and the paragraphs with the dateline
    taken off the first one."""
    if not paragraphs:
        return None, "body", paragraphs
    found = read_opening(paragraphs[0])
    if found is not None:
        return found, "body", [found.rest, *paragraphs[1:]]
    bare = _bare_dateline(lines[start - 1].text) if start > 0 else None
    return bare, "header", paragraphs


def _bare_dateline(text: str) -> Dateline | None:
    """A dateline printed on its own line above the story: ``BENGKALIS, HUMAS –``."""
    if not text.rstrip().endswith(("-", "–", "—")):
        return None
    return read_dateline(text.rstrip() + " x")


def _published(
    lines: list[Line],
    start: int,
    top: int | None,
    paragraphs: list[str],
    opening: Dateline | None,
) -> tuple[FoundDate | None, str | None, bool]:
    """The page's own date line by the headline first, then the date a bracketed dateline
    states, then the event date the story opens with; with whether it needs no checking."""
    opening_text = "\n".join(paragraphs[:_BODY_DATE_PARAGRAPHS])
    # A date whose printed weekday is another day's is a guess either way: none is better.
    body = None if weekday_disagrees(opening_text) else read_body_date(opening_text)
    for i in date_lines_in_order(lines, start, top):
        found = _date_with_time(lines, i)
        if found is None:
            continue
        above = top is None or i < top
        if above and body and not _published_after(found, body[0]):
            continue  # a date bar's "today", or a sidebar's date: not this story's
        return found, "header", True
    if opening is not None and opening.date:
        found = parse_date_line(opening.date)
        if found is not None:
            return found, "body", True
    # An event date is the day something happened, which a person should compare with the
    # day the story went out.
    return (body[0], "body", False) if body else (None, None, False)


def _published_after(page: FoundDate, event: FoundDate) -> bool:
    """A story goes out on the day of its event or within some weeks after it."""
    days = (page.value.date() - event.value.date()).days
    return -1 <= days <= _REPORTED_WITHIN_DAYS


def _date_with_time(lines: list[Line], i: int) -> FoundDate | None:
    text = _plain(lines[i].text)
    found = parse_date_line(text)
    if found is None or found.has_time:
        return found
    for j in range(max(0, i - _TIME_REACH), min(len(lines), i + _TIME_REACH + 1)):
        if lines[j].kind is Kind.TIME:
            return parse_date_line(f"{text} {_plain(lines[j].text)}")
    return found


def _plain(text: str) -> str:
    inner = bullet_text(text)
    return inner if inner is not None else text


def _lead(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs:
        sentences = split_sentences(paragraph)
        if sentences:
            return sentences[0]
    return None
