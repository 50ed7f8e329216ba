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
    word = WORDS.get(str(status))
    return _(word) if word else str(status)


def code(text: str) -> str | None:
    """The state a person named: its code, or its word in Indonesian or in the reader's
    language ("terjadwal", "needs review", "needs-review"); None when it names no state."""
    wanted = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    for state, word in WORDS.items():
        names = {state.replace("_", " "), word, _(word).lower()}
        if wanted in names:
            return state
    return None
