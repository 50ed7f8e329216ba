"""Reading the public's counters: what the platforms' answers share (Graph insights, Graph's
permission errors)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sosmed.engagement.counters import as_int
from sosmed.errors import NotAllowed, PlatformError

T = TypeVar("T")


def insight_values(body: Mapping[str, Any]) -> dict[str, int]:
    """``{"data": [{"name": "views", "values": [{"value": 12}]}, ...]}`` (or a
    ``total_value``) as {"views": 12, ...}."""
    out: dict[str, int] = {}
    for item in body.get("data") or []:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        values = item.get("values") or []
        if values and isinstance(values[-1], dict):
            out[str(item["name"])] = as_int(values[-1].get("value"))
        elif isinstance(item.get("total_value"), dict):
            out[str(item["name"])] = as_int(item["total_value"].get("value"))
    return out


def graph_refused(error: PlatformError) -> bool:
    """A Graph permission error: (#10) "Application does not have permission for this
    action", (#200)-(#299) a permission the token lacks (insights scopes among them)."""
    code = (error.code or "").split("/")[0]
    return code == "10" or (code.isdigit() and 200 <= int(code) <= 299)


def refusals_as_not_allowed(read: Callable[[], T], refused: Callable[[PlatformError], bool]) -> T:
    """``read()``, with a refusal of the token's permission raised as NotAllowed."""
    try:
        return read()
    except PlatformError as e:
        if isinstance(e, NotAllowed) or not refused(e):
            raise
        raise NotAllowed(str(e), http_status=e.http_status, code=e.code) from None
