"""The report's engagement, built from posts and counters in memory: totals per platform and
account (a counter no post reports stays empty, not 0), the top posts by interactions, the
chart per article, Telegram's and X's reasons, both languages, and escaping."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sosmed.log.periods import month_bounds
from sosmed.models import Article, Post
from sosmed.report.build import ReportInput, build, render
from sosmed.report.engagement import engagement_view

WIB = ZoneInfo("Asia/Jakarta")
START, END = month_bounds(2026, 11, WIB)
AT = datetime(2026, 11, 10, 2, 0, tzinfo=UTC)
PLATFORMS = {"fb": "facebook", "masto": "mastodon", "tg": "telegram", "x": "x"}


def post(pid: int, account: str, article_id: int = 1, status: str = "published") -> Post:
    return Post(
        id=pid,
        article_id=article_id,
        account=account,
        platform=PLATFORMS[account],
        text=f"<b>Teks</b> posting {pid}",
        status=status,
        published_at=AT,
        scheduled_at=AT,
        remote_url="javascript:alert(1)" if pid == 3 else f"https://example.social/p/{pid}",
    )


POSTS = [post(1, "fb"), post(2, "fb", 2), post(3, "masto", 2), post(4, "tg"), post(5, "x")]
# Each post's newest counters (for post 3, its 1 h read: its 24 h read was refused).
ROWS = {
    1: {"likes": 9, "views": 90},
    2: {"likes": 4, "comments": 4, "shares": 4, "views": 10},
    3: {"likes": 2, "shares": 1},
}
ARTICLES = {
    1: Article(id=1, title="Jembatan <Sukamaju>", content_hash="1", source="url"),
    2: Article(id=2, title="Adminduk Keliling", content_hash="2", source="url"),
}
OFF = {"tg": "no_bot_api", "x": "not_collected"}


def test_totals_top_posts_and_reasons() -> None:
    v = engagement_view(POSTS, ROWS, ARTICLES, OFF, "id")

    fb, masto = v["eng_platforms"]
    assert (fb["platform"], fb["posts"], fb["likes"], fb["views"]) == ("Facebook Page", 2, 13, 100)
    assert fb["interactions"] == 9 + 12
    assert masto["views"] is None  # Mastodon tells no views: empty, not 0
    assert masto["likes"] == 2  # the newest read with counters (24 h was refused)
    assert [t["id"] for t in v["eng_top"]] == [2, 1, 3]
    assert v["eng_total"]["interactions"] == 24
    why = {a["account"]: a.get("why") for a in v["eng_accounts"]}
    assert why == {"fb": None, "masto": None, "tg": "tidak tersedia di API Bot",
                   "x": "tidak dikumpulkan (collect = false)"}  # fmt: skip
    bars = [r.bar for r in v["eng_chart"].rects if r.bar]
    assert bars == ["2 facebook", "2 mastodon", "1 facebook"]  # article 2 has most


def test_the_page_shows_them_escaped_in_both_languages() -> None:
    for lang, words in (("id", "Posting dengan tanggapan terbanyak"), ("en", "Top posts")):
        inp = ReportInput(START, END, WIB, posts=POSTS, articles=ARTICLES, lang=lang)
        inp.engagement, inp.engagement_off = ROWS, OFF
        page = render(build(inp))
        assert words in page
        assert page.count("data-top-post=") == 3
        assert "<b>Teks</b>" not in page and "&lt;b&gt;Teks&lt;/b&gt;" in page
        assert "Jembatan &lt;Sukamaju&gt;" in page
        assert 'href="https://example.social/p/2"' in page and "javascript:" not in page
        assert ("not available in the Bot API" in page) == (lang == "en")


def test_no_counters_yet_says_so() -> None:
    inp = ReportInput(START, END, WIB, posts=POSTS[:1], articles=ARTICLES)
    page = render(build(inp))
    assert "Belum ada angka publik yang terkumpul" in page
    assert "data-top-post=" not in page
