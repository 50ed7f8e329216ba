"""The key that signs the workspace's session cookies: made once, kept in the home (0600)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = "web-secret.key"


def secret_key(home: Path) -> str:
    """The home's signing key, made (64 random hex digits, readable by its owner only) when
    there is none. Two processes making it at once keep the first one written."""
    path = home / KEY_FILE
    try:
        key = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 32:
        return key
    home.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip() or fresh
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(fresh + "\n")
    return fresh
