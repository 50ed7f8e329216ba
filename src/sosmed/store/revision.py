"""Which migration is the newest, without Alembic or SQLAlchemy: the everyday reads
(:mod:`sosmed.store.fast_posts`) serve only a database already at it."""

from __future__ import annotations

from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def head_revision() -> str:
    """The newest migration's id: its file name starts with it (0001_…, 0002_…)."""
    names = sorted(p.name for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    return names[-1].split("_", 1)[0]
