"""The monthly report: the post log as one self-contained HTML page a head of office reads.

``build`` turns posts, their articles and their last attempts into a view (pure); the template
draws it with autoescape on, and every string on its way out passes the redaction filter. The
charts are inline SVG drawn here as plain geometry, with labels and patterns so that a black
and white print reads as well as the screen. Thumbnails are small JPEGs embedded as data URIs,
so the file opens anywhere without a network or a folder beside it.
"""

from __future__ import annotations

import base64
import io
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from PIL import Image

from sosmed.models import Article, Post, PostStatus
from sosmed.postlog import (
    LogFilter,
    LogRow,
    explain,
    fmt_date,
    fmt_when,
    period_label,
    platform_name,
)
from sosmed.redact import redact
from sosmed.store import Store

GROUPS = ("published", "failed", "missed", "in_doubt", "cancelled", "waiting")
_GROUP_OF = {"needs_review": "in_doubt"} | {g: g for g in GROUPS[:-1]}
_TEXT_CHARS = 320

# Each text in Indonesian, then English.
_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Laporan media sosial", "Social media report"),
    "summary": (
        "{published} terbit di {channels} untuk {articles}.",
        "{published} went out on {channels} for {articles}.",
    ),
    "attempts": (
        "{attempts} tercatat; {retries} di antaranya diulang.",
        "{attempts} recorded; retries among them: {retries}.",
    ),
    "u_post": ("posting", "post"),
    "u_channel": ("kanal", "channel"),
    "u_article": ("berita", "article"),
    "u_attempt": ("kali pengiriman", "sending attempt"),
    "empty": ("Tidak ada posting pada periode ini.", "No posts in this period."),
    "empty_hint": (
        "Posting yang dijadwalkan dan diterbitkan akan muncul di sini.",
        "Posts that are scheduled and published will show here.",
    ),
    "account_note": ("Hanya akun {account}.", "Account {account} only."),
    "published": ("Terbit", "Published"),
    "failed": ("Gagal", "Failed"),
    "missed": ("Terlewat", "Missed"),
    "in_doubt": ("Perlu dicek", "To check"),
    "cancelled": ("Dibatalkan", "Cancelled"),
    "waiting": ("Menunggu", "Waiting"),
    "action": ("Perlu tindakan", "Needs action"),
    "no_action": ("Tidak ada yang perlu ditindaklanjuti.", "Nothing needs action."),
    "totals": ("Jumlah per akun", "Totals per account"),
    "account": ("Akun", "Account"),
    "platform": ("Platform", "Platform"),
    "total": ("Jumlah", "Total"),
    "chart_daily": ("Posting terbit per hari", "Posts published per day"),
    "chart_outcomes": ("Hasil posting", "Outcome of posts"),
    "weekend_note": (
        "Kolom abu-abu: Sabtu dan Minggu. Angka di atas batang: jumlah posting.",
        "Grey columns: Saturday and Sunday. Figures above bars: number of posts.",
    ),
    "n_published": ("{n} terbit", "{n} published"),
    "articles": ("Berita yang diliput", "Articles covered"),
    "untitled": ("(tanpa judul)", "(untitled)"),
    "view_post": ("lihat posting", "view post"),
    "error": ("Pesan", "Message"),
    "generated": ("Dibuat {when} oleh sosmed.", "Generated {when} by sosmed."),
}
LANGS = ("id", "en")
STRINGS = {lang: {k: v[i] for k, v in _TEXT.items()} for i, lang in enumerate(LANGS)}
# Beside the words, so that a black and white print still tells the groups apart.
SYMBOLS = dict(zip(GROUPS, ("✓", "✗", "!", "?", "–", "…"), strict=True))


def count(n: int, unit: str, lang: str) -> str:
    """'3 posting' / '1 post', '3 posts' (Indonesian nouns do not inflect)."""
    word = STRINGS[lang][unit]
    return f"{n} {word}" if lang == "id" or n == 1 else f"{n} {word}s"


def group_of(status: str) -> str:
    """The report's outcome group of a post status (queued ones are "waiting")."""
    return _GROUP_OF.get(status, "waiting")


@dataclass
class ReportInput:
    """What a report is made of: the period, the posts in it and what is known about them."""

    start: datetime
    end: datetime
    tz: tzinfo
    posts: list[Post] = field(default_factory=list)
    articles: dict[int, Article] = field(default_factory=dict)
    last: dict[int, LogRow] = field(default_factory=dict)  # each post's last attempt with a result
    attempts: dict[str, int] = field(default_factory=dict)  # attempts in the period by outcome
    thumbs: dict[int, str] = field(default_factory=dict)
    lang: str = "id"
    account: str | None = None
    month: bool = True
    generated_at: datetime | None = None


# Charts: plain geometry that the template draws as SVG


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
    title = f"{platform_name(p)}, {fmt_date(d, lang)}: {n}"
    chart.rects.append(Rect(x + col * 0.15, base - h, col * 0.7, h, "#333", f"{p} {d}", title))
    if col >= 14:
        chart.labels.append(Label(x + col / 2, base - h - 3, str(n), "middle", 10))


def outcome_chart(counts: Counter[str], lang: str) -> Chart:
    """What became of the posts: one labelled, patterned bar per outcome group."""
    t = STRINGS[lang]
    rows = [g for g in GROUPS if g != "waiting" or counts[g]]
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


# The view


def safe_url(url: str | None) -> str | None:
    """An http(s) address fit for a link, redacted; anything else is not linked."""
    if not url:
        return None
    clean = redact(url.strip())
    return clean if urllib.parse.urlsplit(clean).scheme.lower() in ("http", "https") else None


def post_time(p: Post) -> datetime | None:
    return p.published_at or p.scheduled_at or p.updated_at


def post_reason(p: Post, last: LogRow | None, lang: str) -> str:
    """Why a post is not (yet) published, in plain words; "" when there is nothing to say."""
    if p.status in (PostStatus.missed, PostStatus.in_doubt, PostStatus.needs_review):
        return explain(p.status, None, None, p.platform, lang)
    if p.status == PostStatus.failed:
        cls, msg = (last.error_class, last.message) if last else (None, None)
        return explain("failed", cls, msg or p.last_error, p.platform, lang)
    if group_of(p.status) == "waiting" and last is not None:
        return explain(last.outcome, last.error_class, last.message, p.platform, lang)
    return ""


def _post_view(p: Post, inp: ReportInput) -> dict[str, Any]:
    g, last, text = group_of(p.status), inp.last.get(p.id or 0), p.text or ""
    return {
        "id": p.id,
        "when": fmt_when(post_time(p), inp.tz, inp.lang),
        "account": p.account,
        "platform": platform_name(p.platform),
        "group": g,
        "status": f"{SYMBOLS[g]} {STRINGS[inp.lang][g]}",
        "url": safe_url(p.remote_url) if g == "published" else None,
        "thumb": inp.thumbs.get(p.id or 0),
        "text": text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 1].rstrip() + "…",
        "reason": post_reason(p, last, inp.lang),
        "error": (last.message if last and g != "published" else None) or None,
    }


def _articles(
    posts: list[Post], inp: ReportInput, views: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    by_article: dict[int, list[Post]] = defaultdict(list)
    for p in posts:
        by_article[p.article_id].append(p)
    out = []
    for aid, mine in by_article.items():
        a = inp.articles.get(aid)
        out.append(
            {
                "title": (a.title if a else None) or STRINGS[inp.lang]["untitled"],
                "url": safe_url(a.url) if a else None,
                "when": fmt_when(a.published_at, inp.tz, inp.lang) if a else "",
                "place": a.place if a else None,
                "posts": [views[p.id or 0] for p in mine],
            }
        )
    return out


def _actions(inp: ReportInput, views: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Posts that need a person, grouped by account and reason (one line per cause)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for v in views.values():
        if v["group"] in ("failed", "in_doubt", "missed"):
            groups[(v["account"], v["reason"])].append(v)
    return [
        {
            "account": acc,
            "platform": vs[0]["platform"],
            "reason": reason,
            "count": count(len(vs), "u_post", inp.lang),
            "error": next((v["error"] for v in vs if v["error"]), None),
            "posts": ", ".join(f"#{v['id']} ({v['when']})" for v in vs[:5])
            + (" …" if len(vs) > 5 else ""),
        }
        for (acc, reason), vs in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ]


def _totals(posts: list[Post]) -> tuple[list[dict[str, Any]], Counter[str]]:
    per: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for p in posts:
        per[(p.account, p.platform)][group_of(p.status)] += 1
    rows = [
        {"account": acc, "platform": platform_name(pl), "counts": c, "total": sum(c.values())}
        for (acc, pl), c in sorted(per.items())
    ]
    return rows, sum(per.values(), Counter())


def _headline(inp: ReportInput, published: int, channels: int) -> dict[str, str]:
    t, lang = STRINGS[inp.lang], inp.lang
    n_attempts = sum(inp.attempts.values())
    summary = t["summary"].format(
        published=count(published, "u_post", lang),
        channels=count(channels, "u_channel", lang),
        articles=count(len(inp.articles), "u_article", lang),
    )
    attempts = t["attempts"].format(
        attempts=count(n_attempts, "u_attempt", lang), retries=inp.attempts.get("retry", 0)
    )
    return {"summary": summary, "attempts": attempts if n_attempts else ""}


def build(inp: ReportInput) -> dict[str, Any]:
    """Everything the template shows (pure)."""
    t = STRINGS[inp.lang]
    posts = sorted(inp.posts, key=lambda p: (post_time(p) or inp.start, p.id or 0))
    views = {p.id or 0: _post_view(p, inp) for p in posts}
    rows, counts = _totals(posts)
    per_day: dict[str, Counter[date]] = {p.platform: Counter() for p in posts}
    for p in posts:
        if p.status == PostStatus.published and p.published_at:
            per_day[p.platform][p.published_at.astimezone(inp.tz).date()] += 1
    generated = fmt_when(inp.generated_at or datetime.now(inp.tz), inp.tz, inp.lang)
    return {
        "t": t,
        "lang": inp.lang,
        "period": period_label(inp.start, inp.end, inp.tz, inp.lang, inp.month),
        "account": inp.account,
        "empty": not posts,
        **_headline(inp, counts["published"], len(rows)),
        "counts": counts,
        "groups": [g for g in GROUPS if g != "waiting" or counts[g]],
        "symbols": SYMBOLS,
        "rows": rows,
        "actions": _actions(inp, views),
        "daily": daily_chart(per_day, day_list(inp.start, inp.end, inp.tz), inp.lang),
        "outcomes": outcome_chart(counts, inp.lang),
        "articles": _articles(posts, inp, views),
        "generated": t["generated"].format(when=generated),
    }


def _finalize(value: Any) -> Any:
    # The one exit of every string into the page: redacted, then autoescaped by Jinja.
    if isinstance(value, str) and not isinstance(value, Markup):
        return redact(value)
    return "" if value is None else value


def render(view: dict[str, Any]) -> str:
    env = Environment(
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    source = files("sosmed").joinpath("data/report.html.j2").read_text(encoding="utf-8")
    return env.from_string(source).render(**view)


# Thumbnails (the I/O edge)


def thumbnail(path: Path, size: int = 112) -> Markup | None:
    """A small JPEG of an image file as a data URI; None when it is missing or unreadable."""
    try:
        with Image.open(path) as im:
            im.draft("RGB", (size * 2, size * 2))
            small = im.convert("RGB")
            small.thumbnail((size, size))
            buf = io.BytesIO()
            small.save(buf, "JPEG", quality=70, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return Markup("data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii"))


def post_thumbnails(posts: list[Post], roots: list[Path]) -> dict[int, str]:
    """Each post's first photo that can be read, as a thumbnail (relative paths tried under
    each root in turn); files shared by several posts are read once."""
    made: dict[Path, Markup | None] = {}
    out: dict[int, str] = {}
    for p in posts:
        for ph in p.photos:
            path = _resolve(str(ph.get("path") or ""), roots)
            if path is None:
                continue
            if path not in made:
                made[path] = thumbnail(path)
            if (thumb := made[path]) is not None:
                out[p.id or 0] = thumb
                break
    return out


def _resolve(raw: str, roots: list[Path]) -> Path | None:
    if not raw:
        return None
    p = Path(raw).expanduser()
    candidates = [p] if p.is_absolute() else [r / p for r in roots] + [p]
    return next((c for c in candidates if c.is_file()), None)


def read_report(store: Store, inp: ReportInput, roots: list[Path]) -> ReportInput:
    """``inp`` with the period's posts, their articles, last attempts and thumbnails."""
    posts = store.report_posts(inp.start, inp.end, inp.account)
    return replace(
        inp,
        posts=posts,
        articles=store.articles_by_id({p.article_id for p in posts}),
        last=store.last_attempts([p.id for p in posts if p.id is not None]),
        attempts=store.outcome_counts(LogFilter(inp.start, inp.end, inp.account)),
        thumbs=post_thumbnails(posts, roots),
    )
