"""The web workspace's templates and static files are package data: every one of them is
matched by pyproject.toml's patterns, so an installed (not editable) sosmed has its pages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import sosmed

PACKAGE = Path(sosmed.__file__).parent
REPO = PACKAGE.parents[1]


def test_every_template_and_static_file_is_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["sosmed"]
    files = [
        p.relative_to(PACKAGE)
        for folder in ("web/templates", "web/static")
        for p in (PACKAGE / folder).rglob("*")
        if p.is_file()
    ]
    assert len(files) >= 5
    matched = {p.relative_to(PACKAGE) for pat in patterns for p in PACKAGE.glob(pat)}
    left_out = [str(f) for f in files if f not in matched]
    assert left_out == []
