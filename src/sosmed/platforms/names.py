"""The installed platforms' names and titles, read without importing a platform module.

Settings and the post log need them on every start, and a platform module brings its client
libraries (requests, tweepy...) that a command which only reads the log must not pay for. The
names are the ``sosmed.platforms`` entry points; a title is read from the class's literal
``title`` in its module's source, and only a title that is not a literal loads the class.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

GROUP = "sosmed.platforms"
# `title = "X"` (or `title: str = "X"`) in a class body.
TITLE = r"^[ \t]+title(?:[ \t]*:[^=\n]+)?[ \t]*=[ \t]*(.+?)[ \t]*$"


@cache
def platform_entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def platform_names() -> list[str]:
    return sorted(platform_entry_points())


@cache
def platform_title(name: str) -> str:
    """The platform as people know it ("Facebook Page"); a platform no longer installed still
    has old posts in the log, named after its key."""
    ep = platform_entry_points().get(name)
    if ep is None:
        return name.capitalize()
    from sosmed.platforms.builtin import RULES

    if ep.value in RULES:
        return RULES[ep.value].title
    literal = _literal_title(ep.module, ep.attr)
    return literal if literal is not None else str(ep.load().title)


def _literal_title(module: str, cls: str) -> str | None:
    # A regular expression over the class's body, not a parse of the whole module: `sosmed log`
    # names every platform on each run, and six full parses cost it some 35 ms.
    try:
        spec = importlib.util.find_spec(module)
        source = Path(spec.origin).read_text(encoding="utf-8") if spec and spec.origin else ""
    except (ImportError, OSError, ValueError):
        return None
    body = re.search(rf"^class {re.escape(cls)}\b.*?:\n(.*?)(?=^\S|\Z)", source, re.M | re.S)
    line = body and re.search(TITLE, body[1], re.M)
    if not line:
        return None
    try:
        value = ast.literal_eval(line[1])
    except (ValueError, SyntaxError):
        return None  # not a literal: the class is loaded
    return value if isinstance(value, str) else None


def refresh() -> None:
    platform_entry_points.cache_clear()
    platform_title.cache_clear()
