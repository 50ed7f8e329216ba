"""What an audit row (Event.detail) keeps: a code and its parameters, never a sentence.

A sentence would stay in the language of whoever acted; a code is put into words when a
person reads the history, in that person's language (sosmed/office/audit.py). Rows written
before this are free text and are shown as they are.
"""

from __future__ import annotations

import json
from typing import Any


def note(code: str, **params: Any) -> str:
    """The stored form of one audit detail: ``{"code": ..., params...}`` (None values left out)."""
    kept = {k: v for k, v in params.items() if v is not None}
    return json.dumps({"code": code, **kept}, ensure_ascii=False, separators=(",", ":"))


def read_note(detail: str | None) -> tuple[str, dict[str, Any]] | None:
    """(code, parameters) of a stored note; None for an older free-text detail."""
    if not detail or not detail.startswith('{"code":'):
        return None
    try:
        found = json.loads(detail)
    except ValueError:
        return None
    if not isinstance(found, dict) or not isinstance(found.get("code"), str):
        return None
    code = found.pop("code")
    return code, found
