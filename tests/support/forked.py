"""Many `sosmed` commands in one forked runner (tests/support/forkcli.py): each answer as a
separate process would give, at a fraction of the start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def run_forked(
    runs: list[dict[str, Any]], where: Path, preload: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Each run ({"args", "cwd", "env"}) answered with its code, stdout and stderr;
    ``preload``: modules imported once before the children fork."""
    (where / "cases.json").write_text(json.dumps(runs))
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    env["FORKCLI_PRELOAD"] = ",".join(preload)
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.forkcli", "cases.json", "results.json"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answers: list[dict[str, Any]] = json.loads((where / "results.json").read_text())
    return answers
