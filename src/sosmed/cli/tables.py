"""Tables a person reads, fitted to the terminal's width (80 columns when it is not a terminal).

Each column says what it holds, and that decides what gives way when the line is too long:

- ``ID`` (ids, counts, lengths) and ``TIME`` are never cut: a post's number and when it goes
  out are what a person acts on;
- ``LABEL`` (an account, a platform, a status) is cut with "…" to 16 columns when the line is
  too long, and shorter only once the words have no more to give;
- ``TEXT`` (a post's words, a title, an error) takes the room that is left, on one line, cut
  with "…"; when even that room is too small it moves to a line of its own under its row;
- ``WRAP`` (what happened to a post, in its history) takes the room that is left too, but wraps
  onto more lines instead of being cut: there the words are the point;
- ``LINES`` (secret names, options) shows each value whole on a line of its own.

On a terminal the header is bold and ruled; anywhere else (a file, a pipe) the same columns come
as plain aligned text, without colour or box characters, so grep and scripts read them.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from sosmed.redact import redact

GAP = 2  # spaces between columns
TEXT_MIN = 16  # below this a free-text column goes under its row
LABEL_CAP = 16  # a long label gives way to this before the words are cut
LABEL_MIN = 8  # a label is cut no shorter than this while the text can still move
LABEL_FLOOR = 4  # ... and no shorter than this at all
BELOW_INDENT = 4
DEFAULT_WIDTH = 80


class Kind(Enum):
    ID = "id"
    TIME = "time"
    LABEL = "label"
    TEXT = "text"
    WRAP = "wrap"
    LINES = "lines"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.LABEL
    # A LABEL is cut no shorter than this while the words can still move under the row; a
    # TEXT column narrower than this moves under its row.
    min_width: int | None = None


Cell = str | Sequence[str] | None


@dataclass
class Grid:
    """Rows under their columns, with optional section lines ("Senin, 7 Desember 2026")."""

    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    # (row index the section starts at, its title, the line shown when it has no rows)
    sections: list[tuple[int, str, str]] = field(default_factory=list)

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(list(cells))

    def section(self, title: str, empty: str = "") -> None:
        self.sections.append((len(self.rows), title, empty))


def one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def cut(value: str, width: int) -> str:
    """``value`` in at most ``width`` cells, ending in "…" when it was longer."""
    if cell_len(value) <= width:
        return value
    if width <= 0:
        return ""
    return set_cell_size(value, width - 1).rstrip() + "…"


def _lines_of(cell: Cell, kind: Kind) -> list[str]:
    if kind in (Kind.LINES, Kind.WRAP):
        items = cell.splitlines() if isinstance(cell, str) else list(cell or [])
        return [one_line(i) for i in items] or [""]
    text = cell if isinstance(cell, str) else ", ".join(cell or [])
    return [one_line(text)]


def _natural(grid: Grid, cells: list[list[list[str]]]) -> list[int]:
    widths = []
    for i, c in enumerate(grid.columns):
        values = [cell_len(line) for row in cells for line in row[i]]
        widths.append(max([cell_len(c.header), *values]))
    return widths


def _span(widths: list[int], shown: list[int]) -> int:
    return sum(widths[i] for i in shown) + GAP * max(0, len(shown) - 1)


def _shrink(widths: list[int], which: list[int], floors: list[int], excess: int) -> int:
    """Take up to ``excess`` cells from the widest of ``which``, none below its floor."""
    while excess > 0:
        open_ = [i for i in which if widths[i] > floors[i]]
        if not open_:
            break
        widest = max(open_, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def layout(grid: Grid, width: int) -> tuple[list[int], list[int], list[int]]:
    """(column widths, the columns on the row's line, the text columns moved under it)."""
    cells = [
        [_lines_of(c, col.kind) for c, col in zip(row, grid.columns, strict=True)]
        for row in grid.rows
    ]
    natural = _natural(grid, cells)
    every = list(range(len(grid.columns)))
    texts = [i for i in every if grid.columns[i].kind is Kind.TEXT]
    wraps = [i for i in every if grid.columns[i].kind is Kind.WRAP]
    labels = [i for i in every if grid.columns[i].kind is Kind.LABEL]
    text_min = [min(natural[i], c.min_width or TEXT_MIN) for i, c in enumerate(grid.columns)]
    label_min = [
        min(natural[i], max(c.min_width or LABEL_MIN, cell_len(c.header)))
        for i, c in enumerate(grid.columns)
    ]
    label_floor = [min(w, LABEL_FLOOR) for w in natural]

    label_cap = [max(m, min(w, LABEL_CAP)) for m, w in zip(label_min, natural, strict=True)]
    widths, shown = list(natural), every
    excess = _shrink(widths, labels, label_cap, _span(widths, shown) - width)
    excess = _shrink(widths, texts + wraps, text_min, excess)
    excess = _shrink(widths, labels, label_min, excess)
    if excess > 0 and texts:  # the words go under their row; the rest takes the line
        widths, shown = list(natural), [i for i in every if i not in texts]
        excess = _shrink(widths, wraps, text_min, _span(widths, shown) - width)
        excess = _shrink(widths, labels, label_min, excess)
    _shrink(widths, labels, label_floor, excess)
    return widths, shown, [i for i in texts if i not in shown]


def render(grid: Grid, width: int) -> tuple[str, list[str]]:
    """The header line and the body lines (section titles among them), plain text."""
    widths, shown, moved = layout(grid, width)
    header = _join([cut(grid.columns[i].header, widths[i]) for i in shown], widths, shown, grid)
    starts = [start for start, _, _ in grid.sections] + [len(grid.rows)]
    before: dict[int, list[str]] = {}
    for j, (start, title, empty) in enumerate(grid.sections):
        lines = before.setdefault(start, [])
        lines += [""] if lines or start > 0 else []
        if title:  # an untitled section is a blank line between groups of rows
            lines.append(cut(title, width))
        if empty and starts[j + 1] == start:
            lines.append(cut("  " + empty, width))
    body: list[str] = []
    for n in range(len(grid.rows) + 1):
        if n in before:
            body += before[n]
        if n == len(grid.rows):
            break
        row = grid.rows[n]
        cells = [_lines_of(c, col.kind) for c, col in zip(row, grid.columns, strict=True)]
        for i in shown:
            if grid.columns[i].kind is Kind.WRAP:
                cells[i] = [
                    piece
                    for line in cells[i]
                    for piece in textwrap.wrap(line, widths[i], break_long_words=True) or [""]
                ]
        height = max((len(cells[i]) for i in shown), default=1)
        for k in range(height):
            parts = [cut(cells[i][k], widths[i]) if k < len(cells[i]) else "" for i in shown]
            body.append(_join(parts, widths, shown, grid))
        for i in moved:
            if cells[i][0]:
                body.append(" " * BELOW_INDENT + cut(cells[i][0], width - BELOW_INDENT))
    return header, body


def _join(parts: list[str], widths: list[int], shown: list[int], grid: Grid) -> str:
    out = []
    for part, i in zip(parts, shown, strict=True):
        pad = widths[i] - cell_len(part)
        out.append(" " * pad + part if grid.columns[i].kind is Kind.ID else part + " " * pad)
    return (" " * GAP).join(out).rstrip()


def terminal_width(console: Console) -> int:
    """COLUMNS when set, else the terminal's width, else 80 (a file or a pipe)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    if console.is_terminal:
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return DEFAULT_WIDTH


def _redacted(cell: Cell) -> Cell:
    if cell is None or isinstance(cell, str):
        return redact(cell)
    return [redact(item) for item in cell]


def show(grid: Grid, console: Console) -> None:
    """Print ``grid`` fitted to the width: styled on a terminal, plain text elsewhere."""
    width = terminal_width(console)
    # Redacted before cutting: a secret cut short would no longer match what hides it.
    clean = Grid(grid.columns, [[_redacted(c) for c in row] for row in grid.rows], grid.sections)
    header, body = render(clean, width)
    if not console.is_terminal:
        sys.stdout.write("\n".join([header, *body]) + "\n")
        return
    titles = {cut(title, width) for _, title, _ in grid.sections}
    console.print(Text(header, style="bold"), soft_wrap=True)
    console.print(Text("─" * min(width, max(map(cell_len, [header, *body]))), style="dim"))
    for line in body:
        console.print(Text(line, style="bold" if line in titles else ""), soft_wrap=True)


def show_pairs(pairs: Sequence[tuple[str, str]], console: Console) -> None:
    """Name and value per line (a record, not a list); long values wrap under themselves."""
    width = terminal_width(console)
    key_width = max((cell_len(k) for k, _ in pairs), default=0)
    room = max(20, width - key_width - GAP)
    lines = []
    for key, value in pairs:
        chunks = textwrap.wrap(redact(value) or "—", room, break_long_words=True) or ["—"]
        lines.append(key + " " * (key_width - cell_len(key) + GAP) + chunks[0])
        lines += [" " * (key_width + GAP) + chunk for chunk in chunks[1:]]
    text = "\n".join(lines)
    if console.is_terminal:
        console.print(Text(text), soft_wrap=True)
    else:
        sys.stdout.write(text + "\n")


# A command in a message ("sosmed retry 12 --by NAMA"): kept on one line when wrapping.
_COMMAND = re.compile(r"sosmed(?: (?:[a-z][a-z-]*|\d+|--[a-z-]+|[A-Z]+))+")
_NBSP = "\u00a0"


def wrap_message(text: str, width: int, indent: int = 4) -> list[str]:
    """``text`` wrapped at words into ``width`` columns, later lines indented, each command
    it names whole on one line (so it can be copied as it is)."""
    glued = _COMMAND.sub(lambda m: m.group(0).replace(" ", _NBSP), one_line(text))
    lines = textwrap.wrap(
        glued,
        max(20, width),
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_NBSP, " ") for line in lines]
