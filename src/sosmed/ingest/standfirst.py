"""What stands between a page's headline and its story: a standfirst sentence, a photo's
caption, the date line, the headline printed again. The story starts at its newsroom's
dateline ("BENGKALIS, HUMAS -", "KUDUS -", "HALLONEWS.COM -"), and the sentences above it
are not story text."""

from __future__ import annotations

from sosmed.ingest.credits import describes_picture, shows_someone, without_photo_credit
from sosmed.ingest.dateline import opens_another_story, read_dateline
from sosmed.ingest.lines import Kind, Line
from sosmed.text.sentences import split_sentences

# Lines between a standfirst and the story's dateline (a date line, the headline again, a
# caption).
_DATELINE_REACH = 5
# A headline capitalises nearly every word (or most of a few); a standfirst or a caption is
# written like a sentence.
_HEADLINE_CAPITALS = 0.75
_SHORT_HEADLINE_CAPITALS = 0.6
_SHORT_HEADLINE_WORDS = 12


def caption_or_standfirst(text: str) -> bool:
    """One sentence that is a photo's caption or a standfirst, not a headline."""
    if shows_someone(text) or describes_picture(text):
        return True
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words:
        return False
    share = sum(1 for w in words if w[0].isupper()) / len(words)
    if len(words) <= _SHORT_HEADLINE_WORDS:
        return share < _SHORT_HEADLINE_CAPITALS
    return share < _HEADLINE_CAPITALS


def newsroom_dateline(paragraph: str) -> bool:
    """A dateline as a newsroom prints it: a desk named, or the place in capitals."""
    return opens_another_story(paragraph) or capitals_dateline(paragraph)


def capitals_dateline(paragraph: str) -> bool:
    """A plain dateline printed in capitals ("KUDUS – ...", "HALLONEWS.COM — ...")."""
    found = read_dateline(paragraph, strict=True)
    return found is not None and paragraph[: len(paragraph) - len(found.rest)].isupper()


def newsroom_dateline_ahead(lines: list[Line], i: int) -> bool:
    """A standfirst sentence, then the page's date line, the headline again or a caption, and
    the story's newsroom dateline a few lines down: the story starts there."""
    sentences = 0
    for line in lines[i + 1 : i + 1 + _DATELINE_REACH]:
        if line.kind is not Kind.PROSE:
            continue
        if newsroom_dateline(line.text):
            return True
        if sentences or len(split_sentences(without_photo_credit(line.text))) > 1:
            return False
        sentences += 1
    return False
