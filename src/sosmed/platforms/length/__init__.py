"""How long a text is in a platform's own units: X's weighted count with its links and emoji,
graphemes, UTF-16 units, code points. Facts of the platforms, used by compose, edit and publish."""

from __future__ import annotations

from sosmed.platforms.length import counting

UNITS = ("weighted", "graphemes", "chars", "utf16")


def count(text: str, unit: str, url_length: int | None = None) -> int:
    """``text`` measured in ``unit``; ``url_length``, when set, is what each link counts.

    "weighted" is X's twitter-text count (its links are always 23); "graphemes" with a
    ``url_length`` is Mastodon's count (links as ``url_length``, remote mentions short).
    """
    if unit == "weighted":
        return counting.x_length(text)
    if unit == "graphemes":
        if url_length is not None:
            return counting.mastodon_length(text, url_length)
        return counting.graphemes(text)
    if unit == "utf16":
        return counting.utf16_units(text)
    if unit == "chars":
        return counting.code_points(text)
    raise ValueError(f"unknown length unit {unit!r} (known: {', '.join(UNITS)})")
