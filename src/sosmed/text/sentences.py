"""Indonesian sentence splitting for news text.

A full stop in these articles ends a sentence far less often than it seems: honorifics and
degrees (``Drs. H. Abdul Rahman, M.Si``), place abbreviations (``Kec.``, ``Kab.``), initials
(``Budi S. Utomo``), numbers and times (``Rp 1.500.000``, ``pukul 09.30``) all carry one. The
rules below decide each candidate boundary from the token before it and the token after it, and
keep a closed quotation (with its attribution, ``“…,” ucapnya.``) in one piece, because for an
extractive summary a quotation cut in half is a misquote.
"""

from __future__ import annotations

import re


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
    ipda aiptu aipda bripka brigpol brigadir briptu bripda purn mr mrs ms vs kpt
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
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_QUOTE_MARK = re.compile('["“”]')
_OPEN_CHARS = "([“\"'‘«"
_CLOSE_CHARS = "\"”’')]»,;:"
_LINE_BREAK = re.compile(r"\n[ \t\r\f\v]*(?=\S)")
_BRACKETS = re.compile(r"\([^()]{1,300}\)")


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
    protected = _protected_spans(text)
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if protected[m.end() - 1] or not _is_boundary(text, m):
            continue
        if _is_list_number(text[start : m.start()]):
            continue
        piece = text[start : m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_list_number(before: str) -> bool:
    """``1. Kegiatan…``: the number of a list item, not a sentence."""
    head = before.strip()
    return head.isdigit() and len(head) <= 3


def _protected_spans(text: str) -> bytearray:
    """A mark on each position inside a closed quotation or a short bracket: a boundary there
    is not one."""
    spans: list[tuple[int, int]] = []
    opened = -1
    for m in _QUOTE_MARK.finditer(text):
        if opened < 0:
            opened = m.start()
        else:
            spans.append((opened, m.start()))
            opened = -1
    spans.extend((m.start(), m.end() - 1) for m in _BRACKETS.finditer(text))
    mask = bytearray(len(text))
    for a, b in spans:
        mask[a + 1 : b] = b"\x01" * (b - a - 1)
    return mask


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    nxt = _next_token(text, m.end())
    if not nxt or not _starts_sentence(nxt):
        return False
    mark = m.group(0)
    if mark[0] in "!?…" or mark.startswith(".."):
        return True
    if len(mark) > 1 and mark[1] in _QUOTES:
        return True  # a quotation closed on a full stop
    return _word_allows_break(_word_before(text, m.start()), nxt)


def _next_token(text: str, pos: int) -> str:
    m = _NEXT_TOKEN.match(text, pos)
    return m.group(1) if m else ""


def _starts_sentence(token: str) -> bool:
    first = token[0]
    if first in "“\"'‘(":
        return len(token) > 1 and not token[1].islower()
    return first.isupper() or first.isdigit()


def _word_before(text: str, dot: int) -> str:
    """The token that the full stop at ``dot`` closes, without the stop and opening marks."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip(_OPEN_CHARS + ".")


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
