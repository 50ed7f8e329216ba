"""Refusing input that cannot hold an article before any rule looks at it."""

from __future__ import annotations

import re

from sosmed.errors import NotAnArticle
from sosmed.i18n import _

# Share of control or replacement characters above which the input is not text.
_JUNK_RATIO = 0.02
_SAMPLE = 20000
_JUNK = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def check_text(text: str) -> None:
    """Raise NotAnArticle for empty input and for binary data decoded as text."""
    if not text or not text.strip():
        raise NotAnArticle(_("masukannya kosong"))
    if is_binary(text):
        raise NotAnArticle(_("masukannya data biner, bukan teks berita"))


def is_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        return True
    return len(_JUNK.findall(sample)) > _JUNK_RATIO * len(sample)


def decode_page(page: str | bytes) -> str:
    """The page as text; bytes are decoded by their declared or guessed encoding."""
    if isinstance(page, str):
        return page
    if b"\x00" in page[:_SAMPLE]:
        raise NotAnArticle(_("masukannya data biner, bukan halaman HTML"))
    from trafilatura.utils import decode_file  # a slow import, needed for HTML only

    return decode_file(page)
