"""The language of the ``sosmed`` command: Indonesian by default, everything a person reads
(help, the library's own words, usage errors, tables); English with ``--lang en``,
``SOSMED_LANG=en`` or an English locale, ``--lang`` winning over both.

Every case runs through ``forkcli`` (the entry point forked after one import, as the installed
command runs): a language chosen in one case must not leak into the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.config import write_config
from tests.support.forked import run_forked

# Words that only an English sentence or the library's untranslated words would bring.
ENGLISH = (
    " the ",
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "error:",
    "Show this",
    "Missing",
    "No such",
    "Invalid value",
    "Print ",
    "default:",
    "env var",
    "not a valid",
    "Did you mean",
    "never",
    "all well",
)
# Words that only the Indonesian would bring.
INDONESIAN = (
    "Pemakaian",
    "Opsi",
    "Perintah",
    "kesalahan:",
    "Tampilkan",
    "bawaan",
    "belum",
    "Daftar",
    "semua baik",
    "tidak ada",
    " dan ",
)
# No locale, no SOSMED_LANG: the default (tests/conftest.py pins SOSMED_LANG=id for the rest).
PLAIN = {"SOSMED_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
CASES = {
    "help": ["--help"],
    "posts help": ["posts", "--help"],
    "feeds help": ["feeds", "add", "--help"],
    "no such option": ["posts", "--bogus"],
    "not a number": ["preview", "abc"],
    "missing argument": ["preview"],
    "no such command": ["statu"],
    "extra argument": ["status", "lagi"],
    "status": ["status"],
}
ERRORS = ("no such option", "not a number", "missing argument", "no such command", "extra argument")
WAYS = {
    "--lang en": (["--lang", "en"], PLAIN),
    "SOSMED_LANG=en": ([], {**PLAIN, "SOSMED_LANG": "en"}),
    "LANG=en_US.UTF-8": ([], {**PLAIN, "LANG": "en_US.UTF-8"}),
}


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    """Each case in Indonesian (no choice) and in English (each way of asking for it)."""
    where = tmp_path_factory.mktemp("lang")
    home = where / "home"
    home.mkdir()
    write_config(home, {})
    runs, keys = [], []
    for way, (front, env) in {"default": ([], PLAIN), **WAYS}.items():
        for case, args in CASES.items():
            runs.append({"args": [*front, *args], "cwd": str(where), "env": _env(home, env)})
            keys.append((way, case))
    ask = {
        "middle": ["status", "--lang", "en"],
        "lang over env": ["--lang", "id", "status"],
        "bad lang": ["--lang", "fr", "status"],
        "sites": ["sites"],
        "sites en": ["--lang", "en", "sites"],
    }
    for case, args in ask.items():
        env = {**PLAIN, "SOSMED_LANG": "en"} if case == "lang over env" else PLAIN
        runs.append({"args": args, "cwd": str(where), "env": _env(home, env)})
        keys.append(("other", case))
    return dict(zip(keys, run_forked(runs, where), strict=True))


def _env(home: Path, env: dict[str, str]) -> dict[str, str]:
    return {**env, "SOSMED_HOME": str(home)}


def _text(answer: dict[str, Any]) -> str:
    return answer["stdout"] + answer["stderr"]


def _found(words: tuple[str, ...], text: str) -> list[str]:
    return [w for w in words if w in text]


@pytest.mark.parametrize("case", sorted(CASES))
def test_indonesian_by_default(answers: dict[Any, dict[str, Any]], case: str) -> None:
    text = _text(answers[("default", case)])
    assert text.strip()
    assert _found(ENGLISH, text) == [], text
    assert _found(INDONESIAN, text), text


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_english_when_asked(answers: dict[Any, dict[str, Any]], way: str, case: str) -> None:
    answer, default = answers[(way, case)], answers[("default", case)]
    text = _text(answer)
    assert answer["code"] == default["code"]
    assert _found(INDONESIAN, text) == [], text
    assert _found(ENGLISH, text), text


def test_the_help_pages_and_errors_say_it_in_words_a_person_knows(
    answers: dict[Any, dict[str, Any]],
) -> None:
    help_id = answers[("default", "help")]["stdout"]
    assert help_id.startswith("Pemakaian: sosmed [OPSI] PERINTAH [ARGUMEN]...")
    assert "--lang id|en" in help_id and "Opsi:" in help_id and "Perintah:" in help_id
    help_en = answers[("--lang en", "help")]["stdout"]
    assert help_en.startswith("Usage: sosmed [OPTIONS] COMMAND [ARGS]...")
    assert "Show this message and exit." in help_en
    for way in ("default", "--lang en"):
        for case in ERRORS:
            answer = answers[(way, case)]
            assert answer["code"] == 2 and answer["stdout"] == ""
            assert len(answer["stderr"].strip().splitlines()) == 1, answer["stderr"]
    said = answers[("default", "no such option")]["stderr"]
    assert said.strip() == "kesalahan: Tidak ada opsi --bogus. (lihat `sosmed posts --help`)"
    said = answers[("default", "no such command")]["stderr"]
    assert "Tidak ada perintah 'statu'. Mungkin maksudnya 'status'?" in said
    said = answers[("default", "extra argument")]["stderr"]
    assert said.startswith("kesalahan: Argumen berlebih: lagi (lihat `sosmed status --help`)")
    said = answers[("--lang en", "not a number")]["stderr"]
    assert said.startswith("error: Invalid value for 'ID': 'abc' is not a whole number.")


def test_the_status_table_speaks_the_language(answers: dict[Any, dict[str, Any]]) -> None:
    status = answers[("default", "status")]
    assert status["code"] == 0, status["stderr"]
    assert "tanda hidup daemon terakhir" in status["stdout"]
    assert "semua baik" in status["stdout"]
    assert "last daemon heartbeat" in answers[("SOSMED_LANG=en", "status")]["stdout"]


def test_lang_anywhere_on_the_line_and_over_the_environment(
    answers: dict[Any, dict[str, Any]],
) -> None:
    middle = answers[("other", "middle")]
    assert middle["code"] == 0 and "last daemon heartbeat" in middle["stdout"]
    chosen = answers[("other", "lang over env")]
    assert chosen["code"] == 0 and "tanda hidup daemon terakhir" in chosen["stdout"]
    bad = answers[("other", "bad lang")]
    assert bad["code"] == 2 and bad["stdout"] == ""
    assert bad["stderr"].strip() == "kesalahan: --lang fr: pilih salah satu dari id, en"


def test_brackets_in_a_message_are_printed_as_written(
    answers: dict[Any, dict[str, Any]],
) -> None:
    said = answers[("other", "sites")]
    assert said["code"] == 0
    assert said["stdout"].strip() == "Belum ada profil situs. Tambahkan [[sites]] di sosmed.toml."
    said = answers[("other", "sites en")]
    assert said["stdout"].strip() == "No site profiles yet. Add [[sites]] to sosmed.toml."
