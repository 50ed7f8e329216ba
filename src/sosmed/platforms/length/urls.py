"""Finding links in a text the way twitter-text v3 does (X counts each one as 23).

X turns every link it recognises into a 23-character t.co address, including bare domains
such as ``bengkaliskab.go.id`` and even ``M.Si`` (``.si`` is a country domain), so a count that
misses one undercounts. This follows twitter-text's grammar: the characters allowed before a
link, sub-domains, the TLD lists of :mod:`sosmed.platforms.length.tlds`, port, path with balanced
parentheses, query; a domain label longer than 63 characters is not a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sosmed.platforms.length.tlds import CCTLDS, GTLDS

_LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263"
    r"\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC = r"\u0400-\u04FF"
_PUNCT = r"\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$/"
_SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|$)"
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG = 40
_DEFAULT_PROTOCOL = "https://"


@dataclass(frozen=True)
class Link:
    url: str
    start: int  # code point offsets in the text
    end: int


def _tld_group(names: tuple[str, ...]) -> str:
    return "(?:(?:" + "|".join(names) + ")" + _TLD_END + ")"


@cache
def _sources() -> tuple[str, str, str]:
    """The link, bare-domain and t.co expressions, as text."""
    gtld, cctld, puny = _tld_group(GTLDS), _tld_group(CCTLDS), r"(?:xn--[\-0-9a-z]+)"
    dchar = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
    subdomain = f"(?:(?:{dchar}(?:[_-]|{dchar})*)?{dchar}\\.)"
    domain_name = f"(?:(?:{dchar}(?:-|{dchar})*)?{dchar}\\.)"
    domain = f"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{puny}))"
    path_char = f"[a-z{_CYRILLIC}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~@\\|&{_LATIN_ACCENTS}]"
    parens = f"\\((?:{path_char}+|(?:{path_char}*\\({path_char}+\\){path_char}*))\\)"
    path_end = f"[\\+\\-a-z{_CYRILLIC}0-9=_#\\/{_LATIN_ACCENTS}]|(?:{parens})"
    path = f"(?:(?:{path_char}*(?:{parens}{path_char}*)*(?:{path_end}))|(?:@{path_char}+/))"
    query_char, query_end = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]", r"[a-z0-9\-_&=#/]"
    before = f"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"
    url = (
        f"(({before})((https?:\\/\\/)?({domain})(?::([0-9]+))?"
        f"(\\/{path}*)?(\\?{query_char}*{query_end})?))"
    )
    ascii_domain = f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+(?:{gtld}|{cctld}|{puny})"
    tco = f"^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?{query_char}*{query_end})?"
    return url, ascii_domain, tco


@cache
def _pattern(which: int) -> re.Pattern[str]:
    # Each compiled when first needed: the TLD lists make each one a few hundredths of a
    # second to compile, and most texts need only the first (listing posts answers sooner).
    return re.compile(_sources()[which], re.IGNORECASE)


def _valid_host(url: str, protocol: str, domain: str) -> bool:
    try:
        puny = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False  # an empty label or one over 63 characters
    return bool(puny) and len(protocol) + len(url) + len(puny) - len(domain) <= _MAX_URL_LENGTH


def find_links(text: str, without_protocol: bool = True) -> list[Link]:
    """Every link in ``text``; bare domains too unless ``without_protocol`` is false."""
    if not text or ("." not in text if without_protocol else ":" not in text):
        return []
    url_re = _pattern(0)
    links: list[Link] = []
    for m in url_re.finditer(text):
        before, url, protocol, domain, path = (
            m.group(2),
            m.group(3),
            m.group(4),
            m.group(5),
            m.group(7),
        )
        start = m.end() - len(url)
        if not _valid_host(url, protocol or _DEFAULT_PROTOCOL, domain):
            continue
        if protocol is None:
            if without_protocol and before not in ("-", "_", ".", "/"):
                links.extend(_bare(url, domain, path, start, m.end()))
        else:
            link = _with_protocol(url, start)
            if link is not None:
                links.append(link)
    return links


def _bare(url: str, domain: str, path: str | None, start: int, end: int) -> list[Link]:
    """The ASCII-only domains inside a link written without ``http(s)://``."""
    found = [
        Link(d.group(0), start + d.start(), start + d.end()) for d in _pattern(1).finditer(domain)
    ]
    if found and path:
        last = found[-1]
        found[-1] = Link(url.replace(domain, last.url), last.start, end)
    return found


def _with_protocol(url: str, start: int) -> Link | None:
    tco = _pattern(2).search(url)
    if tco is None:
        return Link(url, start, start + len(url))
    if tco.group(1) and len(tco.group(1)) > _MAX_TCO_SLUG:
        return None
    return Link(tco.group(0), start, start + len(tco.group(0)))
