"""Fixtures of the integration tests: a home that real `sosmed sandbox` processes write into."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.sandbox_process import SandboxProcess


@pytest.fixture
def sandbox_home(tmp_path: Path) -> Iterator[tuple[Path, Callable[..., SandboxProcess]]]:
    """The home, and ``start(**options)``: a sandbox process configuring its accounts there.
    Every sandbox started is stopped after the test."""
    home = tmp_path / "home"
    home.mkdir()
    procs: list[SandboxProcess] = []

    def start(**kw: Any) -> SandboxProcess:
        sb = SandboxProcess(home, **kw)
        procs.append(sb)
        return sb

    yield home, start
    for p in procs:
        p.stop()
