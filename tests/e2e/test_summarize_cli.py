"""``sosmed summarize`` through the installed command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "summary"
ARTICLE = FIXTURES / "hari_jadi.txt"
BATCH = FIXTURES / "articles.jsonl"


def _sosmed() -> str:
    beside = Path(sys.executable).with_name("sosmed")
    found = str(beside) if beside.exists() else shutil.which("sosmed")
    if not found:
        pytest.skip("the sosmed command is not installed")
    return found


def run(
    *args: str, stdin: str | None = None, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOSMED_HOME": str(home)} if home else dict(os.environ)
    return subprocess.run(
        [_sosmed(), "summarize", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def from_file(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return run("-n", "2", str(ARTICLE), home=tmp_path_factory.mktemp("home"))


def test_file_gives_body_sentences_one_per_line(
    from_file: subprocess.CompletedProcess[str],
) -> None:
    assert from_file.returncode == 0, from_file.stderr
    lines = from_file.stdout.splitlines()
    assert len(lines) == 2
    source = _flat(ARTICLE.read_text(encoding="utf-8"))
    for line in lines:
        assert line in source
        assert not re.search(r"Editor|Reporter|Dibaca|Teks foto|\(rls\)|Komentar", line)
    assert any("Hari Jadi ke-512 Bengkalis" in line for line in lines)


@pytest.mark.parametrize("how", [("-",), ()], ids=["dash", "no argument"])
def test_stdin(
    how: tuple[str, ...], from_file: subprocess.CompletedProcess[str], tmp_path: Path
) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    done = run("-n", "2", *how, stdin=text, home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == from_file.stdout.splitlines()


def test_jsonl_batch(tmp_path: Path) -> None:
    done = run("--jsonl", str(BATCH), "-n", "2", home=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in BATCH.read_text(encoding="utf-8").splitlines()]
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", 7]
    for rec, res in zip(records, out, strict=True):
        assert set(res) == {"id", "sentences"}
        assert len(res["sentences"]) == 2
        assert all(s in rec["text"] for s in res["sentences"])
    # The quotation in the first record is not among its two best sentences.
    assert not any(s.startswith("“") for s in out[0]["sentences"])


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("/no/such/article.txt",), None, "berkas tidak ada"),
        (("-",), "  \n\n ", "kosong"),
        (
            ("--jsonl", "-"),
            '{"id": 1, "text": "Banjir surut."}\nbukan json\n',
            ":2: bukan JSON yang sah",
        ),
        ((str(ARTICLE), "--jsonl", str(BATCH)), None, "jangan keduanya"),
    ],
    ids=["missing file", "empty stdin", "bad JSON line", "file and batch"],
)
def test_bad_input_is_one_error_line(
    args: tuple[str, ...], stdin: str | None, message: str, tmp_path: Path
) -> None:
    done = run(*args, stdin=stdin, home=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], done.stderr


def test_zero_sentences_is_a_usage_error(tmp_path: Path) -> None:
    done = run("-n", "0", str(ARTICLE), home=tmp_path)
    assert done.returncode != 0 and done.stdout == ""
