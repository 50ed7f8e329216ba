"""The monthly report built from posts in memory: escaping, redaction, charts, totals, reasons,
thumbnails, the empty month and both languages."""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from sosmed.attempts import LogRow
from sosmed.log.periods import month_bounds
from sosmed.models import Article, Post
from sosmed.report.build import ReportInput, build, render, safe_url
from sosmed.report.charts import daily_chart, day_list, outcome_chart
from sosmed.report.thumbnails import post_thumbnails, thumbnail

WIB = ZoneInfo("Asia/Jakarta")
START, END = month_bounds(2026, 11, WIB)
SECRET = "EAABwzLixnjYBOabcdefghijklmnopqrstu"
EVIL = "<script>alert(1)</script><b>Judul</b>"


def post(pid: int, status: str, day: int, account: str = "humas-fb", **kw: object) -> Post:
    platform = {"humas-fb": "facebook", "humas-x": "x", "kanal-tg": "telegram"}[account]
    at = datetime(2026, 11, day, 1, 0, tzinfo=UTC)
    return Post(
        id=pid,
        article_id=kw.pop("article_id", 1),  # type: ignore[arg-type]
        account=account,
        platform=platform,
        text=kw.pop("text", f"Teks posting {pid}"),  # type: ignore[arg-type]
        status=status,
        scheduled_at=at,
        published_at=at if status == "published" else None,
        remote_url=kw.pop("remote_url", f"https://{platform}.example/p/{pid}"),  # type: ignore[arg-type]
        **kw,
    )


def attempt(pid: int, outcome: str, cls: str | None, message: str | None) -> LogRow:
    at = datetime(2026, 11, 5, tzinfo=UTC)
    return LogRow(
        pid, pid, "humas-fb", "facebook", "publish", 1, "w", at, at, outcome, None, cls, message,
        None, None,
    )  # fmt: skip


def article(
    aid: int, title: str | None, url: str | None = "https://kab.example.go.id/b/1"
) -> Article:
    return Article(id=aid, title=title, url=url, content_hash=str(aid), source="url")


def sample(lang: str = "id") -> ReportInput:
    posts = [
        post(1, "published", 3),
        post(2, "published", 3, "humas-x"),
        post(3, "published", 4, "humas-x", article_id=2),
        post(4, "failed", 5, article_id=2),
        post(5, "in_doubt", 6, "kanal-tg", article_id=2),
        post(6, "missed", 7, "humas-x", article_id=2),
        post(7, "cancelled", 7, "kanal-tg"),
    ]
    last = {
        4: attempt(4, "failed", "AuthError", f"token expired access_token={SECRET}"),
        5: attempt(5, "in_doubt", "InDoubt", "read timed out"),
    }
    arts = {1: article(1, EVIL), 2: article(2, "Jembatan baru", "javascript:alert(1)")}
    return ReportInput(START, END, WIB, posts, arts, last, {"published": 3, "retry": 2}, lang=lang)


def test_everything_from_articles_is_escaped_and_no_script_is_emitted() -> None:
    html = render(build(sample()))
    assert EVIL not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Judul&lt;/b&gt;" in html
    assert "<script" not in html.lower()
    assert 'href="javascript:' not in html  # an unsafe article URL is shown unlinked


def test_secrets_in_stored_errors_are_redacted() -> None:
    html = render(build(sample()))
    assert SECRET not in html
    assert "access_token=***" in html


def test_totals_and_outcome_groups() -> None:
    view = build(sample())
    c = view["counts"]
    assert (c["published"], c["failed"], c["in_doubt"], c["missed"], c["cancelled"]) == (
        3, 1, 1, 1, 1,
    )  # fmt: skip
    by_account = {r["account"]: r["total"] for r in view["rows"]}
    assert by_account == {"humas-fb": 2, "humas-x": 3, "kanal-tg": 2}
    assert view["summary"] == "3 posting terbit di 3 kanal untuk 2 berita."


def test_failures_are_explained_and_grouped_for_action() -> None:
    view = build(sample("en"))
    reasons = {a["reason"]: a["count"] for a in view["actions"]}
    assert reasons == {
        "renew the Facebook Page token (sosmed accounts check)": "1 post",
        "check the account and settle with sosmed resolve": "1 post",
        "too late (max_lateness); reschedule if still useful": "1 post",
    }
    assert view["summary"] == "3 posts went out on 3 channels for 2 articles."


def test_charts_draw_one_bar_per_figure() -> None:
    view = build(sample())
    daily = [r.bar for r in view["daily"].rects if r.bar]
    assert sorted(daily) == ["facebook 2026-11-03", "x 2026-11-03", "x 2026-11-04"]
    outcomes = [r.bar for r in view["outcomes"].rects if r.bar]
    assert outcomes == ["published", "failed", "missed", "in_doubt", "cancelled"]
    html = render(view)
    assert len(re.findall(r"<rect [^>]*data-bar=", html)) == 8


def test_bars_scale_with_their_figure_and_stay_inside_the_chart() -> None:
    days = day_list(START, END, WIB)
    assert len(days) == 30 and days[0].day == 1 and days[-1].day == 30
    chart = daily_chart({"x": Counter({days[0]: 1, days[1]: 4})}, days, "en")
    bars = [r for r in chart.rects if r.bar]
    assert bars[1].h == pytest.approx(4 * bars[0].h)
    assert all(r.x >= 0 and r.x + r.w <= chart.width and r.y >= 0 for r in bars)
    oc = outcome_chart(Counter({"published": 9, "failed": 1}), "en")
    widths = {r.bar: r.w for r in oc.rects}
    assert widths["published"] == pytest.approx(9 * widths["failed"])


def test_english_and_indonesian_strings() -> None:
    en, id_ = render(build(sample("en"))), render(build(sample("id")))
    assert "Social media report" in en and "November 2026" in en and "Needs action" in en
    assert "Laporan media sosial" in id_ and "Perlu tindakan" in id_ and "Terbit" in id_
    assert "WIB" in en and "WIB" in id_


def test_an_empty_month_is_a_short_clear_page() -> None:
    html = render(build(ReportInput(START, END, WIB, lang="en")))
    assert "No posts in this period." in html
    assert '<svg class="chart"' not in html and "data-bar" not in html
    assert len(html) < 8000


def test_only_http_links() -> None:
    assert safe_url("https://x.example/p/1") == "https://x.example/p/1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url(f"https://g.example/?access_token={SECRET}") == (
        "https://g.example/?access_token=***"
    )


def test_thumbnails_are_small_embedded_jpegs_and_missing_files_are_skipped(tmp_path: Path) -> None:
    Image.new("RGB", (1200, 900), (0, 90, 200)).save(tmp_path / "a.png")
    (tmp_path / "broken.jpg").write_bytes(b"not an image")
    uri = thumbnail(tmp_path / "a.png")
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as im:
        assert im.format == "JPEG" and max(im.size) <= 112
    posts = [
        post(1, "published", 3, photos=[{"path": "missing.jpg"}, {"path": "a.png"}]),
        post(2, "published", 3, photos=[{"path": "broken.jpg"}]),
        post(3, "published", 3, photos=[]),
    ]
    thumbs = post_thumbnails(posts, [tmp_path])
    assert set(thumbs) == {1}
    html = render(build(ReportInput(START, END, WIB, posts, {1: article(1, "A")}, thumbs=thumbs)))
    assert html.count("data:image/jpeg;base64,") == 1


def test_long_texts_are_cut_and_times_are_local() -> None:
    long = post(1, "published", 3, text="kata " * 200)
    html = render(build(ReportInput(START, END, WIB, [long], {1: article(1, "A")})))
    assert "…" in html and html.count("kata") < 100
    assert "Selasa, 3 Nov 2026 08:00 WIB" in html
