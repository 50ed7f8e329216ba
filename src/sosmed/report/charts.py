"""The report's charts as plain geometry (rects, labels, lines) that its template draws as SVG.

Labels and patterns go with every bar, so that a black and white print reads as well as the
screen. Pure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sosmed.log.reasons import platform_name
from sosmed.report.words import STRINGS, SYMBOLS, shown
from sosmed.timefmt import day_form


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    bar: str | None = None  # data-bar: set on the rects that stand for a figure
    title: str = ""
    stroke: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"
    size: int = 12
    bold: bool = False


@dataclass
class Chart:
    name: str
    title: str
    width: float
    height: float
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)


WIDTH, LEFT, LANE, BAR_MAX = 960.0, 150.0, 58.0, 36.0


def day_list(start: datetime, end: datetime, tz: tzinfo) -> list[date]:
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def daily_chart(per_day: dict[str, Counter[date]], days: list[date], lang: str) -> Chart:
    """Posts published per day: one lane per platform, one bar per day with posts."""
    t = STRINGS[lang]
    col = (WIDTH - LEFT - 10) / max(len(days), 1)
    bottom = 6 + LANE * len(per_day)
    peak = max((n for c in per_day.values() for n in c.values()), default=1)
    chart = Chart("daily", t["chart_daily"], WIDTH, bottom + 34)
    for j, d in enumerate(days):
        x = LEFT + j * col
        if d.weekday() >= 5:
            chart.rects.append(Rect(x, 6, col, bottom - 6, "#e4e4e4"))
        if col >= 16 or j % 2 == 0:
            chart.labels.append(Label(x + col / 2, bottom + 14, str(d.day), "middle", 10))
    chart.labels.append(Label(LEFT, bottom + 30, t["weekend_note"], size=10))
    order = sorted(per_day, key=lambda p: (-sum(per_day[p].values()), p))
    for i, p in enumerate(order):
        base = 6 + LANE * i + 46
        chart.lines.append((LEFT, base, WIDTH - 10, base))
        chart.labels.append(Label(8, base - 24, platform_name(p), bold=True))
        n_total = sum(per_day[p].values())
        chart.labels.append(Label(8, base - 8, t["n_published"].format(n=n_total), size=11))
        for j, d in enumerate(days):
            if n := per_day[p].get(d, 0):
                _day_bar(chart, (p, d, n), LEFT + j * col, col, base, BAR_MAX * n / peak, lang)
    return chart


def _day_bar(
    chart: Chart,
    what: tuple[str, date, int],
    x: float,
    col: float,
    base: float,
    h: float,
    lang: str,
) -> None:
    p, d, n = what
    h = max(h, 3.0)
    title = f"{platform_name(p)}, {day_form(d, lang)}: {n}"
    chart.rects.append(Rect(x + col * 0.15, base - h, col * 0.7, h, "#333", f"{p} {d}", title))
    if col >= 14:
        chart.labels.append(Label(x + col / 2, base - h - 3, str(n), "middle", 10))


def outcome_chart(counts: Counter[str], lang: str) -> Chart:
    """What became of the posts: one labelled, patterned bar per outcome group."""
    t = STRINGS[lang]
    rows = shown(counts)
    total = max(sum(counts.values()), 1)
    span = WIDTH - LEFT - 130
    chart = Chart("outcomes", t["chart_outcomes"], WIDTH, 30.0 * len(rows) + 8)
    chart.lines.append((LEFT, 2, LEFT, 30.0 * len(rows) + 6))
    for i, g in enumerate(rows):
        y, n = 4 + 30.0 * i, counts[g]
        w = max(span * n / total, 3.0)
        chart.labels.append(Label(8, y + 18, f"{SYMBOLS[g]} {t[g]}", bold=True))
        if n:
            title = f"{t[g]}: {n}"
            chart.rects.append(Rect(LEFT, y + 4, w, 20, f"url(#pat-{g})", g, title, True))
        text = f"{n} ({100 * n / total:.0f}%)" if n else "0"
        chart.labels.append(Label(LEFT + (w if n else 0) + 8, y + 18, text))
    return chart
