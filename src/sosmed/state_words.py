"""A post's state as people read it: one word of their language for each state.

The database, ``--json`` and the state graph keep the codes (``scheduled``); tables, previews
and pages show these words (``terjadwal``), and ``--status`` takes either. Pure.
"""

from __future__ import annotations

from sosmed.i18n import N_, _

WORDS: dict[str, str] = {
    "draft": N_("draf"),
    "approved": N_("disetujui"),
    "scheduled": N_("terjadwal"),
    "publishing": N_("sedang dikirim"),
    "published": N_("terbit"),
    "failed": N_("gagal"),
    "missed": N_("terlewat"),
    "in_doubt": N_("belum pasti"),
    "needs_review": N_("perlu diperiksa"),
    "cancelled": N_("dibatalkan"),
    "retracted": N_("ditarik"),
}


def label(status: str) -> str:
    """The state's word in the reader's language; an unknown code as it is."""
    return _said(WORDS, status)


def _said(words: dict[str, str], key: str) -> str:
    word = words.get(str(key))
    return _(word) if word else str(key)


def code(text: str) -> str | None:
    """The state a person named: its code, or its word in Indonesian or in the reader's
    language ("terjadwal", "needs review", "needs-review"); None when it names no state."""
    return _named(WORDS, text)


def _named(words: dict[str, str], text: str) -> str | None:
    wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    for key, word in words.items():
        if wanted in {key.replace("_", " "), word, _(word).lower()}:
            return key
    return None


# How an attempt ended, as the post log's "hasil" column says it (codes in --json and --csv).
OUTCOME_WORDS: dict[str, str] = {
    "published": N_("terbit"),
    "retry": N_("dicoba lagi"),
    "failed": N_("gagal"),
    "in_doubt": N_("belum pasti"),
    "reconciled_published": N_("terbit (dicocokkan)"),
    "reconciled_absent": N_("tak terbit (dicocokkan)"),
    "needs_review": N_("perlu diperiksa"),
    "missed": N_("terlewat"),
    "stale": N_("usang"),
    "abandoned": N_("tidak dikirim"),
    "resolved_published": N_("terbit (petugas)"),
    "resolved_absent": N_("tak terbit (petugas)"),
    "resolved_cancelled": N_("dibatalkan (petugas)"),
    "retracted": N_("ditarik"),
    "retract_manual": N_("hapus sendiri"),
    "retract_failed": N_("gagal ditarik"),
}


def outcome_label(outcome: str) -> str:
    """An attempt's outcome in the reader's language; an unknown code as it is."""
    return _said(OUTCOME_WORDS, outcome)


def outcome_code(text: str) -> str | None:
    """The outcome a person named, by its code or its word; None when it names none."""
    return _named(OUTCOME_WORDS, text)


# A post's ``problem`` is stored as a code (English words, the same in every office), with a
# detail after ": " for a text that did not fit; people read it through ``problem_label``.
TOO_LONG = "text over the limit"
NEEDS_PHOTO = "needs a photo"


def problem_label(problem: str) -> str:
    """Why a post cannot go out, in the reader's language."""
    if problem == NEEDS_PHOTO:
        return _("perlu foto")
    if problem.startswith(TOO_LONG):
        return _("teks melebihi batas") + problem[len(TOO_LONG) :]
    return problem


# How each platform counts a text's length: its name in --json (English, fixed), its word.
UNIT_NAMES = {
    "weighted": "weighted characters",
    "graphemes": "characters",
    "chars": "characters",
    "utf16": "UTF-16 units",
}
UNIT_WORDS = {
    "weighted": N_("karakter berbobot"),
    "graphemes": N_("karakter"),
    "chars": N_("karakter"),
    "utf16": N_("unit UTF-16"),
}


def unit_words(unit: str) -> str:
    """A unit (its code, or its name in :data:`UNIT_NAMES`) in the reader's language."""
    for code, name in UNIT_NAMES.items():
        if unit in (code, name):
            return _(UNIT_WORDS[code])
    return unit
