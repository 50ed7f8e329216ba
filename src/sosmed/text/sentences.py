"""Indonesian sentence splitting for news text.

A full stop in these articles ends a sentence far less often than it seems: honorifics and
degrees (``Drs. H. Abdul Rahman, M.Si``), place abbreviations (``Kec.``, ``Kab.``), initials
(``Budi S. Utomo``), numbers and times (``Rp 1.500.000``, ``pukul 09.30``) all carry one. The
rules below decide each candidate boundary from the token before it and the token after it, and
keep a closed quotation (with its attribution, ``“…,” ucapnya.``) in one piece, because for an
extractive summary a quotation cut in half is a misquote.

Text is not always nicely typed. Tokenised text sets every mark apart (``kata . " Saya … ,
" ujarnya .``), so a straight quote's side is read from its neighbours, not only from the
word it touches. And a quote mark can be lost or stray: a quotation is bounded (one line, a
few sentences) so that a single odd mark never swallows the sentences after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Literal


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: vocabularies stay readable in source."""
    return frozenset(text.split())


# Always followed by a name, a place or a number: a full stop after these never ends a sentence.
_PREFIXES = word_set(
    """
    h hj hm dr drs dra drg ir prof kh k.h ny nn tn sdr sdri bpk bp yth ust ustadz kab kec kel
    prov ds dsn jl jln gg kp komp perum lt rt rw no pj plt plh pt cv ud kop rp tgl telp tlp hp
    fax hlm ket lamp ref a.n an u.p s.d d.a u.b q.q jend letjen mayjen mayj brigjen kol
    kolonel letkol mayor kapt kapten lettu letda serma serka sertu serda kopda koptu kopka
    praka pratu prada inf arh kav czi pol komjen irjen brigjen kombes akbp kompol akp iptu
    ipda aiptu aipda bripka brigpol brigadir briptu bripda purn mr mrs ms vs kpt pk pkl
    """
)
# End a list; they end the sentence when a capitalised word follows.
_LIST_ENDERS = word_set(
    """
    dll dsb dst dkk tsb dll.nya etc
    """
)
# Degrees written after a name; a capital after them is usually the next part of the name.
_DEGREES = word_set(
    """
    se sh mh mm mt ma mp mpd spd ssos msi si sag mag sip st skm skom mkom ss sp shi sthi lc
    amd skep sfarm apt sked ners sag shum mhum sikom ssi mkes mba mpa map msc bsc phd sos pd
    kom kes tp stp
    """
)
_DEGREE_SHAPE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.){1,3}(?:[A-Za-z]{1,3}\.?)?$")
# Words that open a sentence: after an ambiguous token they tip the decision toward a boundary.
_STARTERS = word_set(
    """
    selain sementara kemudian selanjutnya dalam pada hal ia dia beliau menurut adapun namun
    acara kegiatan dengan untuk saat di ini itu turut hadir tampak sedangkan bahkan oleh dari
    tak tidak ke sebelumnya usai setelah melalui mereka kami kita sebagai seperti karena jadi
    maka lalu juga diketahui dikatakan disampaikan terkait berdasarkan sebanyak rapat kepada
    bersama sejak hingga agar supaya apalagi terlebih lebih the
    """
)

_CANDIDATE = re.compile(r"(?:\.{2,}|…|[.!?])[.!?…]*[\"”’')\]]*(?=\s)")
_QUOTES = '"“”'
_TOKEN = re.compile(r"\s*(\S+)")
_QUOTE_MARK = re.compile('["“”]')
_OPEN_CHARS = "([“\"'‘«"
_CLOSE_CHARS = "\"”’')]»,;:"
_LONE_OPENERS = frozenset('"“(')
_LINE_BREAK = re.compile(r"\n[ \t\r\f\v]*(?=\S)")
_BRACKETS = re.compile(r"\([^()]{1,300}\)")

# A quotation longer than this (characters, or sentence ends inside it) is taken for a lost or
# stray mark: its sentences split as usual. Well-formed quotations in the corpus stay under both.
MAX_QUOTE_CHARS = 400
MAX_QUOTE_SENTENCE_ENDS = 3
# A mark that may open or close (tokenised ``adil . " Walau``) closes only a quotation this near.
MAX_EITHER_CHARS = 300

Role = Literal["open", "close", "either", "none"]


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each exactly as written (whitespace trimmed)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        for line in _soft_lines(block):
            out.extend(_split_block(line))
    return out


def _soft_lines(block: str) -> list[str]:
    """A line break ends a sentence unless the next line carries on in lower case."""
    parts: list[str] = []
    start = 0
    for m in _LINE_BREAK.finditer(block):
        nxt = block[m.end()]
        if not nxt.islower():
            parts.append(block[start : m.start()])
            start = m.end()
    parts.append(block[start:])
    return parts


def _split_block(text: str) -> list[str]:
    spans = _quote_spans(text)
    closers = {b for _, b in spans}
    protected = _protected(text, spans)
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = _past_closing_quote(text, m.end(), closers)
        if protected[end - 1] or not _is_boundary(text, m, end):
            continue
        if _is_list_number(text[start : m.start()]):
            continue
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _past_closing_quote(text: str, end: int, closers: set[int]) -> int:
    """Tokenised text sets a closing quote apart (``adil . " Walau``): it still ends the
    sentence it closes."""
    m = _TOKEN.match(text, end)
    if m and m.end(1) - m.start(1) == 1 and m.start(1) in closers:
        return m.end(1)
    return end


def _is_list_number(before: str) -> bool:
    """``1. Kegiatan…``: the number of a list item, not a sentence."""
    head = before.strip()
    return head.isdigit() and len(head) <= 3


def _protected(text: str, quotes: list[tuple[int, int]]) -> bytearray:
    """A mark on each position inside a closed quotation or a short bracket: a boundary there
    is not one."""
    spans = quotes + [(m.start(), m.end() - 1) for m in _BRACKETS.finditer(text)]
    mask = bytearray(len(text))
    for a, b in spans:
        mask[a + 1 : b] = b"\x01" * (b - a - 1)
    return mask


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Each quotation as (opening mark, closing mark).

    Which side a mark stands on is read from its shape and its neighbours; a mark that could be
    either closes the open quotation when it is near enough, and opens one otherwise. A
    quotation never runs past a line break, ``MAX_QUOTE_CHARS`` or ``MAX_QUOTE_SENTENCE_ENDS``:
    one lost or stray mark must not glue a paragraph's sentences together.
    """
    spans: list[tuple[int, int]] = []
    if not _QUOTE_MARK.search(text):
        return spans
    starts = _apparent_sentence_starts(text)
    opened = -1
    for m in _QUOTE_MARK.finditer(text):
        here = m.start()
        role = _quote_role(text, here)
        if role == "either":  # weaker evidence of a close: it must be nearer its opening
            role = "close" if _reaches(text, starts, opened, here, MAX_EITHER_CHARS) else "open"
        if role == "close" and _reaches(text, starts, opened, here, MAX_QUOTE_CHARS):
            spans.append((opened, here))
        if role != "none":
            opened = here if role == "open" else -1
    return spans


def _reaches(text: str, starts: list[int], opened: int, here: int, chars: int) -> bool:
    """Whether a mark at ``here`` can still close the quotation opened at ``opened``."""
    if opened < 0 or here - opened > chars or text.find("\n", opened, here) >= 0:
        return False
    inside = bisect_left(starts, here) - bisect_right(starts, opened)
    return inside <= MAX_QUOTE_SENTENCE_ENDS


def _quote_role(text: str, i: int) -> Role:
    glued_before = i > 0 and not text[i - 1].isspace()
    glued_after = i + 1 < len(text) and not text[i + 1].isspace()
    if glued_before and glued_after:
        return _mid_word_role(text, i)
    if glued_after:
        return "open" if _opens(text, i) else "close"
    if glued_before:
        return "close" if _closes(text, i) else "either"
    return _spaced_role(text, i)


def _mid_word_role(text: str, i: int) -> Role:
    """``“kakak”—begitu``, ``("Kita``, ``Levi"s``: only a curly mark tells its side."""
    if text[i] != '"':
        return "open" if text[i] == "“" else "close"
    return "none" if text[i - 1].isalnum() and text[i + 1].isalnum() else "either"


def _opens(text: str, i: int) -> bool:
    """A mark glued to the next word opens; but after a comma or a stop and before a lower
    case word it closes on the attribution: ``…kepada saya, "tambahnya``."""
    if text[i] == "“":
        return True
    return not (_char_before(text, i) in ".,!?" and text[i + 1].islower())


def _closes(text: str, i: int) -> bool:
    """A mark glued to the word before closes; but a straight one between a stop and a capital
    is as likely to open a quotation (``timnya." Kalian tahu``)."""
    if text[i] == "”":
        return True
    return not (text[i - 1] in ".!?" and _token_at(text, i + 1)[:1].isupper())


def _spaced_role(text: str, i: int) -> Role:
    """A mark with a space on each side, as in tokenised text (``, " ujarnya``)."""
    if text[i] != '"':
        return "open" if text[i] == "“" else "close"
    prev, nxt = _char_before(text, i), _token_at(text, i + 1)
    if not prev or prev == ":" or prev in _QUOTES:
        return "open"
    if not nxt or nxt[0] in ".,;:!?)]" or nxt[0] in _QUOTES:
        return "close"
    if nxt[0].islower() and prev in ".,!?":
        return "close"
    return "either"


def _char_before(text: str, i: int) -> str:
    """The last non-space character before ``i`` ("" at the start)."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


def _apparent_sentence_starts(text: str) -> list[int]:
    """Where a sentence seems to begin, quotations ignored: the yardstick of a quotation's
    length."""
    starts: list[int] = []
    for m in _CANDIDATE.finditer(text):
        at, nxt = _following(text, m.end())
        if nxt and _starts_sentence(nxt) and _word_allows_break(_word_before(text, m.start()), nxt):
            starts.append(at)
    return starts


def _is_boundary(text: str, m: re.Match[str], end: int) -> bool:
    nxt = _following(text, end)[1]
    if not nxt or not _starts_sentence(nxt):
        return False
    mark = m.group(0)
    if mark[0] in "!?…" or mark.startswith(".."):
        return True
    if end > m.end() or (len(mark) > 1 and mark[1] in _QUOTES):
        return True  # a quotation closed on a full stop
    return _word_allows_break(_word_before(text, m.start()), nxt)


def _token_at(text: str, pos: int) -> str:
    m = _TOKEN.match(text, pos)
    return m.group(1) if m else ""


def _following(text: str, pos: int) -> tuple[int, str]:
    """Where the next token starts and the token, a quote or bracket set apart before a word
    (``" Saya``, ``( Foto``) joined to it as if written together."""
    m = _TOKEN.match(text, pos)
    if not m:
        return len(text), ""
    token = m.group(1)
    if token in _LONE_OPENERS:
        after = _TOKEN.match(text, m.end())
        if after:
            return m.start(1), token + after.group(1)
    return m.start(1), token


def _starts_sentence(token: str) -> bool:
    first = token[0]
    if first in "“\"'‘(":
        return len(token) > 1 and not token[1].islower()
    return first.isupper() or first.isdigit()


def _word_before(text: str, dot: int) -> str:
    """The token that the full stop at ``dot`` closes, without the stop and opening marks; in
    tokenised text (``Drs . H . Abdul``) the stop stands apart from it."""
    end = dot
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPEN_CHARS + ".")


def _word_allows_break(word: str, nxt: str) -> bool:
    if not word:
        return True
    key = word.lower()
    if key in _PREFIXES:
        return False
    if len(word) == 1 and word.isalpha():
        return not word.isupper()  # an initial: "Budi S. Utomo"
    if key in _LIST_ENDERS:
        return True
    if _is_degree(word):
        return _opens_new_sentence(nxt)
    return True


def _is_degree(word: str) -> bool:
    bare = word.replace(".", "").lower()
    if bare in _DEGREES:
        return True
    return "." in word and bool(_DEGREE_SHAPE.match(word + "."))


def _opens_new_sentence(nxt: str) -> bool:
    if nxt[0] in _QUOTES:
        return True
    return nxt.strip(_CLOSE_CHARS).lower() in _STARTERS
