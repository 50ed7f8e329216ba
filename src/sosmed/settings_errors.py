"""How a mistake in sosmed.toml reads: the file, the key, and what is wrong with its value."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from sosmed.i18n import N_, _

# pydantic's own words for the mistakes people make in sosmed.toml, by error type; the rest
# are shown in pydantic's words.
_PYDANTIC = {
    "extra_forbidden": N_("kunci ini tidak dikenal"),
    "missing": N_("wajib diisi"),
    "int_type": N_("harus bilangan bulat"),
    "int_parsing": N_("harus bilangan bulat"),
    "float_type": N_("harus angka"),
    "float_parsing": N_("harus angka"),
    "bool_type": N_("harus true atau false"),
    "bool_parsing": N_("harus true atau false"),
    "string_type": N_("harus teks"),
    "list_type": N_("harus daftar [...]"),
    "dict_type": N_("harus tabel"),
    "model_type": N_("harus tabel"),
    "greater_than_equal": N_("harus paling sedikit {ge}"),
    "greater_than": N_("harus lebih dari {gt}"),
    "less_than_equal": N_("harus paling banyak {le}"),
    "literal_error": N_("harus salah satu dari: {expected}"),
}


def describe(err: ValidationError, path: Path) -> str:
    """The first mistake of ``err`` in sosmed.toml (``path``) as one line, in the words of
    the language people read, with how many more there are."""
    first = err.errors()[0]
    key = ".".join(str(p) for p in first["loc"]) or _("(tingkat atas)")
    msg = first["msg"].removeprefix("Value error, ")
    if first["type"] in _PYDANTIC:
        msg = _(_PYDANTIC[first["type"]]).format(**first.get("ctx", {}))
    more = _(" (dan {n} lagi)").format(n=err.error_count() - 1) if err.error_count() > 1 else ""
    return _("{path}: kunci '{key}': {message}").format(path=path, key=key, message=msg) + more
