"""Reading an article file, refused by its size before anything heavy is loaded or read."""

from __future__ import annotations

from pathlib import Path

from sosmed.errors import InputError

MAX_INPUT_BYTES = 5_000_000

__all__ = ["MAX_INPUT_BYTES", "read_file"]


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path} is {size:,} bytes; the limit is {MAX_INPUT_BYTES:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not an article file") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read (permission denied)") from None
