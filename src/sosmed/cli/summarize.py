"""``sosmed summarize``: an article's top sentences, from a text file, stdin or a JSONL batch."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.office.texts import body_paragraphs, summarize

# Larger input is refused before it is read: only an article's opening is summarised, and a
# batch of thousands of articles stays well under this.
MAX_INPUT_BYTES = 32 * 1024 * 1024
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Record:
    """One line of a JSONL batch."""

    id: Any
    text: str


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(
        "summarize",
        help=_("Cetak kalimat terpenting berita, satu per baris, menurut urutan dalam berita."),
    )(summarize_command)


def summarize_command(
    source: str | None = typer.Argument(
        None,
        metavar=_("BERKAS|-"),
        help=_("Berita dalam teks biasa; '-' atau tanpa apa-apa membaca stdin."),
    ),
    n: int = typer.Option(3, "-n", "--sentences", min=1, help=_("Berapa kalimat yang diambil.")),
    jsonl: str | None = typer.Option(
        None,
        "--jsonl",
        metavar=_("MASUK.jsonl"),
        help=_(
            'Sekaligus banyak: baris {"id","text"} masuk, baris {"id","sentences":[...]} '
            "keluar ('-' = stdin)."
        ),
    ),
) -> None:
    if jsonl is not None:
        if source is not None:
            raise InputError(_("berikan BERKAS atau --jsonl, jangan keduanya"))
        _write(json_lines(parse_jsonl(read_input(jsonl), _name(jsonl)), n))
        return
    source = source or "-"
    sentences = summarize(article_paragraphs(read_input(source), _name(source)), n)
    _write([_one_line(s) for s in sentences])


def read_input(source: str) -> str:
    """The UTF-8 text of a file, or of stdin for '-'."""
    name = _name(source)
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(source).open("rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(_("berkas tidak ada: {name}").format(name=source)) from None
    except OSError as e:
        raise InputError(
            _("{name} tidak bisa dibaca: {reason}").format(name=name, reason=os_reason(e))
        ) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            _("{name} lebih besar dari {mb} MB: terlalu panjang untuk dibaca").format(
                name=name, mb=MAX_INPUT_BYTES // 2**20
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("{name} bukan teks UTF-8").format(name=name)) from None


def article_paragraphs(text: str, name: str) -> list[str]:
    """The body paragraphs of a plain-text article (header, credits and page cruft left out)."""
    if not text.strip():
        raise InputError(_("{name} kosong: tidak ada berita untuk diringkas").format(name=name))
    return body_paragraphs(text) or split_paragraphs(text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs at blank lines; a text without blank lines has one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def parse_jsonl(text: str, name: str) -> list[Record]:
    """Every record of a batch, checked before any is summarised (a bad line stops the batch)."""
    records: list[Record] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            records.append(_record(line, f"{name}:{lineno}"))
    if not records:
        raise InputError(_("{name} tidak berisi satu baris data pun").format(name=name))
    return records


def _record(line: str, where: str) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(
            _("{where}: bukan JSON yang sah (kolom {column})").format(where=where, column=e.colno)
        ) from None
    if not isinstance(obj, dict) or "id" not in obj:
        raise InputError(_('{where}: seharusnya objek dengan "id" dan "text"').format(where=where))
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(_('{where}: "text" harus teks yang tidak kosong').format(where=where))
    return Record(obj["id"], text)


def json_lines(records: list[Record], n: int) -> list[str]:
    """One output line per record: its id and its summary sentences, verbatim."""
    out: list[str] = []
    for r in records:
        sentences = summarize(split_paragraphs(r.text), n)
        out.append(json.dumps({"id": r.id, "sentences": sentences}, ensure_ascii=False))
    return out


def _name(source: str) -> str:
    return "stdin" if source == "-" else source


def _one_line(sentence: str) -> str:
    # A sentence can span a line break of the source; one sentence per output line.
    return _LINE_BREAK.sub(" ", sentence)


def _write(lines: list[str]) -> None:
    # Article text is printed as it is: this command handles no secret to mask.
    sys.stdout.buffer.write("".join(line + "\n" for line in lines).encode("utf-8"))
    sys.stdout.buffer.flush()
