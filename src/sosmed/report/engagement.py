"""The report's engagement: what the public did with the period's posts (pure).

Each published post counts with its newest counters (the latest stage read). Totals per
platform and per account, the period's top posts by interactions (likes, comments, shares),
and per article the interactions on each platform, drawn as an inline SVG chart whose bars
carry their figures as labels and titles, so a black and white print reads as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sosmed.engagement.counters import COUNTERS, interactions
from sosmed.log.reasons import platform_name
from sosmed.models import Article, Post, PostStatus
from sosmed.report.charts import LEFT, WIDTH, Chart, Label, Rect
from sosmed.report.words import STRINGS

TOP = 5
ARTICLES = 10
# One shade per platform, from dark to light, each bar outlined.
SHADES = ("#222", "#555", "#888", "#aaa", "#ccc", "#e8e8e8", "#fff")


def _counted(
    posts: list[Post], newest: Mapping[int, dict[str, int]]
) -> list[tuple[Post, dict[str, int]]]:
    return [
        (p, newest[p.id])
        for p in posts
        if p.status == PostStatus.published and p.id is not None and p.id in newest
    ]


def _sums(items: list[dict[str, int]]) -> dict[str, int | None]:
    """The counters added up; None for one that none of the posts reports (Mastodon views)."""
    total: dict[str, int | None] = {
        k: sum(int(v.get(k) or 0) for v in items) if any(k in v for v in items) else None
        for k in COUNTERS
    }
    total["interactions"] = sum(interactions(v) for v in items)
    return total


def engagement_view(
    posts: list[Post],
    newest: Mapping[int, dict[str, int]],
    articles: Mapping[int, Article],
    off: Mapping[str, str],
    lang: str,
) -> dict[str, Any]:
    """``newest``: each post's newest counters; ``off``: account → why its counters are not
    read ("no_bot_api", "not_collected")."""
    t = STRINGS[lang]
    counted = _counted(posts, newest)
    by_account: dict[tuple[str, str], list[dict[str, int]]] = defaultdict(list)
    by_platform: dict[str, list[dict[str, int]]] = defaultdict(list)
    for p, values in counted:
        by_account[(p.platform, p.account)].append(values)
        by_platform[p.platform].append(values)
    accounts = [
        {"account": acc, "platform": platform_name(pl), "posts": len(vs), **_sums(vs)}
        for (pl, acc), vs in sorted(by_account.items())
    ]
    published = {(p.platform, p.account) for p in posts if p.status == PostStatus.published}
    for pl, acc in sorted(published - set(by_account)):
        why = t.get(off.get(acc, ""), "") or t["eng_none_yet"]
        accounts.append({"account": acc, "platform": platform_name(pl), "posts": 0, "why": why})
    platforms = [
        {"platform": platform_name(pl), "posts": len(vs), **_sums(vs)}
        for pl, vs in sorted(by_platform.items())
    ]
    ranked = sorted(
        counted, key=lambda pv: (-interactions(pv[1]), -(pv[1].get("views") or 0), pv[0].id or 0)
    )
    top = [_top(p, v, articles, t) for p, v in ranked[:TOP]]
    return {
        "eng_any": bool(counted),
        "eng_accounts": accounts,
        "eng_platforms": platforms,
        "eng_total": _sums([v for _p, v in counted]) | {"posts": len(counted)},
        "eng_top": top,
        "eng_chart": article_chart(counted, articles, lang),
    }


def _top(
    p: Post, values: dict[str, int], articles: Mapping[int, Article], t: dict[str, str]
) -> dict[str, Any]:
    from sosmed.report.build import safe_url  # the one rule for links in the report

    a = articles.get(p.article_id)
    text = " ".join((p.text or "").split())
    return {
        "id": p.id,
        "account": p.account,
        "platform": platform_name(p.platform),
        "article": (a.title if a else None) or t["untitled"],
        "text": text if len(text) <= 140 else text[:139].rstrip() + "…",
        "url": safe_url(p.remote_url),
        "interactions": interactions(values),
        **{k: values.get(k) for k in COUNTERS},
    }


def article_chart(
    counted: list[tuple[Post, dict[str, int]]], articles: Mapping[int, Article], lang: str
) -> Chart:
    """Interactions per article (the ten with most), one segment per platform."""
    t = STRINGS[lang]
    per: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p, values in counted:
        per[p.article_id][p.platform] += interactions(values)
    order = sorted(per, key=lambda aid: (-sum(per[aid].values()), aid))[:ARTICLES]
    platforms = sorted({pl for aid in order for pl in per[aid]})
    shade = {pl: SHADES[i % len(SHADES)] for i, pl in enumerate(platforms)}
    lane, top = 30.0, 6.0
    legend_y = top + lane * len(order) + 18
    chart = Chart("engagement", t["chart_engagement"], WIDTH, legend_y + 12)
    peak = max((sum(per[aid].values()) for aid in order), default=1) or 1
    span = WIDTH - LEFT - 90
    for i, aid in enumerate(order):
        y = top + lane * i
        a = articles.get(aid)
        title = (a.title if a else None) or t["untitled"]
        short = title if len(title) <= 22 else title[:21].rstrip() + "…"
        chart.labels.append(Label(8, y + 18, short, size=11))
        x = LEFT
        for pl in platforms:
            n = per[aid].get(pl, 0)
            if not n:
                continue
            w = max(span * n / peak, 2.0)
            tip = f"{title} · {platform_name(pl)}: {n}"
            chart.rects.append(Rect(x, y + 4, w, 20, shade[pl], f"{aid} {pl}", tip, True))
            x += w
        chart.labels.append(Label(x + 6, y + 18, str(sum(per[aid].values()))))
    x = LEFT
    for pl in platforms:
        chart.rects.append(Rect(x, legend_y - 9, 10, 10, shade[pl], stroke=True))
        chart.labels.append(Label(x + 14, legend_y, platform_name(pl), size=10))
        x += 24 + 7 * len(platform_name(pl))
    return chart
