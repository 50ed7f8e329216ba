"""Page furniture that a browser copy drags along with a story, recognised line by line."""

from __future__ import annotations

import re

# Where the story ends and the rest of the page (related stories, comments) begins.
_TERMINATOR = re.compile(
    r"^(?:berita|artikel|postingan|tulisan)\s+(?:lainnya|terkait|terpopuler|populer|terbaru|"
    r"terkini|sebelumnya|selanjutnya)\b.{0,20}$"
    r"|^(?:tulis|tinggalkan|kirim)\s+(?:komentar|balasan|balas|tanggapan)\b.{0,20}$"
    r"|^(?:komentar|comments?|related\s+(?:posts?|articles?|news|stories)|you\s+(?:might|may)"
    r"\s+also\s+like|leave\s+a\s+(?:reply|comment)|share\s+this)"
    r"\s*:?\s*$"
    r"|^(?:\d+\s+)?(?:komentar|comments?)\s*$",
    re.IGNORECASE,
)
_CRUFT_LINE = re.compile(
    r"^(?:"
    r"dibaca\s*:?\s*\d[\d.,]*\s*(?:kali|x)?|\d[\d.,]*\s*(?:kali\s+|x\s*)?(?:dibaca|dilihat|views?|hits)"
    r"|(?:dilihat|views?|hits|pembaca)\s*:?\s*\d[\d.,]*\s*(?:kali)?"
    r"|kembali(?:\s+ke\s+\w+)?|bagikan(?:\s+(?:ke|berita|artikel|ini))?\s*:?|share\s*:?"
    r"|tweet|cetak|print|pdf|email|facebook|twitter|whatsapp|telegram|linkedin|pinterest|line"
    r"|salin\s+(?:tautan|link)|copy\s+link|suka|like|beranda|home|top|next|previous"
    r"|sebelumnya|selanjutnya|berikutnya|[«»‹›<>]+.{0,60}|.{0,60}[«»‹›]"
    r"|(?:baca|lihat|simak)\s+(?:juga|pula)\b.*"
    r"|(?:tags?|label|kategori|category|topik|posted\s+in|filed\s+under|tanggal|tgl|waktu"
    r"|diposting|diterbitkan|dipublikasikan|published|updated|diperbarui)\s*:.*"
    r"|sumber\s*:.{0,60}|(?:oleh|by|author|ditulis\s+oleh|diposting\s+oleh)\b\s*:?\s*[^.]{1,40}"
    r"|alamat\s+email\s+anda\s+tidak\s+akan\s+dipublikasikan.*|ruas\s+yang\s+wajib.*"
    r"|your\s+email\s+address\s+will\s+not.*|required\s+fields\s+are.*"
    r"|(?:komentar|nama|name|email|surel|situs\s+web|website|comment)\s*\*?"
    r"|simpan\s+nama(?:,|\s).*|save\s+my\s+name.*|kirim\s+komentar|post\s+comment"
    r"|batal(?:kan)?\s+balas(?:an)?|cancel\s+reply|balas|reply"
    r"|(?:setuju|accept|terima)"
    r"|(?:©|copyright|hak\s+cipta).*"
    r"|[.\-–—*•·_=~|]+"
    r")$",
    re.IGNORECASE,
)
_SOCIAL = re.compile(
    r"^(?:(?:share|bagikan)\s*(?:on|ke|:)?\s*)?(?:(?:facebook|twitter|whatsapp|telegram|email|"
    r"linkedin|pinterest|line|print|cetak|copy\s+link|x)\s*[|,/•·]?\s*){2,}$",
    re.IGNORECASE,
)
# A sign-off on a line of its own: "(rls)", "(Prokopim/edh/dok.Be" (cut off by the copy).
_SIGN_OFF_LINE = re.compile(r"^[(\[]\s*[\w*][\w*.,/ &-]{0,40}[)\]]?$")
_HASHTAGS_LINE = re.compile(r"^(?:#\w+[\s,]*)+$")
# A sign-off closing the last paragraph: "... ujarnya. (rls)" or "(hms/edh)".
_TRAILING_SIGN_OFF = re.compile(
    r"(?<=[.!?”\"'])\s*[(\[](?:[A-Za-z]{2,10}|[*]+|[A-Za-z]{2,12}(?:\s*/\s*[A-Za-z.]{1,12})+)[)\]]$"
)
_COOKIES = re.compile(r"\b(?:menggunakan|uses)\s+(?:cookie|cookies)\b", re.IGNORECASE)
_LONG_LINE = 200
_SHORT_LINE = 90
# The furniture that runs longer than a widget label: links to other stories, form notes.
_LONG_CRUFT = re.compile(
    r"(?:baca|lihat|simak)\s+(?:juga|pula)\b|alamat\s+email|simpan\s+nama|your\s+email|save\s+my"
    r"|(?:©|copyright|hak\s+cipta)|(?:tags?|kategori|category|label)\s*:",
    re.IGNORECASE,
)
# Site chrome that reads like a headline: login and sign-up boxes, follow and search widgets.
_CHROME = re.compile(
    r"^(?:daftarkan\s+diri|silakan\s+(?:login|masuk|daftar)|(?:login|masuk|daftar)\s+(?:ke|untuk|"
    r"sekarang|akun)|lupa\s+(?:password|kata\s+sandi)|follow\s+us|ikuti\s+kami|"
    r"(?:cari|search)\s*(?:berita|artikel|\.\.\.|…)?\s*:?$|berlangganan|subscribe|"
    r"you\s+must\s+be\s+logged\s+in|anda\s+harus\s+(?:login|masuk))",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•·▪●◦■►▸‣\-–—*]\s+")
_BREADCRUMB = re.compile(r"\S\s+(?:[»›>/]|\\)\s+\S")
# A trail that starts at the home page, with dashes between its steps (two or more of them).
_HOME_TRAIL = re.compile(r"^(?:home|beranda)\s+[-–—|]\s+\S[^-–—|]*\s[-–—|]\s+\S", re.IGNORECASE)


def is_terminator(line: str) -> bool:
    """A heading after which nothing belongs to the story."""
    return len(line) <= _SHORT_LINE and bool(_TERMINATOR.match(line))


def is_cruft(line: str) -> bool:
    """Widgets, counters, form labels and sign-offs: never part of the story."""
    if "cookie" in line.lower() and _COOKIES.search(line):
        return True
    if len(line) > _SHORT_LINE:
        return len(line) <= _LONG_LINE and bool(_LONG_CRUFT.match(line))
    return bool(
        _CRUFT_LINE.match(line)
        or _SOCIAL.match(line)
        or _HASHTAGS_LINE.match(line)
        or (_SIGN_OFF_LINE.match(line) and len(line.split()) <= 4)
    )


def is_chrome(line: str) -> bool:
    """A login box, a follow or search widget: part of every page of the site, never a story."""
    return len(line) <= _SHORT_LINE and bool(_CHROME.match(line))


def is_breadcrumb(line: str) -> bool:
    if len(line) > _LONG_LINE:
        return False
    if _HOME_TRAIL.match(line):
        return True  # "Home - Megapolitan - Rapat Koordinasi ...": a trail from the home page
    if not any(mark in line for mark in "»›>/\\"):
        return False
    return len(_BREADCRUMB.findall(line)) >= 2


def strip_sign_off(paragraph: str) -> str:
    if not paragraph.endswith((")", "]")):
        return paragraph
    return _TRAILING_SIGN_OFF.sub("", paragraph).rstrip()


def bullet_text(line: str) -> str | None:
    """The text of a bulleted line, None when the line is not bulleted."""
    m = _BULLET.match(line)
    return line[m.end() :].strip() if m else None
