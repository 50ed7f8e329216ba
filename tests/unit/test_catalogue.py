"""The message catalogue: every ``_("…")`` in src/sosmed has its English, and the compiled
catalogues are the current ones (``scripts/catalogue --check``); the check itself fails on a
message without English, on a ``_()`` of something else than a literal, and on a stale .mo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "catalogue"
EN = Path("src/sosmed/locale/en/LC_MESSAGES/sosmed.po")
LIBRARY = Path("src/sosmed/locale/id/LC_MESSAGES/messages.po")


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "catalogue"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_every_message_has_its_english_and_the_mo_files_are_compiled() -> None:
    r = _run(REPO, "--check")
    assert r.returncode == 0, r.stderr


def _project(tmp_path: Path, code: str) -> Path:
    """A copy of the script and the catalogues beside a package of one module."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / "catalogue")
    for po in (EN, LIBRARY):
        (tmp_path / po.parent).mkdir(parents=True)
        shutil.copy(REPO / po, tmp_path / po)
        shutil.copy(REPO / po.with_suffix(".mo"), tmp_path / po.with_suffix(".mo"))
    (tmp_path / "src/sosmed/words.py").write_text(code)
    return tmp_path


def test_a_message_without_english_fails_until_it_is_written_and_compiled(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, 'from sosmed.i18n import _\nsaid = _("Berita baru masuk.")\n')
    r = _run(root, "--check")
    assert r.returncode == 1
    assert "src/sosmed/words.py:2: no English for 'Berita baru masuk.'" in r.stderr
    r = _run(root)  # extracting appends the message, with an empty msgstr, at the end
    assert r.returncode == 1 and "no English for 'Berita baru masuk.'" in r.stderr
    po = (root / EN).read_text()
    assert po.startswith((REPO / EN).read_text())
    assert po.rstrip().endswith('msgid "Berita baru masuk."\nmsgstr ""')
    (root / EN).write_text(po.rstrip()[: -len('msgstr ""')] + 'msgstr "A new article came in."\n')
    r = _run(root, "--check")
    assert r.returncode == 1 and "sosmed.mo is not the compiled .po" in r.stderr
    assert _run(root).returncode == 0
    assert _run(root, "--check").returncode == 0


def test_english_must_keep_the_placeholders_and_messages_must_be_literals(
    tmp_path: Path,
) -> None:
    code = (
        "from sosmed.i18n import _\n"
        "n = 2\n"
        'a = _(f"{n} berita")\n'
        'b = _("Tampilkan versi lalu keluar.")\n'
    )
    root = _project(tmp_path, code)
    r = _run(root, "--check")
    assert r.returncode == 1
    assert "src/sosmed/words.py:3: _() takes one string literal" in r.stderr
    po = (root / EN).read_text()
    (root / EN).write_text(
        po.replace('msgstr "Print the version and exit."', 'msgstr "Print version {v}."')
    )
    assert _run(root).returncode == 1
    r = _run(root, "--check")
    assert "the English of 'Tampilkan versi lalu keluar.' names other placeholders" in r.stderr
