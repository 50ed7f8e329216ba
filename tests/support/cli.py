"""The installed ``sosmed`` command, run as a real process with a home of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SOSMED = str(Path(sys.executable).parent / "sosmed")


def run_cli(
    home: Path,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SOSMED_HOME": str(home), "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [SOSMED, *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
