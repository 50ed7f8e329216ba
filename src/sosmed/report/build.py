"""The monthly report: the post log as one self-contained HTML page a head of office reads.

``build`` turns posts, their articles and their last attempts into a view (pure); the template
draws it with autoescape on, and every string on its way out passes the redaction filter. The
charts (:mod:`sosmed.report.charts`) are inline SVG and the thumbnails
(:mod:`sosmed.report.thumbnails`) data URIs, so the file opens anywhere without a network.
"""

from __future__ import annotations

import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from sosmed.attempts import AttemptKind, AttemptOutcome, LogFilter, LogRow
from sosmed.costs import HELD_BUDGET, usd
from sosmed.log.reasons import explain, platform_name
from sosmed.models import Article, Post, PostStatus
from sosmed.redact import redact
from sosmed.report.charts import daily_chart, day_list, outcome_chart
from sosmed.report.engagement import engagement_view
from sosmed.report.thumbnails import post_thumbnails
from sosmed.report.words import STRINGS, SYMBOLS, count, group_of, shown
from sosmed.store import Store
from sosmed.timefmt import long_form, period_form

_TEXT_CHARS = 320


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
    engagement: dict[int, dict[str, int]] = field(default_factory=dict)  # newest, by post
    # Accounts whose counters are not read, and why ("no_bot_api", "not_collected").
    engagement_off: dict[str, str] = field(default_factory=dict)
    lang: str = "id"
    account: str | None = None
    month: bool = True
    generated_at: datetime | None = None
    # Micro-dollars spent in the period, and the monthly budget, per account billed per
    # request (X pay-per-use).
    spend: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    price_date: str | None = None


# The view


def safe_url(url: str | None) -> str | None:
    """An http(s) address fit for a link, redacted; anything else is not linked."""
    if not url:
        return None
    clean = redact(url.strip())
    return clean if urllib.parse.urlsplit(clean).scheme.lower() in ("http", "https") else None


def _when(dt: datetime | None, inp: ReportInput) -> str:
    return long_form(dt, inp.tz, inp.lang) if dt else ""


def post_time(p: Post) -> datetime | None:
    return p.published_at or p.scheduled_at or p.updated_at


def post_reason(p: Post, last: LogRow | None, lang: str) -> str:
    """Why a post is not (yet) published, in plain words; "" when there is nothing to say."""
    if p.status in (PostStatus.missed, PostStatus.in_doubt, PostStatus.needs_review):
        return explain(p.status, None, None, p.platform, lang)
    if p.status == PostStatus.failed:
        cls, msg = (last.error_class, last.message) if last else (None, None)
        return explain("failed", cls, msg or p.last_error, p.platform, lang)
    if retraction(last):
        return (last.message or "") if last else ""  # who retracted it, why, and what came of it
    if p.status == PostStatus.scheduled and (p.last_error or "").startswith(HELD_BUDGET):
        return STRINGS[lang]["held_budget"]
    if group_of(p.status) == "waiting" and last is not None:
        return explain(last.outcome, last.error_class, last.message, p.platform, lang)
    return ""


def retraction(last: LogRow | None) -> bool:
    """Whether the post's last word is a retraction (done, left to a person, or failed)."""
    return last is not None and last.kind == AttemptKind.retract


def _post_view(p: Post, inp: ReportInput) -> dict[str, Any]:
    g, last, text = group_of(p.status), inp.last.get(p.id or 0), p.text or ""
    return {
        "id": p.id,
        "when": _when(post_time(p), inp),
        "account": p.account,
        "platform": platform_name(p.platform),
        "group": g,
        "status": f"{SYMBOLS[g]} {STRINGS[inp.lang][g]}",
        "url": safe_url(p.remote_url) if g == "published" else None,
        "thumb": inp.thumbs.get(p.id or 0),
        "text": text if len(text) <= _TEXT_CHARS else text[: _TEXT_CHARS - 1].rstrip() + "…",
        "reason": post_reason(p, last, inp.lang),
        "error": (last.message if last and g != "published" else None) or None,
        # Still online although a person asked to retract it: Instagram, or a failed delete.
        "unretracted": retraction(last)
        and last is not None
        and last.outcome != AttemptOutcome.retracted,
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
                "when": _when(a.published_at, inp) if a else "",
                "place": a.place if a else None,
                "posts": [views[p.id or 0] for p in mine],
            }
        )
    return out


def _actions(inp: ReportInput, views: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """Posts that need a person, grouped by account and reason (one line per cause)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for v in views.values():
        if v["group"] in ("failed", "in_doubt", "missed") or v["unretracted"]:
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
    generated = _when(inp.generated_at or datetime.now(inp.tz), inp)
    return {
        "t": t,
        "lang": inp.lang,
        "period": period_form(inp.start, inp.end, inp.tz, inp.lang, inp.month),
        "account": inp.account,
        "empty": not posts,
        **_headline(inp, counts["published"], len(rows)),
        "counts": counts,
        "groups": shown(counts),
        "symbols": SYMBOLS,
        "rows": rows,
        "actions": _actions(inp, views),
        "daily": daily_chart(per_day, day_list(inp.start, inp.end, inp.tz), inp.lang),
        "outcomes": outcome_chart(counts, inp.lang),
        "articles": _articles(posts, inp, views),
        "generated": t["generated"].format(when=generated),
        **engagement_view(posts, inp.engagement, inp.articles, inp.engagement_off, inp.lang),
        "spend": [
            {"account": a, "usd": usd(spent), "budget": usd(budget) if budget is not None else ""}
            for a, (spent, budget) in sorted(inp.spend.items())
        ],
        "spend_date": inp.price_date or "",
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
        engagement=store.newest_counters(p.id for p in posts if p.id is not None),
        spend={
            a: (spent, inp.spend.get(a, (0, None))[1])
            for a, spent in store.spent_by_account(inp.start, inp.end).items()
            if inp.account in (None, a)
        },
        price_date=store.price_date(inp.start, inp.end),
    )
