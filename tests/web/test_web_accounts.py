"""Akun (/akun): an admin sees which secrets each account has (never a value), saves a new
token, checks an account and sets an X budget; nobody else may."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.config import make_home
from tests.support.webapp import Workspace, start_workspace

from sosmed.settings import Settings

TOKEN = "tg-token-5511:AAHrahasiaSekali"


@pytest.fixture
def office_ws(tmp_path: Path) -> Workspace:
    settings: Settings = make_home(tmp_path / "home", allow_private_hosts=True)
    with start_workspace(settings) as ws:
        yield ws


def test_an_admin_saves_a_token_that_no_page_shows(office_ws: Workspace) -> None:
    admin = office_ws.login("admin")
    page = admin.get("/akun")
    assert page.status_code == 200 and "humas_telegram" in page.text
    assert 'href="/akun"' in page.text  # in an admin's menu
    saved = admin.post("/akun/humas_telegram/rahasia", data={"field": "bot_token", "value": TOKEN})
    assert saved.status_code == 303
    after = admin.get("/akun")
    assert "bot_token untuk humas_telegram disimpan" in after.text
    assert TOKEN not in after.text and "tersimpan" in after.text
    secrets = (office_ws.settings.home / "secrets.toml").read_text(encoding="utf-8")
    assert TOKEN in secrets
    assert (office_ws.settings.home / "secrets.toml").stat().st_mode & 0o077 == 0
    for path in ("/status", "/log", "/akun"):
        assert TOKEN not in admin.get(path).text


def test_bad_secrets_and_budgets_are_one_message(office_ws: Workspace) -> None:
    admin = office_ws.login("admin")
    unknown = admin.post("/akun/humas_telegram/rahasia", data={"field": "nosuch", "value": "v"})
    assert unknown.status_code == 400 and "memakai rahasia bot_token" in unknown.text
    empty = admin.post("/akun/humas_telegram/rahasia", data={"field": "bot_token", "value": " "})
    assert empty.status_code == 400 and "kosong" in empty.text
    nobody = admin.post("/akun/tidak_ada/rahasia", data={"field": "bot_token", "value": "v"})
    assert nobody.status_code in (400, 404) and "tidak_ada" in nobody.text
    bad = admin.post("/akun/humas_x/anggaran", data={"usd": "banyak"})
    assert bad.status_code == 400
    assert not (office_ws.settings.home / "secrets.toml").exists()


def test_an_admin_sets_an_x_budget(office_ws: Workspace) -> None:
    admin = office_ws.login("admin")
    assert admin.post("/akun/humas_x/anggaran", data={"usd": "25"}).status_code == 303
    config = (office_ws.settings.home / "sosmed.toml").read_text(encoding="utf-8")
    assert "monthly_budget_usd" in config and "25" in config
    assert "anggaran bulanan humas_x: $25" in admin.get("/akun").text


def test_a_check_says_what_the_platform_answered(office_ws: Workspace) -> None:
    admin = office_ws.login("admin")
    # No token stored: the check fails before any request, and says so in one line.
    done = admin.post("/akun/humas_telegram/periksa")
    assert done.status_code == 303
    assert "humas_telegram: gagal" in admin.get("/akun").text


def test_only_an_admin_manages_accounts(office_ws: Workspace) -> None:
    for role in ("staf", "penyetuju"):
        client = office_ws.login(role)
        assert client.get("/akun").status_code == 403
        refused = client.post("/akun/humas_x/anggaran", data={"usd": "999"})
        assert refused.status_code == 403
        assert 'href="/akun"' not in client.get("/status").text
    assert "999" not in (office_ws.settings.home / "sosmed.toml").read_text(encoding="utf-8")
