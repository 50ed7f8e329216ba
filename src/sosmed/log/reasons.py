"""Why an attempt did not simply publish, in plain words with what a person should do.

Shared by the log's table and exports and by the monthly report. Keys are the attempt's
outcome where it says enough by itself, else a reason read from the error class and message.
"""

from __future__ import annotations

from sosmed.attempts import AttemptOutcome as O
from sosmed.i18n import N_, in_language
from sosmed.platforms.names import platform_title

# Each explanation in Indonesian; its English comes from the catalogue where it is shown.
REASONS: dict[str, str] = {
    "auth": N_("perbarui token {platform} (sosmed accounts check)"),
    "rate_limited": N_("kena batas kiriman; dicoba lagi setelah batas pulih"),
    "duplicate": N_("ditolak karena dianggap duplikat"),
    "in_doubt": N_("periksa akun lalu tetapkan dengan sosmed resolve"),
    "missed": N_("terlambat (melewati max_lateness); jadwalkan ulang bila masih berguna"),
    "rejected": N_("ditolak oleh {platform}; perbaiki posting lalu jadwalkan lagi"),
    "no_right": N_(
        "bot tidak boleh mengirim ke kanal; jadikan bot admin kanal dengan hak "
        "mengirim pesan (sosmed accounts check), lalu jadwalkan lagi"
    ),
    "transient": N_("gangguan sementara di {platform}; dicoba lagi"),
    "gave_up": N_("gagal setelah berkali-kali dicoba; jadwalkan lagi nanti"),
    "stale": N_("diabaikan: ditulis oleh proses yang masa sewanya habis"),
    "reconciled_published": N_("ternyata sudah terbit di {platform}"),
    "reconciled_absent": N_("tidak ada di {platform}; dijadwalkan lagi"),
    "resolved_published": N_("ditetapkan petugas: sudah terbit"),
    "resolved_absent": N_("ditetapkan petugas: tidak terbit"),
    "pending": N_("belum ada hasil (sedang dikirim atau terputus)"),
    "failed": N_("gagal; lihat pesan galat"),
    "retract_manual": N_("tidak dihapus oleh sosmed: hapus sendiri di alamat yang disebut"),
    "retract_failed": N_("belum terhapus; jalankan sosmed retract lagi setelah penyebabnya beres"),
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
        if "channel chat" in text or "bot bukan admin kanal" in text:
            # Telegram's own words, which the publisher keeps in the message (and, stored by
            # earlier versions, the Indonesian it put before them).
            return "no_right"
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
    lang: str | None = None,
) -> str:
    """The failure in plain words, with what a person should do ("" when nothing failed), in
    ``lang`` (a report's own language) or, by default, the language this process speaks."""
    key = reason_key(outcome, error_class, message)
    if key is None:
        return ""
    return in_language(REASONS[key], lang).format(platform=platform_name(platform))
