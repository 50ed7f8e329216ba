"""Secrets: the environment or the home's 0600 file; never argv; never printed.

``set-secret`` runs as the installed command, fed by a pipe and by a terminal (a real pty).
"""

from __future__ import annotations

import os
import pty
import select
import stat
import subprocess
import time
import tomllib
from pathlib import Path

import pytest
from tests.support.cli import SOSMED, run_cli
from tests.support.config import write_config

from sosmed.errors import ConfigError
from sosmed.redact import redact
from sosmed.settings import Settings, secret_env_name, write_secret

ACCOUNTS = [
    {"name": "x-humas", "platform": "x"},
    {"name": "tg_humas", "platform": "telegram", "options": {"chat_id": "@humas"}},
]
VALUE = "tg-Secret-Value-7f3a9c1e5b2d"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    write_config(h, {"accounts": ACCOUNTS})
    return h


def test_environment_first_then_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.load(home)
    write_secret(settings, "x-humas", "access_token", "from-the-file-0001")
    assert Settings.load(home).secret("x-humas", "access_token") == "from-the-file-0001"
    name = secret_env_name("x-humas", "access_token")
    assert name == "SOSMED_X_HUMAS_ACCESS_TOKEN"
    monkeypatch.setenv(name, "from-the-env-0002")
    assert Settings.load(home).secret("x-humas", "access_token") == "from-the-env-0002"
    # Every secret handed out is masked from then on.
    assert redact("token from-the-env-0002 and from-the-file-0001") == "token *** and ***"


def test_missing_secret_says_how_to_set_it(home: Path) -> None:
    with pytest.raises(ConfigError) as err:
        Settings.load(home).secret("tg_humas", "bot_token")
    message = str(err.value)
    assert "SOSMED_TG_HUMAS_BOT_TOKEN" in message and "set-secret tg_humas bot_token" in message


@pytest.mark.parametrize("mode", [0o640, 0o644, 0o604, 0o660, 0o666, 0o610])
def test_secrets_file_readable_by_others_is_refused(home: Path, mode: int) -> None:
    path = home / "secrets.toml"
    path.write_text('[tg_humas]\nbot_token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"\n')
    path.chmod(mode)
    with pytest.raises(ConfigError) as err:
        Settings.load(home).secret("tg_humas", "bot_token")
    assert f"chmod 600 {path}" in str(err.value) and f"{mode:o}" in str(err.value)


def test_refused_secrets_file_through_the_command_line(home: Path) -> None:
    path = home / "secrets.toml"
    path.write_text('[tg_humas]\nbot_token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"\n')
    path.chmod(0o644)
    r = run_cli(home, "accounts", "check", "tg_humas")
    assert r.returncode != 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and f"chmod 600 {path}" in lines[0], r.stderr
    assert "ABCdef" not in r.stderr + r.stdout


def test_0600_file_is_read(home: Path) -> None:
    path = home / "secrets.toml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b'[tg_humas]\nbot_token = "ok-token-0600"\n')
    os.close(fd)
    assert Settings.load(home).secret("tg_humas", "bot_token") == "ok-token-0600"


def test_set_secret_takes_no_value_from_argv(home: Path) -> None:
    r = run_cli(home, "accounts", "set-secret", "tg_humas", "bot_token", VALUE)
    assert r.returncode == 2 and "argumen berlebih" in r.stderr.lower()
    assert not (home / "secrets.toml").exists()
    # The command has two arguments and no option that could carry the value.
    import typer.main

    from sosmed.cli.main import make_app

    accounts = typer.main.get_command(make_app()).commands["accounts"]  # type: ignore[attr-defined]
    params = accounts.commands["set-secret"].params
    assert [p.name for p in params if p.param_type_name == "argument"] == ["account", "field"]
    assert [p.name for p in params if p.param_type_name == "option"] in ([], ["help"])


def test_set_secret_from_stdin_writes_0600(home: Path) -> None:
    (home / "secrets.toml").touch(mode=0o600)
    run_cli(home, "accounts", "set-secret", "x-humas", "access_token", stdin=b"x-first-0001\n")
    # A umask that would leave the file open to everyone changes nothing.
    r = subprocess.run(
        [SOSMED, "--home", str(home), "accounts", "set-secret", "tg_humas", "bot_token"],
        input=VALUE + "\n",
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0),
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    path = home / "secrets.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = tomllib.loads(path.read_text())
    assert data == {"x-humas": {"access_token": "x-first-0001"}, "tg_humas": {"bot_token": VALUE}}
    assert VALUE not in r.stdout + r.stderr
    assert not list(home.glob("*.tmp"))
    assert Settings.load(home).secret("tg_humas", "bot_token") == VALUE


@pytest.mark.parametrize(
    ("args", "stdin", "code", "says"),
    [
        (("tg_humas", "bot_token"), b"\n", 2, "rahasia kosong"),
        (("tg_humas", "access_token"), b"v-0001\n", 2, "memakai rahasia bot_token"),
        (("nobody", "bot_token"), b"v-0001\n", 2, "tidak ada akun bernama 'nobody'"),
    ],
)
def test_set_secret_refusals_write_nothing(
    home: Path, args: tuple[str, str], stdin: bytes, code: int, says: str
) -> None:
    r = run_cli(home, "accounts", "set-secret", *args, stdin=stdin)
    assert r.returncode == code and says in r.stderr, r.stderr
    assert not (home / "secrets.toml").exists()


def test_set_secret_prompt_does_not_echo(home: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: sosmed on a terminal
        os.execvpe(
            SOSMED,
            [SOSMED, "--home", str(home), "accounts", "set-secret", "tg_humas", "bot_token"],
            {**os.environ, "COLUMNS": "200"},
        )
    # Click prints "tg_humas bot_token:", then getpass turns echo off (flushing what was
    # typed so far) and prints the prompt's last space: type only after that space.
    seen = _read_until(fd, b"bot_token: ")
    assert b"bot_token: " in seen, seen
    os.write(fd, VALUE.encode() + b"\r")
    seen += _read_until(fd, b"saved")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert VALUE.encode() not in seen, "the secret was echoed"
    assert tomllib.loads((home / "secrets.toml").read_text())["tg_humas"]["bot_token"] == VALUE


def _read_until(fd: int, marker: bytes, timeout: float = 30) -> bytes:
    out, end = b"", time.monotonic() + timeout
    while marker not in out and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out
