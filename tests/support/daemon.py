"""`sosmed daemon` as a real process: one cycle, a long run, and driving a store to rest."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql
from tests.support.cli import SOSMED, run_cli
from tests.support.posts import posts_by_id

from sosmed.store import Store

OPEN = ("scheduled", "publishing", "in_doubt")


def daemon_once(
    home: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return run_cli(home, "daemon", "--once", env=env, timeout=timeout)


def start_daemon(home: Path, log: Path) -> subprocess.Popen[bytes]:
    """The daemon running on ``home``, its standard error in ``log``."""
    return subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon"], stdout=subprocess.DEVNULL, stderr=log.open("wb")
    )


def fast_forward(store: Store) -> None:
    """Let backoff, rate-limit and sweep-grace waits pass, as time would (no daemon runs)."""
    with store.engine.begin() as c:
        c.execute(
            sql("UPDATE post SET next_try_at = NULL WHERE status IN ('scheduled','in_doubt')")
        )
        c.execute(sql("UPDATE accountstate SET not_before = NULL"))


def settle(home: Path, store: Store, rounds: int = 20, env: dict[str, str] | None = None) -> None:
    """`daemon --once` until no post is open (every daemon stopped: skipping waits is safe)."""
    for _ in range(rounds):
        r = daemon_once(home, env)
        assert r.returncode == 0, r.stderr[-2000:]
        open_posts = [p.id for p in posts_by_id(store).values() if p.status in OPEN]
        if not open_posts:
            return
        fast_forward(store)
    raise AssertionError(f"posts still open after {rounds} rounds: {open_posts}")


def wait_for(what: str, cond: Callable[[], Any], seconds: float = 45, every: float = 0.2) -> Any:
    """Poll ``cond`` until it is truthy; a loaded machine gets the whole deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")
