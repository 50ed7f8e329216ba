"""Helpers for tests: a loopback web server whose pages a test sets, and the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sosmed.sandbox.core import Request, Response, Sandbox, route

SOSMED = str(Path(sys.executable).parent / "sosmed")


class WebServer:
    """A loopback web server whose answers a test sets path by path."""

    def __init__(self) -> None:
        self.sb = Sandbox()
        self.pages: dict[str, Callable[[Request], Response]] = {}
        self.hits: list[str] = []
        self.sb.add_routes([route(m, r"/.*", self._serve) for m in ("GET", "HEAD")])
        self.sb.start()

    @property
    def url(self) -> str:
        return self.sb.base_url

    def page(
        self,
        path: str,
        body: bytes | str,
        status: int = 200,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = lambda req: Response(
            status, data, {"Content-Type": ctype, **(headers or {})}
        )
        return self.url + path

    def handler(self, path: str, fn: Callable[[Request], Response]) -> str:
        self.pages[path] = fn
        return self.url + path

    def _serve(self, req: Request, _m: Any) -> Response:
        self.hits.append(req.path)
        fn = self.pages.get(req.path)
        return fn(req) if fn else Response(404, b"not found", {"Content-Type": "text/plain"})


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


def photo_entry(home: Path, base_url: str, name: str = "uji.jpg") -> dict[str, object]:
    """A square JPEG variant in the home's media folder, as Post.photos holds it."""
    import hashlib

    from PIL import Image

    path = home / "media" / "variants" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1080, 1080), (40, 110, 160)).save(path, quality=85)
    data = path.read_bytes()
    return {
        "path": str(path),
        "width": 1080,
        "height": 1080,
        "bytes": len(data),
        "alt": "Foto kegiatan",
        "sha256": hashlib.sha256(data).hexdigest(),
        "mime": "image/jpeg",
        "url": f"{base_url}/_media/{name}",
    }
