"""Why an attempt did not simply publish, in plain words with what a person should do.

Shared by the log's table and exports and by the monthly report. Keys are the attempt's
outcome where it says enough by itself, else a reason read from the error class and message.
"""

from __future__ import annotations

from sosmed.attempts import AttemptOutcome as O
from sosmed.platforms.names import platform_title

REASONS: dict[str, dict[str, str]] = {
    "en": {
        "auth": "renew the {platform} token (sosmed accounts check)",
        "rate_limited": "rate limited; retried after the reset",
        "duplicate": "rejected as duplicate",
        "in_doubt": "check the account and settle with sosmed resolve",
        "missed": "too late (max_lateness); reschedule if still useful",
        "rejected": "rejected by {platform}; edit the post and schedule it again",
        "no_right": "the bot may not post in the channel; make it a channel admin that may "
        "post messages (sosmed accounts check), then schedule the post again",
        "transient": "temporary error at {platform}; retried",
        "gave_up": "gave up after repeated errors; schedule it again later",
        "stale": "ignored: written by an expired lease",
        "reconciled_published": "found on {platform} after an unclear send: published",
        "reconciled_absent": "not on {platform} after an unclear send: scheduled again",
        "resolved_published": "settled by a person: published",
        "resolved_absent": "settled by a person: not published",
        "pending": "no result recorded yet (in flight or interrupted)",
        "failed": "failed; see the error",
        "retract_manual": "not deleted by sosmed: delete it by hand at the address shown",
        "retract_failed": "not deleted yet; run sosmed retract again once the cause is fixed",
    },
    "id": {
        "auth": "perbarui token {platform} (sosmed accounts check)",
        "rate_limited": "kena batas kiriman; dicoba lagi setelah batas pulih",
        "duplicate": "ditolak karena dianggap duplikat",
        "in_doubt": "periksa akun lalu tetapkan dengan sosmed resolve",
        "missed": "terlambat (melewati max_lateness); jadwalkan ulang bila masih berguna",
        "rejected": "ditolak oleh {platform}; perbaiki posting lalu jadwalkan lagi",
        "no_right": "bot tidak boleh mengirim ke kanal; jadikan bot admin kanal dengan hak "
        "mengirim pesan (sosmed accounts check), lalu jadwalkan lagi",
        "transient": "gangguan sementara di {platform}; dicoba lagi",
        "gave_up": "gagal setelah berkali-kali dicoba; jadwalkan lagi nanti",
        "stale": "diabaikan: ditulis oleh proses yang masa sewanya habis",
        "reconciled_published": "ternyata sudah terbit di {platform}",
        "reconciled_absent": "tidak ada di {platform}; dijadwalkan lagi",
        "resolved_published": "ditetapkan petugas: sudah terbit",
        "resolved_absent": "ditetapkan petugas: tidak terbit",
        "pending": "belum ada hasil (sedang dikirim atau terputus)",
        "failed": "gagal; lihat pesan galat",
        "retract_manual": "tidak dihapus oleh sosmed: hapus sendiri di alamat yang disebut",
        "retract_failed": "belum terhapus; jalankan sosmed retract lagi setelah penyebabnya beres",
    },
}

_SETTLED = {
    O.stale,
    O.reconciled_published,
    O.reconciled_absent,
    O.resolved_published,
    O.resolved_absent,
}
_DOUBT = {O.in_doubt, O.needs_review}


def platform_name(platform: str) -> str:
    """The platform as people know it (its class's ``title``)."""
    return platform_title(platform)


def reason_key(outcome: str | None, error_class: str | None, message: str | None) -> str | None:
    """Which plain-words explanation fits an attempt (None: nothing to explain)."""
    if outcome in (O.published, O.retracted):
        return None  # the row's own message says who retracted it and why
    if outcome in (O.retract_manual, O.retract_failed):
        return outcome
    if outcome is None:
        return "pending"
    if outcome in _SETTLED:
        return outcome
    return _error_reason(outcome, error_class or "", (message or "").lower())


def _error_reason(outcome: str, error_class: str, text: str) -> str | None:
    if error_class == "AuthError" or ("token" in text and "expired" in text):
        return "auth"
    if error_class == "Rejected":
        if "bot bukan admin kanal" in text or "tidak boleh mengirim ke kanal" in text:
            return "no_right"  # the words the Telegram publisher gives such a refusal
        return "duplicate" if "duplicate" in text else "rejected"
    if outcome in _DOUBT or error_class in ("InDoubt", "CannotTell"):
        return "in_doubt"
    if outcome == O.missed:
        return "missed"
    if outcome == O.failed:
        return "gave_up" if error_class in ("RateLimited", "Transient") else "failed"
    if error_class == "RateLimited":
        return "rate_limited"
    if error_class == "Transient" or outcome == O.retry:
        return "transient"
    return None


def explain(
    outcome: str | None,
    error_class: str | None,
    message: str | None,
    platform: str,
    lang: str = "en",
) -> str:
    """The failure in plain words, with what a person should do ("" when nothing failed)."""
    key = reason_key(outcome, error_class, message)
    if key is None:
        return ""
    return REASONS[lang][key].format(platform=platform_name(platform))
