"""A post's history in the reader's words: each audit code (sosmed/audit_notes.py) and each
attempt put into the language of whoever reads it, not of whoever acted.

Rows stored before codes are free text and are shown as they were written.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sosmed.audit_notes import read_note
from sosmed.i18n import N_, _
from sosmed.state_words import label, outcome_label, problem_label

# What each action is called; an action not listed shows as its code.
ACTIONS = {
    "compose": N_("disusun"),
    "recompose": N_("disusun ulang"),
    "approve": N_("disetujui"),
    "edit": N_("diubah"),
    "alt": N_("teks alt diubah"),
    "cancel": N_("dibatalkan"),
    "retry": N_("dikirim ulang"),
    "unschedule": N_("dikeluarkan dari jadwal"),
    "restore": N_("dikembalikan ke draf"),
    "schedule": N_("dijadwalkan"),
    "publish_now": N_("diterbitkan sekarang"),
    "resolve": N_("ditetapkan petugas"),
    "retract": N_("ditarik"),
    "attempt:publish": N_("percobaan kirim"),
    "attempt:reconcile": N_("pemeriksaan ulang"),
    "attempt:sweep": N_("diambil alih"),
    "attempt:check": N_("pemeriksaan akun"),
    "attempt:retract": N_("penghapusan"),
    "attempt:reply": N_("balasan berisi tautan"),
    "person": N_("orang"),
}
# Each code's words; its parameters fill the placeholders.
NOTES = {
    "composed": N_("status {status}"),
    "at_compose": N_("saat disusun"),
    "edited": N_("{before} → {after} karakter"),
    "was": N_("sebelumnya {status}"),
    "retry": N_("{was} → terjadwal {at}"),
    "unscheduled": N_("jadwal semula {at}"),
    "restored": N_("dibatalkan → draf"),
    "at": N_("pada {at}"),
    "resolved": N_("tayang di {url}"),
    "not_published": N_("tidak tayang → {status}"),
    "reason": N_("alasan: {reason}"),
    "alt": N_("foto {photo}: {before} → {after}"),
    "deleted_article": N_("berita {article} ({title}) dihapus dengan {posts} post"),
    "person_added": N_("{name} ditambahkan sebagai {role}"),
    "person_role": N_("peran {name}: {before} → {after}"),
    "person_disabled": N_("{name} dinonaktifkan"),
    "person_enabled": N_("{name} diaktifkan lagi"),
    "person_password": N_("kata sandi {name} diganti"),
}
# Parameters that hold a role's code, shown in the reader's word.
ROLE_PARAMS = ("role", "before", "after")


def action_words(action: str) -> str:
    return _(ACTIONS[action]) if action in ACTIONS else action


def note_words(detail: str | None, tz: tzinfo) -> str | None:
    """A stored detail as the reader reads it: a code in words, free text as written."""
    found = read_note(detail)
    if found is None:
        return local_times(detail, tz) if detail else None
    code, params = found
    if code == "attempt":
        return _attempt(params, tz)
    if code == "resolved" and "url" not in params:
        code = "not_published"
    for key in ("at",):
        if isinstance(params.get(key), str):
            params[key] = local_times(params[key], tz)
    for key in ("was", "status"):  # a state's code in the reader's word
        if isinstance(params.get(key), str):
            params[key] = label(params[key])
    if code.startswith("person_"):
        for key in ROLE_PARAMS:
            if isinstance(params.get(key), str):
                params[key] = _(params[key])
    if code == "alt":
        params["before"] = params.get("before") or "—"
    words = _(NOTES[code]).format_map(_Missing(params)) if code in NOTES else code
    extra = []
    if code == "composed" and params.get("problem"):
        extra.append(problem_label(str(params["problem"])))
    if code in ("edited", "alt") and params.get("was"):
        extra.append(_("{was} → draf").format(was=params["was"]))
    return "; ".join([words, *extra])


def _attempt(params: dict[str, Any], tz: tzinfo) -> str:
    from sosmed.log.reasons import explain

    outcome = params.get("outcome")
    said = [outcome_label(str(outcome)) if outcome else _("belum selesai")]
    why = explain(outcome, params.get("error"), params.get("message"), params.get("platform", ""))
    if why:
        said.append(why)
    said += [str(params[k]) for k in ("message", "url") if params.get(k)]
    return " — ".join(said)


class _Missing(dict[str, Any]):
    # A parameter an older or newer code lacks shows as "—", not as a KeyError.
    def __missing__(self, key: str) -> str:
        return "—"


def local_times(detail: str, tz: tzinfo) -> str:
    """ISO UTC times inside ``detail`` (a schedule's slot) in the office's zone."""
    import re

    from sosmed.timefmt import short_form

    iso = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\+00:00"
    return re.sub(iso, lambda m: short_form(datetime.fromisoformat(m.group()), tz), detail)
