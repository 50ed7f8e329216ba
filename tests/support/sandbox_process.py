"""`sosmed sandbox` as a real process, and edits to the config it writes."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.support.cli import SOSMED


class SandboxProcess:
    """`sosmed sandbox` as a real process, with a config for its six accounts in ``home``."""

    def __init__(
        self,
        home: Path,
        fault_rate: float = 0.0,
        faults: str = "",
        seed: int = 1,
        hang_seconds: float = 2.0,
        quotas: bool = False,
        slow: tuple[str, ...] = (),
        public: tuple[str, ...] = (),
    ) -> None:
        import time
        import tomllib

        import requests

        self.home = home
        config = home / "sosmed.toml"
        self.proc = subprocess.Popen(
            [
                SOSMED,
                "--home",
                str(home),
                "sandbox",
                "--port",
                "0",
                "--config-out",
                str(config),
                "--force",
                "--fault-rate",
                str(fault_rate),
                "--faults",
                faults,
                "--seed",
                str(seed),
                "--hang-seconds",
                str(hang_seconds),
                "--quotas" if quotas else "--no-quotas",
                *(arg for rule in slow for arg in ("--slow", rule)),
                *(arg for prefix in public for arg in ("--public-url", prefix)),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if config.exists() and (home / "secrets.toml").exists():
                try:
                    data = tomllib.loads(config.read_text())
                    self.url = data["accounts"][0]["api_base"]
                    requests.get(self.url + "/_health", timeout=2).raise_for_status()
                    return
                except (KeyError, ValueError, OSError, requests.RequestException):
                    pass
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"sandbox exited: {self.proc.stderr.read() if self.proc.stderr else ''}"
                )
            time.sleep(0.1)
        raise RuntimeError("sandbox did not start")

    def ledger(self) -> list[dict[str, Any]]:
        import requests

        return list(requests.get(self.url + "/_ledger", timeout=10).json())

    def set_faults(self, rate: float = 0.0, spec: str = "", seed: int | None = None) -> None:
        import requests

        r = requests.post(
            self.url + "/_faults", json={"rate": rate, "spec": spec, "seed": seed}, timeout=5
        )
        r.raise_for_status()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def tune_config(
    home: Path, daemon: dict[str, Any], timeout: float = 1.0, database_url: str | None = None
) -> None:
    """Edit the sandbox config: daemon keys, each account's request timeout, the database."""
    import tomllib

    import tomli_w

    path = home / "sosmed.toml"
    data = tomllib.loads(path.read_text())
    data.setdefault("daemon", {}).update(daemon)
    for acc in data["accounts"]:
        acc["timeout"] = timeout
    if database_url:
        data["database_url"] = database_url
    path.write_bytes(tomli_w.dumps(data).encode())
