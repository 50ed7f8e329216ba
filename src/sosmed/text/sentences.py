"""Indonesian sentence splitting for news text (placeholder rules; to be replaced)."""

from __future__ import annotations

import re

_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each exactly as written (whitespace trimmed)."""
    return [s.strip() for s in _END.split(text) if s.strip()]
