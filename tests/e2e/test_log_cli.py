"""``sosmed log`` and ``sosmed report`` through the installed command, on a month of history."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from tests.support.cli import SOSMED, run_cli
from tests.support.config import write_config
from tests.support.month_history import (
    ACCOUNTS,
    EVIL_TITLE,
    FB_TOKEN,
    SPECIAL,
    Seeded,
    seed_month,
)

from sosmed.attempts import LogFilter
from sosmed.cli.postlog import log_grid
from sosmed.cli.tables import render
from sosmed.log.export import write_csv
from sosmed.log.rows import log_cells
from sosmed.settings import Settings
from sosmed.store import Store


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seeded]:
    h = tmp_path_factory.mktemp("home")
    accounts = [{"name": n, "platform": p} for n, p in ACCOUNTS.items()]
    settings = write_config(h, {"timezone": "Asia/Jakarta", "accounts": accounts})
    store = Store.open_url(settings.database_url)
    seeded = seed_month(store, settings.media_dir)
    store.close()
    return h, seeded


@pytest.fixture
def home(history: tuple[Path, Seeded]) -> Path:
    return history[0]


def test_log_shows_local_time_outcome_link_and_redacted_error(
    history: tuple[Path, Seeded],
) -> None:
    home, seeded = history
    r = run_cli(home, "log")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any("WIB" in line and "humas-fb" in line for line in lines)
    assert "https://facebook.example/p/" in r.stdout
    assert "perbarui token Facebook Page" in r.stdout
    assert FB_TOKEN not in r.stdout and "access_token=***" in r.stdout
    assert lines[0].split()[:5] == ["waktu", "post", "akun", "platform", "hasil"]
    times = [line[:16] for line in lines[1:]]
    assert len(times) == seeded.attempts and all(t.startswith("2026-11-") for t in times)
    assert times == sorted(times, reverse=True)  # newest first


def test_log_limit_says_there_is_more(home: Path) -> None:
    r = run_cli(home, "log", "--limit", "3")
    assert r.returncode == 0
    assert r.stdout.count(" WIB") == 3
    assert "3 terbaru yang ditampilkan" in r.stderr


def test_json_export_of_one_account_any_case(home: Path) -> None:
    r = run_cli(home, "log", "--json", "--account", "HUMAS-FB")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {row["account"] for row in rows} == {"humas-fb"}
    assert len(rows) == 12
    assert all(row["zone"] == "WIB" and row["time"].endswith("+07:00") for row in rows)
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)  # oldest first
    assert FB_TOKEN not in r.stdout


def test_csv_export_filtered_by_status_and_date(history: tuple[Path, Seeded]) -> None:
    home, seeded = history
    r = run_cli(home, "log", "--csv", "--status", "failed")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == sum(
        1 for kind in SPECIAL.values() if kind in ("auth", "duplicate", "rejected")
    )
    assert {row["reason"] for row in rows} >= {
        "ditolak karena dianggap duplikat",
        "perbarui token Facebook Page (sosmed accounts check)",
    }
    every = list(csv.DictReader(io.StringIO(run_cli(home, "log", "--csv").stdout)))
    assert len(every) == seeded.attempts
    later = run_cli(home, "log", "--csv", "--since", "2026-11-20")
    assert 0 < len(list(csv.DictReader(io.StringIO(later.stdout)))) < len(every)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "--since 'yesterday': tulis rentang seperti 30m"),
        (["--status", "exploded"], "--status 'exploded': pilih salah satu dari terbit, dicoba"),
        (["--json", "--csv"], "pilih salah satu"),
    ],
)
def test_log_bad_input_is_one_clear_line(home: Path, args: list[str], message: str) -> None:
    r = run_cli(home, "log", *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("status", ["abandoned", "resolved-cancelled"])
def test_log_filters_by_every_outcome_the_log_holds(home: Path, status: str) -> None:
    r = run_cli(home, "log", "--json", "--status", status)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []  # none in this month's history, and no refusal


def test_report_writes_the_page_and_prints_its_path(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "nov.html"
    r = run_cli(home, "report", "--month", "2026-11", "--out", str(out), "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out.resolve())
    html = out.read_text(encoding="utf-8")
    assert "Social media report" in html and "November 2026" in html
    assert EVIL_TITLE not in html and "&lt;script&gt;" in html
    assert html.count("data:image/jpeg;base64,") > 40  # thumbnails from the media folder
    assert FB_TOKEN not in html


def test_report_default_name_in_the_current_directory(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "SOSMED_HOME": str(home)}
    r = subprocess.run(
        [SOSMED, "report", "--month", "2026-02", "--account", "humas-x"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    page = tmp_path / "laporan-2026-02.html"
    assert r.stdout.strip() == str(page)
    assert "Tidak ada posting pada periode ini." in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month '2026-13': tulis tahun dan bulan seperti 2026-11"),
        (["--month", "2026-11", "--since", "30d"], "pilih salah satu"),
        (["--since", "soon"], "--since 'soon'"),
        (["--lang", "fr"], "--lang 'fr': pilih salah satu dari id, en"),
    ],
)
def test_report_bad_input(home: Path, args: list[str], message: str, tmp_path: Path) -> None:
    r = run_cli(home, "report", *args, "--out", str(tmp_path / "x.html"))
    assert r.returncode == 2
    assert message in r.stderr
    assert not (tmp_path / "x.html").exists()


# What a command imports, seen from inside the installed entry point's process.
IMPORTS = """
import runpy, sys
sys.argv = ["sosmed", *sys.argv[1:]]
try:
    from sosmed.cli.main import main
    main()
except SystemExit:
    pass
finally:
    sys.stdout.flush()
    print("\\nLOADED", *sorted(m for m in ("sqlalchemy", "sqlmodel", "trafilatura", "requests")
          if m in sys.modules), file=sys.stderr)
"""


def _loaded(home: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    import sys

    r = subprocess.run(
        [sys.executable, "-c", IMPORTS, "--home", str(home), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=60,
    )
    line = [ln for ln in r.stderr.splitlines() if ln.startswith("LOADED")][-1]
    return r, set(line.split()[1:])


@pytest.mark.parametrize(
    ("args", "f"),
    [((), LogFilter()), (("--status", "failed"), LogFilter(outcome="failed")), (("--csv",), None)],
)
def test_log_reads_the_database_without_the_orm(
    home: Path, args: tuple[str, ...], f: LogFilter | None
) -> None:
    """`sosmed log` starts fast: the driver alone reads the log, the rows the store reads."""
    r, loaded = _loaded(home, "log", *args)
    assert r.returncode == 0, r.stderr
    assert loaded == set(), loaded
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    try:
        if f is None:
            expected = io.StringIO()
            write_csv(store.iter_log(LogFilter()), settings.tz, expected)
            assert r.stdout == expected.getvalue()
        else:
            header, body = render(log_grid(log_cells(store.log_rows(f, 200), settings.tz)), 200)
            assert r.stdout.splitlines() == [header, *body]
    finally:
        store.close()


def test_log_on_a_new_home_goes_through_the_store(tmp_path: Path) -> None:
    # No database yet: the store creates it (and the schema) and the log is empty.
    write_config(tmp_path, {})
    r, loaded = _loaded(tmp_path, "log")
    assert r.returncode == 0, r.stderr
    assert "log post masih kosong" in r.stdout
    assert "sqlalchemy" in loaded and (tmp_path / "sosmed.db").is_file()


@pytest.mark.postgres
def test_log_on_postgres_reads_through_the_driver(tmp_path: Path, pg_schema_url: str) -> None:
    accounts = [{"name": n, "platform": p} for n, p in ACCOUNTS.items()]
    settings = write_config(
        tmp_path, {"timezone": "Asia/Jakarta", "accounts": accounts, "database_url": pg_schema_url}
    )
    store = Store.open_url(settings.database_url)
    seed_month(store, settings.media_dir)
    newest = store.log_rows(LogFilter(), 5)
    store.close()
    r, loaded = _loaded(tmp_path, "log", "--limit", "5")
    assert r.returncode == 0, r.stderr
    assert "sqlalchemy" not in loaded, loaded
    lines = r.stdout.strip().splitlines()[1:]
    assert [int(line.split()[3]) for line in lines] == [row.post_id for row in newest]
    exported = list(csv.DictReader(io.StringIO(run_cli(tmp_path, "log", "--csv").stdout)))
    assert len(exported) >= len(newest) and exported[-1]["id"] == str(newest[0].id)
