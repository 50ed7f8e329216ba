"""The CLI's tables: what gives way when a line is too long, and what never does."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from sosmed.cli.tables import Column, Grid, Kind, cut, render, wrap_message

TIME = "2026-12-07 23:30 WITA"
WORDS = "Bupati Bengkalis meresmikan jembatan desa sepanjang 45 meter di Sungai Alam " * 3
ACCOUNT = "humas_pemerintah_kabupaten_bengkalis_provinsi_riau"


def _queue(*rows: tuple[str, str, str, str]) -> Grid:
    grid = Grid(
        [
            Column("id", Kind.ID),
            Column("waktu", Kind.TIME),
            Column("akun"),
            Column("status", min_width=12),
            Column("teks", Kind.TEXT),
        ]
    )
    for row in rows:
        grid.add_row(*row)
    return grid


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_ids_and_times_stay_whole_and_lines_fit(width: int) -> None:
    grid = _queue(("12345", TIME, ACCOUNT, "needs_review", WORDS), ("7", TIME, "x", "draft", "ok"))
    header, body = render(grid, width)
    rows = [line for line in body if TIME in line]  # the words may go under their row
    assert [line.split()[0] for line in rows] == ["12345", "7"]
    assert all(line.split()[1:4] == TIME.split() for line in rows)
    if width >= 60:  # below that the id and the time alone take the room
        assert max(cell_len(line) for line in [header, *body]) <= width
    assert sum("…" in line for line in body) >= 1 and "\n" not in "".join(body)


def test_text_takes_what_is_left_then_moves_under_its_row() -> None:
    grid = _queue(("1", TIME, ACCOUNT, "scheduled", WORDS))
    _, wide = render(grid, 120)
    assert len(wide) == 1 and wide[0].endswith("…") and len(wide[0]) == 120
    assert ACCOUNT[:15] + "…" in wide[0]  # a long label gives way first, to 16 columns
    _, narrow = render(grid, 60)
    assert len(narrow) == 2 and narrow[1].startswith("    Bupati") and len(narrow[1]) <= 60
    assert "scheduled" in narrow[0]


def test_short_rows_are_not_padded_or_cut() -> None:
    header, body = render(_queue(("3", TIME, "tg", "draft", "pendek")), 80)
    assert header == "id  waktu                  akun  status  teks"
    assert body == [f" 3  {TIME}  tg    draft   pendek"]


def test_lines_cells_show_each_value_whole() -> None:
    grid = Grid([Column("platform"), Column("rahasia", Kind.LINES)])
    grid.add_row("x", ["consumer_key", "access_token_secret"])
    _, body = render(grid, 40)
    assert body == ["x         consumer_key", "          access_token_secret"]
    _, narrow = render(grid, 20)  # the label gives way; the secret's name never does
    assert narrow[1].endswith(" access_token_secret")


def test_wrap_cells_wrap_under_themselves() -> None:
    grid = Grid([Column("waktu", Kind.TIME), Column("apa", Kind.WRAP)])
    grid.add_row(TIME, WORDS)
    _, body = render(grid, 60)
    assert len(body) > 3 and all(len(line) <= 60 for line in body)
    assert " ".join(" ".join(line.split()) for line in body).endswith(WORDS.strip()[-20:])
    assert all(line.startswith(" " * 23) for line in body[1:])


def test_sections_name_days_and_empty_ones() -> None:
    grid = _queue()
    grid.section("Senin, 7 Desember 2026", "tidak ada post")
    grid.section("Selasa, 8 Desember 2026", "tidak ada post")
    grid.add_row("9", TIME, "tg", "scheduled", "kabar")
    _, body = render(grid, 80)
    assert body[:4] == ["Senin, 7 Desember 2026", "  tidak ada post", "", "Selasa, 8 Desember 2026"]
    assert body[4].startswith(" 9  ")


def test_cut_counts_terminal_cells() -> None:
    assert cut("Jembatan 橋梁 baru", 12) == "Jembatan 橋…"
    assert cell_len(cut("🎉" * 10, 7)) <= 7
    assert cut("pendek", 10) == "pendek"


def test_messages_wrap_around_whole_commands() -> None:
    text = "post 12 terlewat waktunya — kirim ulang: sosmed retry 12 --by NAMA (atau batalkan)"
    lines = wrap_message(text, 50)
    assert any("sosmed retry 12 --by NAMA" in line for line in lines)
    assert all(len(line) <= 50 for line in lines) and lines[1].startswith("    ")


def test_a_secret_is_hidden_before_it_is_cut(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import StringIO

    from rich.console import Console

    from sosmed.cli.tables import show

    monkeypatch.setenv("COLUMNS", "80")
    token = "EAAG" + "x9" * 40
    grid = _queue(("1", TIME, "fb", "failed", f"access_token={token} refused by the platform"))
    show(grid, Console(file=StringIO()))
    out = capsys.readouterr().out
    assert "EAAGx9" not in out and "access_token=***" in out
    assert "─" not in out and "\x1b" not in out  # not a terminal: plain text


def test_a_retried_post_says_so_before_its_words() -> None:
    from datetime import UTC, datetime

    from sosmed.cli.scheduling import _retry_note
    from sosmed.models import Post

    when = datetime(2030, 1, 7, 1, tzinfo=UTC)
    post = Post(article_id=1, account="x", platform="x", text="t", status="scheduled")
    assert _retry_note(post) == ""
    post.next_try_at, post.attempts = when, 3
    assert _retry_note(post) == "(dicoba lagi; sudah 3×) "
