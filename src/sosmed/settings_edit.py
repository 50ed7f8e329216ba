"""Changing one account option in sosmed.toml in place: comments, order and layout kept
(tomlkit), the file replaced in one step, so that a running daemon rereads a whole file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.libwords import os_reason, toml_reason


def set_account_option(path: Path, account: str, key: str, value: Any) -> None:
    """Set ``options.<key>`` of the ``[[accounts]]`` table named ``account``."""
    import tomlkit

    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(
            _("{path} tidak dapat dibaca: {error}").format(path=path, error=os_reason(e))
        ) from None
    except tomlkit.exceptions.TOMLKitError as e:  # read by tomllib first: rarely reached
        raise ConfigError(
            _("{path} tidak dapat dibaca: {error}").format(path=path, error=toml_reason(e))
        ) from None
    tables = [t for t in doc.get("accounts", []) if t.get("name") == account]
    if len(tables) != 1:
        raise ConfigError(
            _("{path}: tidak ada satu akun bernama {account}").format(path=path, account=account)
        )
    options = tables[0].get("options")
    if options is None:
        options = tomlkit.inline_table()
        tables[0]["options"] = options
    options[key] = value
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
    os.chmod(tmp, path.stat().st_mode & 0o777)
    os.replace(tmp, path)
