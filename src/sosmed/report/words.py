"""The monthly report's words (Indonesian; English from the catalogue) and its outcome groups."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sosmed.i18n import LANGUAGES, N_, in_language

GROUPS = ("published", "failed", "missed", "in_doubt", "cancelled", "retracted", "waiting")
# Shown only in a period that has such posts.
OPTIONAL = ("retracted", "waiting")
_GROUP_OF = {"needs_review": "in_doubt"} | {g: g for g in GROUPS[:-1]}

# Each text in Indonesian; its English comes from the catalogue (locale/en).
_TEXT: dict[str, str] = {
    "title": N_("Laporan media sosial"),
    "summary": N_("{published} terbit di {channels} untuk {articles}."),
    "attempts": N_("{attempts} tercatat; {retries} di antaranya diulang."),
    "u_post": N_("posting"),
    "u_channel": N_("kanal"),
    "u_article": N_("berita"),
    "u_attempt": N_("kali pengiriman"),
    "empty": N_("Tidak ada posting pada periode ini."),
    "empty_hint": N_("Posting yang dijadwalkan dan diterbitkan akan muncul di sini."),
    "account_note": N_("Hanya akun {account}."),
    "published": N_("Terbit"),
    "failed": N_("Gagal"),
    "missed": N_("Terlewat"),
    "in_doubt": N_("Perlu dicek"),
    "cancelled": N_("Dibatalkan"),
    "waiting": N_("Menunggu"),
    "action": N_("Perlu tindakan"),
    "no_action": N_("Tidak ada yang perlu ditindaklanjuti."),
    "totals": N_("Jumlah per akun"),
    "account": N_("Akun"),
    "platform": N_("Platform"),
    "total": N_("Jumlah"),
    "chart_daily": N_("Posting terbit per hari"),
    "chart_outcomes": N_("Hasil posting"),
    "weekend_note": N_("Kolom abu-abu: Sabtu dan Minggu. Angka di atas batang: jumlah posting."),
    "n_published": N_("{n} terbit"),
    "articles": N_("Berita yang diliput"),
    "untitled": N_("(tanpa judul)"),
    "view_post": N_("lihat posting"),
    "error": N_("Pesan"),
    "generated": N_("Dibuat {when} oleh sosmed."),
    "retracted": N_("Ditarik"),
    "engagement": N_("Tanggapan publik"),
    "eng_note": N_(
        "Angka terakhir yang terbaca dari tiap platform (1 jam, 24 jam atau 7 hari setelah "
        "terbit). Interaksi: suka, komentar dan bagikan."
    ),
    "eng_none": N_("Belum ada angka publik yang terkumpul untuk posting periode ini."),
    "eng_none_yet": N_("belum terkumpul"),
    "eng_unavailable": N_("tidak tersedia"),
    "no_bot_api": N_("tidak tersedia di API Bot"),
    "not_collected": N_("tidak dikumpulkan (collect = false)"),
    "eng_platforms": N_("Tanggapan per platform"),
    "eng_accounts": N_("Tanggapan per akun"),
    "top_posts": N_("Posting dengan tanggapan terbanyak"),
    "chart_engagement": N_("Interaksi per berita, per platform"),
    "likes": N_("Suka"),
    "comments": N_("Komentar"),
    "shares": N_("Bagikan"),
    "views": N_("Tayangan"),
    "interactions": N_("Interaksi"),
    "n_posts": N_("Posting"),
    "spend": N_("Biaya X (bayar per pemakaian)"),
    "spend_amount": N_("Biaya"),
    "held_budget": N_(
        "ditahan: anggaran bulanan akun ini habis; berangkat bulan depan atau bila anggaran "
        "dinaikkan"
    ),
    "spend_budget": N_("Anggaran bulanan"),
    "spend_note": N_(
        "Harga X per {date}: posting $0.015, posting dengan tautan $0.20, baca $0.005."
    ),
}
LANGS = LANGUAGES


class _Words(Mapping[str, dict[str, str]]):
    """``STRINGS[lang][key]``: the report's words in its own language, read from the catalogue
    when asked (the report's language need not be the one this process speaks)."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGS:
            raise KeyError(lang)
        return {k: in_language(v, lang) for k, v in _TEXT.items()}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


STRINGS = _Words()
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
