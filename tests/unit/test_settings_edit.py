"""One account option changed in sosmed.toml: the rest of the file as the office wrote it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sosmed.errors import ConfigError
from sosmed.settings_edit import set_account_option

CONFIG = """\
# Konfigurasi Humas Kabupaten
[[accounts]]
name = "x_humas"   # akun utama
platform = "x"
options = { access = "pay-per-use" }

[[accounts]]
name = "x_dinas"
platform = "x"
"""


def test_an_option_is_set_in_an_inline_table_or_a_new_one_and_comments_stay(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sosmed.toml"
    path.write_text(CONFIG)
    path.chmod(0o640)
    set_account_option(path, "x_humas", "monthly_budget_usd", 25)
    set_account_option(path, "x_dinas", "monthly_budget_usd", 2.5)
    text = path.read_text()
    assert text.startswith("# Konfigurasi Humas Kabupaten\n")
    assert 'name = "x_humas"   # akun utama' in text
    accounts = tomllib.loads(text)["accounts"]
    assert accounts[0]["options"] == {"access": "pay-per-use", "monthly_budget_usd": 25}
    assert accounts[1]["options"] == {"monthly_budget_usd": 2.5}
    assert path.stat().st_mode & 0o777 == 0o640
    assert not (tmp_path / "sosmed.toml.tmp").exists()


def test_an_unknown_account_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sosmed.toml"
    path.write_text(CONFIG)
    with pytest.raises(ConfigError, match="x_kominfo"):
        set_account_option(path, "x_kominfo", "monthly_budget_usd", 5)
    assert path.read_text() == CONFIG
