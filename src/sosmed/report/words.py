"""The monthly report's words, in Indonesian and English, and the outcome groups it counts."""

from __future__ import annotations

from collections.abc import Mapping

GROUPS = ("published", "failed", "missed", "in_doubt", "cancelled", "retracted", "waiting")
# Shown only in a period that has such posts.
OPTIONAL = ("retracted", "waiting")
_GROUP_OF = {"needs_review": "in_doubt"} | {g: g for g in GROUPS[:-1]}

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
    "retracted": ("Ditarik", "Retracted"),
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
    "engagement": ("Tanggapan publik", "Public engagement"),
    "eng_note": (
        "Angka terakhir yang terbaca dari tiap platform (1 jam, 24 jam atau 7 hari setelah "
        "terbit). Interaksi: suka, komentar dan bagikan.",
        "The latest figures read from each platform (1 hour, 24 hours or 7 days after "
        "publishing). Interactions: likes, comments and shares.",
    ),
    "eng_none": (
        "Belum ada angka publik yang terkumpul untuk posting periode ini.",
        "No public figures collected yet for this period's posts.",
    ),
    "eng_none_yet": ("belum terkumpul", "not collected yet"),
    "eng_unavailable": ("tidak tersedia", "not available"),
    "no_bot_api": ("tidak tersedia di API Bot", "not available in the Bot API"),
    "not_collected": ("tidak dikumpulkan (collect = false)", "not collected (collect = false)"),
    "eng_platforms": ("Tanggapan per platform", "Engagement per platform"),
    "eng_accounts": ("Tanggapan per akun", "Engagement per account"),
    "top_posts": ("Posting dengan tanggapan terbanyak", "Top posts"),
    "chart_engagement": ("Interaksi per berita, per platform", "Interactions per article"),
    "likes": ("Suka", "Likes"),
    "comments": ("Komentar", "Comments"),
    "shares": ("Bagikan", "Shares"),
    "views": ("Tayangan", "Views"),
    "interactions": ("Interaksi", "Interactions"),
    "n_posts": ("Posting", "Posts"),
    "spend": ("Biaya X (bayar per pemakaian)", "X costs (pay-per-use)"),
    "spend_amount": ("Biaya", "Cost"),
    "held_budget": (
        "ditahan: anggaran bulanan akun ini habis; berangkat bulan depan atau bila anggaran "
        "dinaikkan",
        "held: the account's monthly budget is spent; goes next month or when it is raised",
    ),
    "spend_budget": ("Anggaran bulanan", "Monthly budget"),
    "spend_note": (
        "Harga X per {date}: posting $0.015, posting dengan tautan $0.20, baca $0.005.",
        "X's prices as of {date}: post $0.015, post with a link $0.20, read $0.005.",
    ),
}
LANGS = ("id", "en")
STRINGS = {lang: {k: v[i] for k, v in _TEXT.items()} for i, lang in enumerate(LANGS)}
# Beside the words, so that a black and white print still tells the groups apart.
SYMBOLS = dict(zip(GROUPS, ("✓", "✗", "!", "?", "–", "⊘", "…"), strict=True))


def count(n: int, unit: str, lang: str) -> str:
    """'3 posting' / '1 post', '3 posts' (Indonesian nouns do not inflect)."""
    word = STRINGS[lang][unit]
    return f"{n} {word}" if lang == "id" or n == 1 else f"{n} {word}s"


def shown(counts: Mapping[str, int]) -> list[str]:
    """The groups a report shows: every one, but the optional ones only when they occur."""
    return [g for g in GROUPS if g not in OPTIONAL or counts.get(g)]


def group_of(status: str) -> str:
    """The report's outcome group of a post status (queued ones are "waiting")."""
    return _GROUP_OF.get(status, "waiting")
