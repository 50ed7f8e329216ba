"""The log's fast path stays driver-only: importing it loads neither SQLAlchemy nor the ORM."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import sosmed.store.fast_log
print(" ".join(sorted(m for m in ("sqlalchemy", "sqlmodel", "sosmed.models", "sosmed.store.core")
                      if m in sys.modules)))
"""


def test_the_fast_log_path_imports_no_sqlalchemy() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == []
