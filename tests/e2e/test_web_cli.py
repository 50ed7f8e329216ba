"""`sosmed web` as a person starts it: a real process serving the login page on loopback, its
signing key made once with mode 0600, and a warning when it listens beyond loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from tests.support.cli import SOSMED

from sosmed.settings import Settings

pytestmark = pytest.mark.timeout(60)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(home: Path, *args: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "SOSMED_HOME": str(home)}
    proc = subprocess.Popen(
        [SOSMED, "web", "--port", str(port), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, port


def wait_up(url: str, proc: subprocess.Popen[str]) -> requests.Response:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"sosmed web ended: {proc.communicate()}")
        try:
            return requests.get(url, timeout=2, allow_redirects=False)
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("sosmed web did not answer")


def stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    proc.terminate()
    out, err = proc.communicate(timeout=20)
    return out, err


def test_web_serves_the_login_page_with_a_key_of_its_own(settings: Settings, home: Path) -> None:
    proc, port = serve(home)
    try:
        answer = wait_up(f"http://127.0.0.1:{port}/status", proc)
        assert answer.status_code == 303 and answer.headers["location"].startswith("/masuk")
        login = requests.get(f"http://127.0.0.1:{port}/masuk", timeout=5)
        assert login.status_code == 200 and "Kata sandi" in login.text
    finally:
        out, err = stop(proc)
    key = home / "web-secret.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_text().strip()) == 64
    assert f"http://127.0.0.1:{port}/" in out
    assert "users add" in err  # nobody can sign in yet: it says how to add someone
    assert "bukan loopback" not in err


def test_web_beyond_loopback_says_to_put_tls_in_front(settings: Settings, home: Path) -> None:
    proc, port = serve(home, "--host", "0.0.0.0")
    try:
        wait_up(f"http://127.0.0.1:{port}/masuk", proc)
    finally:
        _out, err = stop(proc)
    assert "bukan loopback" in err and "TLS" in err


def test_a_port_in_use_is_one_line_and_exit_2(settings: Settings, home: Path) -> None:
    from tests.support.cli import run_cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = run_cli(home, "web", "--port", str(port), timeout=30)
    assert done.returncode == 2, done.stderr
    assert f"127.0.0.1:{port} tidak bisa didengar" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
